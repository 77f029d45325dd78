#!/bin/sh
# neighbour.sh TOP WORKDIR — the gtsneighbour module, which calls every interface of
# gotosocial.if, compiles against the distribution's headers and links into a small store
# together with the gotosocial module. Fails if gotosocial.if gains an interface the
# neighbour does not call.
set -eu
top=${1:?usage: neighbour.sh TOP WORKDIR}
work=${2:?usage: neighbour.sh TOP WORKDIR}
here=$(cd "$(dirname "$0")" && pwd)
store=${STORE:-default}
mk=${POLICY_MAKEFILE:-/usr/share/selinux/devel/Makefile}

defined=$(grep -oE "^interface\(\`[a-z_]+'" "$top/policy/gotosocial.if" | sed -E "s/.*\`([a-z_]+)'/\1/")
for i in $defined; do
	grep -q "^$i(" "$here/neighbour/gtsneighbour.te" ||
		{ echo "neighbour.sh: gtsneighbour.te does not call $i: add the call" >&2; exit 1; }
done

rm -rf "$work" && mkdir -p "$work/src"
# the devel Makefile reads a local .if only beside its .te
cp "$top/policy/gotosocial.te" "$top/policy/gotosocial.if" "$top/policy/gotosocial.fc" "$here/neighbour/gtsneighbour.te" "$work/src/"
: > "$work/src/gtsneighbour.fc"
# shellcheck disable=SC2086 # POLICY_MAKE_ARGS (top Makefile) is one quoted word
eval make -s -C "\$work/src" -f "\$mk" ${POLICY_MAKE_ARGS:-} gtsneighbour.pp >/dev/null

"$top/tests/lib/mkstore.sh" small "$top/build/stores/small"
cp -a "$top/build/stores/small" "$work/root"
semodule -p "$work/root" -s "$store" -n -X 200 -i "$top/build/policy/gotosocial.pp" -i "$work/src/gtsneighbour.pp" 2>&1 |
	grep -v 'not in password file' >&2 || true
semodule -p "$work/root" -s "$store" -n --list-modules=full > "$work/modules"
grep -q '^200 gtsneighbour ' "$work/modules" && grep -q '^200 gotosocial ' "$work/modules" ||
	{ echo "neighbour.sh: the modules did not link into the store" >&2; exit 1; }
echo "neighbour: $(echo "$defined" | wc -w) interfaces called, compiled and linked"

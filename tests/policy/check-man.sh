#!/bin/sh
# check-man.sh POLICYDIR PAGE — the generated gotosocial_selinux(8) renders with no groff
# warning and documents every type and tunable that POLICYDIR/gotosocial.te declares.
set -eu
dir=${1:?usage: check-man.sh POLICYDIR PAGE}
page=${2:?usage: check-man.sh POLICYDIR PAGE}
warnings=$(groff -man -ww -z "$page" 2>&1) || true
[ -z "$warnings" ] || { echo "check-man.sh: groff warns on $page:"; echo "$warnings"; exit 1; }
names=$(sed -n -e 's/^type \([a-z_]*\);.*/\1/p' -e 's/^gen_tunable(\([a-z_]*\),.*/\1/p' "$dir/gotosocial.te")
n=0
for name in $names; do
	grep -q "^\.B $name\$" "$page" || { echo "check-man.sh: $page does not document $name"; exit 1; }
	n=$((n + 1))
done
[ "$n" -ge 10 ] || { echo "check-man.sh: only $n names found in gotosocial.te"; exit 1; }
echo "man page: renders cleanly, documents $n types and tunables"

#!/bin/sh
# portability.sh LISTDIR MODULE — every interface, template or support macro that MODULE.te and
# MODULE.if call must exist in all three policy families (LISTDIR/*.tsv), unless the call sits
# under an m4 ifdef on its own name. Names the module's .if defines are its own.
# Prints one line per unportable call and exits 1; prints the counts and exits 0 otherwise.
set -eu
lists=${1:?usage: portability.sh LISTDIR MODULE}
mod=${2:?usage: portability.sh LISTDIR MODULE}
families="debian12-refpolicy refpolicy-65b9b1f fedora-2024-10-24"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for f in $families; do
	[ -s "$lists/$f.tsv" ] && [ -s "$lists/$f.support.tsv" ] || { echo "portability.sh: missing list $lists/$f.tsv" >&2; exit 2; }
	cut -f1 "$lists/$f.tsv" "$lists/$f.support.tsv" | sort -u > "$tmp/$f"
done
cat "$tmp"/* | sort -u > "$tmp/known"

# Calls: word( outside comments. Own names: interface(`x' / template(`x' in the .if.
sed 's/#.*//' "$mod.te" "$mod.if" | grep -oE '[A-Za-z_][A-Za-z0-9_]*\(' | tr -d '(' | sort -u > "$tmp/calls"
grep -ohE "^[[:space:]]*(interface|template)\(\`[A-Za-z0-9_]+'" "$mod.if" |
	sed -E "s/.*\`([A-Za-z0-9_]+)'.*/\1/" | sort -u > "$tmp/own"
grep -ohE "ifn?def\(\`[A-Za-z0-9_]+'" "$mod.te" "$mod.if" |
	sed -E "s/.*\`([A-Za-z0-9_]+)'.*/\1/" | sort -u > "$tmp/guarded"

rc=0 checked=0
for n in $(comm -23 "$tmp/calls" "$tmp/own"); do
	grep -qx "$n" "$tmp/known" || continue        # m4 or policy language keyword
	grep -qx "$n" "$tmp/guarded" && continue
	checked=$((checked + 1))
	missing=""
	for f in $families; do
		grep -qx "$n" "$tmp/$f" || missing="$missing $f"
	done
	if [ -n "$missing" ]; then
		echo "NOT PORTABLE: $n (missing in:$missing): guard it with ifdef(\`$n',...)"
		rc=1
	fi
done
echo "portability: $checked calls checked against $families; $(wc -l < "$tmp/guarded") guarded"
exit $rc

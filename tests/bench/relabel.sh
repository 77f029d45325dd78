#!/bin/bash
# tests/bench/relabel.sh — gts-selinux relabel against setfiles on the same tree: a storage
# tree of BENCH_FILES files (default 200000, 100 per directory) below a temp root whose store
# has the module (never the live store). Not a test: it prints medians and the ratios
# against the issue's targets.
#
#   full:    gts-selinux relabel of the tree, every file mislabeled, vs setfiles -r ROOT with
#            the store's file_contexts on the same tree        target ratio <= 1.0
#   rerun:   gts-selinux relabel again, nothing to change, vs its own full run
#                                                              target >= 5x faster
#
# restorecon is not measured: it has no alternate-root or file_contexts option, and on a
# machine with SELinux off (as CI is) it has no policy to use; setfiles runs the same
# libselinux walk (selinux_restorecon) that restorecon does. Labels are reset between
# samples with setfiles and a file_contexts that labels everything tmp_t (outside the
# timing). BENCH_N (default 3) samples. Environment as set by tools/Makefile.
set -eu
G=$GTS_BIN
M=$GTS_MODULE_PP
N=${BENCH_N:-3}
FILES=${BENCH_FILES:-200000}
mkdir -p "$GTS_TEST_TMP"
T=$(mktemp -d "$GTS_TEST_TMP/rbench.XXXXXX")
trap 'rm -rf "$T"' EXIT
R=$T/root
S=/gotosocial/storage

sample() { # NAME CMD...: wall and CPU milliseconds appended to $T/NAME.wall, .cpu
	local name=$1
	shift
	/usr/bin/time -f '%e %U %S' -o "$T/time" "$@" >/dev/null 2>"$T/err" ||
		{ cat "$T/err" >&2; echo "bench: failed: $*" >&2; exit 1; }
	awk '{printf "%d\n", $1 * 1000}' "$T/time" >>"$T/$name.wall"
	awk '{printf "%d\n", ($2 + $3) * 1000}' "$T/time" >>"$T/$name.cpu"
}
median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}'; }

cp -a "$GTS_SMALL_STORE" "$R"
"$G" --root "$R" install --module "$M" -q
FC=$R/etc/selinux/default/contexts/files/file_contexts
printf '/.*\tsystem_u:object_r:tmp_t:s0\n' >"$T/reset.fc"
echo "bench: creating $FILES files below $R$S ..."
dirs=$(((FILES + 99) / 100))
for d in $(seq 1 "$dirs"); do
	mkdir -p "$R$S/d$d"
	(cd "$R$S/d$d" && seq -f f%g 100 | xargs touch)
done
reset() { setfiles -r "$R" "$T/reset.fc" "$R$S" >/dev/null 2>&1; }

for i in $(seq 1 "$N"); do
	if [ $((i % 2)) = 1 ]; then
		reset; sample gts_full "$G" --root "$R" relabel "$S"
		sample gts_rerun "$G" --root "$R" relabel "$S"
		reset; sample setfiles_full setfiles -r "$R" "$FC" "$R$S"
	else
		reset; sample setfiles_full setfiles -r "$R" "$FC" "$R$S"
		reset; sample gts_full "$G" --root "$R" relabel "$S"
		sample gts_rerun "$G" --root "$R" relabel "$S"
	fi
done
"$G" --root "$R" relabel "$S" -n | grep -q 'would relabel 0' ||
	{ echo "bench: the tree is not fully relabeled after gts-selinux relabel" >&2; exit 1; }

printf '%-28s %10s %10s\n' "relabel of $FILES files" "wall ms" "cpu ms"
for n in gts_full setfiles_full gts_rerun; do
	printf '%-28s %10s %10s\n' "$n" "$(median "$T/$n.wall")" "$(median "$T/$n.cpu")"
done
gf=$(median "$T/gts_full.wall") sf=$(median "$T/setfiles_full.wall") gr=$(median "$T/gts_rerun.wall")
gfc=$(median "$T/gts_full.cpu") sfc=$(median "$T/setfiles_full.cpu")
echo "full: gts-selinux/setfiles = $(ratio "$gf" "$sf") wall, $(ratio "$gfc" "$sfc") cpu (target <= 1.0)"
echo "rerun: full/rerun = $(ratio "$gf" "$gr")x faster (target >= 5)"

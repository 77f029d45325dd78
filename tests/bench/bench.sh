#!/bin/bash
# tests/bench/bench.sh — gts-selinux against semodule on the same work, side by side in one
# run, on throw-away stores under temp roots (never the live store; semodule always has
# -p ROOT -n). Not a test: it prints medians and ratios against the issue's targets.
#
#   install:   gts-selinux install, module + 3 customizations (port, path, boolean), vs
#              semodule -p ROOT -n -i of the module alone            target ratio <= 1.1
#   unchanged: gts-selinux install again (nothing to do) vs semodule -i of the same module
#              again                                                  target >= 15x faster
#
# Each sample starts from a fresh copy of the store (copied outside the timing); the two
# tools alternate which goes first so that drift hits both. Wall-clock medians and CPU-time
# (user+sys, children included) medians are both printed: on a shared, loaded machine the
# CPU time is the steadier measure of the work done. BENCH_N (default 5) samples per store;
# BENCH_STORES (default "small full"). Environment as set by tools/Makefile.
set -eu
G=$GTS_BIN
M=$GTS_MODULE_PP
N=${BENCH_N:-5}
STORES=${BENCH_STORES:-small full}
mkdir -p "$GTS_TEST_TMP"
T=$(mktemp -d "$GTS_TEST_TMP/bench.XXXXXX")
trap 'rm -rf "$T"' EXIT

# sample NAME CMD... : run once, append wall and CPU milliseconds to $T/NAME.wall, .cpu
sample() {
	local name=$1
	shift
	/usr/bin/time -f '%e %U %S' -o "$T/time" "$@" >/dev/null 2>"$T/err" ||
		{ cat "$T/err" >&2; echo "bench: failed: $*" >&2; exit 1; }
	awk '{printf "%d\n", $1 * 1000}' "$T/time" >>"$T/$name.wall"
	awk '{printf "%d\n", ($2 + $3) * 1000}' "$T/time" >>"$T/$name.cpu"
}
median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
fresh() { rm -rf "$T/r"; cp -a "$1" "$T/r"; }
gts_pair() {
	fresh "$src"
	sample gi "$G" --root "$T/r" install --module "$M" --port tcp/8765 \
		--path /srv/gts/storage=storage --boolean gotosocial_bind_http=on
	sample gu "$G" --root "$T/r" install --module "$M" --port tcp/8765 \
		--path /srv/gts/storage=storage --boolean gotosocial_bind_http=on
}
semodule_pair() {
	fresh "$src"
	sample si semodule -p "$T/r" -s default -n -X 200 -i "$M"
	sample su semodule -p "$T/r" -s default -n -X 200 -i "$M"
}
ratio() { echo "$1 $2" | awk '{printf "%.2f", $1 / ($2 > 0 ? $2 : 1)}'; }

echo "bench: $N samples per store, medians; ms wall (ms cpu)"
printf '%-6s %-10s %18s %18s %14s  %s\n' store case gts-selinux semodule "ratio wall/cpu" target
for kind in $STORES; do
	src=$GTS_SMALL_STORE
	[ "$kind" = full ] && src=$GTS_FULL_STORE
	rm -f "$T"/*.wall "$T"/*.cpu
	for i in $(seq "$N"); do
		if [ $((i % 2)) = 1 ]; then gts_pair; semodule_pair; else semodule_pair; gts_pair; fi
	done
	for x in gi si gu su; do
		eval "w_$x=\$(median \"\$T/\$x.wall\") c_$x=\$(median \"\$T/\$x.cpu\")"
	done
	printf '%-6s %-10s %8s (%7s) %8s (%7s) %6sx/%5sx  %s\n' "$kind" install "$w_gi" "$c_gi" "$w_si" "$c_si" \
		"$(ratio "$w_gi" "$w_si")" "$(ratio "$c_gi" "$c_si")" "gts/semodule <= 1.1"
	printf '%-6s %-10s %8s (%7s) %8s (%7s) %6sx/%5sx  %s\n' "$kind" unchanged "$w_gu" "$c_gu" "$w_su" "$c_su" \
		"$(ratio "$w_su" "$w_gu")" "$(ratio "$c_su" "$c_gu")" "semodule/gts >= 15"
done

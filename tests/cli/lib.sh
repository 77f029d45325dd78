# tests/cli/lib.sh — assertions shared by the CLI test scripts (sourced, POSIX sh).
# The caller sets T (its temp dir) and starts the counters pass=0 fail=0 tests=0.

ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL [$cur]: $*" >&2; }

# run RC CMD... : run, keep stdout in $out and stderr in $err, check the exit code
run() {
	want=$1
	shift
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	out=$(cat "$T/out")
	err=$(cat "$T/err")
	if [ "$rc" = "$want" ]; then ok; else no "exit $rc, want $want: $* :: $err"; fi
}
has() { case "$2" in *"$1"*) ok ;; *) no "expected '$1' in: $2" ;; esac; }
hasnt() { case "$2" in *"$1"*) no "did not expect '$1' in: $2" ;; *) ok ;; esac; }
same() { if [ "$1" = "$2" ]; then ok; else no "${3:-differ}: '$1' != '$2'"; fi; }
one_line() { if [ "$(printf '%s\n' "$1" | wc -l)" = 1 ] && [ -n "$1" ]; then ok; else no "not one line: $1"; fi; }

# run_tests NAME... : each test function in turn, cur set to its name, one ok/FAIL line each
run_tests() {
	for t in "$@"; do
		cur=$t
		tests=$((tests + 1))
		f0=$fail
		$t
		[ "$fail" = "$f0" ] && echo "ok   $t" || echo "FAIL $t"
	done
}

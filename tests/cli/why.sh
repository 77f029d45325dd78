#!/bin/sh
# tests/cli/why.sh — the built `gts-selinux why` on the AVC fixtures (tests/fixtures/avc/),
# analysed against the full policy with the module that the policy tests build: exit codes,
# text and --json, options, bad input. Reads only: no store is written.
#
# Environment (tools/Makefile sets it): GTS_BIN GTS_AVC_FIXTURES GTS_WHY_POLICY GTS_TEST_TMP.
# Run one test: tests/cli/why.sh t_name ...
set -u
G=$GTS_BIN
F=$GTS_AVC_FIXTURES
P=$GTS_WHY_POLICY
ROOT=${P%/etc/selinux/*}
mkdir -p "$GTS_TEST_TMP"
T=$(mktemp -d "$GTS_TEST_TMP/why.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
export TZ=UTC
pass=0 fail=0 tests=0 cur=""

# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

# Each fixture: its class and the first fix, in text and JSON.
t_fixtures() {
	while read -r fx class fix; do
		run 3 "$G" why --input "$F/$fx" --policy "$P"
		has "[1] $class: " "$out"
		has "fix: $fix" "$out"
		run 3 "$G" why --input "$F/$fx" --policy "$P" --json
		same "$class" "$(printf '%s' "$out" | jq -r '.denials[0].class')" "$fx class"
		same "$fix" "$(printf '%s' "$out" | jq -r '.denials[0].fix[0]')" "$fx fix"
	done <<EOF
gap-shadow.log policy-gap if GoToSocial needs this, report the gap (report below); do not add an allow rule with audit2allow: it undoes the confinement
mislabeled-storage.log mislabeled gts-selinux relabel /gotosocial/storage/01JE5Z6F3X0T1W2Y3Z4A5B6C7D/attachment/original   (or: restorecon -Rv /gotosocial/storage/01JE5Z6F3X0T1W2Y3Z4A5B6C7D/attachment/original)
port-bind.log port gts-selinux install --port tcp/8090   (labels it gotosocial_port_t)
tunable-postgresql.log boolean setsebool -P gotosocial_connect_postgresql on
tunable-smtp.log boolean setsebool -P gotosocial_connect_smtp on
nnp.log wrong-domain gts-selinux install
nnp-selinux-err.log wrong-domain gts-selinux install
wrong-domain-binary.log wrong-domain gts-selinux relabel /gotosocial/gotosocial   (or: restorecon -v /gotosocial/gotosocial)
wrong-domain-path.log wrong-domain gts-selinux install --path /opt/gotosocial/gotosocial=exec
dontaudit.log dontaudit nothing to fix; to hide it again: semodule -B
permissive.log permissive report it as a policy gap if GoToSocial needs it (report below)
vm-console.log boolean setsebool -P gotosocial_connect_smtp on
user-avc-unit.log mislabeled gts-selinux relabel /etc/systemd/system/gotosocial.service   (or: restorecon -Rv /etc/systemd/system/gotosocial.service)
EOF
}

# The gap report is ready to paste and proposes no rule.
t_gap_report() {
	run 3 "$G" why --input "$F/gap-shadow.log" --policy "$P"
	has "--- GoToSocial SELinux policy gap: paste this into a bug report ---" "$out"
	has "denied: { read } gotosocial_t -> shadow_t:file, 1 time, 2024-12-03 07:52:25.123" "$out"
	has "process: comm=gotosocial exe=/gotosocial/gotosocial path=/etc/shadow" "$out"
	hasnt "allow gotosocial_t" "$out"
	run 3 "$G" why --input "$F/gap-shadow.log" --policy "$P" --json
	has "record: type=AVC msg=audit(1733212345.123:456)" "$(printf '%s' "$out" | jq -r '.denials[0].report')"
}

# A wrong domain explains the rest: it comes first, wherever it is in the log.
t_order() {
	cat "$F/tunable-smtp.log" "$F/gap-shadow.log" "$F/nnp.log" >"$T/order.log"
	run 3 "$G" why --input "$T/order.log" --policy "$P" --json
	same "wrong-domain boolean policy-gap" "$(printf '%s' "$out" | jq -r '[.denials[].class]|join(" ")')"
	# the binary in init_t after a refused NoNewPrivileges transition: that is its cause
	cat "$F/wrong-domain-binary.log" "$F/nnp.log" >"$T/nnp2.log"
	run 3 "$G" why --input "$T/nnp2.log" --policy "$P" --json
	same "wrong-domain wrong-domain" "$(printf '%s' "$out" | jq -r '[.denials[].class]|join(" ")')"
	has "refused under NoNewPrivileges" "$(printf '%s' "$out" | jq -r '.denials[1].cause')"
	same "gts-selinux install" "$(printf '%s' "$out" | jq -r '.denials[1].fix[0]')"
}

# Several kinds of denials in one log: one group each, counts and times.
t_mixed_log() {
	# (garbage.log ends inside a record, without a newline: it comes last)
	cat "$F/mislabeled-storage.log" "$F/tunable-postgresql.log" "$F/unrelated.log" \
		"$F/port-bind.log" "$F/garbage.log" >"$T/mixed.log"
	run 3 "$G" why --input "$T/mixed.log" --policy "$P" --json
	same 3 "$(printf '%s' "$out" | jq '.denials|length')" "groups"
	# in the order of the classes, not of the log
	same "mislabeled port boolean" "$(printf '%s' "$out" | jq -r '[.denials[].class]|join(" ")')"
	same 3 "$(printf '%s' "$out" | jq '.denials[0].count')" "count"
	same "2024-12-03 07:53:21.020 2024-12-03 07:53:30.004" \
		"$(printf '%s' "$out" | jq -r '.denials[0].first + " " + .denials[0].last')"
	same 6 "$(printf '%s' "$out" | jq '.stats.relevant')" "relevant records"
	test "$(printf '%s' "$out" | jq '.stats.malformed')" -ge 6 && ok || no "malformed not counted"
	# the same from standard input
	run 3 sh -c "cat '$T/mixed.log' | '$G' why --input - --policy '$P' --json"
	same 3 "$(printf '%s' "$out" | jq '.denials|length')" "stdin groups"
	same "standard input" "$(printf '%s' "$out" | jq -r '.source')"
}

t_nothing_found() {
	for fx in unrelated.log empty.log garbage.log other-hosts.log; do
		run 0 "$G" why --input "$F/$fx" --policy "$P"
		has "No denials concerning GoToSocial" "$out"
	done
	run 0 "$G" why --input "$F/other-hosts.log" --policy "$P"
	has "Skipped 3 records from other hosts" "$out"
	run 0 "$G" why --input "$F/unrelated.log" --policy "$P" --json
	same 0 "$(printf '%s' "$out" | jq '.denials|length')"
	run 0 "$G" why --input "$F/empty.log" --policy "$P" -q
	same "" "$out" "quiet and nothing found"
}

# --since: before and after the fixture's records; --boot keeps nothing from 2024.
t_since() {
	run 3 "$G" why --input "$F/tunable-postgresql.log" --policy "$P" --since @1733212600 --json
	same 2 "$(printf '%s' "$out" | jq '.denials[0].count')"
	run 3 "$G" why --input "$F/tunable-postgresql.log" --policy "$P" --since '2024-12-03 07:56:41' --json
	same 1 "$(printf '%s' "$out" | jq '.denials[0].count')"
	run 0 "$G" why --input "$F/tunable-postgresql.log" --policy "$P" --since today
	run 0 "$G" why --input "$F/tunable-postgresql.log" --policy "$P" --boot
}

# The policy from --root's store; none at all still judges domains.
t_policy_choice() {
	run 3 "$G" why --root "$ROOT" --input "$F/port-bind.log"
	has "Analysed with $P." "$out"
	has "[1] port:" "$out"
	mkdir -p "$T/emptyroot"
	run 3 "$G" why --root "$T/emptyroot" --input "$F/wrong-domain-binary.log"
	has "[1] wrong-domain:" "$out"
	run 3 "$G" why --root "$T/emptyroot" --input "$F/tunable-smtp.log"
	has "[1] unknown:" "$out"
	has "No policy analysed: no policy file found under $T/emptyroot" "$out"
}

t_bad_input() {
	run 77 "$G" why --input /nonexistent/audit.log --policy "$P"
	one_line "$err"
	has "cannot read the audit log /nonexistent/audit.log" "$err"
	run 77 "$G" why --input /nonexistent/audit.log --policy "$P" --json
	same 77 "$(printf '%s' "$out" | jq '.exit_code')"
	run 1 "$G" why --input "$F/gap-shadow.log" --policy "$F/garbage.log"
	has "not a kernel policy file" "$err"
	run 1 "$G" why --input "$F/gap-shadow.log" --policy /nonexistent/policy.33
	run 2 "$G" why --input "$F/gap-shadow.log" --since 'next tuesday'
	one_line "$err"
	has "invalid --since" "$err"
	run 2 "$G" why --since today --boot
	run 2 "$G" why --input
	run 2 "$G" install --input "$F/gap-shadow.log"
	has "option --input does not apply to 'install'" "$err"
	run 2 "$G" status --policy "$P"
	# a directory as input
	run 77 "$G" why --input "$F" --policy "$P"
}

# A large log is streamed: memory stays small whatever its size.
t_large_log() {
	awk 'BEGIN { for (i = 0; i < 150000; i++) {
		printf "type=AVC msg=audit(%d.%03d:%d): avc:  denied  { read } for  pid=4711 comm=\"gotosocial\" name=\"f%d\" dev=\"vda1\" ino=%d scontext=system_u:system_r:gotosocial_t:s0 tcontext=system_u:object_r:t%d_t:s0 tclass=file permissive=0\n", 1733212345 + i, i % 1000, i + 1, i, i, i % 700
		printf "type=SYSCALL msg=audit(%d.%03d:%d): arch=c000003e syscall=257 success=no exit=-13 a0=ffffff9c a1=c000126000 a2=80000 a3=0 items=1 ppid=1 pid=4711 auid=4294967295 uid=997 gid=997 euid=997 suid=997 fsuid=997 egid=997 sgid=997 fsgid=997 tty=(none) ses=4294967295 comm=\"gotosocial\" exe=\"/gotosocial/gotosocial\" subj=system_u:system_r:gotosocial_t:s0 key=(null)\n", 1733212345 + i, i % 1000, i + 1
	} }' >"$T/large.log"
	run 3 /usr/bin/time -f '%M' -o "$T/rss" "$G" why --input "$T/large.log" --policy "$P" --json
	same 512 "$(printf '%s' "$out" | jq '.denials|length')" "groups capped"
	same 150000 "$(printf '%s' "$out" | jq '.stats.records')" "records"
	same $((150000 - 150000 / 700 * 512 - 150000 % 700)) "$(printf '%s' "$out" | jq '.stats.dropped')" "dropped"
	rss=$(tail -1 "$T/rss")
	# (a sanitized build keeps freed memory in quarantine: no bound there)
	if [ -z "${GTS_SANITIZED:-}" ]; then
		test "$rss" -lt 65536 && ok || no "max RSS ${rss} KiB for a $(du -m "$T/large.log" | cut -f1) MB log"
	fi
	rm -f "$T/large.log"
}

all="t_fixtures t_gap_report t_order t_mixed_log t_nothing_found t_since t_policy_choice t_bad_input
t_large_log"
[ $# -gt 0 ] && all=$*
# shellcheck disable=SC2086 # one test name per word
run_tests $all
echo "cli why: $tests tests, $pass checks passed, $fail failed"
[ "$fail" = 0 ]

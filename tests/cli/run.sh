#!/bin/sh
# tests/cli/run.sh — the built gts-selinux against throw-away stores under temp roots.
#
# Every check asserts on exit codes, output and the store itself; every bad input must leave
# the store byte-identical (a hash over every file of ROOT/var/lib/selinux and
# ROOT/etc/selinux, taken before and after). Nothing here touches the live store: every
# command has --root (the one without it asserts exit 4 on a machine where SELinux is off).
#
# Environment (tools/Makefile sets it): GTS_BIN GTS_ADMIN_EDIT GTS_MODULE_PP GTS_FIXTURES
# GTS_SMALL_STORE GTS_FULL_STORE GTS_TEST_TMP. Run one test: tests/cli/run.sh t_name ...
set -u
G=$GTS_BIN
ADMIN=$GTS_ADMIN_EDIT
M=$GTS_MODULE_PP
FIX=$GTS_FIXTURES
mkdir -p "$GTS_TEST_TMP"
T=$(mktemp -d "$GTS_TEST_TMP/cli.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
pass=0 fail=0 tests=0 bad_inputs=0 n=0 cur=""

# shellcheck source=tests/cli/lib.sh
. "$(dirname "$0")/lib.sh"

# new_store [small|full] -> $R, a fresh copy
new_store() {
	n=$((n + 1))
	R=$T/root$n
	if [ "${1:-small}" = full ]; then cp -a "$GTS_FULL_STORE" "$R"; else cp -a "$GTS_SMALL_STORE" "$R"; fi
}
D() { echo "$1/var/lib/selinux/default/active"; }
thash() { (cd "$1" && find var/lib/selinux etc/selinux -type f | LC_ALL=C sort | xargs sha256sum | sha256sum); }

# bad_input RC HINT CMD... : a bad input gives RC, one line naming HINT, and no change
bad_input() {
	want=$1 hint=$2
	shift 2
	bad_inputs=$((bad_inputs + 1))
	before=$(thash "$R")
	run "$want" "$@"
	one_line "$err"
	has "$hint" "$err"
	same "$before" "$(thash "$R")" "store changed by: $*"
}

# The state of $R as one word: none (module and ours absent), full (module + 3 ours +
# record), or mixed. Used after kills and signals: a store must never be mixed.
state() {
	d=$(D "$1")
	mod=0 port=0 fc=0 bool=0 rec=0
	[ -d "$d/modules/200/gotosocial" ] && mod=1
	grep -q 'tcp 8765 ' "$d/ports.local" 2>/dev/null && port=1
	grep -q '^/srv/gts/storage' "$d/file_contexts.local" 2>/dev/null && fc=1
	grep -q 'gotosocial_bind_http=1' "$d/booleans.local" 2>/dev/null && bool=1
	[ -f "$d/gts-selinux.record.json" ] && [ "$(jq '.customizations|length' "$d/gts-selinux.record.json")" = 3 ] && rec=1
	case "$mod$port$fc$bool$rec" in
	00000) echo none ;;
	11111) echo full ;;
	*) echo "mixed:$mod$port$fc$bool$rec" ;;
	esac
}
FULLARGS="--module $M --port tcp/8765 --path /srv/gts/storage=storage --boolean gotosocial_bind_http=on"

t_help_version() {
	run 0 "$G" --help
	has "Exit status" "$out"
	has "77  permission denied" "$out"
	has "install" "$out"
	run 0 "$G" --version
	same "gts-selinux $(sed -n 's/^VERSION *?= *//p' "$(dirname "$0")/../../tools/Makefile")" "$out" "version"
	run 0 "$G" status --help
}

t_usage_errors() {
	new_store
	bad_input 2 "no verb" "$G" --root "$R"
	bad_input 2 "unknown verb 'instal'" "$G" --root "$R" instal
	bad_input 2 "unknown option '--bogus'" "$G" --root "$R" install --bogus
	bad_input 2 "needs a value" "$G" install --root
	bad_input 2 "unexpected argument 'extra'" "$G" --root "$R" install extra
	for p in 8443 tcp/0 tcp/65536 tcp/90-80 icmp/7 tcp/8a "tcp/80 " tcp/; do
		bad_input 2 "invalid --port '$p'" "$G" --root "$R" install --module "$M" --port "$p"
	done
	for p in srv/x=web /srv/x /srv/x=bogus /srv/../etc=conf /=storage /etc=conf /var/lib/=db; do
		bad_input 2 "invalid --path '$p'" "$G" --root "$R" install --module "$M" --path "$p"
	done
	for b in gotosocial_bind_http gotosocial_bind_http=maybe =on; do
		bad_input 2 "invalid --boolean '$b'" "$G" --root "$R" install --module "$M" --boolean "$b"
	done
	for p in 0 1000 abc -5; do
		bad_input 2 "invalid --priority '$p'" "$G" --root "$R" install --module "$M" --priority "$p"
	done
	bad_input 2 "option --port does not apply to 'status'" "$G" --root "$R" status --port tcp/1
	bad_input 2 "option --dry-run does not apply to 'status'" "$G" --root "$R" status -n
	bad_input 2 "option --force does not apply to 'uninstall'" "$G" --root "$R" uninstall --force
	bad_input 2 "-q and -v" "$G" --root "$R" status -q -v
	bad_input 2 "unknown boolean 'gotosocial_nope'" "$G" --root "$R" install --module "$M" --boolean gotosocial_nope=on
	bad_input 2 "conflicting requests" "$G" --root "$R" install --module "$M" --path /srv/a=web --path /srv/a/=db
	bad_input 2 "invalid --root '$T/nope'" "$G" --root "$T/nope" status
	bad_input 4 "no SELinux policy store 'nosuch'" "$G" --root "$R" --store nosuch status
	# --json errors are JSON too
	run 2 "$G" --root "$R" install --port x --json
	same 2 "$(printf '%s' "$out" | jq .exit_code)" "json exit_code"
}

t_options_anywhere() {
	new_store
	run 0 "$G" --root "$R" --json install --module "$M" --dry-run --port tcp/8765
	a=$out
	run 0 "$G" install --dry-run --port tcp/8765 --json --root "$R" --module "$M"
	same "$a" "$out" "options before/after the verb"
	POSIXLY_CORRECT=1 run 0 "$G" --root "$R" install --json --dry-run --module "$M" --port tcp/8765
	same "$a" "$out" "with POSIXLY_CORRECT"
	same true "$(printf '%s' "$a" | jq .dry_run)" "dry_run"
}

t_selinux_disabled_without_root() {
	if [ -d /sys/fs/selinux ] && [ "$(cat /sys/fs/selinux/enforce 2>/dev/null)" != "" ]; then
		echo "skip: SELinux is active here; never run without --root" >&2
		return
	fi
	bad_inputs=$((bad_inputs + 1))
	run 4 "$G" install --module "$M"
	one_line "$err"
	has "--root" "$err"
	run 4 "$G" status
}

t_permission_denied() {
	new_store
	chmod 755 "$T" "$R"
	bad_input 77 "permission denied" setpriv --reuid=65534 --regid=65534 --clear-groups "$G" --root "$R" install --module "$M"
	bad_input 77 "permission denied" setpriv --reuid=65534 --regid=65534 --clear-groups "$G" --root "$R" uninstall
}

t_lock_held() {
	new_store
	lock=$R/var/lib/selinux/default/semanage.trans.LOCK
	# the subshell takes the lock and becomes the sleep: killing $! releases it
	(
		exec 9>"$lock"
		flock 9
		exec sleep 30
	) &
	holder=$!
	# wait until the lock is really held, then run: bounded wait, clean failure
	while flock -n "$lock" true; do :; done
	start=$(date +%s)
	bad_input 1 "locked by another program" "$G" --root "$R" install $FULLARGS
	end=$(date +%s)
	if [ $((end - start)) -lt 20 ]; then ok; else no "waited $((end - start)) s on the lock"; fi
	kill "$holder"
	wait "$holder" 2>/dev/null
	run 0 "$G" --root "$R" install $FULLARGS
	same full "$(state "$R")"
}

t_lifecycle() {
	new_store
	run 0 "$G" --root "$R" install $FULLARGS
	has "module gotosocial: install at priority 200" "$out"
	has "port tcp/8765: add gotosocial_port_t" "$out"
	has "file context /srv/gts/storage(/.*)?: add gotosocial_storage_t" "$out"
	has "boolean gotosocial_bind_http: set on" "$out"
	has "4 changes committed in one transaction" "$out"
	same full "$(state "$R")"
	run 0 "$G" --root "$R" status --module "$M" --json
	same true "$(printf '%s' "$out" | jq .module.up_to_date)" "up to date"
	same 3 "$(printf '%s' "$out" | jq '.customizations|length')" "our customizations"
	same '"set by gts-selinux"' "$(printf '%s' "$out" | jq '.booleans[]|select(.name=="gotosocial_bind_http").source')" "bool source"
	same true "$(printf '%s' "$out" | jq '.booleans[]|select(.name=="gotosocial_execmem").value')" "execmem default"
	run 0 "$G" --root "$R" status --module "$M"
	has "installed at priority 200, enabled" "$out"
	# unchanged: no rebuild, nothing written
	before=$(thash "$R")
	run 0 "$G" --root "$R" install $FULLARGS
	same unchanged "$out"
	run 0 "$G" --root "$R" install $FULLARGS --json
	same false "$(printf '%s' "$out" | jq .changed)" "changed:false"
	run 0 "$G" --root "$R" install $FULLARGS -q
	same "" "$out" "quiet"
	same "$before" "$(thash "$R")" "unchanged install wrote"
	# a changed module
	run 0 "$G" --root "$R" install --module "$FIX/gotosocial-v2.pp" --port tcp/8765 --path /srv/gts/storage=storage --boolean gotosocial_bind_http=on
	has "module gotosocial: upgrade at priority 200, was sha256:" "$out"
	same full "$(state "$R")"
	run 0 "$G" --root "$R" status --module "$M" --json
	same false "$(printf '%s' "$out" | jq .module.up_to_date)" "v2 is not the shipped one"
	# uninstall: the dry run says exactly what the real one does
	run 0 "$G" --root "$R" uninstall --dry-run
	dry=$(printf '%s\n' "$out" | grep -v '^dry run')
	run 0 "$G" --root "$R" uninstall
	same "$dry" "$(printf '%s\n' "$out" | grep -v '^uninstalled')" "dry run = real run"
	same none "$(state "$R")"
	run 0 "$G" --root "$R" uninstall
	same unchanged "$out"
}

t_admin_survives() {
	new_store
	run 0 "$ADMIN" "$R" set fcontext '/srv/admin(/.*)?' var_t
	run 0 "$ADMIN" "$R" set port tcp 9999 http_port_t
	run 0 "$G" --root "$R" install $FULLARGS
	run 0 "$ADMIN" "$R" set port udp 9998 http_port_t
	run 0 "$G" --root "$R" install $FULLARGS
	same unchanged "$out"
	run 0 "$G" --root "$R" uninstall
	d=$(D "$R")
	has '/srv/admin(/.*)?' "$(cat "$d/file_contexts.local")"
	has 'tcp 9999 ' "$(cat "$d/ports.local")"
	has 'udp 9998 ' "$(cat "$d/ports.local")"
	hasnt 'tcp 8765 ' "$(cat "$d/ports.local")"
	same none "$(state "$R")"
}

t_admin_conflict_force() {
	new_store
	run 0 "$ADMIN" "$R" set port tcp 8765 http_port_t
	bad_input 1 "already set to http_port_t by a local customization of the admin" "$G" --root "$R" install $FULLARGS
	has "--force" "$err"
	run 0 "$G" --root "$R" install $FULLARGS --force
	has "port tcp/8765: change http_port_t -> gotosocial_port_t" "$out"
	run 0 "$G" --root "$R" uninstall
	has "port tcp/8765: restore the admin's http_port_t" "$out"
	has 'tcp 8765 system_u:object_r:http_port_t:s0' "$(cat "$(D "$R")/ports.local")"
}

t_uninstall_blocked() {
	new_store
	run 0 "$G" --root "$R" install --module "$M"
	run 0 "$ADMIN" "$R" set fcontext '/data/gts(/.*)?' gotosocial_storage_t
	bad_input 1 "file context /data/gts(/.*)? (gotosocial_storage_t)" "$G" --root "$R" uninstall
}

t_bad_modules() {
	new_store
	run 0 "$G" --root "$R" install $FULLARGS
	bzcat "$M" > "$T/g.pp"
	: > "$T/empty.pp"
	head -c 5000 "$T/g.pp" > "$T/cut.pp"
	head -c $(($(stat -c %s "$T/g.pp") - 1)) "$T/g.pp" > "$T/cut-end.pp"
	head -c 4000 "$M" > "$T/cut.pp.bz2"
	cp "$M" "$T/flip.pp.bz2" && printf 'XXXX' | dd of="$T/flip.pp.bz2" bs=1 seek=2000 conv=notrunc 2>/dev/null
	echo hello > "$T/text.pp"
	bad_input 1 "$T/nope.pp" "$G" --root "$R" install --module "$T/nope.pp"
	bad_input 1 "is empty" "$G" --root "$R" install --module "$T/empty.pp"
	bad_input 1 "not an SELinux policy package" "$G" --root "$R" install --module "$T/cut.pp"
	bad_input 1 "truncated" "$G" --root "$R" install --module "$T/cut-end.pp"
	bad_input 1 "truncated or corrupt" "$G" --root "$R" install --module "$T/cut.pp.bz2"
	bad_input 1 "truncated or corrupt" "$G" --root "$R" install --module "$T/flip.pp.bz2"
	bad_input 1 "not an SELinux policy package" "$G" --root "$R" install --module "$T/text.pp"
	bad_input 1 "$T" "$G" --root "$R" install --module "$T"
	bad_input 1 "holds module 'othermod', not 'gotosocial'" "$G" --root "$R" install --module "$FIX/othermod.pp"
	bad_input 1 "built for a non-MLS policy but store 'default' is MLS/MCS" "$G" --root "$R" install --module "$FIX/nonmls.pp"
	bad_input 1 "refused the change, nothing was changed" "$G" --root "$R" install --module "$FIX/unlinkable.pp"
	if [ -d "$R/var/lib/selinux/default/tmp" ]; then no "sandbox left behind"; else ok; fi
	same full "$(state "$R")"
}

# SIGKILL at several points of an install, then of an uninstall: the store is the old one or
# the new one (never mixed), and the next run completes the job. Kill points: when the
# sandbox appears, when our module lands in it, when the record does (the commit starts;
# for uninstall, which removes the record, this is the end), and after a fixed set of
# delays (they only choose the point; the assertions are on the store).
kill_install_at() {
	point=$1 op=$2
	pid_file=$T/pid
	(exec "$G" --root "$R" $op) >/dev/null 2>&1 &
	pid=$!
	case $point in
	sandbox) while kill -0 "$pid" 2>/dev/null && [ ! -d "$R/var/lib/selinux/default/tmp" ]; do :; done ;;
	module) while kill -0 "$pid" 2>/dev/null && [ ! -d "$R/var/lib/selinux/default/tmp/modules/200/gotosocial" ]; do :; done ;;
	commit) while kill -0 "$pid" 2>/dev/null && [ ! -f "$R/var/lib/selinux/default/tmp/gts-selinux.record.json" ]; do :; done ;;
	*) sleep "$point" ;;
	esac
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}

t_sigkill() {
	for point in sandbox module commit 0.1 0.4 0.8; do
		new_store
		kill_install_at "$point" "install $FULLARGS"
		s=$(state "$R")
		case $s in none | full) ok ;; *) no "kill at $point during install left $s" ;; esac
		run 0 "$G" --root "$R" install $FULLARGS
		same full "$(state "$R")" "install after a kill at $point"
		kill_install_at "$point" uninstall
		s=$(state "$R")
		case $s in none | full) ok ;; *) no "kill at $point during uninstall left $s" ;; esac
		run 0 "$G" --root "$R" uninstall
		same none "$(state "$R")" "uninstall after a kill at $point"
	done
	# killed between libsemanage's two renames: no active/, only previous/
	new_store
	run 0 "$G" --root "$R" install $FULLARGS
	mv "$R/var/lib/selinux/default/active" "$R/var/lib/selinux/default/previous"
	run 1 "$G" --root "$R" status
	has "interrupted commit" "$err"
	run 0 "$G" --root "$R" uninstall
	has "restored" "$err"
	same none "$(state "$R")"
}

# SIGTERM/SIGINT while the commit runs: blocked until it is done, so the store is complete.
t_signals_during_commit() {
	completed=0
	for sig in TERM INT TERM INT; do
		new_store
		# a background job of a script starts with SIGINT ignored: give it back its default
		env --default-signal=INT "$G" --root "$R" install $FULLARGS >/dev/null 2>&1 &
		pid=$!
		# the record lands in the sandbox just before the commit starts
		while kill -0 "$pid" 2>/dev/null && [ ! -f "$R/var/lib/selinux/default/tmp/gts-selinux.record.json" ]; do :; done
		kill -"$sig" "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		rc=$?
		s=$(state "$R")
		case $s in none | full) ok ;; *) no "SIG$sig during commit left $s" ;; esac
		[ "$s" = full ] && completed=$((completed + 1))
		# the process ends by the signal once the commit is done (status 128+N)
		case $rc in 130 | 143) ok ;; *) no "exit status $rc after SIG$sig" ;; esac
	done
	if [ "$completed" -ge 1 ]; then ok; else no "no commit completed under a signal"; fi
}

# A damaged record is never guessed at: a clear error with the way out, nothing changed.
t_bad_record() {
	new_store
	run 0 "$G" --root "$R" install $FULLARGS
	rec=$(D "$R")/gts-selinux.record.json
	cp "$rec" "$T/rec.good"
	printf '{"format":1,"customizations":[{"kind":"port"' > "$rec"
	bad_input 1 "remove it to make gts-selinux own no customizations" "$G" --root "$R" install $FULLARGS
	bad_input 1 "gts-selinux.record.json" "$G" --root "$R" uninstall
	printf '{"format":7,"customizations":[]}' > "$rec"
	bad_input 1 "newer than this gts-selinux" "$G" --root "$R" status
	: > "$rec"
	bad_input 1 "is empty" "$G" --root "$R" install $FULLARGS
	cp "$T/rec.good" "$rec"
	run 0 "$G" --root "$R" install $FULLARGS
	same unchanged "$out"
}

# One run on the full distribution policy: install with customizations, unchanged, uninstall.
t_full_policy() {
	new_store full
	run 0 "$G" --root "$R" install $FULLARGS --port tcp/8443 --boolean gotosocial_connect_postgresql=on
	has "port tcp/8443: add gotosocial_port_t" "$out"
	d=$(D "$R")
	has 'tcp 8443 system_u:object_r:gotosocial_port_t:s0' "$(cat "$d/ports.local")"
	run 0 "$G" --root "$R" install $FULLARGS --port tcp/8443 --boolean gotosocial_connect_postgresql=on
	same unchanged "$out"
	run 0 "$G" --root "$R" status --json --module "$M"
	same 5 "$(printf '%s' "$out" | jq '.customizations|length')" "full: our customizations"
	run 0 "$G" --root "$R" uninstall
	same none "$(state "$R")"
	hasnt 8443 "$(cat "$d/ports.local" 2>/dev/null)"
}

# --- Issue 4: GoToSocial's config, relabel, verify -------------------------------------

# gts_tree: a GoToSocial deployment in $R, moved to /srv/gts, with a unit and an env file.
gts_tree() {
	mkdir -p "$R/etc/systemd/system" "$R/etc/gotosocial" "$R/srv/gts/web/template" \
		"$R/srv/gts/media dir+(1)/ab" "$R/opt/gts"
	: >"$R/opt/gts/gotosocial"
	: >"$R/srv/gts/media dir+(1)/ab/c.jpg"
	cat >"$R/etc/systemd/system/gotosocial.service" <<-'EOF'
	[Service]
	WorkingDirectory=/srv/gts
	EnvironmentFile=-/etc/gotosocial/env
	ExecStart=/opt/gts/gotosocial --config-path config.yaml \
	    --port 9000 server start
	EOF
	printf '# secrets\nGTS_SMTP_HOST=mail.example.org\n' >"$R/etc/gotosocial/env"
	printf 'db-type: sqlite\ndb-address: sqlite.db\nstorage-local-base-path: "media dir+(1)"\nport: 8080\nlog-level: info\n' \
		>"$R/srv/gts/config.yaml"
}

t_config_plan() {
	new_store
	gts_tree
	run 0 "$G" --root "$R" plan --module "$M"
	has 'fcontext /srv/gts/media\x20dir\+\(1\)(/.*)? gotosocial_storage_t' "$out"
	has '<- storage-local-base-path  (/srv/gts/config.yaml:3)' "$out"
	has 'port     tcp/9000 gotosocial_port_t' "$out"
	has 'flag --port at /etc/systemd/system/gotosocial.service:4' "$out"
	has 'gotosocial_connect_smtp on' "$out"
	has 'env GTS_SMTP_HOST at /etc/gotosocial/env:2' "$out"
	hasnt 'log-level' "$out"
	run 0 "$G" --root "$R" plan --module "$M" -v
	has "key 'log-level' does not move files or ports" "$out"
	run 0 "$G" --root "$R" plan --module "$M" --json
	same '"/srv/gts/media dir+(1)"' "$(printf '%s' "$out" | jq -c '.items[] | select(.setting=="storage-local-base-path") | .key')"
	# no config at all: nothing derived, install does what the options say
	new_store
	run 0 "$G" --root "$R" plan --module "$M"
	has "no GoToSocial config found" "$out"
}

t_config_install() {
	new_store
	gts_tree
	run 0 "$G" --root "$R" install --module "$M" --dry-run
	has 'GoToSocial config: /srv/gts/config.yaml' "$out"
	has 'file context /srv/gts/media\x20dir\+\(1\)(/.*)?: add gotosocial_storage_t' "$out"
	has 'dry run:' "$out"
	hasnt 'gotosocial' "$(cat "$(D "$R")/file_contexts.local" 2>/dev/null)"
	# the command line wins over the config; install relabels what it labeled
	run 0 "$G" --root "$R" install --module "$M" --boolean gotosocial_connect_smtp=off
	hasnt 'gotosocial_connect_smtp' "$out"
	has 'relabeled 11 of 11 files' "$out"
	has '/srv/gts/media\x20dir\+\(1\)(/.*)?' "$(cat "$(D "$R")/file_contexts.local")"
	has 'tcp 9000 system_u:object_r:gotosocial_port_t' "$(cat "$(D "$R")/ports.local")"
	run 0 "$G" --root "$R" install --module "$M" --boolean gotosocial_connect_smtp=off
	same unchanged "$out"
	run 0 "$G" --root "$R" relabel -n -v
	has 'would relabel 0' "$out"
	# a label changed behind our back is shown, then put back
	printf '/.*\tsystem_u:object_r:tmp_t:s0\n' >"$T/reset.fc"
	setfiles -r "$R" "$T/reset.fc" "$R/srv/gts/media dir+(1)/ab/c.jpg" >/dev/null 2>&1
	run 0 "$G" --root "$R" relabel -n -v
	has '/srv/gts/media dir+(1)/ab/c.jpg: system_u:object_r:tmp_t:s0 -> system_u:object_r:gotosocial_storage_t:s0' "$out"
	run 0 "$G" --root "$R" relabel
	has 'relabeled 1,' "$out"
	run 0 "$G" --root "$R" relabel -v
	has 'relabeled 0' "$out"
	run 0 "$G" --root "$R" uninstall
	hasnt 'gotosocial' "$(cat "$(D "$R")/file_contexts.local" 2>/dev/null)"
	has 'relabeled 11 of 11 files' "$out"	# back to what the policy says without us
}

t_config_bad_input() {
	new_store
	gts_tree
	run 0 "$G" --root "$R" install --module "$M" --boolean gotosocial_connect_smtp=off
	printf 'port: "abc"\n' >"$R/srv/gts/config.yaml"
	bad_input 2 'config.yaml:1: port must be a port number' "$G" --root "$R" install --module "$M"
	printf 'port: 8080\n  host: [x\n' >"$R/srv/gts/config.yaml"
	bad_input 2 '/srv/gts/config.yaml:2:' "$G" --root "$R" install --module "$M"
	: >"$R/srv/gts/config.yaml"
	bad_input 2 'is empty' "$G" --root "$R" install --module "$M"
	printf 'storage-local-base-path: /etc\n' >"$R/srv/gts/config.yaml"
	bad_input 2 'a system directory' "$G" --root "$R" install --module "$M"
	printf 'storage-local-base-path: ../../..\n' >"$R/srv/gts/config.yaml"
	bad_input 2 'a system directory' "$G" --root "$R" install --module "$M"
	bad_input 2 'cannot read' "$G" --root "$R" install --module "$M" --config /nonexistent.yaml
	bad_input 2 'absolute' "$G" --root "$R" install --module "$M" --config relative.yaml
	printf 'port: 8080\n' >"$R/srv/gts/config.yaml"
	bad_input 2 'refusing to relabel /usr' "$G" --root "$R" relabel /usr
	bad_input 2 'not one of' "$G" --root "$R" relabel /srv/elsewhere
	printf '[Service]\nExecStart=/opt/gts/gotosocial "server start\n' \
		>"$R/etc/systemd/system/gotosocial.service"
	bad_input 2 'gotosocial.service:2' "$G" --root "$R" plan --module "$M"
}

t_verify_cli() {
	new_store
	gts_tree
	run 0 "$G" --root "$R" install --module "$M"
	run 0 "$G" --root "$R" relabel
	P=$T/proc$n S=$T/sfs$n
	mkdir -p "$P/321/attr" "$S"
	printf 'system_u:system_r:gotosocial_t:s0\0' >"$P/321/attr/current"
	ln -s /opt/gts/gotosocial "$P/321/exe"
	printf 'Name:\tgotosocial\nPPid:\t1\n' >"$P/321/status"
	echo 1 >"$S/enforce"
	run 0 env GTS_PROC_ROOT="$P" GTS_SELINUXFS="$S" "$G" --root "$R" verify
	has 'ok: GoToSocial runs confined in gotosocial_t' "$out"
	run 0 env GTS_PROC_ROOT="$P" GTS_SELINUXFS="$S" "$G" --root "$R" verify --pid 321 --json
	same 0 "$(printf '%s' "$out" | jq .problems)"
	printf 'system_u:system_r:initrc_t:s0\0' >"$P/321/attr/current"
	run 3 env GTS_PROC_ROOT="$P" GTS_SELINUXFS="$S" "$G" --root "$R" verify
	has 'runs as initrc_t, not gotosocial_t' "$out"
	has 'fix: ' "$out"
	same "" "$err"
	run 3 env GTS_PROC_ROOT="$P" GTS_SELINUXFS="$S" "$G" --root "$R" verify --json
	same 1 "$(printf '%s' "$out" | jq .problems)"
	rm "$S/enforce"
	run 4 env GTS_PROC_ROOT="$P" GTS_SELINUXFS="$S" "$G" --root "$R" verify
	one_line "$err"
	run 2 "$G" --root "$R" verify --pid abc
}

all="t_help_version t_usage_errors t_options_anywhere t_selinux_disabled_without_root
t_permission_denied t_lifecycle t_admin_survives t_admin_conflict_force t_uninstall_blocked
t_bad_modules t_bad_record t_lock_held t_sigkill t_signals_during_commit t_full_policy
t_config_plan t_config_install t_config_bad_input t_verify_cli"
[ $# -gt 0 ] && all=$*
# shellcheck disable=SC2086 # one test name per word
run_tests $all
echo "cli: $tests tests, $pass checks passed, $fail failed; $bad_inputs bad inputs tried, each left the store byte-identical"
[ "$fail" = 0 ]

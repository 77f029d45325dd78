#!/bin/bash
# guest.sh OUTDIR — the guest side of the enforcing-VM tests (runs in the guest as initrc_t,
# started by gts-vm-runner after boot). Inputs beside this script: standin.c, gotosocial.pp,
# optionally gts-selinux, and scenarios.conf (SCENARIOS="1 2 4 3 5", MODE=check|demo).
#
# Each scenario: install → start under systemd with the upstream unit's hardening → assert
# (process domain, labels, every allowed action ok, zero AVCs for gotosocial_t during
# allowed work, every forbidden action refused with its own AVC) → stop.
# Output: TAP-like "ok N - ..." / "not ok N - ..." lines, a per-scenario table, and the last
# line "N passed, M failed". Exit status 0 when nothing failed. Evidence goes to OUTDIR.
set -u
OUT=${1:?outdir}
HERE=$(cd "$(dirname "$0")" && pwd)
SCENARIOS="1 2 4 3 5"
MODE=check
[ -f "$HERE/scenarios.conf" ] && . "$HERE/scenarios.conf"
export LC_ALL=C SYSTEMD_PAGER= SYSTEMD_COLORS=0
AUDIT_LOG=/var/log/audit/audit.log
GTS_CTX=system_u:system_r:gotosocial_t:s0

# ---------------------------------------------------------------- assertions and counters
npass=0 nfail=0 ntest=0
declare -A S_ALLOWED_OK S_ALLOWED_FAIL S_DENIED S_NOT_DENIED S_AVC_ALLOWED S_AVC_FORBIDDEN S_RESULT
cur=""   # current scenario

pass() { ntest=$((ntest + 1)); npass=$((npass + 1)); echo "ok $ntest - ${cur:+[s$cur] }$*"; }
fail() { ntest=$((ntest + 1)); nfail=$((nfail + 1)); S_RESULT[${cur:-setup}]=FAIL; echo "not ok $ntest - ${cur:+[s$cur] }$*"; }
check() { local d=$1; shift; if "$@"; then pass "$d"; else fail "$d"; return 1; fi; }
note() { echo "# $*"; }
step() { echo; echo "## ${cur:+scenario $cur: }$*"; }
bump() { local -n arr=$1; arr[${cur:-setup}]=$(( ${arr[${cur:-setup}]:-0} + ${2:-1} )); }
logged() { local log=$1; shift; "$@" >>"$log" 2>&1; }   # run, output appended to a log

# Wait for a condition (a command) with a bounded timeout; polls, never sleeps blindly.
wait_for() {
    local limit=$1; shift
    local end=$(( $(date +%s) + limit ))
    while ! "$@" >/dev/null 2>&1; do
        [ "$(date +%s)" -ge "$end" ] && return 1
        sleep 0.2
    done
}

# ---------------------------------------------------------------- audit windows
# A marker through the audit system: once it is in the log, every record the kernel
# queued before it is in the log too.
audit_mark() {
    local m="gts-vm-mark-$(date +%s%N)"
    auditctl -m "$m" >/dev/null 2>&1
    wait_for 30 grep -q "$m" "$AUDIT_LOG" || note "audit marker $m not seen within 30s"
    echo "$m"
}
# Denials (AVC, USER_AVC, SELINUX_ERR) between two markers, for scontext gotosocial_t.
# (tcontext too: a refused transition into gotosocial_t, e.g. nnp_transition, names it there)
avcs_between() {
    sed -n "/$1/,/$2/p" "$AUDIT_LOG" |
        grep -E 'type=(AVC|USER_AVC|SELINUX_ERR)' | grep -E "scontext=$GTS_CTX|tcontext=$GTS_CTX" || true
}

# ---------------------------------------------------------------- installing the policy
# One place decides how the project is installed: gts-selinux when it is there and runs in
# the guest, else semodule/semanage (the issue's stand-in for the tool). $GTS is empty or
# the tool's path.
GTS=""
PP=$HERE/gotosocial.pp           # host-built module; replaced by the guest's own `make install`
INSTALLED_PP=/usr/share/selinux/packages/default/gotosocial.pp.bz2

# The project installed as a user installs it: its sources (the host's work tree, in src/),
# `make`, `make install`. Failing that, the host-built module and tool from the payload.
build_and_install_project() {
    [ -d "$HERE/src" ] || { note "no sources in the payload: using host-built artifacts"; return; }
    rm -rf /usr/local/src/gotosocial-selinux
    cp -r "$HERE/src" /usr/local/src/gotosocial-selinux
    local t0=$(date +%s)
    if check "the project builds in the guest (make)" \
            logged "$OUT/guest-make.log" timeout 900 make -C /usr/local/src/gotosocial-selinux all; then
        check "make install" logged "$OUT/guest-make.log" \
            timeout 120 make -C /usr/local/src/gotosocial-selinux install PREFIX=/usr
        restorecon -RF /usr/sbin/gts-selinux /usr/share/selinux 2>/dev/null
        [ -f "$INSTALLED_PP" ] && PP=$INSTALLED_PP
    else
        tail -20 "$OUT/guest-make.log" | sed 's/^/#   make: /'
    fi
    note "guest build + install took $(( $(date +%s) - t0 ))s; module: $PP"
}

detect_tool() {
    if [ -n "${NO_TOOL:-}" ]; then
        note "NO_TOOL set: installing with semodule/semanage"
        return
    fi
    local cand
    for cand in /usr/sbin/gts-selinux "$HERE/gts-selinux"; do
        if [ -x "$cand" ] && "$cand" --help >/dev/null 2>&1; then
            GTS=$cand
            break
        fi
    done
    if [ -n "$GTS" ]; then
        note "installing with $GTS ($($GTS --version 2>&1 | head -1))"
    else
        note "gts-selinux not available in the guest: installing with semodule/semanage"
    fi
}
# the tool's own default module path is used once `make install` has put the module there
tool_module_args() {
    if [ "$GTS" = /usr/sbin/gts-selinux ] && [ "$PP" = "$INSTALLED_PP" ]; then TOOL_MODULE=()
    else TOOL_MODULE=(--module "$PP"); fi
}
# a verb the tool's --help lists in its "Verbs:" section
tool_has() { [ -n "$GTS" ] && "$GTS" --help 2>&1 | sed -n '/^Verbs:/,/^$/p' | grep -qE "^ +$1( |\$)"; }

# What a scenario's configuration needs beyond the module, one item per line:
#   path PATH KIND        PATH and below labeled gotosocial_KIND_t (KIND: db storage cert ...)
#   port PROTO PORT       listen port labeled gotosocial_port_t
#   boolean NAME on|off
# translated for gts-selinux (--path/--port/--boolean) or for `semanage import`.
spec_to_semanage() {
    local what rest
    while read -r what rest; do
        set -- $rest
        case $what in
            # file_contexts specs cannot hold a space: \x20 (a PCRE escape) stands for it
            path)    local spec=${rest%=*}; spec=${spec// /\\x20}
                     echo "fcontext -a -t gotosocial_${rest##*=}_t \"$spec(/.*)?\"" ;;
            # a port the base policy already labels (8765 is lirc_port_t) is modified, not added
            port)    if semanage port -l | awk -v p="$1" -v n="$2" '$2 == p { for (i = 3; i <= NF; i++) { gsub(",", "", $i); if ($i == n) f = 1 } } END { exit !f }'
                     then echo "port -m -t gotosocial_port_t -p $1 $2"
                     else echo "port -a -t gotosocial_port_t -p $1 $2"; fi ;;
            boolean) echo "boolean -m --$2 $1" ;;
        esac
    done
}
spec_to_tool_args() {   # fills the array TOOL_ARGS
    local what rest
    TOOL_ARGS=()
    while read -r what rest; do
        set -- $rest
        case $what in
            path)    TOOL_ARGS+=(--path "$rest") ;;
            port)    TOOL_ARGS+=(--port "$1/$2") ;;
            boolean) TOOL_ARGS+=(--boolean "$1=$2") ;;
        esac
    done
}

# policy_install SPEC  (SPEC: the lines above; "path" items are written "path PATH=KIND"
# so that PATH may contain spaces)
DONTAUDIT_OFF=""
policy_install() {
    local spec=${1:-} rc=0
    local t0=$(date +%s)
    if tool_has install; then
        if [ -z "$DONTAUDIT_OFF" ]; then
            # dontaudit rules off for the whole run, so that hidden denials show; the flag
            # lives in the store and survives the tool's rebuilds.
            timeout 600 semodule -DB 2>&1 || rc=$?
            DONTAUDIT_OFF=1
        fi
        spec_to_tool_args < <(printf '%s\n' "$spec")
        tool_module_args
        note "gts-selinux install ${TOOL_MODULE[*]} ${TOOL_ARGS[*]}"
        timeout 600 "$GTS" install "${TOOL_MODULE[@]}" "${TOOL_ARGS[@]}" 2>&1 || rc=$?
    else
        local lines; lines=$(printf '%s\n' "$spec" | spec_to_semanage)
        if ! semodule -l | grep -qx gotosocial; then
            # -D: dontaudit rules off for the whole run (hidden denials show); same transaction.
            note "semodule -D -X 200 -i $PP"
            timeout 600 semodule -D -X 200 -i "$PP" 2>&1 || rc=$?
            DONTAUDIT_OFF=1
        fi
        if [ "$rc" = 0 ] && [ -n "$lines" ]; then
            echo "$lines" | sed 's/^/# semanage import: /'
            echo "$lines" | timeout 600 semanage import 2>&1 || rc=$?
        fi
    fi
    note "install took $(( $(date +%s) - t0 ))s"
    return $rc
}

# policy_uninstall: the module and the local customizations naming its types, in one
# transaction (gts-selinux removes only what it recorded; the fallback goes by type).
policy_uninstall() {
    local rc=0
    if tool_has uninstall; then
        timeout 600 "$GTS" uninstall 2>&1 || rc=$?
    else
        local lines
        lines=$({ semanage fcontext -l -C | awk '/gotosocial_/ { print "fcontext -d \"" $1 "\"" }'
                  semanage port -l -C | awk '$1 ~ /^gotosocial_/ { for (i = 3; i <= NF; i++) { gsub(",", "", $i); print "port -d -p " $2 " " $i } }'; })
        echo "$lines" | sed 's/^/# semanage import: /'
        printf '%s\nmodule -r gotosocial -P 200\n' "$lines" | timeout 600 semanage import 2>&1 || rc=$?
    fi
    return $rc
}

relabel() {
    if tool_has relabel; then timeout 300 "$GTS" relabel "$@" 2>&1
    else timeout 300 restorecon -RF "$@" 2>&1; fi
}

verify() {
    if tool_has verify; then timeout 120 "$GTS" verify "$@"; else return 0; fi
}

# ---------------------------------------------------------------- helpers
contains() { grep -q -- "$2" <<<"$1"; }
type_of() { stat -c %C "$1" 2>/dev/null | cut -d: -f3; }
expect_type() {   # PATH TYPE
    local t; t=$(type_of "$1")
    check "label of $1 is $2 (is ${t:-none})" [ "$t" = "$2" ]
}
write_unit() {    # NAME EXEC CONFIG WORKDIR [extra [Service] lines]
    cat > "/etc/systemd/system/$1.service" <<EOF
# GoToSocial as the upstream example unit runs it, with its hardening (written for the
# gotosocial-selinux VM tests).
[Unit]
Description=GoToSocial server (stand-in)
After=network.target

[Service]
Type=exec
User=gotosocial
Group=gotosocial
WorkingDirectory=$4
ExecStart=$2 --config-path $3 server start
Environment=STANDIN_FEDERATION=fedi.test:443
Restart=no
StandardOutput=journal
StandardError=journal
NoNewPrivileges=yes
PrivateTmp=yes
PrivateDevices=yes
ProtectSystem=full
ProtectControlGroups=yes
ProtectKernelModules=yes
ProtectKernelTunables=yes
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
RestrictNamespaces=yes
RestrictRealtime=yes
LockPersonality=yes
SystemCallArchitectures=native
SystemCallFilter=~@clock @debug @module @mount @obsolete @reboot @setuid @swap
CapabilityBoundingSet=${6:-}
${5:-}
EOF
    restorecon "/etc/systemd/system/$1.service"
    systemctl daemon-reload
}

# start_server UNIT → waits for "standin: ready" (or the unit's end), sets INVOCATION
start_server() {
    local unit=$1
    systemctl reset-failed "$unit" >/dev/null 2>&1
    timeout 60 systemctl start "$unit"
    INVOCATION=$(systemctl show -p InvocationID --value "$unit")
    wait_for 90 server_settled "$unit"
}
server_log() { journalctl -q -o cat --no-pager "_SYSTEMD_INVOCATION_ID=$INVOCATION"; }
server_settled() {
    server_log | grep -q '^standin: ready' && return 0
    ! systemctl is-active -q "$1"
}

# Count the stand-in's "<action> ok|absent|ERRNO" lines as assertions.
judge_allowed() {
    local log=$1 line n=0
    while read -r line; do
        case $line in
            standin:*|"") continue ;;
        esac
        local res; res=$(echo "$line" | awk '{print $2}')
        n=$((n + 1))
        if [ "$res" = ok ] || [ "$res" = absent ]; then
            bump S_ALLOWED_OK; pass "allowed: $line"
        else
            bump S_ALLOWED_FAIL; fail "allowed: $line"
        fi
    done < <(grep -vE '^(standin:|forbid )' "$log")
    check "the stand-in reported its actions ($n lines)" [ "$n" -gt 20 ]
}

# run_forbidden NAME WORKDIR EXEC CONFIG [STANDIN_FORBID_ONLY]
# The probe runs under systemd as the server does (same user, NoNewPrivileges=yes), entering
# gotosocial_t the same way, but without the unit's seccomp filter and with the capabilities
# an attacker would bring, and every target is made reachable for the user: so that the only
# thing that can refuse each action is SELinux.
run_forbidden() {
    local name=$1 wd=$2 exe=$3 config=$4 only=${5:-}
    local unit="gts-forbidden-$name"
    local m1 m2 log="$OUT/forbidden-$name.log"
    cat > "/etc/systemd/system/$unit.service" <<EOF
# Forbidden-action probe of the gotosocial-selinux VM tests (see guest.sh run_forbidden).
[Service]
Type=oneshot
User=gotosocial
Group=gotosocial
SupplementaryGroups=shadow
NoNewPrivileges=yes
PrivateTmp=yes
WorkingDirectory=$wd
AmbientCapabilities=CAP_NET_BIND_SERVICE CAP_SYS_MODULE
Environment="STANDIN_PTRACE_PID=$PTRACE_PID" "STANDIN_FORBID_ONLY=$only" "STANDIN_FORBID_CONNECT=${FORBID_CONNECT:-}"
ExecStart=$exe --config-path $config standin forbidden
StandardOutput=journal
EOF
    restorecon "/etc/systemd/system/$unit.service"
    systemctl daemon-reload
    m1=$(audit_mark)
    timeout 120 systemctl start "$unit"    # a oneshot: returns when the probe has finished
    wait_for 30 sh -c "journalctl -q -o cat --no-pager -u $unit | grep -q 'forbidden done'"
    journalctl -q -o cat --no-pager -u "$unit" > "$log"
    m2=$(audit_mark)
    local window; window=$(sed -n "/$m1/,/$m2/p" "$AUDIT_LOG")
    local n=0 action res pid avc
    while read -r _ action res pid; do
        pid=${pid#pid=}
        n=$((n + 1))
        if [ "$res" = EACCES ] || [ "$res" = EPERM ]; then
            bump S_DENIED; pass "forbidden $action refused ($res)"
        else
            bump S_NOT_DENIED; fail "forbidden $action refused (got $res)"
        fi
        avc=$(echo "$window" | grep 'type=AVC' | grep " pid=$pid " | grep "scontext=$GTS_CTX" | head -1)
        if [ -n "$avc" ]; then
            bump S_AVC_FORBIDDEN; pass "forbidden $action has its AVC: $(echo "$avc" | grep -o 'avc: .*' | cut -c1-200)"
        else
            fail "forbidden $action has its AVC (none with pid=$pid)"
        fi
    done < <(grep '^forbid ' "$log")
    check "the forbidden probe ran ($n actions)" [ "$n" -gt 0 ]
    why_forbidden "$window" "$OUT/why-forbidden-$name.txt" "$log"
}

# gts-selinux why on the forbidden probe's records: denials found (exit 3), reading
# /etc/shadow explained as a policy gap rather than an allow rule (where the probe tried
# it: the port-only probes are explained as port labels and booleans), and none of them
# blamed on the wrong domain or analysed against the wrong policy.
why_forbidden() {
    tool_has why || return 0
    local out=$2 probe_log=$3 rc bad
    printf '%s\n' "$1" | "$GTS" why --input - > "$out" 2>&1; rc=$?
    sed 's/^/#   why: /' "$out" | head -40
    check "gts-selinux why on the forbidden probe's records exits 3 (is $rc)" [ "$rc" = 3 ]
    if grep -q '^forbid read-shadow ' "$probe_log"; then
        check "why explains the read of /etc/shadow as a policy gap" \
            grep -qF '] policy-gap: { read } gotosocial_t -> shadow_t:file' "$out"
    fi
    for bad in wrong-domain allowed-now not-in-policy; do
        check "why blames no forbidden access on $bad" sh -c "! grep -qF '] $bad: ' '$out'"
    done
}

# run_server_scenario UNIT [EXPECTED_PORTS...]: start, assert, stop; AVC window around it all.
run_server_scenario() {
    local unit=$1; shift
    local m1 m2 log="$OUT/server-s$cur.log"
    m1=$(audit_mark)
    step "start $unit"
    start_server "$unit"
    check "$unit is running" systemctl is-active -q "$unit"
    local pid; pid=$(systemctl show -p MainPID --value "$unit")
    local ctx; ctx=$(cat "/proc/$pid/attr/current" 2>/dev/null | tr -d '\0')
    ps -eZ > "$OUT/ps-eZ-s$cur.txt"
    check "process context is $GTS_CTX (is ${ctx:-none})" [ "$ctx" = "$GTS_CTX" ]
    check "ps -eZ shows gotosocial in gotosocial_t" \
        sh -c "grep -E '^$GTS_CTX +$pid .* gotosocial\$' '$OUT/ps-eZ-s$cur.txt'"
    local url
    for url in "$@"; do
        local body; body=$(timeout 20 curl -sS --max-time 10 "$url" 2>&1)
        check "HTTP $url answers with the template" contains "$body" gts-template-marker
    done
    verify_step
    if declare -F "while_running_s$cur" >/dev/null; then "while_running_s$cur"; fi
    step "stop $unit"
    timeout 60 systemctl stop "$unit"
    local status; status=$(systemctl show -p ExecMainStatus --value "$unit")
    server_log > "$log"
    check "the stand-in stopped cleanly with status 0 (is $status)" [ "$status" = 0 ]
    judge_allowed "$log"
    m2=$(audit_mark)
    local avcs; avcs=$(avcs_between "$m1" "$m2")
    local count; count=$(printf '%s' "$avcs" | grep -c . || true)
    S_AVC_ALLOWED[$cur]=$count
    if [ "$count" = 0 ]; then pass "zero AVCs for gotosocial_t during allowed work"
    else
        fail "zero AVCs for gotosocial_t during allowed work ($count):"
        echo "$avcs" | sed 's/^/#   /'
        echo "$avcs" >> "$OUT/avc-allowed.txt"
    fi
    if tool_has why; then
        local wrc
        sed -n "/$m1/,/$m2/p" "$AUDIT_LOG" | "$GTS" why --input - > "$OUT/why-allowed-s$cur.txt" 2>&1; wrc=$?
        check "gts-selinux why finds nothing to explain in allowed work (exit $wrc)" [ "$wrc" = 0 ]
    fi
}
verify_step() {
    if tool_has verify; then
        local out; out=$(verify 2>&1); local rc=$?
        echo "$out" | sed 's/^/#   verify: /'
        check "gts-selinux verify exits 0 (is $rc)" [ "$rc" = 0 ]
    fi
}

# ---------------------------------------------------------------- common setup
setup_common() {
    cur=""
    step "setup"
    sestatus | tee "$OUT/sestatus.txt"
    check "SELinux is enforcing" [ "$(getenforce)" = Enforcing ]
    build_and_install_project
    detect_tool
    note "building the stand-in with the guest's libsqlite3 and libpq"
    check "stand-in builds" timeout 300 gcc -O2 -Wall -o /var/lib/gts-vm/gotosocial "$HERE/standin.c" \
        -I/usr/include/postgresql -lsqlite3 -lpq
    # The GoToSocial user as the metal guide makes it, and the other side of the network.
    id gotosocial >/dev/null 2>&1 || useradd --system --user-group --no-create-home \
        --home-dir /gotosocial --shell /usr/sbin/nologin gotosocial
    grep -q fedi.test /etc/hosts || echo '127.0.0.2 fedi.test' >> /etc/hosts
    install -D -m 0755 /var/lib/gts-vm/gotosocial /usr/local/libexec/gts-peer
    restorecon -R /usr/local/libexec
    rm -f /run/gts-peer.ready
    setsid -f /usr/local/libexec/gts-peer peer 127.0.0.2 443 587 /run/gts-peer.ready \
        >/var/log/gts-peer.log 2>&1 </dev/null
    check "federation/SMTP peer listens on 127.0.0.2:443 and :587" wait_for 30 test -f /run/gts-peer.ready

    # Forbidden targets, each reachable for the gotosocial user (DAC), so only SELinux can
    # refuse: shadow via its group, a user's home, root's ssh keys, another service's data.
    id alice >/dev/null 2>&1 || useradd --create-home alice
    chmod 0755 /home/alice; echo secret > /home/alice/notes.txt; chmod 0644 /home/alice/notes.txt
    chmod 0755 /root; mkdir -p /root/.ssh; chmod 0755 /root/.ssh
    echo 'ssh-ed25519 AAAA test' > /root/.ssh/authorized_keys; chmod 0644 /root/.ssh/authorized_keys
    mkdir -p /var/www/html; echo '<p>another service</p>' > /var/www/html/index.html
    chmod 0666 /var/www/html/index.html
    restorecon -RF /home/alice /root /var/www
    # Another process of the same user in another domain, for ptrace
    setsid -f runuser -u gotosocial -- sleep 3000 >/dev/null 2>&1 </dev/null
    wait_for 10 pgrep -u gotosocial -x sleep
    PTRACE_PID=$(pgrep -u gotosocial -x sleep | head -1)
    note "ptrace target pid $PTRACE_PID ($(cat /proc/$PTRACE_PID/attr/current 2>/dev/null | tr -d '\0'))"
}

# The upstream metal layout: /gotosocial owned by gotosocial, config.yaml, web/, storage/.
make_default_layout() {
    mkdir -p /gotosocial/web/template /gotosocial/web/assets /gotosocial/storage/certs
    install -m 0755 /var/lib/gts-vm/gotosocial /gotosocial/gotosocial
    echo '<html><body>gts-template-marker {{ .instance }}</body></html>' > /gotosocial/web/template/index.tmpl
    echo 'body { color: #333; }' > /gotosocial/web/assets/style.css
    chown -R gotosocial:gotosocial /gotosocial
}
write_default_config() {
    cat > /gotosocial/config.yaml <<'EOF'
# GoToSocial config (upstream defaults where not said otherwise)
host: "gts.example.org"
account-domain: ""
protocol: "https"
bind-address: "0.0.0.0"
port: 8080
db-type: "sqlite"
db-address: "sqlite.db"
web-template-base-dir: "./web/template/"
web-asset-base-dir: "./web/assets/"
storage-backend: "local"
storage-local-base-path: "/gotosocial/storage"
letsencrypt-enabled: false
letsencrypt-port: 80
letsencrypt-cert-dir: "/gotosocial/storage/certs"
EOF
    [ -n "${1:-}" ] && printf '%s\n' "$1" >> /gotosocial/config.yaml
    chown gotosocial:gotosocial /gotosocial/config.yaml
    chmod 0600 /gotosocial/config.yaml
}

# ---------------------------------------------------------------- scenarios
# while_running_sN: checks made while scenario N's server runs (SQLite removes -wal and
# -shm when its last connection closes).
while_running_s1() {
    expect_type /gotosocial/sqlite.db-wal gotosocial_db_t
    expect_type /gotosocial/sqlite.db-shm gotosocial_db_t
}
while_running_s2() {
    expect_type /var/lib/gts-data/db.sqlite-shm gotosocial_db_t
}
scenario_1() {
    step "upstream default layout: /gotosocial, SQLite, port 8080"
    make_default_layout
    write_default_config
    write_unit gotosocial /gotosocial/gotosocial config.yaml /gotosocial \
        'Environment=GTS_WAZERO_COMPILATION_CACHE=/gotosocial/.cache'
    check "policy installs" policy_install ""
    semodule -l | grep -x gotosocial > /dev/null; check "module gotosocial is loaded" [ $? = 0 ]
    relabel /gotosocial /etc/systemd/system/gotosocial.service
    expect_type /gotosocial/gotosocial gotosocial_exec_t
    expect_type /gotosocial/config.yaml gotosocial_conf_t
    expect_type /gotosocial/web/template/index.tmpl gotosocial_web_t
    expect_type /gotosocial gotosocial_db_t
    expect_type /gotosocial/storage gotosocial_storage_t
    expect_type /gotosocial/storage/certs gotosocial_cert_t
    expect_type /etc/systemd/system/gotosocial.service gotosocial_unit_t
    run_server_scenario gotosocial http://127.0.0.1:8080/
    expect_type /gotosocial/sqlite.db gotosocial_db_t
    expect_type /gotosocial/storage/01HACCOUNT/attachment/original/01HMEDIA.jpeg gotosocial_storage_t
    expect_type /gotosocial/storage/certs/acme_account+key gotosocial_cert_t
    expect_type /gotosocial/.cache gotosocial_cache_t
    step "forbidden actions"
    FORBID_CONNECT="587 5432 18766" run_forbidden s1 /gotosocial /gotosocial/gotosocial config.yaml ""
    if tool_has verify; then
        step "verify notices a mislabeled binary"
        chcon -t bin_t /gotosocial/gotosocial
        local vout; vout=$(verify 2>&1); local vrc=$?
        echo "$vout" | sed 's/^/#   verify: /'
        check "gts-selinux verify exits 3 on a mislabeled binary (is $vrc)" [ "$vrc" = 3 ]
        check "verify names the binary" contains "$vout" /gotosocial/gotosocial
        restorecon /gotosocial/gotosocial
    fi
    if [ "$MODE" = demo ]; then demo_report; fi
}

S2_SPEC='path /var/lib/gts-data=db
path /srv/gts media=storage
path /srv/gts media/certs=cert
port tcp 8765
boolean gotosocial_connect_smtp on'

scenario_2() {
    step "everything moved by the config: /usr/local/bin, /etc/gotosocial, /var/lib/gts-data, '/srv/gts media', port 8765, SMTP"
    install -m 0755 /var/lib/gts-vm/gotosocial /usr/local/bin/gotosocial
    mkdir -p /etc/gotosocial /usr/local/share/gotosocial/web/template /var/lib/gts-data "/srv/gts media"
    echo '<html><body>gts-template-marker moved</body></html>' > /usr/local/share/gotosocial/web/template/index.tmpl
    cat > /etc/gotosocial/config.yaml <<'EOF'
host: "gts.example.org"
bind-address: "0.0.0.0"
port: 8765
db-type: "sqlite"
db-address: "/var/lib/gts-data/db.sqlite"
web-template-base-dir: "/usr/local/share/gotosocial/web/template/"
web-asset-base-dir: "/usr/local/share/gotosocial/web/assets/"
storage-local-base-path: "/srv/gts media"
letsencrypt-cert-dir: "/srv/gts media/certs"
smtp-host: "fedi.test"
smtp-port: 587
EOF
    chown root:gotosocial /etc/gotosocial/config.yaml; chmod 0640 /etc/gotosocial/config.yaml
    chown gotosocial:gotosocial /var/lib/gts-data "/srv/gts media"
    write_unit gotosocial /usr/local/bin/gotosocial /etc/gotosocial/config.yaml /var/lib/gts-data \
        'Environment=GTS_WAZERO_COMPILATION_CACHE=/var/cache/gotosocial
CacheDirectory=gotosocial'
    check "policy installs (moved paths, port 8765, SMTP)" policy_install "$S2_SPEC"
    relabel /usr/local/bin/gotosocial /etc/gotosocial /usr/local/share/gotosocial /var/lib/gts-data "/srv/gts media"
    check "port 8765 is gotosocial_port_t" sh -c "semanage port -l | grep -E '^gotosocial_port_t +tcp +8765'"
    expect_type /usr/local/bin/gotosocial gotosocial_exec_t
    expect_type /etc/gotosocial/config.yaml gotosocial_conf_t
    expect_type /usr/local/share/gotosocial/web/template/index.tmpl gotosocial_web_t
    expect_type /var/lib/gts-data gotosocial_db_t
    expect_type "/srv/gts media" gotosocial_storage_t
    run_server_scenario gotosocial http://127.0.0.1:8765/
    expect_type "/srv/gts media/certs" gotosocial_cert_t
    expect_type "/srv/gts media/certs/acme_account+key" gotosocial_cert_t
    expect_type /var/cache/gotosocial gotosocial_cache_t
    step "forbidden actions (moved layout)"
    FORBID_CONNECT="5432" run_forbidden s2 /var/lib/gts-data /usr/local/bin/gotosocial /etc/gotosocial/config.yaml \
        "read-shadow exec-from-storage mmap-exec-from-storage bind-unreserved-port connect-ssh-port connect-port-5432"
}

scenario_4() {
    step "TLS / Let's Encrypt style: 443 and 80 with CAP_NET_BIND_SERVICE"
    write_default_config
    sed -i -e 's/^port: 8080/port: 443/' -e 's/^letsencrypt-enabled: false/letsencrypt-enabled: true/' \
        -e 's/^bind-address: "0.0.0.0"/bind-address: "127.0.0.1"/' /gotosocial/config.yaml
    write_unit gotosocial /gotosocial/gotosocial config.yaml /gotosocial \
        'AmbientCapabilities=CAP_NET_BIND_SERVICE' CAP_NET_BIND_SERVICE
    check "policy installs (gotosocial_bind_http on)" policy_install 'boolean gotosocial_bind_http on'
    check "gotosocial_bind_http is on" sh -c "getsebool gotosocial_bind_http | grep -q 'on\$'"
    run_server_scenario gotosocial http://127.0.0.1:443/ http://127.0.0.1:80/
    step "forbidden actions (bind_http on)"
    FORBID_CONNECT="" run_forbidden s4 /gotosocial /gotosocial/gotosocial config.yaml \
        "bind-ssh-port bind-unreserved-port connect-ssh-port"
}

scenario_3() {
    step "PostgreSQL (Debian's server in the guest) over its unix socket and over TCP"
    check "PostgreSQL starts" timeout 120 systemctl start postgresql@15-main
    wait_for 60 test -S /run/postgresql/.s.PGSQL.5432
    runuser -u postgres -- psql -q -c "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='gotosocial') THEN CREATE ROLE gotosocial LOGIN PASSWORD 'gts-vm-test'; END IF; END\$\$;" >/dev/null
    runuser -u postgres -- createdb -O gotosocial gotosocial 2>/dev/null
    check "database gotosocial exists" sh -c "runuser -u postgres -- psql -Atc \"SELECT 1 FROM pg_database WHERE datname='gotosocial'\" | grep -q 1"
    local via installed=""
    for via in socket tcp; do
        local addr=/run/postgresql; [ $via = tcp ] && addr=127.0.0.1
        write_default_config "db-user: gotosocial
db-password: gts-vm-test
db-database: gotosocial
db-port: 5432"
        sed -i -e 's/^db-type: "sqlite"/db-type: "postgres"/' -e "s|^db-address: \"sqlite.db\"|db-address: \"$addr\"|" \
            /gotosocial/config.yaml
        write_unit gotosocial /gotosocial/gotosocial config.yaml /gotosocial
        if [ -z "$installed" ]; then
            check "policy installs (gotosocial_connect_postgresql on)" policy_install 'boolean gotosocial_connect_postgresql on'
            installed=1
        fi
        note "PostgreSQL over $via ($addr)"
        run_server_scenario gotosocial http://127.0.0.1:8080/
        check "the stand-in wrote to PostgreSQL over $via" grep -q '^postgres-insert ok' "$OUT/server-s$cur.log"
        cp "$OUT/server-s$cur.log" "$OUT/server-s$cur-$via.log"
    done
    step "forbidden actions (connect_postgresql on: still no other database)"
    FORBID_CONNECT="3306" run_forbidden s3 /gotosocial /gotosocial/gotosocial config.yaml \
        "connect-port-3306 connect-ssh-port"
    timeout 60 systemctl stop postgresql@15-main
}

scenario_5() {
    step "uninstall: module gone, only our customizations gone, labels back to the base policy's"
    # Someone else's customization, which must survive our uninstall.
    printf 'port -a -t http_port_t -p tcp 8999\n' | timeout 600 semanage import
    check "policy uninstalls" policy_uninstall
    check "module gotosocial is gone" sh -c "! semodule -l | grep -qx gotosocial"
    check "no customization names gotosocial types" \
        sh -c "! { semanage port -l -C; semanage fcontext -l -C; semanage boolean -l -C; } 2>&1 | grep -q gotosocial"
    check "the foreign port customization survived" sh -c "semanage port -l -C | grep -E '^http_port_t +tcp +8999'"
    relabel /gotosocial /usr/local/bin/gotosocial /etc/gotosocial /var/lib/gts-data "/srv/gts media"
    local p want
    for p in /gotosocial/gotosocial /gotosocial/config.yaml /gotosocial/storage /usr/local/bin/gotosocial \
             /etc/gotosocial/config.yaml /var/lib/gts-data "/srv/gts media"; do
        want=$(matchpathcon -n "$p" | cut -d: -f3)
        check "label of $p is the base policy's $want" [ "$(type_of "$p")" = "$want" ]
        check "label of $p is no gotosocial type" sh -c "! stat -c %C '$p' | grep -q gotosocial"
    done
}

demo_report() {
    echo
    echo "================ demo: what an administrator sees ================"
    echo "\$ sestatus"; sestatus | sed -n '1,5p'
    echo "\$ ps -eZ | grep gotosocial"; timeout 60 systemctl start gotosocial
    wait_for 60 sh -c "ps -eZ | grep -q ' gotosocial\$'"
    ps -eZ | grep -E 'gotosocial$|LABEL'
    if tool_has verify; then echo "\$ gts-selinux verify"; verify; echo "(exit $?)"; fi
    if tool_has status; then echo "\$ gts-selinux status"; timeout 120 "$GTS" status; fi
    echo "\$ ls -Z /gotosocial"; ls -Z /gotosocial
    echo "\$ curl http://127.0.0.1:8080/"; timeout 20 curl -sS --max-time 10 http://127.0.0.1:8080/
    timeout 60 systemctl stop gotosocial
    echo "\$ # what a compromised server running as gotosocial_t tried, and what SELinux said"
    grep '^forbid ' "$OUT/forbidden-s1.log" | sed 's/^forbid /  /'
    echo "  ($(grep -c "type=AVC.*scontext=$GTS_CTX" "$AUDIT_LOG") AVC denials for gotosocial_t in the audit log, all from these attempts)"
    echo "=================================================================="
}

# ---------------------------------------------------------------- main
started=$(date +%s)
setup_common
for cur in $SCENARIOS; do
    S_RESULT[$cur]=PASS
    t0=$(date +%s)
    "scenario_$cur"
    note "scenario $cur took $(( $(date +%s) - t0 ))s"
done
cur=""

# Evidence
cp "$AUDIT_LOG" "$OUT/audit.log" 2>/dev/null
ausearch -m AVC,USER_AVC,SELINUX_ERR -i > "$OUT/avc-all.txt" 2>&1
grep -E 'type=(AVC|USER_AVC|SELINUX_ERR)' "$AUDIT_LOG" | grep -F "$GTS_CTX" > "$OUT/avc-gotosocial_t.txt"
journalctl -b --no-pager -o short-precise > "$OUT/journal.txt" 2>&1
ps -eZ > "$OUT/ps-eZ.txt"
semodule -l > "$OUT/semodule-l.txt" 2>&1

echo
echo "## summary (guest time $(( $(date +%s) - started ))s)"
{
    printf '%-9s %-6s %-14s %-16s %-20s %s\n' scenario result "allowed ok" "forbidden denied" "forbidden with AVC" "AVCs in allowed work"
    [ -n "${S_RESULT[setup]:-}" ] && printf '%-9s %-6s (see "not ok" lines before scenario 1)\n' setup FAIL
    for s in $SCENARIOS; do
        printf '%-9s %-6s %-14s %-16s %-20s %s\n' "$s" "${S_RESULT[$s]}" \
            "${S_ALLOWED_OK[$s]:-0}/$(( ${S_ALLOWED_OK[$s]:-0} + ${S_ALLOWED_FAIL[$s]:-0} ))" \
            "${S_DENIED[$s]:-0}/$(( ${S_DENIED[$s]:-0} + ${S_NOT_DENIED[$s]:-0} ))" \
            "${S_AVC_FORBIDDEN[$s]:-0}" "${S_AVC_ALLOWED[$s]:--}"
    done
} | tee "$OUT/summary.txt"
echo "$npass passed, $nfail failed" | tee -a "$OUT/summary.txt"
[ "$nfail" = 0 ]

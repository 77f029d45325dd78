#!/bin/bash
# Boot the test guest once and run a payload in it.
#
#   tests/vm/boot.sh IMAGE_DIR PAYLOAD_DIR OUT_DIR [TIMEOUT_SECONDS]
#
# PAYLOAD_DIR must hold guest.sh (run by the guest's gts-vm-runner as
# `bash guest.sh OUTDIR`) and whatever it needs; it goes in on a second virtio disk made
# with mke2fs -d (no root mount, no 9p: the cloud kernel has none). The guest boots from a
# throw-away qcow2 overlay on IMAGE_DIR/root.img, SELinux enforcing, with no network. When it
# has powered off, the disk's out/ is copied to OUT_DIR with debugfs, the serial console log
# is OUT_DIR/serial.log, and this script exits with the status guest.sh returned (1 if the
# guest never wrote one: crash, timeout, no payload).
#
# Accelerator: TCG unless GTS_VM_ACCEL=kvm is set explicitly or the CPU advertises vmx/svm
# and /dev/kvm is usable (this machine's /dev/kvm cannot run a stock kernel: see
# shared/reference/vm-testing.md).
set -euo pipefail

image=${1:?image dir}; payload=${2:?payload dir}; out=${3:?out dir}; limit=${4:-1500}
log() { echo "boot: $*" >&2; }

for tool in qemu-system-x86_64 qemu-img mke2fs debugfs; do
    command -v "$tool" >/dev/null || { log "missing $tool (apt-get install qemu-system-x86 qemu-utils e2fsprogs)"; exit 1; }
done

accel=${GTS_VM_ACCEL:-}
auto_kvm=""
if [ -z "$accel" ]; then
    accel=tcg
    if [ -w /dev/kvm ] && grep -qwE 'vmx|svm' /proc/cpuinfo; then accel=kvm; auto_kvm=1; fi
fi

tmp=$(mktemp -d "${TMPDIR:-/var/tmp}/gts-vm-run.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/disk/in" "$tmp/disk/out" "$out"
rm -f "$out/status"
cp -r "$payload/." "$tmp/disk/in/"
# The guest's own time limit for guest.sh, a little inside ours so that it can still
# write its evidence back.
echo $(( limit > 120 ? limit - 60 : limit )) > "$tmp/disk/in/timeout"
timeout 120 mke2fs -q -t ext4 -L gtstest -d "$tmp/disk" "$tmp/test.img" 512M >/dev/null
timeout 60 qemu-img create -q -f qcow2 -F raw -b "$image/root.img" "$tmp/overlay.qcow2"

# boot ACCEL [LIMIT]: one guest run; sets qrc
boot() {
    local accel_opts limit=${2:-$limit}
    case $1 in
        kvm) accel_opts=(-accel kvm -cpu host) ;;
        *)   accel_opts=(-accel tcg,thread=multi -cpu max) ;;
    esac
    log "booting ($1, limit ${limit}s), serial log: $out/serial.log"
    local started=$(date +%s)
    set +e
    timeout --kill-after=10 "$limit" qemu-system-x86_64 \
        "${accel_opts[@]}" -smp 2 -m 2048 \
        -nographic -monitor none -serial "file:$out/serial.log" \
        -nic none -no-reboot \
        -kernel "$image/vmlinuz" -initrd "$image/initrd.img" \
        -append "root=/dev/vda rw console=ttyS0,115200 security=selinux enforcing=1 audit=1 audit_backlog_limit=8192 panic=-1" \
        -drive "file=$tmp/overlay.qcow2,if=virtio,format=qcow2,cache=unsafe" \
        -drive "file=$tmp/test.img,if=virtio,format=raw,cache=unsafe" \
        </dev/null >"$tmp/qemu.out" 2>&1
    qrc=$?
    set -e
    if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
        log "guest did not power off within ${limit}s: killed"
    elif [ "$qrc" != 0 ]; then
        log "qemu exited with $qrc: $(tail -5 "$tmp/qemu.out")"
    fi
    log "guest ran $(( $(date +%s) - started ))s"
}

# A working KVM runs the suite in a fraction of the TCG time: an auto-chosen KVM gets at
# most 600s before the TCG retry below.
if [ -n "$auto_kvm" ]; then boot kvm $(( limit < 600 ? limit : 600 )); else boot "$accel"; fi
# A KVM that the CPU flags promise but that cannot run this kernel (nested, paravirtual):
# if the guest never reached its runner, boot once more under TCG.
if [ -n "$auto_kvm" ] && ! grep -q 'gts-vm-runner' "$out/serial.log" 2>/dev/null; then
    log "KVM boot did not reach the test runner: retrying under TCG"
    timeout 60 qemu-img create -q -f qcow2 -F raw -b "$image/root.img" "$tmp/overlay.qcow2"
    boot tcg
fi

timeout 120 debugfs -R "rdump /out $tmp" "$tmp/test.img" >/dev/null 2>&1 || true
if [ -d "$tmp/out" ]; then cp -r "$tmp/out/." "$out/"; fi
if [ -s "$out/status" ]; then
    exit "$(cat "$out/status")"
fi
log "the guest wrote no status (see $out/serial.log)"
exit 1

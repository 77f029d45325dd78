#!/bin/bash
# Host side of the enforcing-VM tests: build or reuse the guest image, stage the payload
# (guest test, stand-in source, policy module, gts-selinux if built), boot the guest once,
# bring the evidence back to build/vm/ and exit with the guest's status.
#
#   tests/vm/run.sh [--demo] [--scenarios "1 2 4 3 5"] [--timeout SECONDS]
#
# Needs on the host: qemu-system-x86 qemu-utils mmdebstrap e2fsprogs (and root, for the
# image build). The policy module must be built first (top-level `make policy`).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
mode=check
scenarios=${SCENARIOS:-"1 2 4 3 5"}
limit=${GTS_VM_TIMEOUT:-1500}
while [ $# -gt 0 ]; do
    case $1 in
        --demo) mode=demo; scenarios=1; limit=${GTS_VM_TIMEOUT:-600} ;;
        --scenarios) scenarios=$2; shift ;;
        --timeout) limit=$2; shift ;;
        *) echo "usage: $0 [--demo] [--scenarios LIST] [--timeout SECONDS]" >&2; exit 2 ;;
    esac
    shift
done

started=$(date +%s)
out=$top/build/vm
pp=$top/build/policy/gotosocial.pp
[ -f "$pp" ] || { echo "run: $pp missing: run 'make policy' at the top level first" >&2; exit 1; }

image=$("$here/mkimage.sh")

payload=$(mktemp -d "${TMPDIR:-/var/tmp}/gts-vm-payload.XXXXXX")
trap 'rm -rf "$payload"' EXIT
cp "$here/guest/guest.sh" "$here/standin.c" "$pp" "$payload/"
# The sources, so that the guest builds and installs the project as a user does (the
# host-built module and tool are the fallback if that fails).
mkdir -p "$payload/src"
find "$top" -maxdepth 1 -type f -exec cp {} "$payload/src/" \;    # Makefile, spec, README, ...
cp -r "$top/policy" "$payload/src/"
[ -d "$top/tools" ] && cp -r "$top/tools" "$payload/src/"
if [ -x "$top/build/tools/gts-selinux" ]; then
    cp "$top/build/tools/gts-selinux" "$payload/"
fi
printf 'SCENARIOS="%s"\nMODE=%s\nNO_TOOL="%s"\n' "$scenarios" "$mode" "${GTS_VM_NO_TOOL:-}" > "$payload/scenarios.conf"

rm -rf "$out"
mkdir -p "$out"
set +e
"$here/boot.sh" "$image" "$payload" "$out" "$limit"
rc=$?
set -e

if [ "$mode" = demo ] && [ -f "$out/guest.log" ]; then
    sed -n '/^=* demo:/,/^=====*$/p' "$out/guest.log"
fi
if [ -f "$out/summary.txt" ]; then
    echo
    cat "$out/summary.txt"
else
    echo "0 passed, 1 failed (the guest produced no summary: see $out/serial.log)"
fi
[ -s "$out/avc-allowed.txt" ] && echo "AVCs during allowed work: $out/avc-allowed.txt"
echo "vm suite: exit $rc, wall time $(( $(date +%s) - started ))s, evidence in ${out#"$top"/}/"
exit "$rc"

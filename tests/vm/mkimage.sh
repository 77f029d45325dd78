#!/bin/bash
# Build (or find in the cache) the SELinux-enforcing Debian 12 test guest.
#
#   tests/vm/mkimage.sh            prints the image directory (root.img, vmlinuz, initrd.img)
#
# The image is made from Debian's packages with mmdebstrap, labeled from outside before its
# first boot (the rootfs's own setfiles, validated against the rootfs's own binary policy), and
# written to an ext4 image with mke2fs -d (which keeps the security.selinux xattrs). Nothing
# here loads a policy or touches the host's SELinux configuration.
#
# Cache: $GTS_VM_CACHE (default /var/tmp/gts-selinux-vm)/<hash of the recipe>/. The recipe is
# this script plus everything under image/ (package list, files baked into the guest): change
# any of them and the next run builds a new image; older images are removed.
#
# Environment: GTS_VM_MIRROR (default http://deb.debian.org/debian),
#              GTS_VM_SECURITY_MIRROR (default http://deb.debian.org/debian-security).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache_root=${GTS_VM_CACHE:-/var/tmp/gts-selinux-vm}
mirror=${GTS_VM_MIRROR:-http://deb.debian.org/debian}
security_mirror=${GTS_VM_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

log() { echo "mkimage: $*" >&2; }

recipe_hash() {
    (cd "$here" && { echo mkimage.sh; find image -type f | LC_ALL=C sort; } |
        while read -r f; do echo "== $f $(stat -c %a "$f")"; cat "$f"; done) |
        sha256sum | cut -c1-16
}

hash=$(recipe_hash)
dest=$cache_root/$hash
if [ -f "$dest/done" ]; then
    echo "$dest"
    exit 0
fi

for tool in mmdebstrap mke2fs debugfs unshare; do
    command -v "$tool" >/dev/null || { log "missing $tool (apt-get install mmdebstrap e2fsprogs util-linux)"; exit 1; }
done
[ "$(id -u)" = 0 ] || { log "building the image needs root (mmdebstrap --mode=root, labeling)"; exit 1; }

mkdir -p "$cache_root"
exec 9>"$cache_root/lock"
timeout 1200 flock 9 || { log "timed out waiting for another image build"; exit 1; }
if [ -f "$dest/done" ]; then     # built by the process we waited for
    echo "$dest"
    exit 0
fi

start=$(date +%s)
work=$(mktemp -d "$cache_root/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root

packages=$(grep -v '^[[:space:]]*\(#\|$\)' "$here/image/packages" | paste -sd, -)
log "building image $hash with mmdebstrap (bookworm from $mirror)"
# Keep the image small: no docs, man pages or locales.
timeout 900 mmdebstrap --mode=root --variant=apt --quiet \
    --aptopt='Acquire::Check-Valid-Until "false"' \
    --aptopt='Acquire::Retries "3"' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --dpkgopt='path-include=/usr/share/locale/locale.alias' \
    --include="$packages" \
    bookworm "$root" \
    "deb $mirror bookworm main" \
    "deb $mirror bookworm-updates main" \
    "deb $security_mirror bookworm-security main" >&2

log "configuring"
cp -a "$here/image/overlay/." "$root/"
cat > "$root/etc/selinux/config" <<'EOF'
SELINUX=enforcing
SELINUXTYPE=default
EOF
echo '/dev/vda / ext4 rw,relatime 0 1' > "$root/etc/fstab"
echo gts-vm > "$root/etc/hostname"
cat > "$root/etc/hosts" <<'EOF'
127.0.0.1 localhost
127.0.1.1 gts-vm
EOF
# No network in the guest; a resolv.conf that names no server keeps lookups local.
echo 'options timeout:1 attempts:1' > "$root/etc/resolv.conf"
# mmdebstrap empties machine-id at its very end: a fixed one written afterwards keeps
# journald and systemd quiet and the image reproducible.
echo 5ad7e8b1c2d34f0a9b6c7d8e9f0a1b2c > "$root/etc/machine-id"
mkdir -p "$root/etc/systemd/journald.conf.d"
printf '[Journal]\nStorage=volatile\n' > "$root/etc/systemd/journald.conf.d/gts-vm.conf"
# Nothing periodic or interactive during a test boot; PostgreSQL starts only when its
# scenario asks for it.
for unit in apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer e2scrub_reap.service \
            fstrim.timer man-db.timer serial-getty@ttyS0.service getty@tty1.service; do
    ln -sf /dev/null "$root/etc/systemd/system/$unit"
done
rm -f "$root"/etc/systemd/system/multi-user.target.wants/postgresql.service
mkdir -p "$root/etc/systemd/system/multi-user.target.wants"
ln -sf /etc/systemd/system/gts-vm-runner.service \
    "$root/etc/systemd/system/multi-user.target.wants/gts-vm-runner.service"

log "labeling (setfiles in the rootfs, validated against its own policy)"
policy=$(ls "$root"/etc/selinux/default/policy/policy.* | sort -V | tail -1)
policy=${policy#"$root"}
timeout 300 unshare --mount sh -c '
    mount -t proc proc "$1/proc" &&
    chroot "$1" setfiles -F -e /proc -c "$2" /etc/selinux/default/contexts/files/file_contexts /
' sh "$root" "$policy" >&2

log "writing ext4 image"
cp "$root"/boot/vmlinuz-* "$work/vmlinuz"
cp "$root"/boot/initrd.img-* "$work/initrd.img"
timeout 300 mke2fs -q -t ext4 -L gtsroot -d "$root" "$work/root.img" 3G >&2
timeout 60 debugfs -w -R 'ea_set /lost+found security.selinux system_u:object_r:lost_found_t:s0' \
    "$work/root.img" >/dev/null 2>&1
rm -rf "$root"
echo "$hash" > "$work/recipe"
echo "built $(date -u +%FT%TZ) in $(( $(date +%s) - start ))s" > "$work/done"

# Replace any older image (other recipes) to keep /var/tmp small.
for old in "$cache_root"/*/; do
    old=${old%/}
    case $old in "$work"|"$dest") continue ;; esac
    [ -f "$old/recipe" ] && rm -rf "$old"
done
rm -rf "$dest"
mv "$work" "$dest"
trap - EXIT
log "image ready in $(( $(date +%s) - start ))s: $dest"
echo "$dest"

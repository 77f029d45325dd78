#!/bin/sh
# mkstore.sh KIND DEST — build a throw-away SELinux policy store under the alternate root DEST.
#
#   KIND = full   every module the distribution's policy package ships (as its postinst does)
#   KIND = small  base + the few modules init_daemon_domain needs (rebuilds in < 1 s)
#
# Nothing here touches the live store: every semodule call has -p DEST and -n (no reload).
# Where the .pp.bz2 modules come from, first match wins:
#   $POLICY_PP_DIR                     a directory of <module>.pp.bz2 (+ optional .modules list)
#   /usr/share/selinux/$STORE          the installed policy package's module directory
#   Debian's selinux-policy-$STORE     downloaded with apt-get download and unpacked into
#                                      $GTS_CACHE (default: build/cache), never installed
# $STORE defaults to "default" (Debian's name; Fedora's is "targeted"). On Fedora, where the
# package ships no module directory, set POLICY_STORE_SRC=1 to copy the installed store instead.
# The result is cached: DEST/.stamp holds the source's identity and a rebuild happens only when
# it changes.
set -eu
kind=${1:?usage: mkstore.sh full|small DEST}
dest=${2:?usage: mkstore.sh full|small DEST}
store=${STORE:-default}
top=$(cd "$(dirname "$0")/../.." && pwd)
cache=${GTS_CACHE:-$top/build/cache}

die() { echo "mkstore.sh: $*" >&2; exit 1; }

pp_dir() {
	if [ -n "${POLICY_PP_DIR:-}" ]; then echo "$POLICY_PP_DIR"; return; fi
	if [ -f "/usr/share/selinux/$store/.modules" ] || [ -f "/usr/share/selinux/$store/base.pp.bz2" ]; then
		echo "/usr/share/selinux/$store"; return
	fi
	command -v apt-get >/dev/null || die "no policy modules found: set POLICY_PP_DIR to a directory of .pp.bz2 files (or POLICY_STORE_SRC=1 to copy the installed store)"
	mkdir -p "$cache/deb"
	if ! ls "$cache/deb"/selinux-policy-"$store"_*.deb >/dev/null 2>&1; then
		(cd "$cache/deb" && { apt-get download "selinux-policy-$store" >/dev/null 2>&1 ||
			{ apt-get update -qq >/dev/null 2>&1 && apt-get download "selinux-policy-$store" >/dev/null 2>&1; }; }) ||
			die "apt-get download selinux-policy-$store failed: run 'apt-get update' or set POLICY_PP_DIR"
	fi
	deb=$(ls "$cache/deb"/selinux-policy-"$store"_*.deb | tail -n 1)
	if [ ! -f "$cache/unpacked/.from" ] || [ "$(cat "$cache/unpacked/.from")" != "$deb" ]; then
		rm -rf "$cache/unpacked"
		dpkg-deb -x "$deb" "$cache/unpacked"
		echo "$deb" > "$cache/unpacked/.from"
	fi
	echo "$cache/unpacked/usr/share/selinux/$store"
}

if [ "${POLICY_STORE_SRC:-}" = 1 ]; then
	src="live-copy:$store:$(stat -c %Y "/var/lib/selinux/$store/active/policy.kern" 2>/dev/null || echo none)"
else
	pp=$(pp_dir)
	src="$kind:$pp:$(ls -l --time-style=+%s "$pp" | md5sum | cut -c1-16)"
fi
if [ -f "$dest/.stamp" ] && [ "$(cat "$dest/.stamp")" = "$src" ]; then
	exit 0
fi

rm -rf "$dest.tmp"
mkdir -p "$dest.tmp/etc/selinux/$store" "$dest.tmp/var/lib/selinux/$store"
if [ "${POLICY_STORE_SRC:-}" = 1 ]; then
	cp -a "/etc/selinux/$store/." "$dest.tmp/etc/selinux/$store/"
	cp -a "/var/lib/selinux/$store/." "$dest.tmp/var/lib/selinux/$store/"
	rm -f "$dest.tmp/var/lib/selinux/$store"/semanage.*.LOCK
else
	# The package's static config files (contexts/, setrans.conf, ...) when we unpacked it.
	pkgroot=${pp%/usr/share/selinux/$store}
	if [ "$pkgroot" != "$pp" ] && [ -d "$pkgroot/etc/selinux/$store" ]; then
		cp -a "$pkgroot/etc/selinux/$store/." "$dest.tmp/etc/selinux/$store/"
	fi
	if [ "$kind" = full ]; then
		if [ -f "$pp/.modules" ]; then mods=$(cat "$pp/.modules"); else mods=$(cd "$pp" && ls *.pp.bz2 | sed 's/\.pp\.bz2$//'); fi
	else
		mods="base unconfined xserver xdg getty"
	fi
fi
# A root without its own semanage.conf makes libsemanage read the live one: give it one.
if [ -f /etc/selinux/semanage.conf ]; then
	cp /etc/selinux/semanage.conf "$dest.tmp/etc/selinux/semanage.conf"
else
	printf 'module-store = direct\nexpand-check = 0\n' > "$dest.tmp/etc/selinux/semanage.conf"
fi
printf 'SELINUX=enforcing\nSELINUXTYPE=%s\n' "$store" > "$dest.tmp/etc/selinux/config"

if [ "${POLICY_STORE_SRC:-}" != 1 ]; then
	args=""
	for m in $mods; do
		[ -f "$pp/$m.pp.bz2" ] || die "module $m.pp.bz2 missing in $pp"
		args="$args -i $pp/$m.pp.bz2"
	done
	# shellcheck disable=SC2086 # word splitting of $args is intended
	semodule -p "$dest.tmp" -s "$store" -n -X 100 $args 2>&1 |
		grep -v 'not in password file' >&2 || true
	[ -f "$dest.tmp/etc/selinux/$store/policy/policy.33" ] || ls "$dest.tmp/etc/selinux/$store/policy/policy."* >/dev/null 2>&1 ||
		die "semodule did not produce a policy in $dest.tmp"
fi
echo "$src" > "$dest.tmp/.stamp"
rm -rf "$dest"
mv "$dest.tmp" "$dest"

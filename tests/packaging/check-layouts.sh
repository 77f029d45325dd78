#!/bin/sh
# check-layouts.sh WORKDIR — `make install` into a staging DESTDIR, in the Fedora layout
# (default) and the Gentoo one (LAYOUT=gentoo), puts the policy files where each
# distribution's tools look for them.
set -eu
work=${1:?usage: check-layouts.sh WORKDIR}
top=$(cd "$(dirname "$0")/../.." && pwd)
fail() { echo "check-layouts.sh: $*" >&2; exit 1; }

stage() { # LAYOUT TYPE FILES...
	layout=$1 type=$2; shift 2
	d=$work/$layout-$type
	rm -rf "$d"
	make -s -C "$top" install-policy LAYOUT="$layout" SELINUXTYPE="$type" PREFIX=/usr DESTDIR="$d" >/dev/null
	for f in "$@"; do [ -f "$d$f" ] || fail "$layout layout: $f not installed (got: $(cd "$d" && find . -type f))"; done
	n=$(find "$d" -type f | wc -l)
	[ "$n" -eq $# ] || fail "$layout layout: $n files installed, expected $#: $(cd "$d" && find . -type f)"
}
stage fedora targeted /usr/share/selinux/packages/targeted/gotosocial.pp.bz2 \
	/usr/share/selinux/devel/include/distributed/gotosocial.if /usr/share/man/man8/gotosocial_selinux.8
stage gentoo strict /usr/share/selinux/strict/gotosocial.pp \
	/usr/share/selinux/strict/include/3rd_party/gotosocial.if /usr/share/man/man8/gotosocial_selinux.8
bzip2 -t "$work/fedora-targeted/usr/share/selinux/packages/targeted/gotosocial.pp.bz2" || fail "the .pp.bz2 is not bzip2"
echo "layouts: Fedora and Gentoo staged installs as expected"

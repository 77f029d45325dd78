#!/bin/sh
# compile-families.sh [TOP [WORKDIR]] — compile policy/gotosocial.{te,if,fc} against the header
# trees of the other policy families, which CI does not have:
#
#   REFPOLICY_HEADERS  upstream refpolicy (Gentoo, Arch) include dir, e.g.
#                      ROOT/usr/share/selinux/refpolicy/include
#   FEDORA_HEADERS     Fedora selinux-policy include dir, e.g.
#                      ROOT/usr/share/selinux/targeted/include
#
# Each is a directory made by the family's own `make install-headers` (it holds Makefile,
# build.conf, support/ and the layer directories), or an installed devel dir holding include/.
# This script fetches and generates nothing.
# Optional REFPOLICY_LINK / FEDORA_LINK: space-separated .pp files of that family, its base.pp
# first, then modules (`make base modules` in its source tree). The module is then also linked
# with them (semodule_link) and expanded with neverallow checks (semodule_expand): that catches
# a required type, attribute or permission the family's policy does not declare.
#
# Exit 77 (skip) if no header tree is given, 1 if any family fails, 2 on a usage error.
#
# Generating the trees (versions last used: see the commit that added this script):
#   refpolicy:  make conf install-headers NAME=refpolicy TYPE=mcs SYSTEMD=y DISTRO=gentoo \
#                   DESTDIR=$ROOT
#   Fedora:     A="NAME=targeted TYPE=mcs DISTRO=redhat SYSTEMD=y MONOLITHIC=n UBAC=n \
#                   DIRECT_INITRC=n UNK_PERMS=allow MLS_CATS=1024 MCS_CATS=1024"
#               make $A conf && cp dist/targeted/modules.conf dist/targeted/booleans.conf policy/ \
#                   && make $A DESTDIR=$ROOT install-headers
# For *_LINK with Debian 12's checkpolicy 3.4: refpolicy main declares policy capabilities 3.4
# does not know (drop them from policy/policy_capabilities of the copy); Fedora's base needs
# container.{te,if,fc} from containers/container-selinux in policy/modules/contrib and
# `container = module` in modules.conf (leave container.pp out of the link: that version
# pairing violates neverallows with or without this module).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=${1:-$here/../..}
work=${2:-}
mod=gotosocial

for f in te if fc; do
	[ -s "$top/policy/$mod.$f" ] || { echo "compile-families.sh: no $top/policy/$mod.$f" >&2; exit 2; }
done
if [ -z "${REFPOLICY_HEADERS:-}" ] && [ -z "${FEDORA_HEADERS:-}" ]; then
	echo "compile-families: SKIP (set REFPOLICY_HEADERS and/or FEDORA_HEADERS to generated header trees)"
	exit 77
fi
if [ -z "$work" ]; then
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
fi

rc=0
# build FAMILY HEADERDIR [PP_FILES]
build() {
	fam=$1 hdr=$2 link=${3:-}
	# An installed devel dir (/usr/share/selinux/devel) keeps the tree in include/.
	[ -f "$hdr/build.conf" ] || [ ! -f "$hdr/include/build.conf" ] || hdr=$hdr/include
	if [ ! -f "$hdr/Makefile" ] || [ ! -f "$hdr/build.conf" ] || [ ! -d "$hdr/support" ]; then
		echo "compile-families.sh: $fam: $hdr is not a header tree (no Makefile, build.conf or support/)" >&2
		exit 2
	fi
	# The devel Makefile takes NAME from /etc/selinux/config unless given; the tree knows its own.
	name=$(sed -n 's/^NAME[[:space:]]*?=[[:space:]]*//p' "$hdr/build.conf")
	d="$work/$fam"
	rm -rf "$d" && mkdir -p "$d"
	cp "$top/policy/$mod.te" "$top/policy/$mod.if" "$top/policy/$mod.fc" "$d/"
	# A gotosocial.if installed in the tree (3rd_party/, distributed/) would define every
	# interface twice: leave it out, the one in policy/ counts.
	# shellcheck disable=SC2016 # make expands the $(...), not the shell
	if make --no-print-directory -C "$d" -f "$hdr/Makefile" HEADERDIR="$hdr" ${name:+NAME="$name"} \
		'header_interfaces=$(filter-out %/'"$mod"'.if,$(foreach l,$(header_layers),$(wildcard $(l)/*.if)))' \
		"$mod.pp" > "$d/build.log" 2>&1 && [ -s "$d/$mod.pp" ]; then
		:
	else
		echo "FAIL $fam: $mod.pp does not compile against $hdr:"
		sed 's/^/    /' "$d/build.log"
		rc=1
		return 0
	fi
	what="compiled"
	if [ -n "$link" ]; then
		# shellcheck disable=SC2086 # a list of paths
		if semodule_link -o "$d/linked.pp" $link "$d/$mod.pp" 2> "$d/link.log" > /dev/null &&
			semodule_expand "$d/linked.pp" "$d/policy.bin" >> "$d/link.log" 2>&1; then
			what="compiled, linked with $(echo $link | wc -w) packages and expanded"
		else
			echo "FAIL $fam: $mod.pp compiles but does not link/expand with the given packages:"
			sed 's/^/    /' "$d/link.log"
			rc=1
			return 0
		fi
	fi
	echo "ok   $fam: $what (${name:-?}, $hdr)"
}

[ -z "${REFPOLICY_HEADERS:-}" ] || build refpolicy "$REFPOLICY_HEADERS" "${REFPOLICY_LINK:-}"
[ -z "${FEDORA_HEADERS:-}" ] || build fedora "$FEDORA_HEADERS" "${FEDORA_LINK:-}"
exit $rc

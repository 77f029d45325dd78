# Copyright 2026 gotosocial-selinux developers
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="SELinux policy for the GoToSocial ActivityPub server, and its installer gts-selinux"
HOMEPAGE="https://gotosocial.org"
# No public release host yet: the tarball comes from `make dist` (see pkg_nofetch).
SRC_URI="${P}.tar.gz"
RESTRICT="fetch !test? ( test )"

LICENSE="GPL-2+"
SLOT="0"
KEYWORDS="~amd64 ~arm64"
IUSE="test"

RDEPEND="
	sys-libs/libselinux
	sys-libs/libsemanage
	sys-libs/libsepol
	dev-libs/libyaml
	dev-libs/json-c
	sys-process/audit
	sec-policy/selinux-base-policy
"
DEPEND="${RDEPEND}
	test? ( dev-libs/check )
"
# selinux-base installs the refpolicy headers: /usr/share/selinux/<type>/include
BDEPEND="
	sec-policy/selinux-base
	virtual/pkgconfig
	app-arch/bzip2
"

# Like the selinux-policy-2 eclass: one module build per policy type in POLICY_TYPES
# (make.conf), default the types Gentoo ships.
gts_policy_types() {
	echo "${POLICY_TYPES:-targeted strict mcs mls}"
}

pkg_nofetch() {
	einfo "Build ${P}.tar.gz with 'make dist' in a gotosocial-selinux checkout"
	einfo "and place it in your DISTDIR."
}

src_compile() {
	local t
	for t in $(gts_policy_types); do
		[[ -f ${BROOT}/usr/share/selinux/${t}/include/Makefile ]] || continue
		emake policy BUILD="build-${t}" NAME="${t}" SELINUXTYPE="${t}" \
			POLICY_MAKEFILE="${BROOT}/usr/share/selinux/${t}/include/Makefile"
	done
	emake tool PREFIX="${EPREFIX}/usr"
}

src_test() {
	emake check-unit
}

src_install() {
	local t
	for t in $(gts_policy_types); do
		[[ -d build-${t}/policy ]] || continue
		emake install-policy LAYOUT=gentoo BUILD="build-${t}" SELINUXTYPE="${t}" \
			DESTDIR="${D}" PREFIX="${EPREFIX}/usr"
	done
	emake install-tool DESTDIR="${D}" PREFIX="${EPREFIX}/usr"
	einstalldocs
}

pkg_postinst() {
	local t root_opts=""
	[[ -n ${ROOT} ]] && root_opts="-p ${ROOT}"
	for t in $(gts_policy_types); do
		[[ -f ${EROOT}/usr/share/selinux/${t}/gotosocial.pp ]] || continue
		einfo "Installing the gotosocial module in the ${t} store"
		# shellcheck disable=SC2086
		semodule ${root_opts} -s "${t}" -X 200 -i "${EROOT}/usr/share/selinux/${t}/gotosocial.pp" ||
			ewarn "semodule failed for ${t}: run 'gts-selinux install' by hand"
	done
	if [[ -z ${ROOT} ]] && selinuxenabled 2>/dev/null && { [[ -e /etc/systemd/system/gotosocial.service ]] ||
		[[ -e /etc/init.d/gotosocial ]] || [[ -e /gotosocial/config.yaml ]] || [[ -e /etc/gotosocial/config.yaml ]]; }; then
		# Fit the module to the existing GoToSocial config and relabel its paths.
		gts-selinux install --quiet ||
			ewarn "gts-selinux install reported a problem: run it by hand"
	fi
}

pkg_prerm() {
	[[ -n ${REPLACED_BY_VERSION} ]] && return
	local t
	for t in $(gts_policy_types); do
		# The module and the customizations gts-selinux made, in one transaction, while
		# the tool is still installed (semodule -r alone fails while they name its types).
		# shellcheck disable=SC2086
		"${EROOT}"/usr/sbin/gts-selinux ${ROOT:+--root "${ROOT}"} --store "${t}" uninstall --quiet 2>/dev/null &&
			einfo "Removed the gotosocial module from the ${t} store"
	done
}

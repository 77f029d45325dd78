#!/bin/sh
# check-rpm.sh TARBALL WORKDIR — build gotosocial-selinux.spec from the `make dist` tarball
# with rpmbuild (Debian's rpm; Fedora-only macros from macros.fedora-selinux, test only),
# then check the packages' file lists and expanded scriptlets, and run rpmlint.
set -eu
tarball=${1:?usage: check-rpm.sh TARBALL WORKDIR}
work=${2:?usage: check-rpm.sh TARBALL WORKDIR}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
spec=$top/gotosocial-selinux.spec
fail() { echo "check-rpm.sh: $*" >&2; exit 1; }
command -v rpmbuild >/dev/null || fail "rpmbuild not found: apt-get install rpm"

rm -rf "$work" && mkdir -p "$work/SOURCES"
cp "$tarball" "$work/SOURCES/"
rb() {
	# BuildRequires name Fedora packages that Debian's empty rpm database cannot know: --nodeps
	rpmbuild --load "$here/macros.fedora-selinux" --define "_topdir $work" --nodeps "$@" "$spec" \
		> "$work/rpmbuild$1.log" 2>&1 || { tail -n 30 "$work/rpmbuild$1.log"; fail "rpmbuild $1 failed (log: $work/rpmbuild$1.log)"; }
}
rb -bs
rb -bb
srpm=$(ls "$work"/SRPMS/*.src.rpm)
tool=$(ls "$work"/RPMS/*/gotosocial-selinux-[0-9]*.rpm)
pol=$(ls "$work"/RPMS/noarch/gotosocial-selinux-policy-*.noarch.rpm)
echo "built: $(basename "$srpm") $(basename "$tool") $(basename "$pol")"

expect_files() {
	rpm -qlp "$1" > "$work/files"
	shift
	# man pages: compressed by Fedora's brp-compress, not by Debian's rpm
	for f in "$@"; do grep -qxE "$f(\.gz)?" "$work/files" || fail "$f missing from the package: $(cat "$work/files")"; done
}
expect_files "$tool" /usr/sbin/gts-selinux /usr/share/man/man8/gts-selinux.8 \
	/usr/share/bash-completion/completions/gts-selinux /usr/share/licenses/gotosocial-selinux/LICENSE
expect_files "$pol" /usr/share/selinux/packages/targeted/gotosocial.pp.bz2 \
	/usr/share/selinux/devel/include/distributed/gotosocial.if \
	/usr/share/man/man8/gotosocial_selinux.8 \
	/var/lib/selinux/targeted/active/modules/200/gotosocial
rpm -qp --qf '[%{FILEFLAGS:fflags} %{FILENAMES}\n]' "$pol" | grep -q '^g .*/modules/200/gotosocial$' ||
	fail "the store's module entry is not %ghost"
[ "$(rpm -qp --qf '%{ARCH}' "$pol")" = noarch ] || fail "the policy package is not noarch"
rpm -qp --requires "$tool" | grep -q '^gotosocial-selinux-policy = ' || fail "the tool does not require the policy package"

rpm -qp --scripts "$pol" > "$work/scripts"
for want in \
	'semodule -n -s ${_policytype} -X 200 -i /usr/share/selinux/packages/targeted/gotosocial.pp.bz2' \
	'semodule -n -s ${_policytype} -X 200 -r gotosocial' \
	'if [ $1 -eq 0 ]; then' \
	'file_contexts.pre' \
	'fixfiles -C'; do
	grep -qF "$want" "$work/scripts" || fail "scriptlets lack: $want"
done
[ "$(grep -c 'semodule .* -i ' "$work/scripts")" -eq 1 ] || fail "more than one semodule -i in the scriptlets"
rpm -qp --scripts "$tool" > "$work/tool-scripts"
grep -q 'gts-selinux install .*|| :' "$work/tool-scripts" || fail "the tool's %posttrans may fail the transaction"
grep -q 'gts-selinux uninstall .*|| :' "$work/tool-scripts" || fail "the tool's %preun does not uninstall, or may fail the transaction"

if command -v rpmlint >/dev/null; then
	rpmlint -r "$here/rpmlintrc" "$spec" "$srpm" "$tool" "$pol" > "$work/rpmlint.log" 2>&1 || true
	tail -n 1 "$work/rpmlint.log"
	grep -q ' 0 errors' "$work/rpmlint.log" || { cat "$work/rpmlint.log"; fail "rpmlint reports errors"; }
fi
echo "rpm: packages built from the tarball, file lists, %ghost, noarch, dependency and scriptlets as intended"

# gotosocial-selinux — top-level build.
#
#   make                 build the policy module (build/policy/gotosocial.pp) and gts-selinux
#   make check           every test that needs no VM: policy, unit, CLI (temp-root stores only)
#   make check-vm        end-to-end tests in an SELinux-enforcing QEMU guest
#   make install         install into $(DESTDIR)$(PREFIX) (see "Install layout" below)
#   make bench           benchmarks against semodule/semanage/restorecon
#   make clean
#
# Nothing here loads a policy or writes the live store: tests use stores under build/.

# The version lives in one place: the spec.
VERSION     := $(shell sed -n 's/^Version:[[:space:]]*//p' $(dir $(lastword $(MAKEFILE_LIST)))gotosocial-selinux.spec)
DIST        := gotosocial-selinux-$(VERSION)
PREFIX      ?= /usr
SBINDIR     ?= $(PREFIX)/sbin
DATADIR     ?= $(PREFIX)/share
MANDIR      ?= $(DATADIR)/man
# Policy type (store name) the module is packaged for: Fedora "targeted", Debian "default".
SELINUXTYPE ?= $(or $(shell awk -F= '/^SELINUXTYPE=/{print $$2}' /etc/selinux/config 2>/dev/null),targeted)
# Install layout. Fedora (default):
#   $(DATADIR)/selinux/packages/$(SELINUXTYPE)/gotosocial.pp.bz2
#   $(DATADIR)/selinux/devel/include/distributed/gotosocial.if
# Gentoo (make install LAYOUT=gentoo): the selinux-policy-2 eclass layout
#   $(DATADIR)/selinux/$(SELINUXTYPE)/gotosocial.pp
#   $(DATADIR)/selinux/$(SELINUXTYPE)/include/3rd_party/gotosocial.if
LAYOUT      ?= fedora
# Policy headers: the devel Makefile of the distribution (Fedora selinux-policy-devel,
# Debian selinux-policy-dev); Gentoo: /usr/share/selinux/$(SELINUXTYPE)/include/Makefile.
POLICY_MAKEFILE ?= $(firstword $(wildcard /usr/share/selinux/devel/Makefile /usr/share/selinux/$(SELINUXTYPE)/include/Makefile))

# An installed gotosocial.if (include/distributed/ or 3rd_party/) would define every
# interface twice: the headers' interface list leaves it out, the one in policy/ counts.
POLICY_MAKE_ARGS = 'header_interfaces=$$(filter-out %/gotosocial.if,$$(foreach l,$$(header_layers),$$(wildcard $$(l)/*.if)))'
export POLICY_MAKE_ARGS

BUILD       := build
POLICY_SRC  := policy/gotosocial.te policy/gotosocial.fc policy/gotosocial.if
PP          := $(BUILD)/policy/gotosocial.pp
POLICY_MAN  := $(BUILD)/policy/gotosocial_selinux.8

# Where the module labels things by default (relabeled by make activate when they exist).
DEFAULT_PATHS := /gotosocial /etc/gotosocial /usr/local/etc/gotosocial /usr/bin/gotosocial \
	/usr/sbin/gotosocial /usr/local/bin/gotosocial /usr/local/sbin/gotosocial \
	/usr/share/gotosocial /usr/local/share/gotosocial /var/lib/gotosocial /var/cache/gotosocial \
	/etc/systemd/system/gotosocial.service /usr/lib/systemd/system/gotosocial.service

export VERSION

.PHONY: deps deps-vm setup activate all policy tool check-families dist distcheck check-packaging check-unit check check-policy check-tools check-vm demo bench install install-policy install-tool clean

all: policy tool

# Build and test dependencies, from the distribution's packages (idempotent).
DEB_PKGS := make gcc clang pkg-config m4 gawk bzip2 selinux-policy-dev selint setools \
	semodule-utils policycoreutils checkpolicy check libsubunit-dev libsemanage-dev \
	libselinux1-dev libsepol-dev libjson-c-dev libaudit-dev libauparse-dev libyaml-dev valgrind \
	libssl-dev libbz2-dev jq rpm rpmlint groff-base bash-completion
RPM_PKGS := make gcc clang pkgconf-pkg-config m4 gawk bzip2 selinux-policy-devel selint \
	setools-console policycoreutils policycoreutils-python-utils checkpolicy check-devel \
	libsemanage-devel libselinux-devel libsepol-devel libsepol-static json-c-devel \
	audit-libs-devel libyaml-devel openssl-devel bzip2-devel jq valgrind rpm-build rpmlint \
	groff-base bash-completion
# The enforcing-VM suite (make check-vm, make demo) on the host: Debian only.
DEB_VM_PKGS := qemu-system-x86 qemu-utils mmdebstrap e2fsprogs

define install_pkgs
	@if command -v apt-get >/dev/null; then \
		missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
		if [ -n "$$missing" ]; then \
			echo "installing:" $$missing; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		fi; \
	elif command -v dnf >/dev/null; then \
		dnf install -y -q $(2); \
	else \
		echo "make deps: neither apt-get nor dnf found; install the packages listed in the Makefile by hand" >&2; exit 1; \
	fi
endef

deps:
	$(call install_pkgs,$(DEB_PKGS),$(RPM_PKGS))

deps-vm:
	$(call install_pkgs,$(DEB_VM_PKGS),qemu-system-x86 qemu-img)

# The main job on an SELinux host (as root): dependencies, build, install, then the module
# and its file labels go live. On a host without SELinux: make demo (an enforcing VM).
setup: deps all install activate

activate:
	@selinuxenabled 2>/dev/null || { echo "SELinux is not enabled on this host: nothing to activate. See it work in an enforcing VM: make demo" >&2; exit 4; }
	@if [ -x $(DESTDIR)$(SBINDIR)/gts-selinux ]; then \
		$(DESTDIR)$(SBINDIR)/gts-selinux install; \
	else \
		semodule -X 200 -i $(PP).bz2 && \
		for p in $(DEFAULT_PATHS); do [ -e $$p ] && restorecon -RF $$p || true; done; \
	fi

policy: $(PP) $(POLICY_MAN)

$(POLICY_MAN): $(POLICY_SRC) policy/gen-manpage.sh
	@mkdir -p $(BUILD)/policy
	policy/gen-manpage.sh policy $(VERSION) > $@.tmp && mv $@.tmp $@

$(PP): $(POLICY_SRC)
	@test -n "$(POLICY_MAKEFILE)" || { echo "no SELinux policy headers: install selinux-policy-devel (Fedora) or selinux-policy-dev (Debian)" >&2; exit 1; }
	@mkdir -p $(BUILD)/policy
	cp $(POLICY_SRC) $(BUILD)/policy/
	$(MAKE) -s -C $(BUILD)/policy -f $(POLICY_MAKEFILE) $(POLICY_MAKE_ARGS) gotosocial.pp
	bzip2 -9 -k -f $(PP)

tool:
	@if [ -f tools/Makefile ]; then $(MAKE) -C tools; fi

check: check-policy check-tools check-packaging

check-policy: $(PP) $(POLICY_MAN)
	$(MAKE) -C tests/policy check

# Compile against Fedora's and upstream refpolicy's header trees, where they exist
# (REFPOLICY_HEADERS, FEDORA_HEADERS: see tests/policy/compile-families.sh). Skips without.
check-families:
	tests/policy/compile-families.sh . $(abspath $(BUILD)/families)

check-tools: policy
	@if [ -f tools/Makefile ]; then $(MAKE) -C tools check; fi

check-vm: all
	$(MAKE) -C tests/vm check

demo: all
	$(MAKE) -C tests/vm demo

bench: all
	@if [ -f tools/Makefile ]; then $(MAKE) -C tools bench; fi

install: install-policy install-tool

install-policy: $(PP) $(POLICY_MAN)
	install -D -m 0644 $(POLICY_MAN) $(DESTDIR)$(MANDIR)/man8/gotosocial_selinux.8
ifeq ($(LAYOUT),gentoo)
	install -D -m 0644 $(PP) $(DESTDIR)$(DATADIR)/selinux/$(SELINUXTYPE)/gotosocial.pp
	install -D -m 0644 policy/gotosocial.if $(DESTDIR)$(DATADIR)/selinux/$(SELINUXTYPE)/include/3rd_party/gotosocial.if
else
	install -D -m 0644 $(PP).bz2 $(DESTDIR)$(DATADIR)/selinux/packages/$(SELINUXTYPE)/gotosocial.pp.bz2
	install -D -m 0644 policy/gotosocial.if $(DESTDIR)$(DATADIR)/selinux/devel/include/distributed/gotosocial.if
endif

install-tool:
	@if [ -f tools/Makefile ]; then $(MAKE) -C tools install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX) SBINDIR=$(SBINDIR) MANDIR=$(MANDIR) DATADIR=$(DATADIR); fi

# Release tarball of the tracked files as they are in the work tree.
dist:
	@git rev-parse --is-inside-work-tree >/dev/null 2>&1 || { echo "make dist needs the git checkout (it packs the tracked files)" >&2; exit 1; }
	@mkdir -p $(BUILD)
	git ls-files -z | tar --null -T - --transform 's,^,$(DIST)/,' --owner=0 --group=0 --sort=name -czf $(BUILD)/$(DIST).tar.gz
	@echo $(BUILD)/$(DIST).tar.gz

# Build and test from the unpacked tarball, in a temp dir.
distcheck: dist
	rm -rf $(BUILD)/distcheck && mkdir -p $(BUILD)/distcheck
	tar -xzf $(BUILD)/$(DIST).tar.gz -C $(BUILD)/distcheck
	GTS_CACHE=$(abspath $(BUILD)/cache) $(MAKE) -C $(BUILD)/distcheck/$(DIST) all check
	$(MAKE) -C $(BUILD)/distcheck/$(DIST) install DESTDIR=$(abspath $(BUILD)/distcheck/stage)
	@echo "$(DIST).tar.gz: builds, passes its tests and installs from the tarball"

# The RPM spec, built with rpmbuild from the tarball (Debian's rpm package).
check-packaging: dist tool
	tests/packaging/check-layouts.sh $(abspath $(BUILD)/layouts)
	@if [ -f tools/Makefile ]; then tests/packaging/check-completion.sh $(abspath $(BUILD)/tools); fi
	tests/packaging/check-rpm.sh $(BUILD)/$(DIST).tar.gz $(abspath $(BUILD)/rpm)

# Unit tests only (the RPM's %check): no policy store needed.
check-unit:
	@if [ -f tools/Makefile ]; then $(MAKE) -C tools check-unit; fi

clean:
	rm -rf $(BUILD)/policy $(BUILD)/test
	@if [ -f tools/Makefile ]; then $(MAKE) -C tools clean; fi

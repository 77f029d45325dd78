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

VERSION     := 0.1.0
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

BUILD       := build
POLICY_SRC  := policy/gotosocial.te policy/gotosocial.fc policy/gotosocial.if
PP          := $(BUILD)/policy/gotosocial.pp

export VERSION

.PHONY: all policy tool check check-policy check-tools check-vm demo bench install install-policy install-tool clean

all: policy tool

policy: $(PP)

$(PP): $(POLICY_SRC)
	@test -n "$(POLICY_MAKEFILE)" || { echo "no SELinux policy headers: install selinux-policy-devel (Fedora) or selinux-policy-dev (Debian)" >&2; exit 1; }
	@mkdir -p $(BUILD)/policy
	cp $(POLICY_SRC) $(BUILD)/policy/
	$(MAKE) -s -C $(BUILD)/policy -f $(POLICY_MAKEFILE) gotosocial.pp
	bzip2 -9 -k -f $(PP)

tool:
	@if [ -f tools/Makefile ]; then $(MAKE) -C tools; fi

check: check-policy check-tools

check-policy: $(PP)
	$(MAKE) -C tests/policy check

check-tools: policy
	@if [ -f tools/Makefile ]; then $(MAKE) -C tools check; fi

check-vm: all
	$(MAKE) -C tests/vm check

demo: all
	$(MAKE) -C tests/vm demo

bench: all
	@if [ -f tools/Makefile ]; then $(MAKE) -C tools bench; fi

install: install-policy install-tool

install-policy: $(PP)
ifeq ($(LAYOUT),gentoo)
	install -D -m 0644 $(PP) $(DESTDIR)$(DATADIR)/selinux/$(SELINUXTYPE)/gotosocial.pp
	install -D -m 0644 policy/gotosocial.if $(DESTDIR)$(DATADIR)/selinux/$(SELINUXTYPE)/include/3rd_party/gotosocial.if
else
	install -D -m 0644 $(PP).bz2 $(DESTDIR)$(DATADIR)/selinux/packages/$(SELINUXTYPE)/gotosocial.pp.bz2
	install -D -m 0644 policy/gotosocial.if $(DESTDIR)$(DATADIR)/selinux/devel/include/distributed/gotosocial.if
endif

install-tool:
	@if [ -f tools/Makefile ]; then $(MAKE) -C tools install DESTDIR=$(DESTDIR) PREFIX=$(PREFIX) SBINDIR=$(SBINDIR) MANDIR=$(MANDIR); fi

clean:
	rm -rf $(BUILD)/policy $(BUILD)/test
	@if [ -f tools/Makefile ]; then $(MAKE) -C tools clean; fi

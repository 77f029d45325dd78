/*
 * unit.h — shared helpers of the check unit tests.
 *
 * Tests that need a policy store copy the small store built once per run
 * (tests/lib/mkstore.sh, path in $GTS_SMALL_STORE) into a fresh temp root. check runs each
 * test in its own process (CK_FORK), which is what libsemanage needs: its root is set once
 * per process. Under valgrind (CK_FORK=no) the store tests are skipped by the runner.
 */
#ifndef GTS_UNIT_H
#define GTS_UNIT_H

#include <check.h>

#include "gts.h"
#include "record.h"
#include "store.h"

Suite *cli_suite(void);
Suite *spec_suite(void);
Suite *pkg_suite(void);
Suite *record_suite(void);
Suite *store_suite(void);
Suite *plan_suite(void);
Suite *txn_suite(void);
Suite *report_suite(void);
Suite *audit_suite(void);
Suite *install_suite(void);
Suite *uninstall_suite(void);
Suite *status_suite(void);
/* Issue 4 */
Suite *unitfile_suite(void);
Suite *gtsconfig_suite(void);
Suite *cfgplan_suite(void);
Suite *labels_suite(void);
Suite *procdomain_suite(void);
Suite *verify_suite(void);
Suite *avc_suite(void);
Suite *explain_suite(void);

/* $NAME or a test failure naming it. */
const char *unit_env(const char *name);
/* 1 when store tests can run (forking mode). */
int unit_can_fork(void);
/* A fresh copy of the small store under a temp root; returns the root (static buffer). */
const char *unit_store(void);
/* Default options for ROOT with the shipped test module. */
void unit_opts(struct gts_opts *o, const char *root);
/* sha256 over every file's name and content under ROOT/var/lib/selinux and ROOT/etc/selinux. */
void unit_tree_hash(const char *root, char out[65]);
/* Runs CMD on O: it must succeed and leave the store byte-identical. */
void unit_run_unchanged(int (*cmd)(const struct gts_opts *, struct gts_err *),
			const struct gts_opts *o);
/* Make an admin customization (not recorded as gts-selinux's) in ROOT's store. */
void unit_admin_set(const char *root, const struct cust *c);
/* Remove an admin customization / disable the module, in ROOT's store. */
void unit_admin_del(const char *root, const struct cust *c);
void unit_module_disable(const char *root);
/* Customization values for tests. */
struct cust unit_port(int port, const char *type);
struct cust unit_fc(const char *expr, const char *type);
struct cust unit_bool(const char *name, int value);
/* Run install/uninstall with O; returns the error code (0 on success). */
int unit_run(int (*cmd)(const struct gts_opts *, struct gts_err *), const struct gts_opts *o,
	     struct gts_err *e);
/* Add a request to O as the command line would (each argument may be NULL). */
void unit_want(struct gts_opts *o, const char *port, const char *path, const char *boolean);
/* Read ROOT's store record. */
void unit_record(const char *root, struct record *r);
/* Contents of ROOT/var/lib/selinux/default/active/FILE (static buffer, "" when missing). */
const char *unit_active_file(const char *root, const char *file);

#define UNIT_TEST_STORE(tc, fn)                                              \
	do {                                                                  \
		if (unit_can_fork())                                          \
			tcase_add_test(tc, fn);                               \
	} while (0)

#endif

/* check_install.c — tools/install.c: the install verb against copies of the small store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "install.h"
#include "uninstall.h"
#include "unit.h"

static const char *fixture(const char *name)
{
	static char path[4200];

	snprintf(path, sizeof(path), "%s/%s", unit_env("GTS_FIXTURES"), name);
	return path;
}

/* install -> record -> reinstall: unchanged, no transaction, the store byte-identical */
START_TEST(install_then_unchanged)
{
	struct gts_opts o;
	struct gts_err e;
	struct record r;

	unit_opts(&o, unit_store());
	unit_want(&o, "tcp/8765", "/srv/gts/storage=storage", "gotosocial_bind_http=on");
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	unit_record(o.root, &r);
	ck_assert_uint_eq(r.n, 3);
	record_free(&r);
	ck_assert_ptr_nonnull(strstr(unit_active_file(o.root, "ports.local"),
				     "tcp 8765 system_u:object_r:gotosocial_port_t:s0"));
	ck_assert_ptr_nonnull(strstr(unit_active_file(o.root, "file_contexts.local"),
				     "/srv/gts/storage(/.*)?"));
	ck_assert_ptr_nonnull(strstr(unit_active_file(o.root, "booleans.local"),
				     "gotosocial_bind_http=1"));
	unit_run_unchanged(cmd_install, &o);
	gts_opts_free(&o);
}
END_TEST

/* A changed module is upgraded; the customizations stay; the old one comes back too. */
START_TEST(changed_module)
{
	struct gts_opts o;
	struct gts_err e;
	struct record r;
	const char *v1;
	char h1[65], h2[65];

	unit_opts(&o, unit_store());
	v1 = o.module;
	unit_want(&o, "tcp/8765", NULL, NULL);
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	unit_tree_hash(o.root, h1);
	o.module = fixture("gotosocial-v2.pp");
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	unit_tree_hash(o.root, h2);
	ck_assert_str_ne(h1, h2);
	unit_record(o.root, &r);
	ck_assert_uint_eq(r.n, 1);
	record_free(&r);
	ck_assert_ptr_nonnull(strstr(unit_active_file(o.root, "ports.local"), "8765"));
	/* unchanged with v2 */
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	unit_tree_hash(o.root, h1);
	ck_assert_str_eq(h1, h2);
	o.module = v1;
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	unit_tree_hash(o.root, h1);
	ck_assert_str_ne(h1, h2);
	gts_opts_free(&o);
}
END_TEST

/* Bad inputs found before the store is written: exit code and an identical store. */
START_TEST(bad_inputs_change_nothing)
{
	struct gts_opts o;
	struct gts_err e;
	char h1[65], h2[65];

	unit_opts(&o, unit_store());
	unit_tree_hash(o.root, h1);

	o.module = fixture("nonmls.pp");
	ck_assert_int_eq(unit_run(cmd_install, &o, &e), GTS_EFAIL);
	ck_assert_ptr_nonnull(strstr(e.msg, "MLS"));
	o.module = fixture("othermod.pp");
	ck_assert_int_eq(unit_run(cmd_install, &o, &e), GTS_EFAIL);
	ck_assert_ptr_nonnull(strstr(e.msg, "othermod"));
	o.module = fixture("no-such.pp");
	ck_assert_int_eq(unit_run(cmd_install, &o, &e), GTS_EFAIL);
	o.module = unit_env("GTS_MODULE_PP");
	unit_want(&o, NULL, NULL, "gotosocial_no_such=on");
	ck_assert_int_eq(unit_run(cmd_install, &o, &e), GTS_EUSAGE);
	ck_assert_ptr_nonnull(strstr(e.msg, "unknown boolean 'gotosocial_no_such'"));
	ck_assert_ptr_nonnull(strstr(e.msg, "gotosocial_execmem"));
	gts_opts_free(&o);
	unit_opts(&o, o.root);
	unit_want(&o, NULL, "/srv/a=web", NULL);
	unit_want(&o, NULL, "/srv/a=db", NULL);
	ck_assert_int_eq(unit_run(cmd_install, &o, &e), GTS_EUSAGE);
	ck_assert_ptr_nonnull(strstr(e.msg, "conflicting"));
	gts_opts_free(&o);
	/* a commit the store refuses (a port range libsemanage rejects is hard to build; an
	 * admin entry that would collide is tested below) */
	unit_tree_hash(o.root, h2);
	ck_assert_str_eq(h1, h2);
}
END_TEST

START_TEST(dry_run)
{
	struct gts_opts o;

	unit_opts(&o, unit_store());
	unit_want(&o, "tcp/8765", "/srv/x=web", NULL);
	o.dry_run = 1;
	unit_run_unchanged(cmd_install, &o);
	gts_opts_free(&o);
}
END_TEST

/* install is declarative over what it owns: a port no longer asked for goes. */
START_TEST(declarative)
{
	struct gts_opts o;
	struct gts_err e;
	struct record r;

	unit_opts(&o, unit_store());
	unit_want(&o, "tcp/8765", NULL, "gotosocial_connect_smtp=on");
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	gts_opts_free(&o);
	unit_opts(&o, o.root);
	unit_want(&o, "tcp/8766", NULL, NULL);
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	ck_assert_ptr_null(strstr(unit_active_file(o.root, "ports.local"), "8765"));
	ck_assert_ptr_nonnull(strstr(unit_active_file(o.root, "ports.local"), "8766"));
	ck_assert_ptr_null(strstr(unit_active_file(o.root, "booleans.local"), "smtp"));
	unit_record(o.root, &r);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_int_eq(r.v[0].low, 8766);
	record_free(&r);
	gts_opts_free(&o);
}
END_TEST

/* The admin's port with another type: refused (naming it) unless --force; --force records
 * what it replaced and uninstall puts it back. */
START_TEST(admin_conflict_and_force)
{
	struct gts_opts o;
	struct gts_err e;
	struct cust admin = unit_port(8765, "http_port_t");
	struct record r;
	char h1[65], h2[65];

	unit_opts(&o, unit_store());
	unit_admin_set(o.root, &admin);
	unit_want(&o, "tcp/8765", NULL, NULL);
	unit_tree_hash(o.root, h1);
	ck_assert_int_eq(unit_run(cmd_install, &o, &e), GTS_EFAIL);
	ck_assert_msg(strstr(e.msg, "tcp/8765") && strstr(e.msg, "http_port_t") &&
		      strstr(e.msg, "--force"), "%s", e.msg);
	unit_tree_hash(o.root, h2);
	ck_assert_str_eq(h1, h2);
	o.force = 1;
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	unit_record(o.root, &r);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_int_eq(r.v[0].has_prev, 1);
	ck_assert_str_eq(r.v[0].prev_type, "http_port_t");
	record_free(&r);
	ck_assert_ptr_nonnull(strstr(unit_active_file(o.root, "ports.local"), "gotosocial_port_t"));
	ck_assert_msg(unit_run(cmd_uninstall, &o, &e) == 0, "%s", e.msg);
	ck_assert_ptr_nonnull(strstr(unit_active_file(o.root, "ports.local"),
				     "tcp 8765 system_u:object_r:http_port_t:s0"));
	gts_opts_free(&o);
}
END_TEST

/* The admin already set what we ask: left alone and not claimed. */
START_TEST(admin_same_not_claimed)
{
	struct gts_opts o;
	struct gts_err e;
	struct cust admin = unit_bool("gotosocial_bind_http", 1);
	struct record r;

	unit_opts(&o, unit_store());
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	unit_admin_set(o.root, &admin);
	unit_want(&o, NULL, NULL, "gotosocial_bind_http=on");
	unit_want(&o, NULL, NULL, "gotosocial_execmem=on");	/* its default: nothing to do */
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	unit_record(o.root, &r);
	ck_assert_uint_eq(r.n, 0);
	record_free(&r);
	ck_assert_msg(unit_run(cmd_uninstall, &o, &e) == 0, "%s", e.msg);
	gts_opts_free(&o);
}
END_TEST

START_TEST(enables_disabled_module)
{
	struct gts_opts o;
	struct gts_err e;

	unit_opts(&o, unit_store());
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	unit_module_disable(o.root);
	ck_assert_ptr_nonnull(strstr(unit_active_file(o.root, "modules/disabled/gotosocial"), ""));
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	{
		FILE *f;
		char path[4300];

		snprintf(path, sizeof(path), "%s/var/lib/selinux/default/active/modules/disabled/gotosocial",
			 o.root);
		f = fopen(path, "r");
		ck_assert_ptr_null(f);
	}
}
END_TEST

Suite *install_suite(void)
{
	Suite *s = suite_create("install");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	UNIT_TEST_STORE(tc, install_then_unchanged);
	UNIT_TEST_STORE(tc, changed_module);
	UNIT_TEST_STORE(tc, bad_inputs_change_nothing);
	UNIT_TEST_STORE(tc, dry_run);
	UNIT_TEST_STORE(tc, declarative);
	UNIT_TEST_STORE(tc, admin_conflict_and_force);
	UNIT_TEST_STORE(tc, admin_same_not_claimed);
	UNIT_TEST_STORE(tc, enables_disabled_module);
	suite_add_tcase(s, tc);
	return s;
}

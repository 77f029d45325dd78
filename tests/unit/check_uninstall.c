/* check_uninstall.c — tools/uninstall.c: removes the module and only our customizations. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "install.h"
#include "uninstall.h"
#include "unit.h"

/* The admin's customizations (one before, one after our install) survive install and
 * uninstall; ours go; the record goes. */
START_TEST(removes_only_ours)
{
	struct gts_opts o;
	struct gts_err e;
	struct cust a1 = unit_fc("/srv/admin(/.*)?", "var_t");
	struct cust a2 = unit_port(9999, "http_port_t");
	struct cust a3 = unit_fc("/srv/admin2(/.*)?", "var_t");
	char path[4300];

	unit_opts(&o, unit_store());
	unit_admin_set(o.root, &a1);
	unit_want(&o, "tcp/8765", "/srv/gts/storage=storage", "gotosocial_bind_http=on");
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	unit_admin_set(o.root, &a2);
	unit_admin_set(o.root, &a3);
	ck_assert_msg(unit_run(cmd_uninstall, &o, &e) == 0, "%s", e.msg);
	ck_assert_ptr_nonnull(strstr(unit_active_file(o.root, "file_contexts.local"), "/srv/admin(/.*)?"));
	ck_assert_ptr_nonnull(strstr(unit_active_file(o.root, "file_contexts.local"), "/srv/admin2(/.*)?"));
	ck_assert_ptr_nonnull(strstr(unit_active_file(o.root, "ports.local"), "9999"));
	ck_assert_ptr_null(strstr(unit_active_file(o.root, "ports.local"), "8765"));
	ck_assert_ptr_null(strstr(unit_active_file(o.root, "file_contexts.local"), "/srv/gts"));
	ck_assert_ptr_null(strstr(unit_active_file(o.root, "booleans.local"), "gotosocial"));
	snprintf(path, sizeof(path), "%s/var/lib/selinux/default/active/modules/200/gotosocial", o.root);
	ck_assert_int_ne(access(path, F_OK), 0);
	snprintf(path, sizeof(path), "%s/var/lib/selinux/default/active/" RECORD_FILE, o.root);
	ck_assert_int_ne(access(path, F_OK), 0);
	/* a second uninstall has nothing to do */
	unit_run_unchanged(cmd_uninstall, &o);
	gts_opts_free(&o);
}
END_TEST

/* An admin entry that uses the module's type would break the commit: refused, named, and
 * nothing changes. */
START_TEST(blocked_by_admin_entry)
{
	struct gts_opts o;
	struct gts_err e;
	struct cust a = unit_fc("/data/gts(/.*)?", "gotosocial_storage_t");
	char h1[65], h2[65];

	unit_opts(&o, unit_store());
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	unit_admin_set(o.root, &a);
	unit_tree_hash(o.root, h1);
	ck_assert_int_eq(unit_run(cmd_uninstall, &o, &e), GTS_EFAIL);
	ck_assert_msg(strstr(e.msg, "/data/gts(/.*)?") && strstr(e.msg, "semanage fcontext -d"),
		      "%s", e.msg);
	unit_tree_hash(o.root, h2);
	ck_assert_str_eq(h1, h2);
}
END_TEST

/* Our entry that the admin changed since is the admin's now: left alone, forgotten. */
START_TEST(admin_changed_ours)
{
	struct gts_opts o;
	struct gts_err e;
	struct cust a = unit_port(8765, "http_port_t");

	unit_opts(&o, unit_store());
	unit_want(&o, "tcp/8765", NULL, NULL);
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	unit_admin_set(o.root, &a);
	gts_opts_free(&o);
	ck_assert_msg(unit_run(cmd_uninstall, &o, &e) == 0, "%s", e.msg);
	ck_assert_ptr_nonnull(strstr(unit_active_file(o.root, "ports.local"),
				     "tcp 8765 system_u:object_r:http_port_t:s0"));
}
END_TEST

/* Another priority keeps the module: only ours goes, and admin entries do not block. */
START_TEST(other_priority_stays)
{
	struct gts_opts o;
	struct gts_err e;
	struct cust a = unit_fc("/data/gts(/.*)?", "gotosocial_storage_t");
	char path[4300];

	unit_opts(&o, unit_store());
	o.priority = 100;
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	o.priority = 200;
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	unit_admin_set(o.root, &a);
	ck_assert_msg(unit_run(cmd_uninstall, &o, &e) == 0, "%s", e.msg);
	snprintf(path, sizeof(path), "%s/var/lib/selinux/default/active/modules/100/gotosocial", o.root);
	ck_assert_int_eq(access(path, F_OK), 0);
	snprintf(path, sizeof(path), "%s/var/lib/selinux/default/active/modules/200/gotosocial", o.root);
	ck_assert_int_ne(access(path, F_OK), 0);
}
END_TEST

START_TEST(dry_run)
{
	struct gts_opts o;
	struct gts_err e;

	unit_opts(&o, unit_store());
	unit_want(&o, "tcp/8765", NULL, NULL);
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	gts_opts_free(&o);
	o.dry_run = 1;
	unit_run_unchanged(cmd_uninstall, &o);
}
END_TEST

Suite *uninstall_suite(void)
{
	Suite *s = suite_create("uninstall");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	UNIT_TEST_STORE(tc, removes_only_ours);
	UNIT_TEST_STORE(tc, blocked_by_admin_entry);
	UNIT_TEST_STORE(tc, admin_changed_ours);
	UNIT_TEST_STORE(tc, other_priority_stays);
	UNIT_TEST_STORE(tc, dry_run);
	suite_add_tcase(s, tc);
	return s;
}

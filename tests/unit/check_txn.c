/* check_txn.c — tools/txn.c: plan, transaction, the record in the sandbox, commit. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "install.h"
#include "txn.h"
#include "unit.h"

/* The record travels with the commit: written into the sandbox, it is in active/ after. */
START_TEST(record_committed_with_store)
{
	struct gts_opts o;
	struct pkg pkg;
	struct store s;
	struct gts_err e = { 0 };
	struct record r;
	char sandbox[4300];

	unit_opts(&o, unit_store());
	unit_want(&o, "tcp/8765", NULL, NULL);
	ck_assert_int_eq(pkg_load(&pkg, o.module, &e), 0);
	ck_assert_msg(store_open(&s, &o, STORE_WRITE, &e) == 0, "%s", e.msg);
	ck_assert_msg(txn_run(&s, &o, "install", &pkg, plan_install, &e) == 0, "%s", e.msg);
	store_close(&s);
	unit_record(o.root, &r);
	ck_assert_uint_eq(r.n, 1);
	record_free(&r);
	snprintf(sandbox, sizeof(sandbox), "%s/var/lib/selinux/default/tmp", o.root);
	ck_assert_int_ne(access(sandbox, F_OK), 0);	/* libsemanage renamed it to active */
	pkg_free(&pkg);
	gts_opts_free(&o);
}
END_TEST

/* A change of the record alone (an entry the admin removed is forgotten) still commits,
 * although the policy does not change. */
START_TEST(record_only_change)
{
	struct gts_opts o;
	struct gts_err e;
	struct cust mine = unit_port(8765, "gotosocial_port_t");
	struct record r;

	unit_opts(&o, unit_store());
	unit_want(&o, "tcp/8765", NULL, NULL);
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	unit_admin_del(o.root, &mine);
	unit_record(o.root, &r);
	ck_assert_uint_eq(r.n, 1);	/* admin transactions keep our record */
	record_free(&r);
	gts_opts_free(&o);
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	unit_record(o.root, &r);
	ck_assert_uint_eq(r.n, 0);
	record_free(&r);
}
END_TEST

/* A refused commit (a module that does not link against this store): the error says
 * nothing changed, the store stays byte-identical and no sandbox is left behind. */
START_TEST(refused_commit)
{
	struct gts_opts o;
	struct gts_err e;
	char h1[65], h2[65], fix[4200], sandbox[4300];

	unit_opts(&o, unit_store());
	unit_want(&o, "tcp/8765", "/srv/x=web", NULL);
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	unit_tree_hash(o.root, h1);
	snprintf(fix, sizeof(fix), "%s/unlinkable.pp", unit_env("GTS_FIXTURES"));
	o.module = fix;
	ck_assert_int_eq(unit_run(cmd_install, &o, &e), GTS_EFAIL);
	ck_assert_msg(strstr(e.msg, "refused") && strstr(e.msg, "nothing was changed"), "%s", e.msg);
	unit_tree_hash(o.root, h2);
	ck_assert_str_eq(h1, h2);
	snprintf(sandbox, sizeof(sandbox), "%s/var/lib/selinux/default/tmp", o.root);
	ck_assert_int_ne(access(sandbox, F_OK), 0);
	gts_opts_free(&o);
}
END_TEST

Suite *txn_suite(void)
{
	Suite *s = suite_create("txn");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	UNIT_TEST_STORE(tc, record_committed_with_store);
	UNIT_TEST_STORE(tc, record_only_change);
	UNIT_TEST_STORE(tc, refused_commit);
	suite_add_tcase(s, tc);
	return s;
}

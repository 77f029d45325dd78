/* check_plan.c — tools/plan.c: what install and uninstall decide, without committing. */
#include <string.h>

#include "plan.h"
#include "unit.h"

static void open_store(struct store *s, const struct gts_opts *o)
{
	struct gts_err e = { 0 };

	ck_assert_msg(store_open(s, o, STORE_READ, &e) == 0, "%s", e.msg);
}

START_TEST(wanted)
{
	struct gts_opts o;
	struct pkg pkg;
	struct record want;
	struct gts_err e = { 0 };

	unit_opts(&o, "/");
	ck_assert_int_eq(pkg_load(&pkg, o.module, &e), 0);
	unit_want(&o, "tcp/8765", "/srv/x=web", "gotosocial_bind_http=on");
	unit_want(&o, "tcp/8765", "/srv/x/=web", NULL);	/* same requests twice: one each */
	ck_assert_msg(plan_wanted(&o, &pkg, &want, &e) == 0, "%s", e.msg);
	ck_assert_uint_eq(want.n, 3);
	ck_assert_str_eq(want.v[0].type, "gotosocial_port_t");
	ck_assert_str_eq(want.v[1].expr, "/srv/x(/.*)?");
	ck_assert_str_eq(want.v[1].type, "gotosocial_web_t");
	record_free(&want);
	unit_want(&o, NULL, NULL, "gotosocial_bind_http=off");
	ck_assert_int_lt(plan_wanted(&o, &pkg, &want, &e), 0);
	ck_assert_int_eq(e.code, GTS_EUSAGE);
	ck_assert_ptr_nonnull(strstr(e.msg, "conflicting requests for gotosocial_bind_http"));
	gts_opts_free(&o);
	pkg_free(&pkg);
}
END_TEST

START_TEST(install_fresh)
{
	struct gts_opts o;
	struct pkg pkg;
	struct store s;
	struct plan p;
	struct record owned = { 0 };
	struct gts_err e = { 0 };

	unit_opts(&o, unit_store());
	ck_assert_int_eq(pkg_load(&pkg, o.module, &e), 0);
	unit_want(&o, "tcp/8765", "/srv/x=web", "gotosocial_bind_http=on");
	unit_want(&o, NULL, NULL, "gotosocial_execmem=on");	/* the default: no entry */
	open_store(&s, &o);
	ck_assert_msg(plan_install(&s, &o, &pkg, &owned, &p, &e) == 0, "%s", e.msg);
	ck_assert_uint_eq(p.n, 4);
	ck_assert_int_eq(p.v[0].op, CH_MODULE_INSTALL);
	ck_assert_ptr_null(p.v[0].old);
	ck_assert_int_eq(p.v[1].op, CH_ADD);
	ck_assert_int_eq(p.v[1].c.kind, CUST_PORT);
	ck_assert_int_eq(p.v[2].op, CH_ADD);
	ck_assert_int_eq(p.v[3].op, CH_ADD);
	ck_assert_int_eq(p.v[3].c.value, 1);
	ck_assert_uint_eq(p.rec.n, 3);
	ck_assert(plan_changes(&p));
	plan_free(&p);
	store_close(&s);
	gts_opts_free(&o);
	pkg_free(&pkg);
}
END_TEST

/* A recorded entry the store no longer has is forgotten (not re-added, not an error). */
START_TEST(forget_vanished)
{
	struct gts_opts o;
	struct pkg pkg;
	struct store s;
	struct plan p;
	struct record owned = { 0 };
	struct cust c = unit_port(8765, "gotosocial_port_t");
	struct gts_err e = { 0 };

	unit_opts(&o, unit_store());
	ck_assert_int_eq(pkg_load(&pkg, o.module, &e), 0);
	ck_assert_int_eq(record_add(&owned, &c), 0);
	open_store(&s, &o);
	ck_assert_msg(plan_install(&s, &o, &pkg, &owned, &p, &e) == 0, "%s", e.msg);
	ck_assert_uint_eq(p.n, 2);
	ck_assert_int_eq(p.v[1].op, CH_FORGET);
	ck_assert_uint_eq(p.rec.n, 0);
	plan_free(&p);
	ck_assert_msg(plan_uninstall(&s, &o, NULL, &owned, &p, &e) == 0, "%s", e.msg);
	ck_assert_uint_eq(p.n, 1);	/* module not installed: only the forget */
	ck_assert_int_eq(p.v[0].op, CH_FORGET);
	plan_free(&p);
	store_close(&s);
	record_free(&owned);
	pkg_free(&pkg);
}
END_TEST

START_TEST(changes_ignore_notes)
{
	struct plan p;
	struct change c;

	memset(&p, 0, sizeof(p));
	memset(&c, 0, sizeof(c));
	c.op = CH_NOTE_ADMIN;
	p.v = &c;
	p.n = 1;
	ck_assert_int_eq(plan_changes(&p), 0);
	c.op = CH_FORGET;
	ck_assert_int_eq(plan_changes(&p), 1);
}
END_TEST

Suite *plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, wanted);
	UNIT_TEST_STORE(tc, install_fresh);
	UNIT_TEST_STORE(tc, forget_vanished);
	tcase_add_test(tc, changes_ignore_notes);
	suite_add_tcase(s, tc);
	return s;
}

/* check_status.c — tools/status.c: what status reports, before and after install. */
#include <stdio.h>
#include <string.h>

#include "install.h"
#include "status.h"
#include "unit.h"

static json_object *collect(struct gts_opts *o)
{
	struct store s;
	struct gts_err e = { 0 };
	json_object *j = NULL;

	ck_assert_msg(store_open(&s, o, STORE_READ, &e) == 0, "%s", e.msg);
	ck_assert_msg(status_collect(&s, o, &j, &e) == 0, "%s", e.msg);
	store_close(&s);
	return j;
}

static json_object *path(json_object *j, const char *a, const char *b)
{
	json_object *v = NULL;

	ck_assert_msg(json_object_object_get_ex(j, a, &v), "no %s", a);
	if (b)
		ck_assert_msg(json_object_object_get_ex(v, b, &v), "no %s.%s", a, b);
	return v;
}

/* The booleans array entry NAME. */
static json_object *boolean(json_object *j, const char *name)
{
	json_object *arr = path(j, "booleans", NULL), *b;
	size_t i;

	for (i = 0; i < json_object_array_length(arr); i++) {
		b = json_object_array_get_idx(arr, i);
		if (strcmp(json_object_get_string(path(b, "name", NULL)), name) == 0)
			return b;
	}
	ck_abort_msg("boolean %s not reported", name);
	return NULL;
}

START_TEST(before_and_after)
{
	struct gts_opts o;
	struct gts_err e;
	struct cust gone = unit_port(8765, "gotosocial_port_t");
	json_object *j, *c;
	char h1[65], h2[65];

	unit_opts(&o, unit_store());
	unit_tree_hash(o.root, h1);
	j = collect(&o);
	ck_assert(!json_object_get_boolean(path(j, "module", "installed")));
	ck_assert(!json_object_get_boolean(path(j, "module", "up_to_date")));
	ck_assert_int_eq((int)json_object_array_length(path(j, "customizations", NULL)), 0);
	ck_assert(json_object_get_boolean(path(boolean(j, "gotosocial_execmem"), "value", NULL)));
	ck_assert_str_eq(json_object_get_string(path(boolean(j, "gotosocial_execmem"), "source", NULL)),
			 "module default, module not installed");
	json_object_put(j);
	unit_tree_hash(o.root, h2);
	ck_assert_str_eq(h1, h2);	/* status writes nothing */

	unit_want(&o, "tcp/8765", "/srv/gts=storage", "gotosocial_connect_smtp=on");
	ck_assert_msg(unit_run(cmd_install, &o, &e) == 0, "%s", e.msg);
	j = collect(&o);
	ck_assert(json_object_get_boolean(path(j, "module", "installed")));
	ck_assert(json_object_get_boolean(path(j, "module", "enabled")));
	ck_assert(json_object_get_boolean(path(j, "module", "up_to_date")));
	ck_assert_int_eq(json_object_get_int(path(j, "module", "priority")), 200);
	ck_assert_str_eq(json_object_get_string(path(j, "module", "installed_checksum")),
			 json_object_get_string(path(j, "module", "shipped_checksum")));
	ck_assert_int_eq((int)json_object_array_length(path(j, "customizations", NULL)), 3);
	c = json_object_array_get_idx(path(j, "customizations", NULL), 0);
	ck_assert_str_eq(json_object_get_string(path(c, "state", NULL)), "present");
	ck_assert(json_object_get_boolean(path(boolean(j, "gotosocial_connect_smtp"), "value", NULL)));
	ck_assert_str_eq(json_object_get_string(path(boolean(j, "gotosocial_connect_smtp"), "source", NULL)),
			 "set by gts-selinux");
	ck_assert_str_eq(json_object_get_string(path(boolean(j, "gotosocial_execmem"), "source", NULL)),
			 "policy default");
	json_object_put(j);

	/* the admin removes our port behind our back: status says so */
	unit_admin_del(o.root, &gone);
	j = collect(&o);
	c = json_object_array_get_idx(path(j, "customizations", NULL), 0);
	ck_assert_ptr_nonnull(strstr(json_object_get_string(path(c, "state", NULL)), "missing"));
	json_object_put(j);

	/* no shipped module: reported, not fatal; booleans then come from the policy */
	o.module = "/nonexistent.pp";
	j = collect(&o);
	ck_assert(json_object_get_boolean(path(j, "module", "installed")));
	ck_assert_ptr_nonnull(strstr(json_object_get_string(path(j, "module", "shipped_error")),
				     "/nonexistent.pp"));
	ck_assert(json_object_get_boolean(path(boolean(j, "gotosocial_connect_smtp"), "value", NULL)));
	json_object_put(j);
	gts_opts_free(&o);
}
END_TEST

START_TEST(cmd_prints)
{
	struct gts_opts o;
	struct gts_err e = { 0 };

	unit_opts(&o, unit_store());
	o.json = 1;
	ck_assert_ptr_nonnull(freopen("/dev/null", "w", stdout));
	ck_assert_int_eq(cmd_status(&o, &e), 0);
	o.root = "/nonexistent";
	ck_assert_int_lt(cmd_status(&o, &e), 0);
	ck_assert_int_eq(e.code, GTS_EUSAGE);
}
END_TEST

Suite *status_suite(void)
{
	Suite *s = suite_create("status");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	UNIT_TEST_STORE(tc, before_and_after);
	UNIT_TEST_STORE(tc, cmd_prints);
	suite_add_tcase(s, tc);
	return s;
}

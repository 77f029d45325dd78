/* check_report.c — tools/report.c: text and JSON output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "unit.h"

static struct change mk(enum change_op op, enum cust_kind kind, const char *old)
{
	struct change c;

	memset(&c, 0, sizeof(c));
	c.op = op;
	c.c.kind = kind;
	strcpy(c.c.proto, "tcp");
	c.c.low = c.c.high = 8443;
	c.c.expr = "/srv/x(/.*)?";
	c.c.name = "gotosocial_bind_http";
	c.c.type = "gotosocial_port_t";
	c.c.value = 1;
	c.old = (char *)old;
	return c;
}

START_TEST(lines)
{
	struct change c;
	char buf[1200];

	c = mk(CH_MODULE_INSTALL, CUST_PORT, NULL);
	report_change_line(&c, 200, buf, sizeof(buf));
	ck_assert_str_eq(buf, "module gotosocial: install at priority 200");
	c = mk(CH_MODULE_INSTALL, CUST_PORT, "sha256:aa");
	report_change_line(&c, 300, buf, sizeof(buf));
	ck_assert_str_eq(buf, "module gotosocial: upgrade at priority 300, was sha256:aa");
	c = mk(CH_ADD, CUST_PORT, NULL);
	report_change_line(&c, 200, buf, sizeof(buf));
	ck_assert_str_eq(buf, "port tcp/8443: add gotosocial_port_t");
	c = mk(CH_MODIFY, CUST_PORT, "http_port_t");
	report_change_line(&c, 200, buf, sizeof(buf));
	ck_assert_str_eq(buf, "port tcp/8443: change http_port_t -> gotosocial_port_t");
	c = mk(CH_ADD, CUST_BOOLEAN, NULL);
	report_change_line(&c, 200, buf, sizeof(buf));
	ck_assert_str_eq(buf, "boolean gotosocial_bind_http: set on");
	c = mk(CH_DELETE, CUST_FCONTEXT, NULL);
	c.c.type = "gotosocial_web_t";
	report_change_line(&c, 200, buf, sizeof(buf));
	ck_assert_str_eq(buf, "file context /srv/x(/.*)?: remove gotosocial_web_t");
	c = mk(CH_RESTORE, CUST_PORT, "gotosocial_port_t");
	c.c.type = "http_port_t";
	report_change_line(&c, 200, buf, sizeof(buf));
	ck_assert_str_eq(buf, "port tcp/8443: restore the admin's http_port_t (was gotosocial_port_t)");
	c = mk(CH_NOTE_ADMIN, CUST_PORT, NULL);
	report_change_line(&c, 200, buf, sizeof(buf));
	ck_assert_ptr_nonnull(strstr(buf, "left alone"));
	ck_assert_str_eq(report_action(CH_FORGET), "forget");
}
END_TEST

static char *render(const struct gts_opts *o, json_object *j, int status)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	ck_assert_ptr_nonnull(f);
	if (status)
		report_print_status(f, o, j);
	else
		report_print_plan(f, o, j);
	fclose(f);
	return out;
}

START_TEST(plan_output)
{
	struct store s;
	struct plan p;
	struct gts_opts o;
	json_object *j, *parsed, *v;
	char *out;

	memset(&s, 0, sizeof(s));
	memset(&p, 0, sizeof(p));
	memset(&o, 0, sizeof(o));
	strcpy(s.name, "default");
	strcpy(s.root, "/r");
	p.priority = 200;
	p.checksum = "sha256:bb";
	p.v = calloc(2, sizeof(*p.v));
	p.v[0] = mk(CH_MODULE_INSTALL, CUST_PORT, NULL);
	p.v[1] = mk(CH_NOTE_ADMIN, CUST_PORT, NULL);
	p.n = 2;
	o.verb = "install";

	j = report_plan_json("install", &s, &p, "changed");
	out = render(&o, j, 0);
	ck_assert_str_eq(out, "module gotosocial: install at priority 200\n"
			 "port tcp/8443: already gotosocial_port_t by the admin's customization; "
			 "left alone\ninstalled: 1 change committed in one transaction\n");
	free(out);
	o.json = 1;
	out = render(&o, j, 0);
	parsed = json_tokener_parse(out);
	ck_assert_ptr_nonnull(parsed);
	ck_assert(json_object_object_get_ex(parsed, "changed", &v) && json_object_get_boolean(v));
	ck_assert(json_object_object_get_ex(parsed, "root", &v));
	ck_assert_str_eq(json_object_get_string(v), "/r");
	ck_assert(json_object_object_get_ex(parsed, "changes", &v));
	ck_assert_int_eq((int)json_object_array_length(v), 2);
	json_object_put(parsed);
	free(out);
	json_object_put(j);

	o.json = 0;
	j = report_plan_json("install", &s, &p, "dry-run");
	out = render(&o, j, 0);
	ck_assert_ptr_nonnull(strstr(out, "dry run: 1 change, nothing written\n"));
	free(out);
	o.quiet = 1;
	out = render(&o, j, 0);
	ck_assert_str_eq(out, "");
	free(out);
	json_object_put(j);

	o.quiet = 0;
	p.n = 1;
	p.v[0] = mk(CH_NOTE_ADMIN, CUST_PORT, NULL);
	j = report_plan_json("install", &s, &p, "unchanged");
	out = render(&o, j, 0);
	ck_assert_ptr_nonnull(strstr(out, "unchanged\n"));
	free(out);
	o.json = 1;
	out = render(&o, j, 0);
	ck_assert_ptr_nonnull(strstr(out, "\"changed\":false"));
	free(out);
	json_object_put(j);
	free(p.v);
}
END_TEST

START_TEST(status_output)
{
	const char *js =
		"{\"store\":\"default\",\"store_dir\":\"/r/var/lib/selinux/default\","
		"\"module\":{\"installed\":true,\"priority\":200,\"enabled\":false,"
		"\"installed_checksum\":\"sha256:aa\",\"shipped_checksum\":null,"
		"\"shipped_error\":\"no shipped module\"},"
		"\"customizations\":[{\"kind\":\"port\",\"key\":\"tcp/1\",\"value\":\"gotosocial_port_t\","
		"\"state\":\"missing: removed outside gts-selinux\"}],"
		"\"booleans\":[{\"name\":\"gotosocial_execmem\",\"value\":true,\"source\":\"policy default\","
		"\"default\":true}]}";
	json_object *j = json_tokener_parse(js);
	struct gts_opts o;
	char *out;

	memset(&o, 0, sizeof(o));
	out = render(&o, j, 1);
	ck_assert_ptr_nonnull(strstr(out, "installed at priority 200, DISABLED"));
	ck_assert_ptr_nonnull(strstr(out, "shipped:    unavailable: no shipped module"));
	ck_assert_ptr_nonnull(strstr(out, "tcp/1 gotosocial_port_t  [missing: removed outside gts-selinux]"));
	ck_assert_ptr_nonnull(strstr(out, "gotosocial_execmem"));
	ck_assert_ptr_nonnull(strstr(out, "(policy default; default on)"));
	free(out);
	json_object_put(j);
}
END_TEST

Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, lines);
	tcase_add_test(tc, plan_output);
	tcase_add_test(tc, status_output);
	suite_add_tcase(s, tc);
	return s;
}

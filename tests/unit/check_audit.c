/* check_audit.c — tools/audit.c: the audit messages of committed changes. */
#include <string.h>

#include "audit.h"
#include "unit.h"

START_TEST(format)
{
	struct store s;
	struct plan p;
	struct change c;
	char buf[1500];

	memset(&s, 0, sizeof(s));
	memset(&p, 0, sizeof(p));
	memset(&c, 0, sizeof(c));
	strcpy(s.name, "targeted");
	s.mls = 1;
	p.priority = 200;
	c.op = CH_MODULE_INSTALL;
	audit_format(&s, &p, &c, buf, sizeof(buf));
	ck_assert_str_eq(buf, "resrc=module op=install key=gotosocial priority=200 store=targeted "
			 "tool=gts-selinux");
	c.op = CH_ADD;
	c.c.kind = CUST_PORT;
	strcpy(c.c.proto, "tcp");
	c.c.low = c.c.high = 8765;
	c.c.type = "gotosocial_port_t";
	audit_format(&s, &p, &c, buf, sizeof(buf));
	ck_assert_str_eq(buf, "resrc=port op=add key=tcp/8765 tcontext=system_u:object_r:"
			 "gotosocial_port_t:s0 store=targeted tool=gts-selinux");
	/* a path with a space cannot break the key=value format */
	c.op = CH_DELETE;
	c.c.kind = CUST_FCONTEXT;
	c.c.expr = "/srv/a b(/.*)?";
	c.c.type = "gotosocial_web_t";
	s.mls = 0;
	audit_format(&s, &p, &c, buf, sizeof(buf));
	ck_assert_str_eq(buf, "resrc=fcontext op=remove key=/srv/a_b(/.*)? tcontext=system_u:"
			 "object_r:gotosocial_web_t store=targeted tool=gts-selinux");
	c.op = CH_ADD;
	c.c.kind = CUST_BOOLEAN;
	c.c.name = "gotosocial_bind_http";
	c.c.value = 1;
	audit_format(&s, &p, &c, buf, sizeof(buf));
	ck_assert_str_eq(buf, "resrc=boolean op=add key=gotosocial_bind_http value=1 "
			 "store=targeted tool=gts-selinux");
}
END_TEST

/* An alternate root is not this system's configuration: nothing is logged (and nothing
 * crashes without an audit-capable kernel). */
START_TEST(alternate_root_not_logged)
{
	struct store s;
	struct plan p;

	memset(&s, 0, sizeof(s));
	memset(&p, 0, sizeof(p));
	s.live = 0;
	audit_log_plan(&s, &p, 1);
	s.live = 1;
	audit_log_plan(&s, &p, 1);	/* no changes: no records, no failure */
}
END_TEST

Suite *audit_suite(void)
{
	Suite *s = suite_create("audit");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, format);
	tcase_add_test(tc, alternate_root_not_logged);
	suite_add_tcase(s, tc);
	return s;
}

/* check_spec.c — tools/spec.c: parsing --port/--path/--boolean and file-context escaping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <selinux/label.h>
#include <selinux/selinux.h>

#include "spec.h"
#include "unit.h"

START_TEST(port_good)
{
	struct gts_port p;
	struct gts_err e = { 0 };

	ck_assert_int_eq(spec_parse_port("tcp/8443", &p, &e), 0);
	ck_assert_str_eq(p.proto, "tcp");
	ck_assert_int_eq(p.low, 8443);
	ck_assert_int_eq(p.high, 8443);
	ck_assert_int_eq(spec_parse_port("udp/8000-8010", &p, &e), 0);
	ck_assert_int_eq(p.low, 8000);
	ck_assert_int_eq(p.high, 8010);
	ck_assert_int_eq(spec_parse_port("sctp/1", &p, &e), 0);
	ck_assert_int_eq(spec_parse_port("dccp/65535", &p, &e), 0);
	ck_assert_int_eq(e.code, 0);
}
END_TEST

START_TEST(port_bad)
{
	static const char *const bad[] = {
		"8443", "tcp", "tcp/", "/8443", "tcpx/80", "TCP/80", "tcp/0", "tcp/65536",
		"tcp/80-", "tcp/-80", "tcp/90-80", "tcp/8a", "tcp/ 80", "tcp/80 ", "tcp/123456",
		"icmp/1", "tcp/80-90-100", "",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct gts_port p;
		struct gts_err e = { 0 };

		ck_assert_msg(spec_parse_port(bad[i], &p, &e) < 0, "accepted '%s'", bad[i]);
		ck_assert_int_eq(e.code, GTS_EUSAGE);
		ck_assert_msg(strstr(e.msg, bad[i]) != NULL, "message does not name '%s'", bad[i]);
		ck_assert_ptr_null(strchr(e.msg, '\n'));
	}
}
END_TEST

START_TEST(path_good)
{
	struct gts_path p;
	struct gts_err e = { 0 };

	ck_assert_int_eq(spec_parse_path("/srv/gts/storage=storage", &p, &e), 0);
	ck_assert_str_eq(p.path, "/srv/gts/storage");
	ck_assert_str_eq(p.type, "gotosocial_storage_t");
	free(p.path);
	free(p.type);
	ck_assert_int_eq(spec_parse_path("//srv//gts/./db///=db", &p, &e), 0);
	ck_assert_str_eq(p.path, "/srv/gts/db");
	ck_assert_str_eq(p.type, "gotosocial_db_t");
	free(p.path);
	free(p.type);
	ck_assert_int_eq(spec_parse_path("/opt/a=b/bin=exec", &p, &e), 0);
	ck_assert_str_eq(p.path, "/opt/a=b/bin");
	ck_assert_str_eq(p.type, "gotosocial_exec_t");
	free(p.path);
	free(p.type);
	ck_assert_int_eq(e.code, 0);
}
END_TEST

START_TEST(path_bad)
{
	static const char *const bad[] = {
		"srv/gts=storage", "/srv/gts", "/srv/gts=", "=storage", "/srv/gts=bogus",
		"/srv/../etc=conf", "/=storage", "/etc=conf", "/var/lib/=db", "/usr=exec",
		"/srv/a\tb=storage", "/srv/a\nb=storage", "/home=storage",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct gts_path p;
		struct gts_err e = { 0 };

		ck_assert_msg(spec_parse_path(bad[i], &p, &e) < 0, "accepted '%s'", bad[i]);
		ck_assert_int_eq(e.code, GTS_EUSAGE);
		ck_assert_msg(strncmp(e.msg, "invalid --path", 14) == 0, "%s", e.msg);
		ck_assert_ptr_null(p.path);
	}
}
END_TEST

START_TEST(bool_parse)
{
	static const char *const bad[] = { "x", "x=", "=on", "x=maybe", "a-b=on", "x=ON " };
	struct gts_bool b;
	struct gts_err e = { 0 };
	size_t i;

	ck_assert_int_eq(spec_parse_bool("gotosocial_bind_http=on", &b, &e), 0);
	ck_assert_str_eq(b.name, "gotosocial_bind_http");
	ck_assert_int_eq(b.value, 1);
	free(b.name);
	ck_assert_int_eq(spec_parse_bool("x=false", &b, &e), 0);
	ck_assert_int_eq(b.value, 0);
	free(b.name);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct gts_err e2 = { 0 };

		ck_assert_msg(spec_parse_bool(bad[i], &b, &e2) < 0, "accepted '%s'", bad[i]);
		ck_assert_int_eq(e2.code, GTS_EUSAGE);
	}
}
END_TEST

START_TEST(types)
{
	ck_assert_str_eq(spec_type_for("exec"), "gotosocial_exec_t");
	ck_assert_str_eq(spec_type_for("tmp"), "gotosocial_tmp_t");
	ck_assert_ptr_null(spec_type_for("port"));
	ck_assert_ptr_null(spec_type_for(""));
	ck_assert_int_eq(spec_is_system_root("/etc"), 1);
	ck_assert_int_eq(spec_is_system_root("/etc/gotosocial"), 0);
}
END_TEST

START_TEST(expr_escaping)
{
	char *x = spec_fcontext_expr("/srv/a+b.c(d)[e]{f}|g^h$i*j?k\\l m");

	ck_assert_str_eq(x, "/srv/a\\+b\\.c\\(d\\)\\[e\\]\\{f\\}\\|g\\^h\\$i\\*j\\?k\\\\l\\x20m(/.*)?");
	free(x);
}
END_TEST

/* The real matcher (libselinux's file_contexts backend) must match the path and what is
 * below it, and nothing that differs only where a metacharacter stood. */
START_TEST(expr_matches_only_itself)
{
	static const char *const paths[] = { "/srv/g+t.s(1)[x]", "/srv/with space/a.b" };
	static const char *const others[] = {
		"/srv/gggt.s(1)[x]", "/srv/g+tXs(1)[x]", "/srv/g+t.s1x", "/srv/g+t.s(1)x",
		"/srv/with  space/a.b", "/srv/with space/aXb", "/srv/g+t.s(1)[x]y",
	};
	char dir[] = "/tmp/gts-fc.XXXXXX", file[64], *con;
	struct selinux_opt opt = { SELABEL_OPT_PATH, file };
	struct selabel_handle *h;
	FILE *f;
	size_t i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/fc", dir);
	f = fopen(file, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "/.*\tsystem_u:object_r:default_t:s0\n");
	for (i = 0; i < 2; i++) {
		char *x = spec_fcontext_expr(paths[i]);

		fprintf(f, "%s\tsystem_u:object_r:gotosocial_storage_t:s0\n", x);
		free(x);
	}
	fclose(f);
	h = selabel_open(SELABEL_CTX_FILE, &opt, 1);
	ck_assert_ptr_nonnull(h);
	for (i = 0; i < 2; i++) {
		char sub[256];

		ck_assert_int_eq(selabel_lookup(h, &con, paths[i], 0), 0);
		ck_assert_str_eq(con, "system_u:object_r:gotosocial_storage_t:s0");
		freecon(con);
		snprintf(sub, sizeof(sub), "%s/deeper/file", paths[i]);
		ck_assert_int_eq(selabel_lookup(h, &con, sub, 0), 0);
		ck_assert_str_eq(con, "system_u:object_r:gotosocial_storage_t:s0");
		freecon(con);
	}
	for (i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		ck_assert_int_eq(selabel_lookup(h, &con, others[i], 0), 0);
		ck_assert_msg(strcmp(con, "system_u:object_r:default_t:s0") == 0, "%s matched: %s",
			      others[i], con);
		freecon(con);
	}
	selabel_close(h);
	unlink(file);
	/* selabel may leave a compiled cache beside the file; remove whatever is there. */
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		ck_assert_int_eq(system(cmd), 0);
	}
}
END_TEST

START_TEST(opts_free)
{
	struct gts_opts o = { 0 };
	struct gts_err e = { 0 };

	o.paths = calloc(1, sizeof(*o.paths));
	o.bools = calloc(1, sizeof(*o.bools));
	o.ports = calloc(1, sizeof(*o.ports));
	ck_assert_int_eq(spec_parse_path("/srv/x=web", &o.paths[0], &e), 0);
	ck_assert_int_eq(spec_parse_bool("a=on", &o.bools[0], &e), 0);
	o.npaths = o.nbools = o.nports = 1;
	gts_opts_free(&o);
	ck_assert_ptr_null(o.paths);
	ck_assert_int_eq((int)o.npaths, 0);
	/* gts_fail keeps the first message */
	ck_assert_int_eq(gts_fail(&e, 2, "first"), -1);
	ck_assert_int_eq(gts_fail(&e, 1, "second"), -1);
	ck_assert_str_eq(e.msg, "first");
	ck_assert_int_eq(e.code, 2);
}
END_TEST

Suite *spec_suite(void)
{
	Suite *s = suite_create("spec");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, port_good);
	tcase_add_test(tc, port_bad);
	tcase_add_test(tc, path_good);
	tcase_add_test(tc, path_bad);
	tcase_add_test(tc, bool_parse);
	tcase_add_test(tc, types);
	tcase_add_test(tc, expr_escaping);
	tcase_add_test(tc, expr_matches_only_itself);
	tcase_add_test(tc, opts_free);
	suite_add_tcase(s, tc);
	return s;
}

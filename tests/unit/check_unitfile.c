/* check_unitfile.c — tools/unitfile.c: systemd quoting, continuations, environment files,
 * drop-ins, variable expansion. */
#include "tmptree.h"
#include "unitfile.h"

START_TEST(split_quoting)
{
	char **w;
	size_t n;

	ck_assert_int_eq(unitfile_split("a \"b c\" 'd \"e' f\\x20g \"h\\\"i\" \\s", &w, &n), 0);
	ck_assert_uint_eq(n, 6);
	ck_assert_str_eq(w[0], "a");
	ck_assert_str_eq(w[1], "b c");
	ck_assert_str_eq(w[2], "d \"e");
	ck_assert_str_eq(w[3], "f g");
	ck_assert_str_eq(w[4], "h\"i");
	ck_assert_str_eq(w[5], " ");
	unitfile_free_argv(w, n);
	ck_assert_int_eq(unitfile_split("  ", &w, &n), 0);
	ck_assert_uint_eq(n, 0);
	unitfile_free_argv(w, n);
	ck_assert_int_lt(unitfile_split("a \"b", &w, &n), 0);
	ck_assert_ptr_null(w);
	ck_assert_int_lt(unitfile_split("a\\x4", &w, &n), 0);
	ck_assert_int_lt(unitfile_split("trailing\\", &w, &n), 0);
}
END_TEST

static const char unit_text[] =
	"# GoToSocial\n"
	"[Unit]\n"
	"Description=GoToSocial\n"
	"ExecStart=/not/this/one\n"
	"\n"
	"[Service]\n"
	"Type=exec\n"
	"; a comment\n"
	"Environment=\"GTS_PORT=8443\" GTS_HOST=social.example.org 'GTS_SMTP_HOST=mail example'\n"
	"Environment=GTS_BIND_ADDRESS=127.0.0.1\n"
	"EnvironmentFile=-/etc/gotosocial/missing.env\n"
	"EnvironmentFile=/etc/gotosocial/gts.env\n"
	"WorkingDirectory=-/srv/gts\n"
	"ExecStart=-/opt/gts/gotosocial --config-path \"/srv/gts/my config.yaml\" \\\n"
	"# a comment inside the continuation is dropped\n"
	"    --port ${GTS_PORT} $EXTRA \\\n"
	"    server start\n"
	"NoNewPrivileges=yes\n"
	"\n"
	"[Install]\n"
	"WantedBy=multi-user.target\n";

static const char env_text[] =
	"# comment\n"
	"; another\n"
	"\n"
	"GTS_PORT=9000\n"
	"export GTS_DB_TYPE=\"sqlite\"\n"
	"GTS_DB_ADDRESS='/var/lib/gts/db #1.sqlite'\n"
	"  GTS_STORAGE_LOCAL_BASE_PATH = /srv/gts/storage  \n"
	"EXTRA=--letsencrypt-enabled=false --smtp-port 2525\n"
	"LONG=a\\\n"
	"b\n"
	"1BAD=x\n"
	"not an assignment\n";

START_TEST(parse_unit)
{
	const char *root = tt_root();
	struct unitfile u;
	struct gts_err e = { 0 };
	const struct unit_var *v;

	tt_put(root, "etc/systemd/system/gotosocial.service", unit_text);
	tt_put(root, "etc/gotosocial/gts.env", env_text);
	ck_assert_msg(unitfile_find(root, &u, &e) == 1, "%s", e.msg);
	ck_assert_str_eq(u.path, "/etc/systemd/system/gotosocial.service");
	ck_assert_str_eq(u.workdir, "/srv/gts");
	ck_assert_str_eq(u.workdir_origin, "/etc/systemd/system/gotosocial.service:13");
	ck_assert_int_eq(u.nnp, 1);
	ck_assert_str_eq(u.exec_origin, "/etc/systemd/system/gotosocial.service:14");
	/* the env file overrides Environment= (as systemd does) */
	v = unitfile_getenv(&u, "GTS_PORT");
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v->value, "9000");
	ck_assert_str_eq(v->origin, "/etc/gotosocial/gts.env:4");
	ck_assert_str_eq(unitfile_getenv(&u, "GTS_HOST")->value, "social.example.org");
	ck_assert_str_eq(unitfile_getenv(&u, "GTS_SMTP_HOST")->value, "mail example");
	ck_assert_str_eq(unitfile_getenv(&u, "GTS_DB_TYPE")->value, "sqlite");
	ck_assert_str_eq(unitfile_getenv(&u, "GTS_DB_ADDRESS")->value, "/var/lib/gts/db #1.sqlite");
	ck_assert_str_eq(unitfile_getenv(&u, "GTS_STORAGE_LOCAL_BASE_PATH")->value,
			 "/srv/gts/storage");
	ck_assert_str_eq(unitfile_getenv(&u, "LONG")->value, "a b");
	ck_assert_ptr_null(unitfile_getenv(&u, "1BAD"));
	/* ExecStart: prefix dropped, quoting, ${VAR} and $VAR (split into words) */
	ck_assert_uint_eq(u.argc, 10);
	ck_assert_str_eq(u.argv[0], "/opt/gts/gotosocial");
	ck_assert_str_eq(u.argv[2], "/srv/gts/my config.yaml");
	ck_assert_str_eq(u.argv[3], "--port");
	ck_assert_str_eq(u.argv[4], "9000");
	ck_assert_str_eq(u.argv[5], "--letsencrypt-enabled=false");
	ck_assert_str_eq(u.argv[6], "--smtp-port");
	ck_assert_str_eq(u.argv[7], "2525");
	ck_assert_str_eq(u.argv[9], "start");
	unitfile_free(&u);
}
END_TEST

START_TEST(dropins_and_locations)
{
	const char *root = tt_root();
	struct unitfile u;
	struct gts_err e = { 0 };

	ck_assert_int_eq(unitfile_find(root, &u, &e), 0);
	ck_assert_int_eq(u.found, 0);
	tt_put(root, "usr/lib/systemd/system/gotosocial.service",
	       "[Service]\nExecStart=/usr/bin/gotosocial server start\nEnvironment=A=1 B=2\n");
	tt_put(root, "usr/lib/systemd/system/gotosocial.service.d/20-b.conf",
	       "[Service]\nEnvironment=C=from-usr\n");
	tt_put(root, "etc/systemd/system/gotosocial.service.d/10-a.conf",
	       "[Service]\nExecStart=\nExecStart=@/usr/local/bin/gotosocial gts --port 1\n"
	       "Environment=\nEnvironment=A=3\n");
	tt_put(root, "etc/systemd/system/gotosocial.service.d/20-b.conf",
	       "[Service]\nEnvironment=C=from-etc\n");
	tt_put(root, "etc/systemd/system/gotosocial.service.d/ignored.txt",
	       "[Service]\nEnvironment=C=no\n");
	ck_assert_msg(unitfile_find(root, &u, &e) == 1, "%s", e.msg);
	ck_assert_str_eq(u.path, "/usr/lib/systemd/system/gotosocial.service");
	ck_assert_uint_eq(u.argc, 3);	/* "@": the second word is only argv[0] */
	ck_assert_str_eq(u.argv[0], "/usr/local/bin/gotosocial");
	ck_assert_str_eq(u.argv[1], "--port");
	ck_assert_str_eq(unitfile_getenv(&u, "A")->value, "3");
	ck_assert_ptr_null(unitfile_getenv(&u, "B"));	/* reset by the empty Environment= */
	ck_assert_str_eq(unitfile_getenv(&u, "C")->value, "from-etc");
	unitfile_free(&u);
}
END_TEST

START_TEST(unit_errors)
{
	const char *root = tt_root();
	struct unitfile u;
	struct gts_err e = { 0 };

	tt_put(root, "etc/systemd/system/gotosocial.service",
	       "[Service]\nExecStart=/usr/bin/gotosocial \"server start\n");
	ck_assert_int_lt(unitfile_find(root, &u, &e), 0);
	ck_assert_int_eq(e.code, GTS_EUSAGE);
	ck_assert_ptr_nonnull(strstr(e.msg, "gotosocial.service:2"));
	ck_assert_ptr_nonnull(strstr(e.msg, "quote"));
	unitfile_free(&u);

	memset(&e, 0, sizeof(e));
	tt_put(root, "etc/systemd/system/gotosocial.service",
	       "[Service]\nEnvironmentFile=etc/relative.env\nExecStart=/usr/bin/gotosocial\n");
	ck_assert_int_lt(unitfile_find(root, &u, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, "absolute"));
	unitfile_free(&u);

	memset(&e, 0, sizeof(e));
	tt_put(root, "etc/systemd/system/gotosocial.service",
	       "[Service]\nEnvironmentFile=/etc/gotosocial/absent.env\n");
	ck_assert_int_lt(unitfile_find(root, &u, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, "absent.env"));
	ck_assert_ptr_null(strchr(e.msg, '\n'));
	unitfile_free(&u);
}
END_TEST

Suite *unitfile_suite(void)
{
	Suite *s = suite_create("unitfile");
	TCase *tc = tcase_create("unitfile");

	tcase_add_test(tc, split_quoting);
	tcase_add_test(tc, parse_unit);
	tcase_add_test(tc, dropins_and_locations);
	tcase_add_test(tc, unit_errors);
	suite_add_tcase(s, tc);
	return s;
}

/* check_cli.c — tools/cli.c: options before or after the verb, verbs, usage errors. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "unit.h"

/* Parse a NULL-terminated list; returns cli_parse's result. */
static int parse(struct gts_opts *o, const struct cli_verb **v, struct gts_err *e, ...)
{
	char *argv[32];
	int argc = 0;
	va_list ap;

	argv[argc++] = "gts-selinux";
	va_start(ap, e);
	while (argc < 31 && (argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	va_end(ap);
	argv[argc] = NULL;
	memset(e, 0, sizeof(*e));
	return cli_parse(argc, argv, o, v, e);
}

START_TEST(anywhere)
{
	struct gts_opts a, b;
	const struct cli_verb *va, *vb;
	struct gts_err e;

	ck_assert_int_eq(parse(&a, &va, &e, "--root", "/r", "install", "--port", "tcp/1",
			       "--path", "/srv/x=web", "-n", NULL), 0);
	ck_assert_int_eq(parse(&b, &vb, &e, "install", "-n", "--path", "/srv/x=web", "--root",
			       "/r", "--port", "tcp/1", NULL), 0);
	ck_assert_ptr_eq(va, vb);
	ck_assert_str_eq(va->name, "install");
	ck_assert_str_eq(a.root, b.root);
	ck_assert_int_eq(a.dry_run, 1);
	ck_assert_int_eq(b.dry_run, 1);
	ck_assert_uint_eq(a.nports, 1);
	ck_assert_uint_eq(b.npaths, 1);
	ck_assert_str_eq(b.paths[0].type, "gotosocial_web_t");
	ck_assert_int_eq(a.priority, 200);
	gts_opts_free(&a);
	gts_opts_free(&b);
}
END_TEST

START_TEST(repeats_and_globals)
{
	struct gts_opts o;
	const struct cli_verb *v;
	struct gts_err e;

	ck_assert_int_eq(parse(&o, &v, &e, "install", "--port", "tcp/1", "--port", "udp/2-3",
			       "--boolean", "a=on", "--boolean", "b=off", "--priority", "400",
			       "--store", "targeted", "--json", "-v", "--no-reload", "--force", NULL), 0);
	ck_assert_uint_eq(o.nports, 2);
	ck_assert_int_eq(o.ports[1].high, 3);
	ck_assert_uint_eq(o.nbools, 2);
	ck_assert_int_eq(o.bools[1].value, 0);
	ck_assert_int_eq(o.priority, 400);
	ck_assert_str_eq(o.store, "targeted");
	ck_assert_int_eq(o.json + o.verbose + o.no_reload + o.force, 4);
	gts_opts_free(&o);
	ck_assert_int_eq(parse(&o, &v, &e, "status", "--module", "/x.pp", NULL), 0);
	ck_assert_str_eq(v->name, "status");
	gts_opts_free(&o);
	ck_assert_int_eq(parse(&o, &v, &e, "uninstall", "--dry-run", NULL), 0);
	gts_opts_free(&o);
}
END_TEST

START_TEST(usage_errors)
{
	struct gts_opts o;
	const struct cli_verb *v;
	struct gts_err e;

#define BAD(want, ...)                                                              \
	do {                                                                        \
		ck_assert_int_eq(parse(&o, &v, &e, __VA_ARGS__, NULL), -1);         \
		ck_assert_int_eq(e.code, GTS_EUSAGE);                               \
		ck_assert_msg(strstr(e.msg, want) != NULL, "'%s' not in '%s'", want, e.msg); \
		gts_opts_free(&o);                                                  \
	} while (0)
	BAD("no verb", "--root", "/r");
	BAD("unknown verb 'frob'", "frob");
	BAD("unexpected argument 'x'", "install", "x");
	BAD("unknown option '--nope'", "status", "--nope");
	BAD("needs a value", "status", "--root");
	BAD("invalid --priority '0'", "install", "--priority", "0");
	BAD("invalid --priority '12x'", "install", "--priority", "12x");
	BAD("option --port does not apply to 'status'", "status", "--port", "tcp/1");
	BAD("option --path does not apply to 'uninstall'", "--path", "/srv/x=web", "uninstall");
	BAD("option --module does not apply to 'uninstall'", "uninstall", "--module", "/x");
	BAD("option --dry-run does not apply to 'status'", "-n", "status");
	BAD("-q and -v", "status", "-q", "-v");
	BAD("invalid --port 'tcp'", "install", "--port", "tcp");
#undef BAD
	/* --json is seen even when the error comes before it */
	ck_assert_int_eq(parse(&o, &v, &e, "install", "--port", "x", "--json", NULL), -1);
	ck_assert_int_eq(o.json, 1);
	gts_opts_free(&o);
}
END_TEST

START_TEST(help_version)
{
	struct gts_opts o;
	const struct cli_verb *v;
	struct gts_err e;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	ck_assert_ptr_nonnull(freopen("/dev/null", "w", stdout));
	ck_assert_int_eq(parse(&o, &v, &e, "--help", NULL), 1);
	ck_assert_int_eq(parse(&o, &v, &e, "install", "--version", NULL), 1);
	ck_assert_int_eq(e.code, 0);
	f = open_memstream(&text, &len);
	cli_usage(f);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(text, "77  permission denied"));
	ck_assert_ptr_nonnull(strstr(text, "4  SELinux is disabled"));
	ck_assert_ptr_nonnull(strstr(text, "uninstall"));
	free(text);
}
END_TEST

Suite *cli_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, anywhere);
	tcase_add_test(tc, repeats_and_globals);
	tcase_add_test(tc, usage_errors);
	tcase_add_test(tc, help_version);
	suite_add_tcase(s, tc);
	return s;
}

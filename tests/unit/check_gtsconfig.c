/* check_gtsconfig.c — tools/gtsconfig.c: discovery, YAML (libyaml), precedence, origins,
 * types, errors with line and column. */
#include "gtsconfig.h"
#include "tmptree.h"

static void load_ok(struct gtsconfig *c, const char *root, const char *config)
{
	struct gts_err e = { 0 };

	ck_assert_msg(gtsconfig_load(c, root, config, &e) == 0, "%s", e.msg);
}

static void load_fails(const char *root, const char *config, int code, const char *const *want)
{
	struct gtsconfig c;
	struct gts_err e = { 0 };

	ck_assert_int_lt(gtsconfig_load(&c, root, config, &e), 0);
	ck_assert_int_eq(e.code, code);
	for (; *want; want++)
		ck_assert_msg(strstr(e.msg, *want) != NULL, "'%s' not in: %s", *want, e.msg);
	ck_assert_ptr_null(strchr(e.msg, '\n'));
	gtsconfig_free(&c);
}

START_TEST(example_config)
{
	struct gtsconfig c;
	const char *root = tt_root(), *fx = tt_fixture("gotosocial/example-config.yaml");
	char want[PATH_MAX + 8];
	size_t i;
	int unknown = 0;

	(void)root;
	load_ok(&c, "", fx);
	ck_assert_str_eq(c.config.str, fx);
	ck_assert_str_eq(c.v[K_DB_TYPE].str, "sqlite");
	ck_assert_int_eq(c.v[K_DB_TYPE].src, SRC_FILE);
	snprintf(want, sizeof(want), "%s:18", fx);
	ck_assert_str_eq(c.v[K_DB_TYPE].origin, want);
	ck_assert_str_eq(c.v[K_DB_ADDRESS].str, "sqlite.db");
	ck_assert_int_eq(c.v[K_PORT].num, 8080);
	ck_assert_int_eq(c.v[K_LE_ENABLED].num, 0);
	ck_assert_str_eq(c.v[K_STORAGE_LOCAL_BASE_PATH].str, "/gotosocial/storage");
	/* no unit: relative paths against the config's directory, said to be assumed */
	ck_assert_int_eq(c.workdir.src, SRC_ASSUMED);
	ck_assert_ptr_nonnull(strstr(c.workdir.origin, "assumed"));
	snprintf(want, sizeof(want), "%s/web/template", unit_env("GTS_SRC_FIXTURES"));
	strcat(want, "");
	ck_assert_ptr_nonnull(strstr(c.v[K_WEB_TEMPLATE].str, "/gotosocial/web/template"));
	ck_assert_int_eq(c.v[K_WEB_TEMPLATE].str[strlen(c.v[K_WEB_TEMPLATE].str) - 1] != '/', 1);
	/* empty strings are unset; lists and nested maps of other keys are ignored, noted */
	ck_assert_ptr_null(c.v[K_SMTP_HOST].str);
	ck_assert_ptr_null(c.v[K_TLS_CHAIN].str);
	for (i = 0; i < c.nnotes; i++)
		if (strstr(c.notes[i], "'http-client'") || strstr(c.notes[i], "'trusted-proxies'"))
			unknown++;
	ck_assert_int_eq(unknown, 2);
	gtsconfig_free(&c);
}
END_TEST

START_TEST(metal_guide)
{
	struct gtsconfig c;

	load_ok(&c, "", tt_fixture("gotosocial/metal-guide.yaml"));
	ck_assert_int_eq(c.v[K_PORT].num, 443);
	ck_assert_int_eq(c.v[K_LE_ENABLED].num, 1);
	ck_assert_int_eq(c.v[K_LE_PORT].num, 80);
	ck_assert_str_eq(c.v[K_DB_ADDRESS].str, "/gotosocial/sqlite.db");
	ck_assert_str_eq(c.v[K_LE_CERT_DIR].str, "/gotosocial/storage/certs");
	/* keys it does not set keep GoToSocial's defaults */
	ck_assert_int_eq(c.v[K_SMTP_PORT].src, SRC_DEFAULT);
	ck_assert_str_eq(c.v[K_WEB_ASSET].origin, "default");
	gtsconfig_free(&c);
}
END_TEST

/* Flags beat the environment, which beats the file; discovery through the unit. */
START_TEST(precedence_and_discovery)
{
	struct gtsconfig c;
	const char *root = tt_root();

	tt_put(root, "etc/systemd/system/gotosocial.service",
	       "[Service]\n"
	       "WorkingDirectory=/srv/gts\n"
	       "Environment=GTS_PORT=9000 GTS_DB_TYPE=sqlite GTS_WAZERO_COMPILATION_CACHE=.cache\n"
	       "ExecStart=/srv/gts/bin/gotosocial --config-path ./conf/../config.yaml --port=9100 "
	       "--letsencrypt-enabled server start\n");
	tt_put(root, "srv/gts/config.yaml",
	       "port: 8000\n"
	       "db-type: postgres\n"
	       "db-address: \"db/sqlite.db\"\n"
	       "storage-local-base-path: media//\n"
	       "web-asset-base-dir: /srv/gts/./web/../assets/\n");
	load_ok(&c, root, NULL);
	ck_assert_str_eq(c.config.str, "/srv/gts/config.yaml");
	ck_assert_ptr_nonnull(strstr(c.config.origin, "flag --config-path"));
	ck_assert_str_eq(c.binary.str, "/srv/gts/bin/gotosocial");
	ck_assert_str_eq(c.workdir.str, "/srv/gts");
	ck_assert_int_eq(c.workdir.src, SRC_UNIT);
	ck_assert_int_eq(c.v[K_PORT].num, 9100);
	ck_assert_int_eq(c.v[K_PORT].src, SRC_FLAG);
	ck_assert_str_eq(c.v[K_PORT].origin,
			 "flag --port at /etc/systemd/system/gotosocial.service:4");
	ck_assert_int_eq(c.v[K_LE_ENABLED].num, 1);	/* a bare bool flag */
	ck_assert_str_eq(c.v[K_DB_TYPE].str, "sqlite");
	ck_assert_int_eq(c.v[K_DB_TYPE].src, SRC_ENV);
	ck_assert_str_eq(c.v[K_DB_TYPE].origin,
			 "env GTS_DB_TYPE at /etc/systemd/system/gotosocial.service:3");
	ck_assert_str_eq(c.v[K_DB_ADDRESS].origin, "/srv/gts/config.yaml:3");
	ck_assert_str_eq(c.v[K_STORAGE_LOCAL_BASE_PATH].str, "/srv/gts/media");
	ck_assert_str_eq(c.v[K_WEB_ASSET].str, "/srv/gts/assets");
	ck_assert_str_eq(c.v[K_WEB_TEMPLATE].str, "/srv/gts/web/template");
	ck_assert_str_eq(c.wazero_cache.str, "/srv/gts/.cache");
	gtsconfig_free(&c);

	/* --config of gts-selinux wins over the unit's */
	tt_put(root, "other.yaml", "port: 7000\n");
	{
		char p[PATH_MAX + 64];

		snprintf(p, sizeof(p), "/other.yaml");
		load_ok(&c, root, p);
		ck_assert_str_eq(c.config.str, "/other.yaml");
		ck_assert_int_eq(c.v[K_PORT].num, 9100);	/* the unit's flag still wins */
		gtsconfig_free(&c);
	}
}
END_TEST

START_TEST(default_locations)
{
	struct gtsconfig c;
	const char *root = tt_root();

	load_ok(&c, root, NULL);
	ck_assert_ptr_null(c.config.str);
	ck_assert_int_eq(c.unit.found, 0);
	ck_assert_str_eq(c.v[K_DB_TYPE].str, "postgres");	/* GoToSocial's built-in default */
	gtsconfig_free(&c);
	tt_put(root, "etc/gotosocial/config.yaml", "port: 8081\n");
	load_ok(&c, root, NULL);
	ck_assert_str_eq(c.config.str, "/etc/gotosocial/config.yaml");
	ck_assert_int_eq(c.v[K_PORT].num, 8081);
	gtsconfig_free(&c);
	tt_put(root, "gotosocial/config.yaml", "port: 8082\n");
	load_ok(&c, root, NULL);
	ck_assert_str_eq(c.config.str, "/gotosocial/config.yaml");
	ck_assert_str_eq(c.workdir.str, "/gotosocial");
	ck_assert_int_eq(c.v[K_PORT].num, 8082);
	gtsconfig_free(&c);
}
END_TEST

START_TEST(bad_input)
{
	/* file name, content (NULL: a directory / missing), words the message must hold */
	static const struct {
		const char *name, *content, *want[4];
	} cases[] = {
		{ "nope.yaml", NULL, { "nope.yaml", "--config", NULL } },
		{ "empty.yaml", "# only a comment\n", { "empty", NULL } },
		{ "bad.yaml", "port: 8080\n  host: [unclosed\n", { "bad.yaml:2:", "invalid YAML", NULL } },
		{ "type.yaml", "host: a\n\nport: \"abc\"\n", { "type.yaml:3", "port", "\"abc\"", NULL } },
		{ "range.yaml", "port: 70000\n", { "range.yaml:1", "port", "70000", NULL } },
		{ "bool.yaml", "letsencrypt-enabled: maybe\n",
		  { "bool.yaml:1", "letsencrypt-enabled", "maybe", NULL } },
		{ "list.yaml", "db-address:\n  - a\n", { "list.yaml:2", "db-address", "list", NULL } },
		{ "twice.yaml", "port: 1\nport: 2\n", { "twice.yaml:2", "port", "twice", NULL } },
		{ "top.yaml", "- port\n- host\n", { "top.yaml:1:1", "key: value", NULL } },
		{ "dir.yaml", "", { "directory", NULL } },
	};
	static const char *const envbad[] = { "GTS_DB_PORT", "gotosocial.service:2", "five", NULL };
	static const char *const rel[] = { "absolute", NULL };
	const char *root = tt_root();
	char p[PATH_MAX + 64];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (strcmp(cases[i].name, "dir.yaml") == 0)
			tt_mkdirs(root, cases[i].name);
		else if (cases[i].content)
			tt_put(root, cases[i].name, cases[i].content);
		snprintf(p, sizeof(p), "%s/%s", root, cases[i].name);
		load_fails("", p, GTS_EUSAGE, cases[i].want);
	}
	tt_put(root, "etc/systemd/system/gotosocial.service",
	       "[Service]\nEnvironment=GTS_DB_PORT=five\nExecStart=/usr/bin/gotosocial\n");
	load_fails(root, NULL, GTS_EUSAGE, envbad);
	load_fails(root, "config.yaml", GTS_EUSAGE, rel);
}
END_TEST

START_TEST(quoted_numbers_and_nulls)
{
	struct gtsconfig c;
	const char *root = tt_root();
	char p[PATH_MAX + 64];

	tt_put(root, "q.yaml", "port: \"8443\"\nsmtp-host: ~\ntracing-enabled: yes\ndb-port:\n");
	snprintf(p, sizeof(p), "%s/q.yaml", root);
	load_ok(&c, "", p);
	ck_assert_int_eq(c.v[K_PORT].num, 8443);
	ck_assert_ptr_null(c.v[K_SMTP_HOST].str);
	ck_assert_int_eq(c.v[K_TRACING_ENABLED].num, 1);
	ck_assert_int_eq(c.v[K_DB_PORT].num, 5432);
	ck_assert_int_eq(c.v[K_DB_PORT].src, SRC_DEFAULT);
	gtsconfig_free(&c);
}
END_TEST

START_TEST(abspath)
{
	static const char *const cases[][3] = {
		{ "/gotosocial", "sqlite.db", "/gotosocial/sqlite.db" },
		{ "/gotosocial", "./web/template/", "/gotosocial/web/template" },
		{ "/gotosocial", "../etc", "/etc" },
		{ "/a/b", "../../../x", "/x" },
		{ "/a", "/abs//path/./", "/abs/path" },
		{ "/a", "..", "/" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *r = gtsconfig_abspath(cases[i][0], cases[i][1]);

		ck_assert_str_eq(r, cases[i][2]);
		free(r);
	}
}
END_TEST

Suite *gtsconfig_suite(void)
{
	Suite *s = suite_create("gtsconfig");
	TCase *tc = tcase_create("gtsconfig");

	tcase_add_test(tc, example_config);
	tcase_add_test(tc, metal_guide);
	tcase_add_test(tc, precedence_and_discovery);
	tcase_add_test(tc, default_locations);
	tcase_add_test(tc, bad_input);
	tcase_add_test(tc, quoted_numbers_and_nulls);
	tcase_add_test(tc, abspath);
	suite_add_tcase(s, tc);
	return s;
}

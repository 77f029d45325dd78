/* check_cfgplan.c — tools/cfgplan.c: from a config to requests; escaping checked with a real
 * selabel handle; system roots, symlinks, ports, booleans, merging with the command line,
 * and the order of the entries in a real store. */
#include <selinux/label.h>
#include <selinux/selinux.h>

#include "cfgplan.h"
#include "install.h"
#include "labels.h"
#include "pkg.h"
#include "spec.h"
#include "tmptree.h"

/* Load ROOT's config (CONFIG below ROOT, or discovery) and derive; PKG optional. */
static int derive(const char *root, const char *config, const struct pkg *pkg,
		  struct gtsconfig *c, struct cfgplan *p, struct gts_err *e)
{
	struct labels l;
	int rc;

	ck_assert_msg(gtsconfig_load(c, root, config, e) == 0, "%s", e->msg);
	if (!pkg)
		return cfgplan_derive(c, root, NULL, NULL, p, e);
	ck_assert_msg(labels_open_module(&l, pkg, e) == 0, "%s", e->msg);
	rc = cfgplan_derive(c, root, labels_default_type, &l, p, e);
	labels_close(&l);
	return rc;
}

static const struct cfgplan_item *find(const struct cfgplan *p, enum cfgplan_kind k,
				       const char *key)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		const struct cfgplan_item *it = &p->v[i];

		if (it->kind != k)
			continue;
		if (k == CI_PATH && strcmp(it->path.path, key) == 0)
			return it;
		if (k == CI_BOOL && strcmp(it->b.name, key) == 0)
			return it;
		if (k == CI_PORT && it->port.low == atoi(key))
			return it;
	}
	return NULL;
}

START_TEST(escaping_matches_only_itself)
{
	static const char *const others[] = {
		"/srv/gXt.s(1)[x] y", "/srv/g+tXs(1)[x] y", "/srv/g+t.s1[x] y", "/srv/g+t.s(1)x y",
		"/srv/gggt.s(1)[x] y", "/srv/g+t.s(1)[x]Xy", "/srv/g+t.s(1)[x] yz",
		"/srv/g+t.s(1)[x]", "/srv/g",
	};
	const char *root = tt_root(), *path = "/srv/g+t.s(1)[x] y";
	struct gtsconfig c;
	struct cfgplan p;
	struct gts_err e = { 0 };
	const struct cfgplan_item *it;
	char fc[PATH_MAX + 16], sub[256], *con;
	struct selinux_opt opt = { SELABEL_OPT_PATH, fc };
	struct selabel_handle *h;
	FILE *f;
	size_t i;

	tt_put(root, "cfg.yaml", "db-type: sqlite\ndb-address: /var/lib/gts/db.sqlite\n"
	       "storage-local-base-path: \"/srv/g+t.s(1)[x] y/\"\n");
	ck_assert_msg(derive(root, "/cfg.yaml", NULL, &c, &p, &e) == 0, "%s", e.msg);
	it = find(&p, CI_PATH, path);
	ck_assert_ptr_nonnull(it);
	ck_assert_str_eq(it->path.type, "gotosocial_storage_t");
	ck_assert_ptr_nonnull(strstr(it->origin, "/cfg.yaml:3"));
	snprintf(fc, sizeof(fc), "%s/fc", root);
	f = fopen(fc, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "/.*\tsystem_u:object_r:default_t:s0\n");
	for (i = 0; i < p.n; i++) {
		char *x;

		if (p.v[i].kind != CI_PATH)
			continue;
		x = spec_fcontext_expr(p.v[i].path.path);
		fprintf(f, "%s\tsystem_u:object_r:%s:s0\n", x, p.v[i].path.type);
		free(x);
	}
	fclose(f);
	h = selabel_open(SELABEL_CTX_FILE, &opt, 1);
	ck_assert_ptr_nonnull(h);
	ck_assert_int_eq(selabel_lookup(h, &con, path, S_IFDIR), 0);
	ck_assert_str_eq(con, "system_u:object_r:gotosocial_storage_t:s0");
	freecon(con);
	snprintf(sub, sizeof(sub), "%s/ab/cd.jpg", path);
	ck_assert_int_eq(selabel_lookup(h, &con, sub, S_IFREG), 0);
	ck_assert_str_eq(con, "system_u:object_r:gotosocial_storage_t:s0");
	freecon(con);
	for (i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		ck_assert_int_eq(selabel_lookup(h, &con, others[i], S_IFDIR), 0);
		ck_assert_msg(strcmp(con, "system_u:object_r:default_t:s0") == 0, "%s matched: %s",
			      others[i], con);
		freecon(con);
	}
	/* the SQLite file's directory, not the file */
	ck_assert_ptr_nonnull(find(&p, CI_PATH, "/var/lib/gts"));
	ck_assert_str_eq(find(&p, CI_PATH, "/var/lib/gts")->path.type, "gotosocial_db_t");
	ck_assert_ptr_null(find(&p, CI_PATH, "/var/lib/gts/db.sqlite"));
	selabel_close(h);
	cfgplan_free(&p);
	gtsconfig_free(&c);
}
END_TEST

START_TEST(system_roots_refused)
{
	static const char *const bad[][2] = {
		{ "storage-local-base-path: /\n", "storage-local-base-path" },
		{ "storage-local-base-path: /etc/\n", "storage-local-base-path" },
		{ "storage-local-base-path: /srv/gts/..\n", "/srv" },
		{ "web-template-base-dir: /usr\n", "web-template-base-dir" },
		{ "storage-local-base-path: /srv/link\n", "/etc" },		/* symlink to /etc */
		{ "storage-local-base-path: /srv/rel\n", "/var" },		/* ../var */
		{ "db-type: sqlite\ndb-address: /home/sqlite.db\n", "db-address" },
		{ "letsencrypt-enabled: true\nletsencrypt-cert-dir: /root\n", "letsencrypt-cert-dir" },
	};
	const char *root = tt_root();
	size_t i;

	tt_mkdirs(root, "srv");
	tt_symlink(root, "srv/link", "/etc");
	tt_symlink(root, "srv/rel", "../var");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct gtsconfig c;
		struct cfgplan p;
		struct gts_err e = { 0 };

		tt_put(root, "cfg.yaml", bad[i][0]);
		ck_assert_msg(derive(root, "/cfg.yaml", NULL, &c, &p, &e) < 0, "accepted %s",
			      bad[i][0]);
		ck_assert_int_eq(e.code, GTS_EUSAGE);
		ck_assert_msg(strstr(e.msg, bad[i][1]) && strstr(e.msg, "system directory"),
			      "%s: %s", bad[i][0], e.msg);
		ck_assert_ptr_nonnull(strstr(e.msg, "/cfg.yaml:"));
		ck_assert_ptr_null(strchr(e.msg, '\n'));
		gtsconfig_free(&c);
	}
}
END_TEST

START_TEST(symlinks_resolved)
{
	const char *root = tt_root();
	struct gtsconfig c;
	struct cfgplan p;
	struct gts_err e = { 0 };
	char *r;

	tt_mkdirs(root, "data/media");
	tt_mkdirs(root, "srv/gts");
	tt_symlink(root, "srv/gts/storage", "/data/media");
	tt_symlink(root, "srv/gts/web", "../../data/web");
	tt_put(root, "srv/gts/config.yaml",
	       "storage-local-base-path: /srv/gts/storage/\n"
	       "web-template-base-dir: /srv/gts/web/template\n"
	       "db-type: sqlite\ndb-address: sqlite.db\n");
	ck_assert_msg(derive(root, "/srv/gts/config.yaml", NULL, &c, &p, &e) == 0, "%s", e.msg);
	ck_assert_ptr_nonnull(find(&p, CI_PATH, "/data/media"));
	ck_assert_ptr_nonnull(find(&p, CI_PATH, "/data/web/template"));	/* missing below */
	ck_assert_ptr_nonnull(find(&p, CI_PATH, "/srv/gts"));		/* the DB's directory */
	ck_assert_ptr_null(find(&p, CI_PATH, "/srv/gts/storage"));
	cfgplan_free(&p);
	gtsconfig_free(&c);
	/* a loop ends */
	tt_symlink(root, "loop", "/loop");
	r = cfgplan_resolve(root, "/loop/x");
	ck_assert_ptr_nonnull(r);
	free(r);
	r = cfgplan_resolve(root, "/a/./b/../c//");
	ck_assert_str_eq(r, "/a/c");
	free(r);
}
END_TEST

START_TEST(module_defaults_cover_the_default_layout)
{
	const char *root = tt_root();
	struct pkg pkg;
	struct gtsconfig c;
	struct cfgplan p;
	struct gts_opts cli = { 0 }, m;
	struct gts_err e = { 0 };
	FILE *src, *dst;
	char buf[4096], to[PATH_MAX + 64];
	size_t n, i;

	ck_assert_msg(pkg_load(&pkg, unit_env("GTS_MODULE_PP"), &e) == 0, "%s", e.msg);
	tt_mkdirs(root, "gotosocial");
	snprintf(to, sizeof(to), "%s/gotosocial/config.yaml", root);
	src = fopen(tt_fixture("gotosocial/example-config.yaml"), "r");
	dst = fopen(to, "w");
	ck_assert_ptr_nonnull(src);
	ck_assert_ptr_nonnull(dst);
	while ((n = fread(buf, 1, sizeof(buf), src)) > 0)
		fwrite(buf, 1, n, dst);
	fclose(src);
	fclose(dst);
	tt_put(root, "etc/systemd/system/gotosocial.service",
	       "[Service]\nWorkingDirectory=/gotosocial\n"
	       "ExecStart=/gotosocial/gotosocial --config-path config.yaml server start\n");
	ck_assert_msg(derive(root, NULL, &pkg, &c, &p, &e) == 0, "%s", e.msg);
	ck_assert_uint_ge(p.n, 5);
	for (i = 0; i < p.n; i++)
		ck_assert_msg(p.v[i].covered, "%s is not covered by the module",
			      p.v[i].kind == CI_PATH ? p.v[i].path.path : "a port or boolean");
	ck_assert_int_eq(cfgplan_merge(&cli, &p, &m, &e), 0);
	ck_assert_uint_eq(m.npaths + m.nports + m.nbools, 0);
	gts_opts_free(&m);
	cfgplan_free(&p);
	gtsconfig_free(&c);

	/* the metal guide: 443 and the ACME listener on 80 need bind_http, nothing else */
	snprintf(to, sizeof(to), "%s/gotosocial/config.yaml", root);
	src = fopen(tt_fixture("gotosocial/metal-guide.yaml"), "r");
	dst = fopen(to, "w");
	while ((n = fread(buf, 1, sizeof(buf), src)) > 0)
		fwrite(buf, 1, n, dst);
	fclose(src);
	fclose(dst);
	ck_assert_msg(derive(root, NULL, &pkg, &c, &p, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(cfgplan_merge(&cli, &p, &m, &e), 0);
	ck_assert_uint_eq(m.npaths + m.nports, 0);
	ck_assert_uint_eq(m.nbools, 1);
	ck_assert_str_eq(m.bools[0].name, "gotosocial_bind_http");
	ck_assert_ptr_nonnull(strstr(find(&p, CI_BOOL, "gotosocial_bind_http")->why,
				     "letsencrypt-port 80"));
	gts_opts_free(&m);
	cfgplan_free(&p);
	gtsconfig_free(&c);
	pkg_free(&pkg);
}
END_TEST

START_TEST(ports_and_booleans)
{
	const char *root = tt_root();
	struct gtsconfig c;
	struct cfgplan p;
	struct gts_err e = { 0 };
	const struct cfgplan_item *it;

	tt_put(root, "cfg.yaml",
	       "port: 9000\n"
	       "db-type: postgres\n"
	       "db-port: 5433\n"
	       "smtp-host: mail.example.org\n"
	       "smtp-port: 587\n"
	       "tracing-enabled: true\n"
	       "metrics-enabled: true\n");
	ck_assert_msg(derive(root, "/cfg.yaml", NULL, &c, &p, &e) == 0, "%s", e.msg);
	it = find(&p, CI_PORT, "9000");
	ck_assert_ptr_nonnull(it);
	ck_assert_str_eq(it->port.proto, "tcp");
	ck_assert_str_eq(it->origin, "/cfg.yaml:1");
	ck_assert_ptr_nonnull(find(&p, CI_PORT, "9464"));	/* metrics */
	ck_assert_ptr_nonnull(find(&p, CI_BOOL, "gotosocial_connect_postgresql"));
	ck_assert_ptr_nonnull(find(&p, CI_BOOL, "gotosocial_connect_smtp"));
	it = find(&p, CI_BOOL, "gotosocial_connect_all_ports");
	ck_assert_ptr_nonnull(it);
	ck_assert_ptr_nonnull(strstr(it->why, "5433"));	/* the first reason is kept */
	ck_assert_ptr_null(find(&p, CI_BOOL, "gotosocial_bind_http"));
	cfgplan_free(&p);
	gtsconfig_free(&c);

	/* 8080: nothing; 8443: http_port_t -> bind_http; 444: our port AND bind_http */
	tt_put(root, "gts/cfg.yaml", "port: 8080\ndb-type: sqlite\ndb-address: x.db\n");
	ck_assert_msg(derive(root, "/gts/cfg.yaml", NULL, &c, &p, &e) == 0, "%s", e.msg);
	ck_assert_ptr_null(find(&p, CI_PORT, "8080"));
	ck_assert_ptr_null(find(&p, CI_BOOL, "gotosocial_bind_http"));
	ck_assert_ptr_null(find(&p, CI_BOOL, "gotosocial_connect_postgresql"));
	cfgplan_free(&p);
	gtsconfig_free(&c);
	tt_put(root, "gts/cfg.yaml", "port: 444\ndb-type: sqlite\ndb-address: x.db\n");
	ck_assert_msg(derive(root, "/gts/cfg.yaml", NULL, &c, &p, &e) == 0, "%s", e.msg);
	ck_assert_ptr_nonnull(find(&p, CI_PORT, "444"));
	ck_assert_ptr_nonnull(find(&p, CI_BOOL, "gotosocial_bind_http"));
	cfgplan_free(&p);
	gtsconfig_free(&c);
	ck_assert_str_eq(cfgplan_port_type(8443), "http_port_t");
	ck_assert_ptr_null(cfgplan_port_type(9000));

	/* bad values */
	tt_put(root, "cfg.yaml", "db-type: mysql\n");
	ck_assert_int_lt(derive(root, "/cfg.yaml", NULL, &c, &p, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, "mysql"));
	gtsconfig_free(&c);
}
END_TEST

START_TEST(command_line_wins)
{
	const char *root = tt_root();
	struct gtsconfig c;
	struct cfgplan p;
	struct gts_err e = { 0 };
	struct gts_opts cli = { 0 }, m;
	struct gts_bool b = { .name = (char *)"gotosocial_connect_smtp", .value = 0 };
	struct gts_path pa = { .path = (char *)"/srv/media", .type = (char *)"gotosocial_web_t" };
	size_t i;

	tt_put(root, "cfg.yaml", "db-type: sqlite\ndb-address: /srv/db/x.db\n"
	       "smtp-host: mail\nstorage-local-base-path: /srv/media\nport: 9000\n");
	ck_assert_msg(derive(root, "/cfg.yaml", NULL, &c, &p, &e) == 0, "%s", e.msg);
	cli.bools = &b;
	cli.nbools = 1;
	cli.paths = &pa;
	cli.npaths = 1;
	ck_assert_int_eq(cfgplan_merge(&cli, &p, &m, &e), 0);
	ck_assert_uint_eq(m.nbools, 1);
	ck_assert_int_eq(m.bools[0].value, 0);
	ck_assert_uint_eq(m.nports, 1);
	ck_assert_int_eq(m.ports[0].low, 9000);
	for (i = 0; i < m.npaths; i++)
		if (strcmp(m.paths[i].path, "/srv/media") == 0)
			ck_assert_str_eq(m.paths[i].type, "gotosocial_web_t");
	ck_assert_uint_eq(m.npaths, 5);	/* media (the CLI's), DB dir, config, 2 web dirs */
	gts_opts_free(&m);
	cfgplan_free(&p);
	gtsconfig_free(&c);
}
END_TEST

/* Installed into a real store: the more specific entries win over the DB directory's. */
START_TEST(store_order)
{
	const char *root = unit_store();
	struct gts_opts o;
	struct gts_err e = { 0 };
	struct labels l;
	char fc[PATH_MAX + 128], cfg[PATH_MAX + 64], t[256];
	static const char *const want[][2] = {
		{ "/srv/gts", "gotosocial_db_t" },
		{ "/srv/gts/sqlite.db", "gotosocial_db_t" },
		{ "/srv/gts/sqlite.db-wal", "gotosocial_db_t" },
		{ "/srv/gts/config.yaml", "gotosocial_conf_t" },
		{ "/srv/gts/storage/ab/c.jpg", "gotosocial_storage_t" },
		{ "/srv/gts/storage/certs/acme.key", "gotosocial_cert_t" },
		{ "/srv/gts/web/template/index.tmpl", "gotosocial_web_t" },
		{ "/srv/gts/bin/gotosocial", "gotosocial_exec_t" },
	};
	size_t i;

	tt_put(root, "srv/gts/config.yaml",
	       "db-type: sqlite\ndb-address: sqlite.db\nstorage-local-base-path: ./storage\n"
	       "letsencrypt-enabled: true\nletsencrypt-cert-dir: storage/certs\nport: 443\n");
	tt_put(root, "srv/gts/bin/gotosocial", "");
	tt_put(root, "etc/systemd/system/gotosocial.service",
	       "[Service]\nWorkingDirectory=/srv/gts\n"
	       "ExecStart=/srv/gts/bin/gotosocial --config-path config.yaml server start\n");
	unit_opts(&o, root);
	ck_assert_msg(cmd_install(&o, &e) == 0, "%s", e.msg);
	labels_store_fc(root, "default", fc, sizeof(fc));
	ck_assert_msg(labels_open_file(&l, fc, &e) == 0, "%s", e.msg);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		ck_assert_int_eq(labels_lookup_type(&l, want[i][0], 0, t, sizeof(t)), 0);
		ck_assert_msg(strcmp(t, want[i][1]) == 0, "%s is %s, want %s", want[i][0], t,
			      want[i][1]);
	}
	labels_close(&l);
	(void)cfg;
	ck_assert_ptr_nonnull(strstr(unit_active_file(root, "booleans.local"),
				     "gotosocial_bind_http=1"));
}
END_TEST

Suite *cfgplan_suite(void)
{
	Suite *s = suite_create("cfgplan");
	TCase *tc = tcase_create("cfgplan");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, escaping_matches_only_itself);
	tcase_add_test(tc, system_roots_refused);
	tcase_add_test(tc, symlinks_resolved);
	tcase_add_test(tc, module_defaults_cover_the_default_layout);
	tcase_add_test(tc, ports_and_booleans);
	tcase_add_test(tc, command_line_wins);
	UNIT_TEST_STORE(tc, store_order);
	suite_add_tcase(s, tc);
	return s;
}

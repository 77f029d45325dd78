/*
 * runner.c — runs every unit suite (one check_<file>.c per source file of tools/) and
 * prints check's summary line. Also the helpers of unit.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "spec.h"
#include "unit.h"

const char *unit_env(const char *name)
{
	const char *v = getenv(name);

	ck_assert_msg(v && *v, "environment variable %s is not set (run through make check)", name);
	return v;
}

int unit_can_fork(void)
{
	const char *f = getenv("CK_FORK");

	return !(f && strcmp(f, "no") == 0);
}

const char *unit_store(void)
{
	static char root[4096];
	char cmd[8500];

	snprintf(root, sizeof(root), "%s/unit.XXXXXX", unit_env("GTS_TEST_TMP"));
	ck_assert_ptr_nonnull(mkdtemp(root));
	ck_assert_int_eq(chmod(root, 0755), 0);	/* like /, so only the store's own modes count */
	snprintf(cmd, sizeof(cmd), "cp -a '%s/.' '%s/'", unit_env("GTS_SMALL_STORE"), root);
	ck_assert_int_eq(system(cmd), 0);
	return root;
}

void unit_opts(struct gts_opts *o, const char *root)
{
	memset(o, 0, sizeof(*o));
	o->root = root;
	o->priority = 200;
	o->module = unit_env("GTS_MODULE_PP");
	o->quiet = 1;
}

void unit_tree_hash(const char *root, char out[65])
{
	char cmd[8500];
	FILE *p;

	snprintf(cmd, sizeof(cmd), "cd '%s' && find var/lib/selinux etc/selinux -type f | LC_ALL=C sort "
		 "| xargs sha256sum | sha256sum | cut -c1-64", root);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(fgets(out, 65, p));
	pclose(p);
}

void unit_run_unchanged(int (*cmd)(const struct gts_opts *, struct gts_err *),
			const struct gts_opts *o)
{
	struct gts_err e;
	char before[65], after[65];

	unit_tree_hash(o->root, before);
	ck_assert_msg(unit_run(cmd, o, &e) == 0, "%s", e.msg);
	unit_tree_hash(o->root, after);
	ck_assert_str_eq(before, after);
}


static void admin_tx(const char *root, const struct cust *c, int del)
{
	struct gts_opts o;
	struct store s;
	struct gts_err e = { 0 };

	unit_opts(&o, root);
	ck_assert_msg(store_open(&s, &o, STORE_WRITE, &e) == 0, "%s", e.msg);
	ck_assert_msg(store_begin(&s, &e) == 0, "%s", e.msg);
	if (del)
		ck_assert_msg(store_del_local(&s, c, &e) == 0, "%s", e.msg);
	else
		ck_assert_msg(store_set_local(&s, c, &e) == 0, "%s", e.msg);
	ck_assert_msg(store_commit(&s, &e) == 0, "%s", e.msg);
	store_close(&s);
}

void unit_admin_set(const char *root, const struct cust *c)
{
	admin_tx(root, c, 0);
}

void unit_admin_del(const char *root, const struct cust *c)
{
	admin_tx(root, c, 1);
}

void unit_module_disable(const char *root)
{
	struct gts_opts o;
	struct store s;
	struct gts_err e = { 0 };
	semanage_module_key_t *key = NULL;

	unit_opts(&o, root);
	ck_assert_msg(store_open(&s, &o, STORE_WRITE, &e) == 0, "%s", e.msg);
	ck_assert_msg(store_begin(&s, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(semanage_module_key_create(s.sh, &key), 0);
	ck_assert_int_eq(semanage_module_key_set_name(s.sh, key, "gotosocial"), 0);
	ck_assert_int_eq(semanage_module_set_enabled(s.sh, key, 0), 0);
	ck_assert_msg(store_commit(&s, &e) == 0, "%s", e.msg);
	semanage_module_key_destroy(s.sh, key);
	free(key);
	store_close(&s);
}

struct cust unit_port(int port, const char *type)
{
	struct cust c;

	memset(&c, 0, sizeof(c));
	c.kind = CUST_PORT;
	strcpy(c.proto, "tcp");
	c.low = c.high = port;
	c.type = (char *)type;
	return c;
}

struct cust unit_fc(const char *expr, const char *type)
{
	struct cust c;

	memset(&c, 0, sizeof(c));
	c.kind = CUST_FCONTEXT;
	c.expr = (char *)expr;
	c.type = (char *)type;
	return c;
}

struct cust unit_bool(const char *name, int value)
{
	struct cust c;

	memset(&c, 0, sizeof(c));
	c.kind = CUST_BOOLEAN;
	c.name = (char *)name;
	c.value = value;
	return c;
}

int unit_run(int (*cmd)(const struct gts_opts *, struct gts_err *), const struct gts_opts *o,
	     struct gts_err *e)
{
	memset(e, 0, sizeof(*e));
	if (cmd(o, e) < 0)
		ck_assert_int_ne(e->code, 0);
	return e->code;
}

void unit_want(struct gts_opts *o, const char *port, const char *path, const char *boolean)
{
	struct gts_err e = { 0 };

	if (port) {
		o->ports = realloc(o->ports, (o->nports + 1) * sizeof(*o->ports));
		ck_assert_int_eq(spec_parse_port(port, &o->ports[o->nports++], &e), 0);
	}
	if (path) {
		o->paths = realloc(o->paths, (o->npaths + 1) * sizeof(*o->paths));
		ck_assert_int_eq(spec_parse_path(path, &o->paths[o->npaths++], &e), 0);
	}
	if (boolean) {
		o->bools = realloc(o->bools, (o->nbools + 1) * sizeof(*o->bools));
		ck_assert_int_eq(spec_parse_bool(boolean, &o->bools[o->nbools++], &e), 0);
	}
}

void unit_record(const char *root, struct record *r)
{
	char dir[4200];
	struct gts_err e = { 0 };

	snprintf(dir, sizeof(dir), "%s/var/lib/selinux/default/active", root);
	ck_assert_msg(record_load(dir, r, &e) == 0, "%s", e.msg);
}

const char *unit_active_file(const char *root, const char *file)
{
	static char buf[65536];
	char path[4200];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/var/lib/selinux/default/active/%s", root, file);
	buf[0] = '\0';
	f = fopen(path, "r");
	if (!f)
		return buf;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

int main(void)
{
	SRunner *sr = srunner_create(spec_suite());
	int failed;

	srunner_add_suite(sr, cli_suite());
	srunner_add_suite(sr, pkg_suite());
	srunner_add_suite(sr, record_suite());
	srunner_add_suite(sr, report_suite());
	srunner_add_suite(sr, audit_suite());
	srunner_add_suite(sr, store_suite());
	srunner_add_suite(sr, plan_suite());
	srunner_add_suite(sr, txn_suite());
	srunner_add_suite(sr, install_suite());
	srunner_add_suite(sr, uninstall_suite());
	srunner_add_suite(sr, status_suite());
	srunner_add_suite(sr, unitfile_suite());
	srunner_add_suite(sr, gtsconfig_suite());
	srunner_add_suite(sr, cfgplan_suite());
	srunner_add_suite(sr, labels_suite());
	srunner_add_suite(sr, procdomain_suite());
	srunner_add_suite(sr, verify_suite());
	srunner_add_suite(sr, avc_suite());
	srunner_add_suite(sr, explain_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* check_store.c — tools/store.c against a copy of the small store (reload off). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <selinux/selinux.h>

#include "store.h"
#include "unit.h"

static struct cust port_cust(int port, const char *type)
{
	struct cust c;

	memset(&c, 0, sizeof(c));
	c.kind = CUST_PORT;
	strcpy(c.proto, "tcp");
	c.low = c.high = port;
	c.type = (char *)type;
	return c;
}

START_TEST(open_errors)
{
	struct gts_opts o;
	struct store s;
	struct gts_err e = { 0 };
	const char *root = unit_store();
	char empty[4200];

	unit_opts(&o, "/nonexistent/root");
	ck_assert_int_lt(store_open(&s, &o, STORE_READ, &e), 0);
	ck_assert_int_eq(e.code, GTS_EUSAGE);
	ck_assert_ptr_nonnull(strstr(e.msg, "--root"));
	store_close(&s);

	/* a root without SELinux configuration */
	snprintf(empty, sizeof(empty), "%s/empty", root);
	ck_assert_int_eq(mkdir(empty, 0755), 0);
	memset(&e, 0, sizeof(e));
	unit_opts(&o, empty);
	ck_assert_int_lt(store_open(&s, &o, STORE_READ, &e), 0);
	ck_assert_int_eq(e.code, GTS_EDISABLED);
	ck_assert_ptr_nonnull(strstr(e.msg, "--store"));
	store_close(&s);
}
END_TEST

START_TEST(open_no_such_store)
{
	struct gts_opts o;
	struct store s;
	struct gts_err e = { 0 };

	unit_opts(&o, unit_store());
	o.store = "nosuchstore";
	ck_assert_int_lt(store_open(&s, &o, STORE_READ, &e), 0);
	ck_assert_int_eq(e.code, GTS_EDISABLED);
	ck_assert_ptr_nonnull(strstr(e.msg, "nosuchstore"));
	store_close(&s);
	memset(&e, 0, sizeof(e));
	o.store = "../default";
	ck_assert_int_lt(store_open(&s, &o, STORE_READ, &e), 0);
	ck_assert_int_eq(e.code, GTS_EUSAGE);
	store_close(&s);
}
END_TEST

/* SELinux is not active on the machines that run the tests: without --root the running
 * system is the target and the answer is exit code 4, before any store access. */
START_TEST(open_live_disabled)
{
	struct gts_opts o;
	struct store s;
	struct gts_err e = { 0 };

	if (is_selinux_enabled() > 0)
		return;		/* never touch a live store from a test */
	unit_opts(&o, NULL);
	ck_assert_int_lt(store_open(&s, &o, STORE_WRITE, &e), 0);
	ck_assert_int_eq(e.code, GTS_EDISABLED);
	ck_assert_ptr_nonnull(strstr(e.msg, "--root"));
	store_close(&s);
}
END_TEST

START_TEST(open_permission)
{
	struct gts_opts o;
	struct store s;
	struct gts_err e = { 0 };
	const char *root = unit_store();

	unit_opts(&o, root);
	if (getuid() != 0)
		return;
	ck_assert_int_eq(setresgid(65534, 65534, 65534), 0);
	ck_assert_int_eq(setresuid(65534, 65534, 65534), 0);
	ck_assert_int_lt(store_open(&s, &o, STORE_WRITE, &e), 0);
	ck_assert_int_eq(e.code, GTS_EPERM);
	ck_assert_ptr_nonnull(strstr(e.msg, "permission denied"));
	store_close(&s);
}
END_TEST

START_TEST(local_roundtrip)
{
	struct gts_opts o;
	struct store s;
	struct gts_err e = { 0 };
	struct cust c = port_cust(9123, "http_port_t"), cur, f, b;
	struct record l;
	struct modstate m;
	char con[128];

	unit_opts(&o, unit_store());
	ck_assert_msg(store_open(&s, &o, STORE_WRITE, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(s.mls, 1);
	ck_assert_int_eq(s.reload, 0);
	store_context_str(&s, "x_t", con, sizeof(con));
	ck_assert_str_eq(con, "system_u:object_r:x_t:s0");
	ck_assert_int_eq(store_module_state(&s, 200, &m, &e), 0);
	ck_assert_int_eq(m.installed, 0);
	ck_assert_int_eq(store_get_local(&s, &c, &cur, &e), 0);

	ck_assert_msg(store_begin(&s, &e) == 0, "%s", e.msg);
	ck_assert_msg(store_set_local(&s, &c, &e) == 0, "%s", e.msg);
	memset(&f, 0, sizeof(f));
	f.kind = CUST_FCONTEXT;
	f.expr = "/srv/unit(/.*)?";
	f.type = "var_t";
	ck_assert_msg(store_set_local(&s, &f, &e) == 0, "%s", e.msg);
	ck_assert_msg(store_commit(&s, &e) == 0, "%s", e.msg);

	ck_assert_int_eq(store_get_local(&s, &c, &cur, &e), 1);
	ck_assert_str_eq(cur.type, "http_port_t");
	cust_free(&cur);
	ck_assert_int_eq(store_get_local(&s, &f, &cur, &e), 1);
	ck_assert_str_eq(cur.type, "var_t");
	cust_free(&cur);
	ck_assert_int_eq(store_list_local(&s, "http_", NULL, &l, &e), 0);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_int_eq(l.v[0].low, 9123);
	record_free(&l);
	memset(&b, 0, sizeof(b));
	b.kind = CUST_BOOLEAN;
	b.name = "nosuchbool";
	ck_assert_int_eq(store_get_local(&s, &b, &cur, &e), 0);
	ck_assert_int_eq(store_get_policy_bool(&s, "nosuchbool", &b.value, &e), 0);
	store_close(&s);
	ck_assert_ptr_nonnull(strstr(unit_active_file(o.root, "ports.local"), "9123"));
}
END_TEST

START_TEST(delete_and_module)
{
	struct gts_opts o;
	struct store s;
	struct gts_err e = { 0 };
	struct cust c = port_cust(9124, "http_port_t"), cur;
	struct modstate m;
	struct pkg_like {
		unsigned char *d;
		size_t n;
	} pk = { 0, 0 };
	FILE *f;
	char cmd[4300];

	unit_opts(&o, unit_store());
	unit_admin_set(o.root, &c);
	/* the module, uncompressed, straight from the test module */
	snprintf(cmd, sizeof(cmd), "bzcat '%s'", o.module);
	f = popen(cmd, "r");
	pk.d = malloc(4 << 20);
	pk.n = fread(pk.d, 1, 4 << 20, f);
	pclose(f);
	ck_assert_uint_gt(pk.n, 1000);

	ck_assert_msg(store_open(&s, &o, STORE_WRITE, &e) == 0, "%s", e.msg);
	ck_assert_msg(store_begin(&s, &e) == 0, "%s", e.msg);
	ck_assert_msg(store_del_local(&s, &c, &e) == 0, "%s", e.msg);
	ck_assert_msg(store_module_install(&s, pk.d, pk.n, 250, &e) == 0, "%s", e.msg);
	ck_assert_msg(store_commit(&s, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(store_get_local(&s, &c, &cur, &e), 0);
	ck_assert_int_eq(store_module_state(&s, 200, &m, &e), 0);
	ck_assert_int_eq(m.installed, 1);
	ck_assert_int_eq(m.priority, 250);
	ck_assert_int_eq(m.at_ours, 0);
	ck_assert_int_eq(m.enabled, 1);
	ck_assert_int_eq(m.nother, 1);
	ck_assert_int_eq(strncmp(m.checksum, "sha256:", 7), 0);
	ck_assert_int_eq(store_module_state(&s, 250, &m, &e), 0);
	ck_assert_int_eq(m.at_ours, 1);
	ck_assert_str_eq(m.our_checksum, m.checksum);
	ck_assert_int_eq(store_get_policy_bool(&s, "gotosocial_execmem", &c.value, &e), 1);
	ck_assert_int_eq(c.value, 1);
	ck_assert_msg(store_begin(&s, &e) == 0, "%s", e.msg);
	ck_assert_msg(store_module_remove(&s, 250, &e) == 0, "%s", e.msg);
	ck_assert_msg(store_commit(&s, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(store_module_state(&s, 250, &m, &e), 0);
	ck_assert_int_eq(m.installed, 0);
	store_close(&s);
	free(pk.d);
}
END_TEST

START_TEST(commit_failure_changes_nothing)
{
	struct gts_opts o;
	struct store s;
	struct gts_err e = { 0 };
	struct cust c = port_cust(9125, "no_such_type_t");
	char before[65], after[65];

	unit_opts(&o, unit_store());
	unit_tree_hash(o.root, before);
	ck_assert_msg(store_open(&s, &o, STORE_WRITE, &e) == 0, "%s", e.msg);
	ck_assert_msg(store_begin(&s, &e) == 0, "%s", e.msg);
	ck_assert_msg(store_set_local(&s, &c, &e) == 0, "%s", e.msg);
	ck_assert_int_lt(store_commit(&s, &e), 0);
	ck_assert_int_eq(e.code, GTS_EFAIL);
	ck_assert_ptr_nonnull(strstr(e.msg, "nothing was changed"));
	store_close(&s);
	unit_tree_hash(o.root, after);
	ck_assert_str_eq(before, after);
}
END_TEST

START_TEST(signals_blocked)
{
	sigset_t old, now;

	store_block_signals(&old);
	sigprocmask(SIG_BLOCK, NULL, &now);
	ck_assert(sigismember(&now, SIGINT));
	ck_assert(sigismember(&now, SIGTERM));
	ck_assert(sigismember(&now, SIGHUP));
	/* a TERM raised now waits until the mask is restored */
	raise(SIGTERM);
	store_restore_signals(&old);
	ck_abort_msg("SIGTERM was not delivered after the mask was restored");
}
END_TEST

Suite *store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	UNIT_TEST_STORE(tc, open_errors);
	UNIT_TEST_STORE(tc, open_no_such_store);
	UNIT_TEST_STORE(tc, open_live_disabled);
	UNIT_TEST_STORE(tc, open_permission);
	UNIT_TEST_STORE(tc, local_roundtrip);
	UNIT_TEST_STORE(tc, delete_and_module);
	UNIT_TEST_STORE(tc, commit_failure_changes_nothing);
	if (unit_can_fork())
		tcase_add_test_raise_signal(tc, signals_blocked, SIGTERM);
	suite_add_tcase(s, tc);
	return s;
}

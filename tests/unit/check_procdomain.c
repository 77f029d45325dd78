/* check_procdomain.c — tools/procdomain.c on proc and selinuxfs fixtures. */
#include "procdomain.h"
#include "tmptree.h"

START_TEST(contexts_and_finding)
{
	const char *base = tt_root();
	char proc[PATH_MAX + 8], sfs[PATH_MAX + 8], buf[256], type[64];
	struct procroots r;
	int pids[8], enforcing = -1;
	size_t n;

	snprintf(proc, sizeof(proc), "%s/proc", base);
	snprintf(sfs, sizeof(sfs), "%s/sfs", base);
	tt_mkdirs(base, "proc");
	tt_mkdirs(base, "sfs");
	tt_fake_proc(proc, 700, 1, "/usr/bin/bash", "unconfined_u:unconfined_r:unconfined_t:s0");
	tt_fake_proc(proc, 900, 1, "/opt/gts/gotosocial", "system_u:system_r:gotosocial_t:s0");
	tt_fake_proc(proc, 905, 900, "/opt/gts/gotosocial", "system_u:system_r:gotosocial_t:s0");
	tt_fake_proc(proc, 42, 1, "/opt/gts/gotosocial (deleted)", "");
	tt_put(base, "proc/notapid/x", "");
	setenv("GTS_PROC_ROOT", proc, 1);
	setenv("GTS_SELINUXFS", sfs, 1);
	procdomain_roots(&r);
	ck_assert_str_eq(r.proc, proc);

	ck_assert_int_eq(procdomain_selinux(&r, &enforcing), 0);	/* no enforce file */
	tt_put(base, "sfs/enforce", "0");
	ck_assert_int_eq(procdomain_selinux(&r, &enforcing), 1);
	ck_assert_int_eq(enforcing, 0);
	tt_put(base, "sfs/enforce", "1");
	ck_assert_int_eq(procdomain_selinux(&r, &enforcing), 1);
	ck_assert_int_eq(enforcing, 1);

	ck_assert_int_eq(procdomain_context(&r, 900, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "system_u:system_r:gotosocial_t:s0");
	procdomain_type(buf, type, sizeof(type));
	ck_assert_str_eq(type, "gotosocial_t");
	errno = 0;
	ck_assert_int_lt(procdomain_context(&r, 42, buf, sizeof(buf)), 0);	/* SELinux off */
	ck_assert_int_eq(errno, ENODATA);
	ck_assert_int_lt(procdomain_context(&r, 4242, buf, sizeof(buf)), 0);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_int_eq(procdomain_ppid(&r, 905), 900);

	n = procdomain_find(&r, "/opt/gts/gotosocial", pids, 8);
	ck_assert_uint_eq(n, 3);	/* 900, 905 and the replaced binary's 42 */
	ck_assert_int_ne(pids[0], 905);	/* a child is never the main process */
	ck_assert_int_eq(procdomain_runs(&r, 700, "/opt/gts/gotosocial"), 0);
	ck_assert_int_eq(procdomain_runs(&r, 4242, "/opt/gts/gotosocial"), -1);
	ck_assert_uint_eq(procdomain_find(&r, "/usr/bin/gotosocial", pids, 8), 0);
}
END_TEST

Suite *procdomain_suite(void)
{
	Suite *s = suite_create("procdomain");
	TCase *tc = tcase_create("procdomain");

	tcase_add_test(tc, contexts_and_finding);
	suite_add_tcase(s, tc);
	return s;
}

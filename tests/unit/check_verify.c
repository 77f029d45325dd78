/* check_verify.c — tools/verify.c on a temp store with proc and selinuxfs fixtures: right
 * domain, wrong domain (mislabeled binary, started from a shell, NoNewPrivileges), permissive
 * mode, a permissive domain, SELinux off. */
#include <selinux/selinux.h>

#include "install.h"
#include "relabel.h"
#include "tmptree.h"
#include "verify.h"

struct fx {
	const char *root;
	char proc[PATH_MAX + 8], sfs[PATH_MAX + 8], out[PATH_MAX + 8];
};

/* A store with the module installed for a config with a moved storage, relabeled. */
static void setup(struct fx *f, const char *unit_extra)
{
	struct gts_opts o;
	struct gts_err e = { 0 };
	char unit[1024];
	const char *base;

	f->root = unit_store();
	tt_put(f->root, "srv/gts/config.yaml",
	       "db-type: sqlite\ndb-address: sqlite.db\nstorage-local-base-path: /srv/media\n"
	       "port: 9000\nsmtp-host: mail.example.org\n");
	tt_put(f->root, "srv/gts/gotosocial", "");
	tt_put(f->root, "srv/gts/sqlite.db", "");
	tt_put(f->root, "srv/media/a.jpg", "");
	snprintf(unit, sizeof(unit), "[Service]\nWorkingDirectory=/srv/gts\n%s"
		 "ExecStart=/srv/gts/gotosocial --config-path config.yaml server start\n", unit_extra);
	tt_put(f->root, "etc/systemd/system/gotosocial.service", unit);
	unit_opts(&o, f->root);
	ck_assert_msg(cmd_install(&o, &e) == 0, "%s", e.msg);
	o.verb = "relabel";
	ck_assert_msg(cmd_relabel(&o, &e) == 0, "%s", e.msg);
	base = tt_root();
	snprintf(f->proc, sizeof(f->proc), "%s/proc", base);
	snprintf(f->sfs, sizeof(f->sfs), "%s/sfs", base);
	snprintf(f->out, sizeof(f->out), "%s/out", base);
	tt_mkdirs(base, "proc");
	tt_put(base, "sfs/enforce", "1");
	setenv("GTS_PROC_ROOT", f->proc, 1);
	setenv("GTS_SELINUXFS", f->sfs, 1);
}

/* Run verify; its exit code; its stdout in a static buffer. */
static int run(struct fx *f, int json, const char **out)
{
	static char buf[65536];
	struct gts_opts o;
	struct gts_err e = { 0 };
	FILE *r;
	size_t n;
	int saved = dup(1), fd;

	unit_opts(&o, f->root);
	o.verb = "verify";
	o.quiet = 0;
	o.json = json;
	fflush(stdout);
	ck_assert_ptr_nonnull(freopen(f->out, "w", stdout));
	cmd_verify(&o, &e);
	fflush(stdout);
	fd = dup2(saved, 1);
	ck_assert_int_eq(fd, 1);
	close(saved);
	r = fopen(f->out, "r");
	n = fread(buf, 1, sizeof(buf) - 1, r);
	buf[n] = '\0';
	fclose(r);
	*out = buf;
	if (e.code == GTS_EVERIFY)
		ck_assert_str_eq(e.msg, "");
	return e.code;
}

START_TEST(right_domain)
{
	struct fx f;
	const char *out;

	setup(&f, "");
	tt_fake_proc(f.proc, 900, 1, "/srv/gts/gotosocial", "system_u:system_r:gotosocial_t:s0");
	ck_assert_msg(run(&f, 0, &out) == 0, "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "ok: GoToSocial runs confined"));
	ck_assert_int_eq(run(&f, 1, &out), 0);
	ck_assert_ptr_nonnull(strstr(out, "\"problems\":0"));
	ck_assert_ptr_nonnull(strstr(out, "\"pid\":900"));
}
END_TEST

START_TEST(wrong_domain_mislabeled_binary)
{
	struct fx f;
	const char *out;
	char p[PATH_MAX + 64];

	setup(&f, "");
	tt_fake_proc(f.proc, 900, 1, "/srv/gts/gotosocial", "system_u:system_r:init_t:s0");
	snprintf(p, sizeof(p), "%s/srv/gts/gotosocial", f.root);
	ck_assert_int_eq(setfilecon(p, "system_u:object_r:bin_t:s0"), 0);
	ck_assert_int_eq(run(&f, 0, &out), GTS_EVERIFY);
	ck_assert_ptr_nonnull(strstr(out, "runs as init_t"));
	ck_assert_ptr_nonnull(strstr(out, "labeled bin_t"));
	ck_assert_ptr_nonnull(strstr(out, "fix: gts-selinux relabel /srv/gts/gotosocial"));
}
END_TEST

START_TEST(wrong_domain_from_shell)
{
	struct fx f;
	const char *out;

	setup(&f, "");
	tt_fake_proc(f.proc, 500, 1, "/usr/bin/bash", "unconfined_u:unconfined_r:unconfined_t:s0");
	tt_fake_proc(f.proc, 900, 500, "/srv/gts/gotosocial", "unconfined_u:unconfined_r:unconfined_t:s0");
	ck_assert_int_eq(run(&f, 0, &out), GTS_EVERIFY);
	ck_assert_ptr_nonnull(strstr(out, "started by hand from a shell"));
	ck_assert_ptr_nonnull(strstr(out, "fix: stop it and start it through systemd"));
	ck_assert_ptr_null(strstr(out, "PROBLEM binary"));
}
END_TEST

START_TEST(wrong_domain_nnp)
{
	struct fx f;
	const char *out;

	setup(&f, "NoNewPrivileges=yes\n");
	tt_fake_proc(f.proc, 900, 1, "/srv/gts/gotosocial", "system_u:system_r:init_t:s0");
	ck_assert_int_eq(run(&f, 0, &out), GTS_EVERIFY);
	ck_assert_ptr_nonnull(strstr(out, "NoNewPrivileges=yes"));
}
END_TEST

START_TEST(permissive_mode_and_problems)
{
	struct fx f;
	const char *out;
	char p[PATH_MAX + 64];

	setup(&f, "");
	tt_fake_proc(f.proc, 900, 1, "/srv/gts/gotosocial", "system_u:system_r:gotosocial_t:s0");
	tt_put(f.sfs, "enforce", "0");
	snprintf(p, sizeof(p), "%s/srv/media/a.jpg", f.root);
	ck_assert_int_eq(setfilecon(p, "system_u:object_r:tmp_t:s0"), 0);
	ck_assert_int_eq(run(&f, 0, &out), GTS_EVERIFY);
	ck_assert_ptr_nonnull(strstr(out, "PROBLEM enforcing"));
	ck_assert_ptr_nonnull(strstr(out, "fix: setenforce 1"));
	/* a file below a planned directory is not checked, the directory is */
	ck_assert_ptr_null(strstr(out, "a.jpg"));
	snprintf(p, sizeof(p), "%s/srv/media", f.root);
	ck_assert_int_eq(setfilecon(p, "system_u:object_r:tmp_t:s0"), 0);
	ck_assert_int_eq(run(&f, 0, &out), GTS_EVERIFY);
	ck_assert_ptr_nonnull(strstr(out, "/srv/media is labeled tmp_t, needs gotosocial_storage_t"));
	ck_assert_ptr_nonnull(strstr(out, "fix: gts-selinux relabel /srv/media"));
	ck_assert_ptr_nonnull(strstr(out, "2 problems found"));
}
END_TEST

START_TEST(permissive_domain)
{
	struct fx f;
	const char *out;
	char cmd[3 * PATH_MAX];

	setup(&f, "");
	tt_fake_proc(f.proc, 900, 1, "/srv/gts/gotosocial", "system_u:system_r:gotosocial_t:s0");
	/* what `semanage permissive -a` does, into the temp store (never the live one) */
	tt_put(f.sfs, "perm.cil", "(typepermissive gotosocial_t)\n");
	snprintf(cmd, sizeof(cmd), "semodule -p '%s' -s default -n -i '%s/perm.cil' 2>/dev/null", f.root,
		 f.sfs);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(run(&f, 0, &out), GTS_EVERIFY);
	ck_assert_ptr_nonnull(strstr(out, "gotosocial_t is PERMISSIVE"));
	ck_assert_ptr_nonnull(strstr(out, "fix: semanage permissive -d gotosocial_t"));
}
END_TEST

START_TEST(selinux_off)
{
	struct fx f;
	const char *out;
	char p[PATH_MAX + 16];

	setup(&f, "");
	snprintf(p, sizeof(p), "%s/enforce", f.sfs);
	ck_assert_int_eq(unlink(p), 0);
	ck_assert_int_eq(run(&f, 0, &out), GTS_EDISABLED);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(not_running)
{
	struct fx f;
	const char *out;

	setup(&f, "");
	ck_assert_int_eq(run(&f, 0, &out), GTS_EVERIFY);
	ck_assert_ptr_nonnull(strstr(out, "no running GoToSocial found (/srv/gts/gotosocial)"));
	ck_assert_ptr_nonnull(strstr(out, "fix: systemctl start gotosocial"));
}
END_TEST

Suite *verify_suite(void)
{
	Suite *s = suite_create("verify");
	TCase *tc = tcase_create("verify");

	tcase_set_timeout(tc, 60);
	UNIT_TEST_STORE(tc, right_domain);
	UNIT_TEST_STORE(tc, wrong_domain_mislabeled_binary);
	UNIT_TEST_STORE(tc, wrong_domain_from_shell);
	UNIT_TEST_STORE(tc, wrong_domain_nnp);
	UNIT_TEST_STORE(tc, permissive_mode_and_problems);
	UNIT_TEST_STORE(tc, permissive_domain);
	UNIT_TEST_STORE(tc, selinux_off);
	UNIT_TEST_STORE(tc, not_running);
	suite_add_tcase(s, tc);
	return s;
}

/* check_labels.c — tools/labels.c and tools/relabel.c: the module's default roots, and
 * restorecon on a temp tree below an alternate root with the file_contexts of a temp store,
 * labels read back with getfilecon. */
#include <selinux/selinux.h>

#include "install.h"
#include "labels.h"
#include "relabel.h"
#include "tmptree.h"

START_TEST(fc_roots)
{
	static const char fc[] =
		"/gotosocial/gotosocial\t--\tsystem_u:object_r:gotosocial_exec_t:s0\n"
		"/gotosocial/config\\.yaml\t--\tsystem_u:object_r:gotosocial_conf_t:s0\n"
		"/gotosocial/[^/]+\t--\tsystem_u:object_r:gotosocial_db_t:s0\n"
		"/gotosocial\t-d\tsystem_u:object_r:gotosocial_db_t:s0\n"
		"/etc/gotosocial(/.*)?\tsystem_u:object_r:gotosocial_conf_t:s0\n"
		"/srv/my\\x20media\\+(/.*)?\tsystem_u:object_r:gotosocial_storage_t:s0\n"
		"/var/lib/gts-data.*\tsystem_u:object_r:gotosocial_db_t:s0\n"
		"# comment /not/this\n"
		"/usr/bin/gotosocial\t--\tsystem_u:object_r:gotosocial_exec_t:s0\n";
	char **r;
	size_t n, i;
	static const char *const want[] = {
		"/gotosocial", "/etc/gotosocial", "/srv/my media+", "/var/lib", "/usr/bin/gotosocial",
	};

	ck_assert_int_eq(labels_fc_roots(fc, &r, &n), 0);
	ck_assert_uint_eq(n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < n; i++) {
		ck_assert_str_eq(r[i], want[i]);
		free(r[i]);
	}
	free(r);
}
END_TEST

static const char *label_of(const char *root, const char *rel)
{
	static char buf[256];
	char p[PATH_MAX + 256];
	char *con = NULL;

	snprintf(p, sizeof(p), "%s%s", root, rel);
	if (lgetfilecon(p, &con) < 0)
		return errno == ENODATA ? "unlabeled" : strerror(errno);
	snprintf(buf, sizeof(buf), "%s", con);
	freecon(con);
	return buf;
}

/* A store with the module and the plan of a config that moved storage to /srv/media. */
static const char *installed_root(void)
{
	const char *root = unit_store();
	struct gts_opts o;
	struct gts_err e = { 0 };

	tt_put(root, "etc/gotosocial/config.yaml",
	       "db-type: sqlite\ndb-address: /var/lib/gotosocial/sqlite.db\n"
	       "storage-local-base-path: \"/srv/my media+\"\n");
	unit_opts(&o, root);
	ck_assert_msg(cmd_install(&o, &e) == 0, "%s", e.msg);
	tt_put(root, "srv/my media+/a/b.jpg", "x");
	tt_put(root, "srv/my media+/c.png", "x");
	tt_put(root, "var/lib/gotosocial/sqlite.db", "x");
	tt_put(root, "srv/other/file", "x");
	return root;
}

START_TEST(restore_tree)
{
	const char *root = installed_root();
	struct labels l;
	struct relabel_stats st;
	struct gts_err e = { 0 };
	char fc[PATH_MAX + 128], *out = NULL, **set;
	size_t outlen = 0, nset, i;
	FILE *f;
	char *paths[] = { (char *)"/srv/my media+", (char *)"/var/lib/gotosocial",
			  (char *)"/gotosocial" };

	labels_store_fc(root, "default", fc, sizeof(fc));
	ck_assert_msg(labels_open_file(&l, fc, &e) == 0, "%s", e.msg);

	/* the set relabel works on: the module's roots and the customization */
	ck_assert_int_eq(relabel_paths(fc, NULL, 0, &set, &nset, &e), 0);
	{
		int media = 0, gts = 0;

		for (i = 0; i < nset; i++) {
			media += strcmp(set[i], "/srv/my media+") == 0;
			gts += strcmp(set[i], "/gotosocial") == 0;
			ck_assert_msg(strcmp(set[i], "/var/lib/gotosocial/storage") != 0,
				      "a path below another is listed");
			free(set[i]);
		}
		free(set);
		ck_assert_int_eq(media, 1);
		ck_assert_int_eq(gts, 1);
	}

	/* dry run: counts, nothing written */
	f = open_memstream(&out, &outlen);
	ck_assert_int_eq(labels_restore(&l, root, paths, 3, RELABEL_DRY_RUN | RELABEL_VERBOSE, 1,
					f, &st, &e), 0);
	fclose(f);
	ck_assert_uint_eq(st.checked, 6);	/* media: dir, a/, a/b.jpg, c.png; db: dir, file */
	ck_assert_uint_eq(st.relabeled, 6);
	ck_assert_uint_eq(st.skipped, 1);	/* /gotosocial does not exist */
	ck_assert_uint_eq(st.errors, 0);
	ck_assert_str_eq(label_of(root, "/srv/my media+/a/b.jpg"), "unlabeled");
	ck_assert_ptr_nonnull(strstr(out, "/srv/my media+/a/b.jpg: unlabeled -> "
				     "system_u:object_r:gotosocial_storage_t:s0\n"));
	ck_assert_ptr_null(strstr(out, root));	/* paths shown as on the target system */
	free(out);

	/* for real, in parallel */
	ck_assert_int_eq(labels_restore(&l, root, paths, 3, 0, 2, NULL, &st, &e), 0);
	ck_assert_uint_eq(st.relabeled, 6);
	ck_assert_str_eq(label_of(root, "/srv/my media+/a/b.jpg"),
			 "system_u:object_r:gotosocial_storage_t:s0");
	ck_assert_str_eq(label_of(root, "/srv/my media+"), "system_u:object_r:gotosocial_storage_t:s0");
	ck_assert_str_eq(label_of(root, "/var/lib/gotosocial/sqlite.db"),
			 "system_u:object_r:gotosocial_db_t:s0");
	ck_assert_str_eq(label_of(root, "/srv/other/file"), "unlabeled");	/* not ours */

	/* again: nothing to change */
	ck_assert_int_eq(labels_restore(&l, root, paths, 3, 0, 1, NULL, &st, &e), 0);
	ck_assert_uint_eq(st.relabeled, 0);

	/* a wrong label is put back */
	{
		char p[PATH_MAX + 64];

		snprintf(p, sizeof(p), "%s/srv/my media+/c.png", root);
		ck_assert_int_eq(lsetfilecon(p, "system_u:object_r:tmp_t:s0"), 0);
	}
	ck_assert_int_eq(labels_restore(&l, root, paths, 1, 0, 1, NULL, &st, &e), 0);
	ck_assert_uint_eq(st.relabeled, 1);
	ck_assert_str_eq(label_of(root, "/srv/my media+/c.png"),
			 "system_u:object_r:gotosocial_storage_t:s0");

	/* system roots are refused before anything is touched */
	{
		char *bad[] = { (char *)"/srv/my media+", (char *)"/etc" };

		ck_assert_int_lt(labels_restore(&l, root, bad, 2, 0, 1, NULL, &st, &e), 0);
		ck_assert_int_eq(e.code, GTS_EUSAGE);
		ck_assert_ptr_nonnull(strstr(e.msg, "/etc"));
	}
	labels_close(&l);
}
END_TEST

START_TEST(relabel_verb)
{
	const char *root = installed_root();
	struct gts_opts o;
	struct gts_err e = { 0 };
	char *args[] = { (char *)"/srv/other" };
	char *ok[] = { (char *)"/srv/my media+/a" };

	unit_opts(&o, root);
	o.verb = "relabel";
	o.args = args;
	o.nargs = 1;
	ck_assert_int_lt(cmd_relabel(&o, &e), 0);
	ck_assert_int_eq(e.code, GTS_EUSAGE);
	ck_assert_ptr_nonnull(strstr(e.msg, "not one of GoToSocial's paths"));
	ck_assert_str_eq(label_of(root, "/srv/other/file"), "unlabeled");
	memset(&e, 0, sizeof(e));
	o.args = ok;
	ck_assert_msg(cmd_relabel(&o, &e) == 0, "%s", e.msg);
	ck_assert_str_eq(label_of(root, "/srv/my media+/a/b.jpg"),
			 "system_u:object_r:gotosocial_storage_t:s0");
	ck_assert_str_eq(label_of(root, "/srv/my media+/c.png"), "unlabeled");	/* outside PATH */
	/* everything */
	o.nargs = 0;
	o.args = NULL;
	ck_assert_msg(cmd_relabel(&o, &e) == 0, "%s", e.msg);
	ck_assert_str_eq(label_of(root, "/srv/my media+/c.png"),
			 "system_u:object_r:gotosocial_storage_t:s0");
	ck_assert_str_eq(label_of(root, "/etc/gotosocial/config.yaml"),
			 "system_u:object_r:gotosocial_conf_t:s0");
}
END_TEST

Suite *labels_suite(void)
{
	Suite *s = suite_create("labels");
	TCase *tc = tcase_create("labels");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, fc_roots);
	UNIT_TEST_STORE(tc, restore_tree);
	UNIT_TEST_STORE(tc, relabel_verb);
	suite_add_tcase(s, tc);
	return s;
}

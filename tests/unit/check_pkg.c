/* check_pkg.c — tools/pkg.c: loading and validating the shipped module. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bzlib.h>

#include "pkg.h"
#include "unit.h"

static char tmpdir[4096];

static void setup(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "%s/pkg.XXXXXX", unit_env("GTS_TEST_TMP"));
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
	char cmd[4200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmpdir);
}

static const char *write_tmp(const char *name, const void *data, size_t len)
{
	static char path[4300];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	fclose(f);
	return path;
}

START_TEST(load_shipped)
{
	struct pkg p, q;
	struct gts_err e = { 0 };
	char sum[72];
	size_t i;

	ck_assert_msg(pkg_load(&p, unit_env("GTS_MODULE_PP"), &e) == 0, "%s", e.msg);
	ck_assert_str_eq(p.name, "gotosocial");
	ck_assert_int_eq(p.mls, 1);	/* Debian's "default" store is MCS */
	ck_assert_int_eq(strncmp(p.checksum, "sha256:", 7), 0);
	ck_assert_uint_eq(strlen(p.checksum), 71);
	/* the checksum is over the uncompressed .pp, as libsemanage computes it */
	ck_assert_int_eq(pkg_sha256(p.data, p.len, sum), 0);
	ck_assert_str_eq(sum, p.checksum);
	/* the same module uncompressed has the same checksum */
	ck_assert_msg(pkg_load(&q, write_tmp("g.pp", p.data, p.len), &e) == 0, "%s", e.msg);
	ck_assert_str_eq(q.checksum, p.checksum);
	pkg_free(&q);
	/* its own booleans, with the documented defaults, and only its own */
	ck_assert_ptr_nonnull(pkg_find_bool(&p, "gotosocial_execmem"));
	ck_assert_int_eq(pkg_find_bool(&p, "gotosocial_execmem")->dflt, 1);
	ck_assert_int_eq(pkg_find_bool(&p, "gotosocial_bind_http")->dflt, 0);
	ck_assert_int_eq(pkg_find_bool(&p, "gotosocial_connect_all_ports")->dflt, 0);
	ck_assert_ptr_null(pkg_find_bool(&p, "nope"));
	for (i = 0; i < p.nbools; i++)
		ck_assert_msg(strncmp(p.bools[i].name, "gotosocial_", 11) == 0, "%s", p.bools[i].name);
	pkg_free(&p);
}
END_TEST

START_TEST(sha256_known)
{
	char sum[72];

	ck_assert_int_eq(pkg_sha256((const unsigned char *)"abc", 3, sum), 0);
	ck_assert_str_eq(sum, "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
END_TEST

/* Every bad file: a one-line error naming the file, exit code 1. */
static void expect_bad(const char *path, const char *what)
{
	struct pkg p;
	struct gts_err e = { 0 };

	ck_assert_msg(pkg_load(&p, path, &e) < 0, "accepted %s", what);
	ck_assert_int_eq(e.code, GTS_EFAIL);
	ck_assert_msg(strstr(e.msg, path) != NULL, "%s: message does not name the file: %s", what,
		      e.msg);
	ck_assert_ptr_null(strchr(e.msg, '\n'));
	ck_assert_ptr_null(p.data);
}

START_TEST(bad_files)
{
	struct pkg p;
	struct gts_err e = { 0 };
	char *bz;
	unsigned int bzlen;
	size_t cuts[] = { 1, 100, 0, 0, 0, 0 }, i;

	ck_assert_int_eq(pkg_load(&p, unit_env("GTS_MODULE_PP"), &e), 0);
	cuts[2] = p.len / 4;
	cuts[3] = p.len / 2;
	cuts[4] = p.len * 3 / 4;
	cuts[5] = p.len - 1;
	expect_bad(write_tmp("empty.pp", "", 0), "an empty file");
	expect_bad(write_tmp("text.pp", "hello\n", 6), "a text file");
	for (i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++)
		expect_bad(write_tmp("cut.pp", p.data, cuts[i]), "a truncated .pp");
	bzlen = (unsigned int)p.len + 1024;
	bz = malloc(bzlen);
	ck_assert_int_eq(BZ2_bzBuffToBuffCompress(bz, &bzlen, (char *)p.data, (unsigned int)p.len,
						  9, 0, 0), BZ_OK);
	expect_bad(write_tmp("cut.pp.bz2", bz, bzlen / 2), "a truncated .pp.bz2");
	bz[bzlen / 2] ^= 0x55;
	expect_bad(write_tmp("flip.pp.bz2", bz, bzlen), "a corrupt .pp.bz2");
	free(bz);
	expect_bad("/nonexistent/gotosocial.pp", "a missing file");
	expect_bad(tmpdir, "a directory");
	pkg_free(&p);
}
END_TEST

START_TEST(other_module)
{
	struct pkg p;
	struct gts_err e = { 0 };
	char path[4200];

	snprintf(path, sizeof(path), "%s/othermod.pp", unit_env("GTS_FIXTURES"));
	ck_assert_int_lt(pkg_load(&p, path, &e), 0);
	ck_assert_msg(strstr(e.msg, "'othermod'") && strstr(e.msg, "--module"), "%s", e.msg);
	memset(&e, 0, sizeof(e));
	snprintf(path, sizeof(path), "%s/nonmls.pp", unit_env("GTS_FIXTURES"));
	ck_assert_msg(pkg_load(&p, path, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(p.mls, 0);
	pkg_free(&p);
}
END_TEST

START_TEST(bunzip_limit)
{
	static unsigned char zeros[1 << 20];
	unsigned int bzlen = 1 << 16;
	char *bz = malloc(bzlen);
	unsigned char *out = NULL;
	size_t outlen = 0;

	ck_assert_int_eq(BZ2_bzBuffToBuffCompress(bz, &bzlen, (char *)zeros, sizeof(zeros), 9, 0, 0),
			 BZ_OK);
	/* a bomb beyond the limit is refused, within it inflates exactly */
	ck_assert_int_lt(pkg_bunzip((unsigned char *)bz, bzlen, 4096, &out, &outlen), 0);
	ck_assert_int_eq(pkg_bunzip((unsigned char *)bz, bzlen, 2 << 20, &out, &outlen), 0);
	ck_assert_uint_eq(outlen, sizeof(zeros));
	ck_assert_int_eq(memcmp(out, zeros, outlen), 0);
	free(out);
	free(bz);
}
END_TEST

START_TEST(default_path)
{
	char buf[9000], dir[4300];

	/* nothing under the root and (here) nothing on the host: the Fedora path is named */
	ck_assert_int_lt(pkg_default_path(tmpdir, "nosuchstore", buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "/usr/share/selinux/packages/nosuchstore/gotosocial.pp.bz2");
	/* Gentoo layout inside the root */
	snprintf(dir, sizeof(dir), "%s/usr/share/selinux/nosuchstore", tmpdir);
	snprintf(buf, sizeof(buf), "mkdir -p '%s' && touch '%s/gotosocial.pp'", dir, dir);
	ck_assert_int_eq(system(buf), 0);
	ck_assert_int_eq(pkg_default_path(tmpdir, "nosuchstore", buf, sizeof(buf)), 0);
	snprintf(dir, sizeof(dir), "%s/usr/share/selinux/nosuchstore/gotosocial.pp", tmpdir);
	ck_assert_str_eq(buf, dir);
}
END_TEST

START_TEST(bool_names)
{
	struct pkg p;
	struct gts_err e = { 0 };
	char names[1024];

	ck_assert_int_eq(pkg_load(&p, unit_env("GTS_MODULE_PP"), &e), 0);
	pkg_bool_names(&p, names, sizeof(names));
	ck_assert_ptr_nonnull(strstr(names, "gotosocial_execmem"));
	ck_assert_ptr_nonnull(strstr(names, "gotosocial_exec_ffmpeg"));
	pkg_free(&p);
}
END_TEST

Suite *pkg_suite(void)
{
	Suite *s = suite_create("pkg");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, load_shipped);
	tcase_add_test(tc, sha256_known);
	tcase_add_test(tc, bad_files);
	tcase_add_test(tc, other_module);
	tcase_add_test(tc, bunzip_limit);
	tcase_add_test(tc, default_path);
	tcase_add_test(tc, bool_names);
	suite_add_tcase(s, tc);
	return s;
}

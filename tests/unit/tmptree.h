/*
 * tmptree.h — small helpers for tests that build a file tree (an alternate root) in a temp
 * directory: make the root, write files with their parent directories, symlinks.
 * Static functions: each check_*.c that needs them includes this header.
 */
#ifndef GTS_TMPTREE_H
#define GTS_TMPTREE_H

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

/* A fresh empty directory under $GTS_TEST_TMP (static buffer). */
static inline const char *tt_root(void)
{
	static char root[PATH_MAX];

	snprintf(root, sizeof(root), "%s/tree.XXXXXX", unit_env("GTS_TEST_TMP"));
	ck_assert_ptr_nonnull(mkdtemp(root));
	ck_assert_int_eq(chmod(root, 0755), 0);
	return root;
}

static inline void tt_mkdirs(const char *root, const char *rel)
{
	char p[3 * PATH_MAX], *s;

	snprintf(p, sizeof(p), "%s/%s", root, rel[0] == '/' ? rel + 1 : rel);
	for (s = p + strlen(root) + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		ck_assert_msg(mkdir(p, 0755) == 0 || errno == EEXIST, "mkdir %s: %s", p,
			      strerror(errno));
		*s = '/';
	}
	ck_assert_msg(mkdir(p, 0755) == 0 || errno == EEXIST, "mkdir %s", p);
}

/* Write CONTENT to ROOT/REL, creating its directories. */
static inline void tt_put(const char *root, const char *rel, const char *content)
{
	char p[3 * PATH_MAX], dir[2 * PATH_MAX], *s;
	FILE *f;

	snprintf(dir, sizeof(dir), "%s", rel);
	s = strrchr(dir, '/');
	if (s && s != dir) {
		*s = '\0';
		tt_mkdirs(root, dir);
	}
	snprintf(p, sizeof(p), "%s/%s", root, rel[0] == '/' ? rel + 1 : rel);
	f = fopen(p, "w");
	ck_assert_msg(f != NULL, "cannot write %s", p);
	fputs(content, f);
	ck_assert_int_eq(fclose(f), 0);
}

static inline void tt_symlink(const char *root, const char *rel, const char *target)
{
	char p[2 * PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s", root, rel[0] == '/' ? rel + 1 : rel);
	ck_assert_int_eq(symlink(target, p), 0);
}

/* A fake process PID running EXE with parent PPID and context CON ("" = attr empty). */
static inline void tt_fake_proc(const char *proc, int pid, int ppid, const char *exe, const char *con)
{
	char rel[64], path[PATH_MAX + 64], status[64];
	FILE *f;

	snprintf(rel, sizeof(rel), "%d/attr/current", pid);
	tt_put(proc, rel, "");
	snprintf(path, sizeof(path), "%s/%d/attr/current", proc, pid);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fwrite(con, 1, strlen(con) + (*con ? 1 : 0), f);	/* "ctx\0" as the kernel gives */
	fclose(f);
	snprintf(rel, sizeof(rel), "%d/exe", pid);
	tt_symlink(proc, rel, exe);
	snprintf(rel, sizeof(rel), "%d/status", pid);
	snprintf(status, sizeof(status), "Name:\tx\nPPid:\t%d\n", ppid);
	tt_put(proc, rel, status);
}

/* $GTS_SRC_FIXTURES/NAME (static buffer). */
static inline const char *tt_fixture(const char *name)
{
	static char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s", unit_env("GTS_SRC_FIXTURES"), name);
	return p;
}

#endif

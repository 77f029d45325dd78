/*
 * labels.h — file labels: a selabel handle on a given file_contexts (a store's, or the
 * module's own entries), the module's default paths, and selinux_restorecon over a set of
 * roots with counts, a dry run and an `old -> new` listing.
 *
 * Everything works with SELinux inactive (the security.selinux xattr is written unvalidated),
 * so tests relabel temp trees. With an alternate root, paths are given as on the target
 * system and the files are found below the root (selinux_restorecon_set_alt_rootpath).
 */
#ifndef GTS_LABELS_H
#define GTS_LABELS_H

#include <limits.h>
#include <stddef.h>
#include <stdio.h>

#include <selinux/label.h>

#include "gts.h"
#include "pkg.h"

struct labels {
	struct selabel_handle *h;
	char path[PATH_MAX];	/* the file_contexts it was opened on */
	char tmpdir[PATH_MAX];	/* for the module's own entries: removed on close */
	char type[256];		/* last labels_default_type() answer */
};

/* Open a handle on FILE_CONTEXTS (with its .local, .homedirs and .subs, as libselinux does). */
int labels_open_file(struct labels *l, const char *file_contexts, struct gts_err *e);

/* Open a handle on the file contexts of module PKG only (written to a temp file). */
int labels_open_module(struct labels *l, const struct pkg *pkg, struct gts_err *e);

/* The file contexts text of PKG (malloc'ed, NUL-terminated). */
int labels_module_fc(const struct pkg *pkg, char **text, struct gts_err *e);

/* The file_contexts of ROOT's store NAME: <root>/etc/selinux/<name>/contexts/files/file_contexts */
void labels_store_fc(const char *root, const char *store, char *buf, size_t size);

/* The type PATH gets (a directory when IS_DIR), into BUF; 0, or -1 when no entry matches. */
int labels_lookup_type(struct labels *l, const char *path, int is_dir, char *buf, size_t size);

/* cfgplan_default_fn over a struct labels: the type or NULL. */
const char *labels_default_type(void *ctx, const char *path, int is_dir);

/* Literal path prefixes of FC's entries (the directories and files the module labels by
 * default), deduplicated, none below another. */
int labels_fc_roots(const char *fc, char ***roots, size_t *n);

struct relabel_stats {
	size_t checked, relabeled, errors, skipped;
};

enum {
	RELABEL_DRY_RUN = 1,	/* SELINUX_RESTORECON_NOCHANGE */
	RELABEL_VERBOSE = 2,	/* list each change old -> new */
	RELABEL_PROGRESS = 4,	/* progress line (on a TTY) */
};

/* selinux_restorecon of each of PATHS (recursively) with L's handle. ROOT "" or an
 * alternate root. Missing paths are skipped with a note on OUT; system roots refused.
 * NTHREADS > 1 uses selinux_restorecon_parallel. Changes are listed on OUT with -v. */
int labels_restore(struct labels *l, const char *root, char *const *paths, size_t n,
		   int flags, unsigned int nthreads, FILE *out, struct relabel_stats *st,
		   struct gts_err *e);

void labels_close(struct labels *l);

#endif

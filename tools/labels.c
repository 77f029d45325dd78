/*
 * labels.c — selabel handles, the module's default paths and restorecon (see labels.h).
 *
 * Counting: libselinux 3.4 has no counters for restorecon, but it logs each file it matches
 * (SELINUX_RESTORECON_LOG_MATCHES: "%s matched by %s") and each change (VERBOSE:
 * "Relabeled %s from %s to %s", "Would relabel ..." in a dry run) through the log callback;
 * the callback counts them (under a mutex: the parallel walk logs from several threads).
 */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <selinux/label.h>
#include <selinux/restorecon.h>
#include <selinux/selinux.h>
#include <sepol/debug.h>
#include <sepol/module.h>
#include <sepol/policydb.h>

#include "labels.h"
#include "spec.h"

void labels_store_fc(const char *root, const char *store, char *buf, size_t size)
{
	snprintf(buf, size, "%s/etc/selinux/%s/contexts/files/file_contexts", root ? root : "",
		 store);
}

int labels_open_file(struct labels *l, const char *file_contexts, struct gts_err *e)
{
	struct selinux_opt opt[] = { { SELABEL_OPT_PATH, file_contexts } };

	memset(l, 0, sizeof(*l));
	snprintf(l->path, sizeof(l->path), "%s", file_contexts);
	if (access(file_contexts, R_OK) < 0)
		return gts_fail(e, errno == EACCES ? GTS_EPERM : GTS_EFAIL,
				"cannot read the file contexts %s: %s; install the policy first",
				file_contexts, strerror(errno));
	l->h = selabel_open(SELABEL_CTX_FILE, opt, 1);
	if (!l->h)
		return gts_fail(e, GTS_EFAIL, "cannot load the file contexts %s: %s; check them with "
				"'setfiles -c'", file_contexts, strerror(errno));
	return 0;
}

static void quiet_sepol(void *arg, sepol_handle_t *h, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void quiet_sepol(void *arg, sepol_handle_t *h, const char *fmt, ...)
{
	(void)arg;
	(void)h;
	(void)fmt;
}

int labels_module_fc(const struct pkg *pkg, char **text, struct gts_err *e)
{
	sepol_handle_t *sh = sepol_handle_create();
	sepol_policy_file_t *pf = NULL;
	sepol_module_package_t *mp = NULL;
	size_t len;
	int rc = -1;

	*text = NULL;
	if (!sh || sepol_policy_file_create(&pf) < 0 || sepol_module_package_create(&mp) < 0) {
		gts_fail(e, GTS_EFAIL, "out of memory");
		goto out;
	}
	sepol_msg_set_callback(sh, quiet_sepol, NULL);
	sepol_policy_file_set_handle(pf, sh);
	sepol_policy_file_set_mem(pf, (char *)pkg->data, pkg->len);
	if (sepol_module_package_read(mp, pf, 0) < 0) {
		gts_fail(e, GTS_EFAIL, "module %s is truncated or corrupt", pkg->path);
		goto out;
	}
	len = sepol_module_package_get_file_contexts_len(mp);
	*text = malloc(len + 1);
	if (!*text) {
		gts_fail(e, GTS_EFAIL, "out of memory");
		goto out;
	}
	if (len)
		memcpy(*text, sepol_module_package_get_file_contexts(mp), len);
	(*text)[len] = '\0';
	rc = 0;
out:
	sepol_module_package_free(mp);
	sepol_policy_file_free(pf);
	sepol_handle_destroy(sh);
	return rc;
}

int labels_open_module(struct labels *l, const struct pkg *pkg, struct gts_err *e)
{
	char *fc = NULL, path[PATH_MAX + 32];
	const char *tmp = getenv("TMPDIR");
	FILE *f;
	int rc = -1;

	memset(l, 0, sizeof(*l));
	if (labels_module_fc(pkg, &fc, e) < 0)
		return -1;
	snprintf(l->tmpdir, sizeof(l->tmpdir), "%s/gts-selinux.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(l->tmpdir)) {
		gts_fail(e, GTS_EFAIL, "cannot create a temp directory %s: %s; set TMPDIR",
			 l->tmpdir, strerror(errno));
		l->tmpdir[0] = '\0';
		goto out;
	}
	snprintf(path, sizeof(path), "%s/file_contexts", l->tmpdir);
	f = fopen(path, "we");
	if (!f || fputs(fc, f) < 0 || fclose(f) != 0) {
		gts_fail(e, GTS_EFAIL, "cannot write %s: %s", path, strerror(errno));
		goto out;
	}
	{
		char keep[PATH_MAX];

		snprintf(keep, sizeof(keep), "%s", l->tmpdir);
		rc = labels_open_file(l, path, e);
		snprintf(l->tmpdir, sizeof(l->tmpdir), "%s", keep);
	}
out:
	free(fc);
	if (rc < 0)
		labels_close(l);
	return rc;
}

int labels_lookup_type(struct labels *l, const char *path, int is_dir, char *buf, size_t size)
{
	char *con = NULL, *t, *end;

	if (!l->h || selabel_lookup_raw(l->h, &con, path, is_dir ? S_IFDIR : S_IFREG) < 0)
		return -1;
	/* user:role:type[:level] */
	t = strchr(con, ':');
	t = t ? strchr(t + 1, ':') : NULL;
	if (!t) {
		freecon(con);
		return -1;
	}
	t++;
	end = strchr(t, ':');
	snprintf(buf, size, "%.*s", end ? (int)(end - t) : (int)strlen(t), t);
	freecon(con);
	return 0;
}

const char *labels_default_type(void *ctx, const char *path, int is_dir)
{
	struct labels *l = ctx;

	if (labels_lookup_type(l, path, is_dir, l->type, sizeof(l->type)) < 0)
		return NULL;
	return l->type;
}

static int push(char ***v, size_t *n, const char *s)
{
	char **nv = realloc(*v, (*n + 1) * sizeof(*nv));

	if (!nv)
		return -1;
	*v = nv;
	nv[*n] = strdup(s);
	if (!nv[*n])
		return -1;
	(*n)++;
	return 0;
}

static int under(const char *p, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(p, dir, n) == 0 && (p[n] == '/' || p[n] == '\0' || (n == 1 && dir[0] == '/'));
}

int labels_fc_roots(const char *fc, char ***roots, size_t *n)
{
	char **all = NULL;
	size_t nall = 0, i, j;
	const char *line = fc;
	int rc = -1;

	*roots = NULL;
	*n = 0;
	while (line && *line) {
		const char *nl = strchr(line, '\n'), *p = line;
		char stem[PATH_MAX];
		size_t w = 0;
		int stopped = 0;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '/') {
			for (; *p && *p != ' ' && *p != '\t' && *p != '\n' && w + 1 < sizeof(stem); p++) {
				if (p[0] == '\\' && p[1] == 'x' && isxdigit((unsigned char)p[2]) &&
				    isxdigit((unsigned char)p[3])) {
					char hex[3] = { p[2], p[3], '\0' };

					stem[w++] = (char)strtol(hex, NULL, 16);
					p += 3;
					continue;
				}
				if (*p == '\\' && p[1] && p[1] != '\n') {
					stem[w++] = *++p;
					continue;
				}
				if (strchr(".^$*+?()[]{}|", *p)) {
					stopped = 1;
					break;
				}
				stem[w++] = *p;
			}
			stem[w] = '\0';
			/* Stopped inside a component: keep only its directory. */
			if (stopped && !(p[0] == '(' && p[1] == '/') && w > 0 && stem[w - 1] != '/') {
				char *s = strrchr(stem, '/');

				if (s)
					*s = '\0';
			}
			while (w > 1 && stem[strlen(stem) - 1] == '/' && strlen(stem) > 1)
				stem[strlen(stem) - 1] = '\0';
			if (stem[0] && push(&all, &nall, stem) < 0)
				goto out;
		}
		line = nl ? nl + 1 : NULL;
	}
	for (i = 0; i < nall; i++) {
		int covered = 0;

		for (j = 0; j < nall && !covered; j++)
			if (i != j && under(all[i], all[j]) &&
			    (strcmp(all[i], all[j]) != 0 || j < i))
				covered = 1;
		if (!covered && push(roots, n, all[i]) < 0)
			goto out;
	}
	rc = 0;
out:
	for (i = 0; i < nall; i++)
		free(all[i]);
	free(all);
	return rc;
}

/* The log callback's state: one relabel at a time per process. */
static struct {
	pthread_mutex_t mu;
	struct relabel_stats *st;
	FILE *out;
	int verbose;
	size_t rootlen;
} cb = { .mu = PTHREAD_MUTEX_INITIALIZER };

static int log_cb(int type, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int log_cb(int type, const char *fmt, ...)
{
	va_list ap;
	char msg[3 * PATH_MAX], word[32], path[PATH_MAX], from[512], to[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&cb.mu);
	if (!cb.st) {
		pthread_mutex_unlock(&cb.mu);
		return 0;
	}
	if (type == SELINUX_ERROR) {
		cb.st->errors++;
		fprintf(stderr, GTS_NAME ": %s", msg);
	} else if (strstr(msg, " matched by ")) {
		cb.st->checked++;
	} else if ((strncmp(msg, "Relabeled ", 10) == 0 || strncmp(msg, "Would relabel ", 14) == 0)) {
		const char *m = msg + (msg[0] == 'R' ? 10 : 14), *f = strstr(m, " from ");

		(void)word;
		cb.st->relabeled++;
		if (cb.verbose && f && cb.out) {
			const char *t = strstr(f + 6, " to ");

			snprintf(path, sizeof(path), "%.*s", (int)(f - m), m);
			if (t) {
				snprintf(from, sizeof(from), "%.*s", (int)(t - f - 6), f + 6);
				snprintf(to, sizeof(to), "%s", t + 4);
				to[strcspn(to, "\n")] = '\0';
				fprintf(cb.out, "%s: %s -> %s\n", strlen(path) >= cb.rootlen ?
					path + cb.rootlen : path,
					strcmp(from, "(null)") ? from : "unlabeled", to);
			}
		}
	}
	pthread_mutex_unlock(&cb.mu);
	return 0;
}

int labels_restore(struct labels *l, const char *root, char *const *paths, size_t n,
		   int flags, unsigned int nthreads, FILE *out, struct relabel_stats *st,
		   struct gts_err *e)
{
	unsigned int rflags = SELINUX_RESTORECON_RECURSE | SELINUX_RESTORECON_LOG_MATCHES |
			      SELINUX_RESTORECON_VERBOSE | SELINUX_RESTORECON_IGNORE_MOUNTS |
			      SELINUX_RESTORECON_COUNT_ERRORS;
	union selinux_callback old, ncb;
	char full[2 * PATH_MAX];
	size_t i;
	int rc = 0;

	memset(st, 0, sizeof(*st));
	if (!root)
		root = "";
	if (flags & RELABEL_DRY_RUN)
		rflags |= SELINUX_RESTORECON_NOCHANGE;
	for (i = 0; i < n; i++)
		if (paths[i][0] != '/' || spec_is_system_root(paths[i]))
			return gts_fail(e, GTS_EUSAGE, "refusing to relabel %s: %s; name GoToSocial's "
					"own directories", paths[i], paths[i][0] != '/' ?
					"not an absolute path" : "a system directory");
	selinux_restorecon_set_sehandle(l->h);
	if (root[0] && selinux_restorecon_set_alt_rootpath(root) < 0)
		return gts_fail(e, GTS_EFAIL, "cannot use %s as the root for relabeling: %s", root,
				strerror(errno));
	old = selinux_get_callback(SELINUX_CB_LOG);
	ncb.func_log = log_cb;
	pthread_mutex_lock(&cb.mu);
	cb.st = st;
	cb.out = out;
	cb.verbose = !!(flags & RELABEL_VERBOSE);
	cb.rootlen = strlen(root);
	pthread_mutex_unlock(&cb.mu);
	selinux_set_callback(SELINUX_CB_LOG, ncb);
	for (i = 0; i < n; i++) {
		struct stat sb;
		int r;

		snprintf(full, sizeof(full), "%s%s", root, paths[i]);
		if (lstat(full, &sb) < 0) {
			st->skipped++;
			if (out && (flags & RELABEL_VERBOSE))
				fprintf(out, "note: %s does not exist; skipped\n", paths[i]);
			continue;
		}
		if ((flags & RELABEL_PROGRESS) && out)
			fprintf(stderr, "\rrelabeling %s ...", paths[i]);
		r = nthreads > 1 ? selinux_restorecon_parallel(full, rflags, nthreads) :
				   selinux_restorecon(full, rflags);
		if ((flags & RELABEL_PROGRESS) && out)
			fprintf(stderr, "\r\033[K");
		if (r < 0) {
			st->errors++;
			if (!rc)
				rc = gts_fail(e, GTS_EFAIL, "relabeling %s failed: %s", paths[i],
					      strerror(errno));
		}
	}
	st->errors += selinux_restorecon_get_skipped_errors();
	pthread_mutex_lock(&cb.mu);
	cb.st = NULL;
	pthread_mutex_unlock(&cb.mu);
	selinux_set_callback(SELINUX_CB_LOG, old);
	return rc;
}

void labels_close(struct labels *l)
{
	if (l->h)
		selabel_close(l->h);
	l->h = NULL;
	if (l->tmpdir[0]) {
		char p[PATH_MAX + 32];

		snprintf(p, sizeof(p), "%s/file_contexts", l->tmpdir);
		unlink(p);
		rmdir(l->tmpdir);
		l->tmpdir[0] = '\0';
	}
}

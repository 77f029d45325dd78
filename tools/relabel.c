/*
 * relabel.c — `gts-selinux relabel [PATH...]`: restorecon over GoToSocial's paths only.
 *
 * The set: every path the store's file contexts give a gotosocial_ type (the module's
 * defaults and the customizations, from file_contexts and file_contexts.local), plus the
 * paths of the config's plan. PATH operands narrow it: each must lie in the set. System
 * directories are refused, missing paths skipped with a note. The label handle is the
 * store's file_contexts below --root; the walk is selinux_restorecon, in parallel threads
 * when the machine has four or more CPUs (GTS_RELABEL_THREADS overrides).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "labels.h"
#include "planverb.h"
#include "relabel.h"
#include "spec.h"
#include "store.h"

static int under(const char *p, const char *dir)
{
	size_t n = strlen(dir);

	return strncmp(p, dir, n) == 0 && (p[n] == '/' || p[n] == '\0');
}

static int add_unique(char ***v, size_t *n, const char *p)
{
	char **nv;
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i], p) == 0)
			return 0;
	nv = realloc(*v, (*n + 1) * sizeof(*nv));
	if (!nv)
		return -1;
	*v = nv;
	if (!(nv[*n] = strdup(p)))
		return -1;
	(*n)++;
	return 0;
}

/* Lines of FILE naming a gotosocial_ type, appended to *BUF. */
static int gts_lines(const char *file, char **buf, size_t *len)
{
	FILE *f = fopen(file, "re");
	char *line = NULL;
	size_t cap = 0;
	ssize_t r;

	if (!f)
		return errno == ENOENT ? 0 : -1;
	while ((r = getline(&line, &cap, f)) > 0) {
		char *nb;

		if (!strstr(line, ":gotosocial_"))
			continue;
		nb = realloc(*buf, *len + (size_t)r + 2);
		if (!nb) {
			free(line);
			fclose(f);
			return -1;
		}
		*buf = nb;
		memcpy(*buf + *len, line, (size_t)r);
		*len += (size_t)r;
		(*buf)[*len] = '\0';
	}
	free(line);
	fclose(f);
	return 0;
}

int relabel_paths(const char *fc, char *const *cfg_paths, size_t ncfg, char ***out, size_t *n,
		  struct gts_err *e)
{
	char *text = NULL, local[PATH_MAX + 16], **roots = NULL, **all = NULL;
	size_t len = 0, nroots = 0, nall = 0, i, j;
	int rc = -1;

	*out = NULL;
	*n = 0;
	snprintf(local, sizeof(local), "%s.local", fc);
	if (gts_lines(fc, &text, &len) < 0 || gts_lines(local, &text, &len) < 0) {
		gts_fail(e, GTS_EFAIL, "cannot read the file contexts %s: %s", fc, strerror(errno));
		goto out;
	}
	if (labels_fc_roots(text ? text : "", &roots, &nroots) < 0)
		goto oom;
	for (i = 0; i < nroots; i++)
		if (!spec_is_system_root(roots[i]) && add_unique(&all, &nall, roots[i]) < 0)
			goto oom;
	for (i = 0; i < ncfg; i++)
		if (!spec_is_system_root(cfg_paths[i]) && add_unique(&all, &nall, cfg_paths[i]) < 0)
			goto oom;
	for (i = 0; i < nall; i++) {
		int covered = 0;

		for (j = 0; j < nall && !covered; j++)
			if (i != j && under(all[i], all[j]))
				covered = 1;
		if (!covered && add_unique(out, n, all[i]) < 0)
			goto oom;
	}
	rc = 0;
	goto out;
oom:
	gts_fail(e, GTS_EFAIL, "out of memory");
out:
	for (i = 0; i < nroots; i++)
		free(roots[i]);
	free(roots);
	for (i = 0; i < nall; i++)
		free(all[i]);
	free(all);
	free(text);
	if (rc < 0) {
		for (i = 0; i < *n; i++)
			free((*out)[i]);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

static unsigned int threads(void);

static void free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int relabel_before(const struct store *s, const struct cfgctx *x, char ***set, size_t *n,
		   struct gts_err *e)
{
	char fc[2 * PATH_MAX], **cfgp = NULL;
	size_t ncfg = 0, i;
	int rc;

	labels_store_fc(s->root, s->name, fc, sizeof(fc));
	for (i = 0; x && i < x->plan.n; i++)
		if (x->plan.v[i].kind == CI_PATH && add_unique(&cfgp, &ncfg, x->plan.v[i].path.path) < 0) {
			free_list(cfgp, ncfg);
			return gts_fail(e, GTS_EFAIL, "out of memory");
		}
	rc = relabel_paths(fc, cfgp, ncfg, set, n, e);
	free_list(cfgp, ncfg);
	return rc;
}

void relabel_after(const struct store *s, const struct gts_opts *o, char **set, size_t n)
{
	struct labels l = { 0 };
	struct relabel_stats st;
	struct gts_err e = { 0 };
	char fc[2 * PATH_MAX], **all = NULL;
	size_t nall = 0;

	labels_store_fc(s->root, s->name, fc, sizeof(fc));
	if (labels_open_file(&l, fc, &e) < 0 || relabel_paths(fc, set, n, &all, &nall, &e) < 0 ||
	    labels_restore(&l, s->root, all, nall, o->verbose && !o->json ? RELABEL_VERBOSE : 0,
			   threads(), o->json || o->quiet ? NULL : stdout, &st, &e) < 0 ||
	    st.errors) {
		fprintf(stderr, GTS_NAME ": warning: relabeling GoToSocial's files failed (%s); "
			"run '" GTS_NAME "%s%s relabel'\n", e.msg[0] ? e.msg : "see above",
			s->root[0] ? " --root " : "", s->root);
	} else if (!o->json && !o->quiet && (st.relabeled || o->verbose)) {
		printf("relabeled %zu of %zu file%s of GoToSocial's\n", st.relabeled, st.checked,
		       st.checked == 1 ? "" : "s");
	}
	free_list(all, nall);
	free_list(set, n);
	labels_close(&l);
}

static unsigned int threads(void)
{
	const char *env = getenv("GTS_RELABEL_THREADS");
	long n;

	if (env && *env)
		return (unsigned int)atoi(env) > 0 ? (unsigned int)atoi(env) : 1;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n >= 4 ? (unsigned int)(n > 16 ? 16 : n) : 1;
}

int cmd_relabel(const struct gts_opts *o, struct gts_err *e)
{
	struct store s;
	struct labels l = { 0 };
	struct cfgctx x;
	struct relabel_stats st = { 0 };
	char fc[2 * PATH_MAX], **set = NULL, **cfgp = NULL, **todo = NULL;
	size_t nset = 0, ncfg = 0, ntodo = 0, i, j;
	int rc = -1, flags = 0;

	memset(&x, 0, sizeof(x));
	if (store_open(&s, o, STORE_READ, e) < 0)
		goto out;
	labels_store_fc(s.root, s.name, fc, sizeof(fc));
	if (labels_open_file(&l, fc, e) < 0)
		goto out;
	if (cfgctx_load(&x, o, s.root, NULL, e) < 0)
		goto out;
	for (i = 0; i < x.plan.n; i++)
		if (x.plan.v[i].kind == CI_PATH && add_unique(&cfgp, &ncfg, x.plan.v[i].path.path) < 0) {
			gts_fail(e, GTS_EFAIL, "out of memory");
			goto out;
		}
	if (relabel_paths(fc, cfgp, ncfg, &set, &nset, e) < 0)
		goto out;
	if (o->nargs == 0) {
		todo = set;
		ntodo = nset;
	} else {
		todo = calloc(o->nargs, sizeof(*todo));
		if (!todo) {
			gts_fail(e, GTS_EFAIL, "out of memory");
			goto out;
		}
		for (i = 0; i < o->nargs; i++) {
			char *p = gtsconfig_abspath("/", o->args[i]);
			int ok = 0;

			if (!p) {
				gts_fail(e, GTS_EFAIL, "out of memory");
				goto out;
			}
			todo[ntodo++] = p;
			if (o->args[i][0] != '/') {
				gts_fail(e, GTS_EUSAGE, "relabel: '%s' is not an absolute path; give "
					 "GoToSocial's paths as on the target system", o->args[i]);
				goto out;
			}
			if (spec_is_system_root(p)) {
				gts_fail(e, GTS_EUSAGE, "refusing to relabel %s: a system directory; name "
					 "GoToSocial's own directories", p);
				goto out;
			}
			for (j = 0; j < nset; j++)
				if (under(p, set[j]))
					ok = 1;
			if (!ok) {
				gts_fail(e, GTS_EUSAGE, "relabel: %s is not one of GoToSocial's paths "
					 "(the module's, the customizations' or the config's); see "
					 "'" GTS_NAME " plan'", p);
				goto out;
			}
		}
	}
	if (o->dry_run)
		flags |= RELABEL_DRY_RUN;
	if (o->verbose)
		flags |= RELABEL_VERBOSE;
	if (!o->quiet && !o->json && isatty(STDERR_FILENO))
		flags |= RELABEL_PROGRESS;
	rc = labels_restore(&l, s.root, todo, ntodo, flags, threads(), o->json || o->quiet ?
			    NULL : stdout, &st, e);
	if (o->json) {
		json_object *jo = json_object_new_object(), *arr = json_object_new_array();

		for (i = 0; i < ntodo; i++)
			json_object_array_add(arr, json_object_new_string(todo[i]));
		json_object_object_add(jo, "verb", json_object_new_string("relabel"));
		json_object_object_add(jo, "root", json_object_new_string(s.root[0] ? s.root : "/"));
		json_object_object_add(jo, "file_contexts", json_object_new_string(fc));
		json_object_object_add(jo, "dry_run", json_object_new_boolean(o->dry_run));
		json_object_object_add(jo, "paths", arr);
		json_object_object_add(jo, "checked", json_object_new_int64((int64_t)st.checked));
		json_object_object_add(jo, "relabeled", json_object_new_int64((int64_t)st.relabeled));
		json_object_object_add(jo, "errors", json_object_new_int64((int64_t)st.errors));
		json_object_object_add(jo, "skipped_missing", json_object_new_int64((int64_t)st.skipped));
		printf("%s\n", json_object_to_json_string_ext(jo, JSON_C_TO_STRING_PRETTY |
							     JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(jo);
	} else if (!o->quiet) {
		printf("%s: checked %zu, %s %zu, errors %zu; %zu missing path%s skipped%s\n",
		       o->dry_run ? "dry run" : "relabel", st.checked,
		       o->dry_run ? "would relabel" : "relabeled", st.relabeled, st.errors,
		       st.skipped, st.skipped == 1 ? "" : "s",
		       st.skipped && !o->verbose ? " (-v lists them)" : "");
	}
	if (rc == 0 && st.errors)
		rc = gts_fail(e, GTS_EFAIL, "%zu file%s could not be relabeled (see above)",
			      st.errors, st.errors == 1 ? "" : "s");
out:
	if (todo != set) {
		for (i = 0; i < ntodo; i++)
			free(todo[i]);
		free(todo);
	}
	for (i = 0; i < nset; i++)
		free(set[i]);
	free(set);
	for (i = 0; i < ncfg; i++)
		free(cfgp[i]);
	free(cfgp);
	cfgctx_free(&x);
	labels_close(&l);
	store_close(&s);
	return rc;
}

/*
 * why.c — `gts-selinux why` (see why.h). The answer is built once as a json-c object; the
 * text for people is printed from it, so --json and the text never disagree.
 *
 * The policy: --policy FILE, else --root's store, else the running system's (the loaded
 * policy where /sys/fs/selinux/policy is readable, else the newest policy.NN of the
 * configured type). With none, the denials are still grouped and checked for the wrong
 * domain and labels, and the output says what could not be analysed.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "why.h"

static json_object *str(const char *s)
{
	return json_object_new_string(s ? s : "");
}

static json_object *group_json(struct explain *x, const struct avc_group *g)
{
	const struct avc_rec *r = &g->first;
	json_object *j = json_object_new_object(), *a;
	char st[128], tt[128], t[64];
	struct why w;
	size_t i;

	explain_group(x, g, &w);
	avc_ctx_type(r->scontext, st, sizeof(st));
	avc_ctx_type(r->tcontext, tt, sizeof(tt));
	json_object_object_add(j, "class", str(why_class_name(w.cls)));
	json_object_object_add(j, "record_type", str(r->kind == AVC_AVC ? "AVC" :
			       r->kind == AVC_USER_AVC ? "USER_AVC" : "SELINUX_ERR"));
	json_object_object_add(j, "count", json_object_new_int64((int64_t)g->count));
	json_object_object_add(j, "first", str(avc_time_str(g->first_sec, g->first_msec, t,
								 sizeof(t))));
	json_object_object_add(j, "last", str(avc_time_str(g->last_sec, g->last_msec, t,
								sizeof(t))));
	json_object_object_add(j, "first_epoch", json_object_new_int64((int64_t)g->first_sec));
	json_object_object_add(j, "last_epoch", json_object_new_int64((int64_t)g->last_sec));
	a = json_object_new_array();
	{
		char buf[sizeof(r->perms)], *p, *save = NULL;

		snprintf(buf, sizeof(buf), "%s", r->perms);
		for (p = strtok_r(buf, " ", &save); p; p = strtok_r(NULL, " ", &save))
			json_object_array_add(a, str(p));
	}
	json_object_object_add(j, "permissions", a);
	json_object_object_add(j, "scontext", str(r->scontext));
	json_object_object_add(j, "tcontext", str(r->tcontext));
	json_object_object_add(j, "source_type", str(st));
	json_object_object_add(j, "target_type", str(tt));
	json_object_object_add(j, "tclass", str(r->tclass));
	json_object_object_add(j, "permissive", json_object_new_boolean(r->permissive));
	if (r->comm[0])
		json_object_object_add(j, "comm", str(r->comm));
	if (r->exe[0])
		json_object_object_add(j, "exe", str(r->exe));
	if (g->npaths) {
		a = json_object_new_array();
		for (i = 0; i < g->npaths; i++)
			json_object_array_add(a, str(g->paths[i]));
		json_object_object_add(j, r->path_is_name ? "names" : "paths", a);
	}
	if (g->nports) {
		a = json_object_new_array();
		for (i = 0; i < g->nports; i++)
			json_object_array_add(a, json_object_new_int(g->ports[i]));
		json_object_object_add(j, "ports", a);
	}
	json_object_object_add(j, "cause", str(w.cause));
	a = json_object_new_array();
	for (i = 0; i < w.nfix; i++)
		json_object_array_add(a, str(w.fix[i]));
	json_object_object_add(j, "fix", a);
	if (w.note[0])
		json_object_object_add(j, "note", str(w.note));
	if (w.expected[0])
		json_object_object_add(j, "expected_type", str(w.expected));
	if (w.nbools) {
		a = json_object_new_array();
		for (i = 0; i < w.nbools; i++) {
			json_object *b = json_object_new_object();

			json_object_object_add(b, "name", str(w.boolean[i]));
			json_object_object_add(b, "value", json_object_new_boolean(w.bool_value[i]));
			if (explain_tunable_text(w.boolean[i]))
				json_object_object_add(b, "opens",
						       str(explain_tunable_text(w.boolean[i])));
			json_object_array_add(a, b);
		}
		json_object_object_add(j, "booleans", a);
	}
	if (w.report)
		json_object_object_add(j, "report", str(w.report));
	json_object_object_add(j, "record", str(r->raw));
	why_free(&w);
	return j;
}

struct ranked {
	json_object *j;
	int rank;
	time_t sec;
	unsigned int msec;
	size_t i;
};

static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->sec != y->sec)
		return x->sec < y->sec ? -1 : 1;
	if (x->msec != y->msec)
		return x->msec < y->msec ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* The groups of S into array A, in the order of the classes (a wrong domain first: it
 * explains the rest), then by the time each was first seen. */
static void sorted_groups(struct explain *x, const struct avc_set *s, json_object *a)
{
	struct ranked *r = calloc(s->n ? s->n : 1, sizeof(*r));
	json_object *c;
	size_t i, k;

	for (i = 0; i < s->n; i++) {
		json_object *g = group_json(x, &s->g[i]);

		if (!r) {
			json_object_array_add(a, g);
			continue;
		}
		r[i].j = g;
		r[i].i = i;
		r[i].sec = s->g[i].first_sec;
		r[i].msec = s->g[i].first_msec;
		r[i].rank = WHY_UNKNOWN + 1;
		if (json_object_object_get_ex(g, "class", &c))
			for (k = 0; k <= WHY_UNKNOWN; k++)
				if (strcmp(json_object_get_string(c), why_class_name(k)) == 0)
					r[i].rank = (int)k;
	}
	if (!r)
		return;
	qsort(r, s->n, sizeof(*r), cmp_ranked);
	for (i = 0; i < s->n; i++)
		json_object_array_add(a, r[i].j);
	free(r);
}

json_object *why_json(struct explain *x, const struct avc_set *s, const char *source)
{
	json_object *j = json_object_new_object(), *a = json_object_new_array(), *st;

	json_object_object_add(j, "source", str(source));
	json_object_object_add(j, "policy", x->policy_path[0] ? str(x->policy_path) : NULL);
	if (!x->policy_path[0] && x->policy_msg[0])
		json_object_object_add(j, "policy_problem", str(x->policy_msg));
	json_object_object_add(j, "file_contexts", x->fc_path[0] ? str(x->fc_path) : NULL);
	st = json_object_new_object();
	json_object_object_add(st, "records", json_object_new_int64((int64_t)s->st.records));
	json_object_object_add(st, "relevant", json_object_new_int64((int64_t)s->st.relevant));
	json_object_object_add(st, "malformed", json_object_new_int64((int64_t)s->st.malformed));
	json_object_object_add(st, "granted", json_object_new_int64((int64_t)s->st.granted));
	json_object_object_add(st, "other_hosts",
			       json_object_new_int64((int64_t)s->st.other_hosts));
	json_object_object_add(st, "before_since", json_object_new_int64((int64_t)s->st.too_old));
	json_object_object_add(st, "dropped", json_object_new_int64((int64_t)s->st.dropped));
	json_object_object_add(j, "stats", st);
	explain_scan(x, s);
	sorted_groups(x, s, a);
	json_object_object_add(j, "denials", a);
	return j;
}

static const char *jstr(json_object *j, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(j, key, &v) && v ? json_object_get_string(v) : NULL;
}

static long long jint(json_object *j, const char *k1, const char *k2)
{
	json_object *v;

	if (!json_object_object_get_ex(j, k1, &v) || !v)
		return 0;
	if (k2 && (!json_object_object_get_ex(v, k2, &v) || !v))
		return 0;
	return (long long)json_object_get_int64(v);
}

/* TEXT, indented by IND on every line. */
static void indented(FILE *f, const char *ind, const char *text)
{
	const char *p = text, *nl;

	while (*p) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		fprintf(f, "%s%.*s\n", ind, (int)(nl - p), p);
		p = *nl ? nl + 1 : nl;
	}
}

void why_print_text(FILE *f, json_object *j)
{
	json_object *d = NULL, *g, *a, *v;
	size_t i, k, n;
	long long skipped;
	const char *s;

	json_object_object_get_ex(j, "denials", &d);
	n = d ? json_object_array_length(d) : 0;
	if (n == 0)
		fprintf(f, "No denials concerning GoToSocial in %s (%lld audit records read).\n",
			jstr(j, "source"), jint(j, "stats", "records"));
	else
		fprintf(f, "%s: %zu distinct denial%s concerning GoToSocial (%lld record%s).\n",
			jstr(j, "source"), n, n == 1 ? "" : "s", jint(j, "stats", "relevant"),
			jint(j, "stats", "relevant") == 1 ? "" : "s");
	if ((s = jstr(j, "policy")))
		fprintf(f, "Analysed with %s.\n", s);
	else if ((s = jstr(j, "policy_problem")) && n)
		fprintf(f, "No policy analysed: %s.\n", s);
	skipped = jint(j, "stats", "other_hosts");
	if (skipped)
		fprintf(f, "Skipped %lld record%s from other hosts (node=).\n", skipped,
			skipped == 1 ? "" : "s");
	skipped = jint(j, "stats", "malformed");
	if (skipped)
		fprintf(f, "Skipped %lld malformed or truncated denial record%s.\n", skipped,
			skipped == 1 ? "" : "s");
	skipped = jint(j, "stats", "dropped");
	if (skipped)
		fprintf(f, "%lld more denials of other kinds were not grouped (limit %d).\n",
			skipped, AVC_MAX_GROUPS);
	for (i = 0; i < n; i++) {
		g = json_object_array_get_idx(d, i);
		fprintf(f, "\n[%zu] %s: { ", i + 1, jstr(g, "class"));
		json_object_object_get_ex(g, "permissions", &a);
		for (k = 0; a && k < json_object_array_length(a); k++)
			fprintf(f, "%s ", json_object_get_string(json_object_array_get_idx(a, k)));
		fprintf(f, "} %s -> %s:%s\n", jstr(g, "source_type"), jstr(g, "target_type"),
			jstr(g, "tclass"));
		fprintf(f, "    %lld time%s, %s", jint(g, "count", NULL),
			jint(g, "count", NULL) == 1 ? "" : "s", jstr(g, "first"));
		if (jint(g, "count", NULL) > 1)
			fprintf(f, " to %s", jstr(g, "last"));
		if ((s = jstr(g, "comm")))
			fprintf(f, "; comm=%s", s);
		if ((s = jstr(g, "exe")))
			fprintf(f, " exe=%s", s);
		if (json_object_object_get_ex(g, "paths", &a) ||
		    json_object_object_get_ex(g, "names", &a))
			for (k = 0; k < json_object_array_length(a); k++)
				fprintf(f, " %s", json_object_get_string(json_object_array_get_idx(a, k)));
		if (json_object_object_get_ex(g, "ports", &a))
			for (k = 0; k < json_object_array_length(a); k++)
				fprintf(f, " port %s", json_object_get_string(json_object_array_get_idx(a, k)));
		if (json_object_object_get_ex(g, "permissive", &v) && json_object_get_boolean(v))
			fprintf(f, " (permissive)");
		fprintf(f, "\n    why: %s\n", jstr(g, "cause"));
		json_object_object_get_ex(g, "fix", &a);
		for (k = 0; a && k < json_object_array_length(a); k++)
			fprintf(f, "    %s %s\n", k ? "    " : "fix:",
				json_object_get_string(json_object_array_get_idx(a, k)));
		if ((s = jstr(g, "note")))
			fprintf(f, "    note: %s\n", s);
		if ((s = jstr(g, "report")))
			indented(f, "    ", s);
	}
}

static const char *hostname(char *buf, size_t size)
{
	if (gethostname(buf, size) != 0)
		return NULL;
	buf[size - 1] = '\0';
	return buf[0] ? buf : NULL;
}

int cmd_why(const struct gts_opts *o, struct gts_err *e)
{
	const char *input = o->input ? o->input : WHY_DEFAULT_LOG;
	struct avc_filter f = { 0, NULL };
	struct avc_set s;
	struct explain x;
	char host[256], policy[PATH_MAX], src[PATH_MAX + 64];
	json_object *j = NULL;
	int opened = 0, rc = -1;
	size_t n, nfiles = 0;

	avc_set_init(&s);
	if (o->since && o->boot) {
		gts_fail(e, GTS_EUSAGE, "--since and --boot contradict each other; give one");
		goto out;
	}
	if (o->boot && (f.since = avc_boot_time("/proc/stat")) < 0) {
		gts_fail(e, GTS_EFAIL, "cannot tell the boot time (no btime in /proc/stat)");
		goto out;
	}
	if (o->since && avc_parse_since(o->since, time(NULL), &f.since) < 0) {
		gts_fail(e, GTS_EUSAGE, "invalid --since '%s': give boot, today, yesterday, "
			 "recent, -N[smhd], @EPOCH or YYYY-MM-DD[ HH:MM[:SS]]", o->since);
		goto out;
	}
	f.node = hostname(host, sizeof(host));
	/* the default log with its rotated files, as ausearch reads it; --input: that one */
	if ((o->input ? avc_read_path(input, &f, &s, e) :
	     avc_read_rotated(input, &f, &s, &nfiles, e)) < 0)
		goto out;
	if (o->policy) {
		if (explain_open(&x, o->policy, NULL, e) < 0)
			goto out;
	} else if (explain_find_policy(o->root, o->store, policy, sizeof(policy)) == 0) {
		if (explain_open(&x, policy, NULL, e) < 0)
			goto out;
	} else {
		if (explain_open(&x, NULL, NULL, e) < 0)
			goto out;
		snprintf(x.policy_msg, sizeof(x.policy_msg), "no policy file found%s%s (give "
			 "--policy FILE)", o->root ? " under " : "", o->root ? o->root : "");
	}
	opened = 1;
	if (nfiles > 1)
		snprintf(src, sizeof(src), "%s (and %zu rotated)", input, nfiles - 1);
	else
		snprintf(src, sizeof(src), "%s", strcmp(input, "-") == 0 ? "standard input" : input);
	j = why_json(&x, &s, src);
	if (o->json)
		printf("%s\n", json_object_to_json_string_ext(j, JSON_C_TO_STRING_PRETTY |
							     JSON_C_TO_STRING_NOSLASHESCAPE));
	else if (!o->quiet || s.n)
		why_print_text(stdout, j);
	n = s.n;
	rc = 0;
	if (n || s.st.dropped) {
		/* found: exit 3, the answer above is the whole message (as verify does) */
		e->code = GTS_EVERIFY;
		e->msg[0] = '\0';
		rc = -1;
	}
out:
	if (j)
		json_object_put(j);
	if (opened)
		explain_close(&x);
	avc_set_free(&s);
	return rc;
}

/*
 * explain.c — classify GoToSocial's denials (see explain.h).
 *
 * libsepol: policydb_read() into our own policydb, made current with sepol_set_policydb()
 * and a sidtab; sepol_context_to_sid() + sepol_compute_av_reason() answer each question;
 * a boolean is flipped by setting its state and re-evaluating the conditional rules
 * (evaluate_conds), then restored. These internals are only in libsepol's static library
 * (tools/Makefile links it with its symbols hidden, so libsemanage keeps its own copy).
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* libsepol's headers first: conditional.h has a member named "bool", which the
 * <stdbool.h> that libselinux's headers pull in would turn into a type. */
#include <sepol/debug.h>
#include <sepol/policydb/conditional.h>
#include <sepol/policydb/policydb.h>
#include <sepol/policydb/services.h>
#include <sepol/policydb/sidtab.h>

#include <selinux/label.h>
#include <selinux/selinux.h>

#include "explain.h"

/* snprintf that may truncate (messages and paths are cut, never overflowed). */
static void put(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void put(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}

struct priv {
	policydb_t db;
	sidtab_t sids;
	int have_db;
	struct selabel_handle *fc;
};

static const struct tunable {
	const char *name, *opens;
} tunables[] = {
	{ "gotosocial_execmem", "anonymous memory mapped writable and executable (wazero's "
	  "compiled WebAssembly: SQLite and ffmpeg)" },
	{ "gotosocial_bind_http", "the net_bind_service capability, listening on http_port_t "
	  "(80, 443) and reading the system's TLS private keys" },
	{ "gotosocial_connect_postgresql", "connecting to postgresql_port_t (5432) and to "
	  "PostgreSQL's unix socket" },
	{ "gotosocial_connect_smtp", "connecting to smtp_port_t (25, 465, 587)" },
	{ "gotosocial_connect_all_ports", "connecting to any TCP port (federation on odd "
	  "ports, an outbound proxy, OTLP tracing)" },
	{ "gotosocial_httpd_read_content", "the web server (httpd_t) reading GoToSocial's web "
	  "assets and media storage, never its config, database or keys" },
	{ "gotosocial_exec_ffmpeg", "running bin_t programs (ffmpeg, ffprobe) in gotosocial_t" },
	{ NULL, NULL },
};

/* The config key or deployment a tunable belongs to (for "turn on when"). */
const char *explain_tunable_text(const char *name)
{
	size_t i;

	for (i = 0; tunables[i].name; i++)
		if (strcmp(tunables[i].name, name) == 0)
			return tunables[i].opens;
	return NULL;
}

const char *why_class_name(enum why_class c)
{
	switch (c) {
	case WHY_WRONG_DOMAIN:
		return "wrong-domain";
	case WHY_MISLABELED:
		return "mislabeled";
	case WHY_PORT:
		return "port";
	case WHY_BOOLEAN:
		return "boolean";
	case WHY_DONTAUDIT:
		return "dontaudit";
	case WHY_PERMISSIVE:
		return "permissive";
	case WHY_GAP:
		return "policy-gap";
	case WHY_ALLOWED_NOW:
		return "allowed-now";
	case WHY_NOT_IN_POLICY:
		return "not-in-policy";
	case WHY_UNKNOWN:
		return "unknown";
	}
	return "?";
}

void why_free(struct why *w)
{
	free(w->report);
	w->report = NULL;
}

/* ---- finding the policy ------------------------------------------------------------ */

static int conf_type(const char *root, char *buf, size_t size)
{
	char path[PATH_MAX], line[512];
	FILE *f;
	int rc = -1;

	put(path, sizeof(path), "%s/etc/selinux/config", root);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *v = line + strspn(line, " \t");

		if (strncmp(v, "SELINUXTYPE=", 12) != 0)
			continue;
		v += 12;
		v[strcspn(v, " \t\r\n")] = '\0';
		if (*v && strlen(v) < size) {
			put(buf, size, "%s", v);
			rc = 0;
		}
	}
	fclose(f);
	return rc;
}

/* DIR/policy.<highest N> into BUF. */
static int highest_policy(const char *dir, const char *base, char *buf, size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t bl = strlen(base);
	long best = -1;

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		char *end;
		long v;

		if (strncmp(de->d_name, base, bl) != 0 || de->d_name[bl] != '.')
			continue;
		v = strtol(de->d_name + bl + 1, &end, 10);
		if (*end || end == de->d_name + bl + 1 || v <= best)
			continue;
		best = v;
	}
	closedir(d);
	if (best < 0)
		return -1;
	put(buf, size, "%s/%s.%ld", dir, base, best);
	return 0;
}

int explain_find_policy(const char *root, const char *store, char *buf, size_t size)
{
	char name[256], dir[PATH_MAX];
	const char *cur, *bin, *slash;

	if (root && *root) {
		if (!store) {
			if (conf_type(root, name, sizeof(name)) < 0)
				return -1;
			store = name;
		}
		put(dir, sizeof(dir), "%s/etc/selinux/%s/policy", root, store);
		return highest_policy(dir, "policy", buf, size);
	}
	if (!store) {
		cur = selinux_current_policy_path();
		if (cur && access(cur, R_OK) == 0) {
			put(buf, size, "%s", cur);
			return 0;
		}
		bin = selinux_binary_policy_path();	/* ".../policy/policy" */
		if (!bin || !(slash = strrchr(bin, '/')))
			return -1;
		put(dir, sizeof(dir), "%.*s", (int)(slash - bin), bin);
		return highest_policy(dir, slash + 1, buf, size);
	}
	return explain_find_policy("/", store, buf, size);
}

/* POLICY's file contexts: <store>/contexts/files/file_contexts beside <store>/policy/. */
static void fc_beside(const char *policy, char *buf, size_t size)
{
	char dir[PATH_MAX];
	char *s;

	buf[0] = '\0';
	put(dir, sizeof(dir), "%s", policy);
	s = strrchr(dir, '/');
	if (!s)
		return;
	*s = '\0';
	s = strrchr(dir, '/');
	if (!s || strcmp(s, "/policy") != 0)
		return;
	*s = '\0';
	put(buf, size, "%s/contexts/files/file_contexts", dir);
	if (access(buf, R_OK) != 0)
		buf[0] = '\0';
}

int explain_open(struct explain *x, const char *policy, const char *fc, struct gts_err *e)
{
	struct priv *p;
	struct policy_file pf;
	struct selinux_opt opt;
	FILE *fp = NULL;
	int rc = -1;

	memset(x, 0, sizeof(*x));
	p = calloc(1, sizeof(*p));
	if (!p)
		return gts_fail(e, GTS_EFAIL, "out of memory");
	x->priv = p;
	sepol_debug(0);
	if (policy) {
		fp = fopen(policy, "re");
		if (!fp) {
			gts_fail(e, errno == EACCES || errno == EPERM ? GTS_EPERM : GTS_EFAIL,
				 "cannot read the policy %s: %s", policy, strerror(errno));
			goto out;
		}
		if (policydb_init(&p->db)) {
			gts_fail(e, GTS_EFAIL, "out of memory");
			goto out;
		}
		policy_file_init(&pf);
		pf.type = PF_USE_STDIO;
		pf.fp = fp;
		if (policydb_read(&p->db, &pf, 0)) {
			policydb_destroy(&p->db);
			gts_fail(e, GTS_EFAIL, "%s is not a kernel policy file (policy.NN)", policy);
			goto out;
		}
		if (sepol_sidtab_init(&p->sids)) {
			policydb_destroy(&p->db);
			gts_fail(e, GTS_EFAIL, "out of memory");
			goto out;
		}
		sepol_set_policydb(&p->db);
		sepol_set_sidtab(&p->sids);
		p->have_db = 1;
		put(x->policy_path, sizeof(x->policy_path), "%s", policy);
	}
	if (fc)
		put(x->fc_path, sizeof(x->fc_path), "%s", fc);
	else if (policy)
		fc_beside(policy, x->fc_path, sizeof(x->fc_path));
	if (!x->fc_path[0] && !fc && selinux_file_context_path() &&
	    access(selinux_file_context_path(), R_OK) == 0)
		put(x->fc_path, sizeof(x->fc_path), "%s", selinux_file_context_path());
	if (x->fc_path[0]) {
		opt.type = SELABEL_OPT_PATH;
		opt.value = x->fc_path;
		p->fc = selabel_open(SELABEL_CTX_FILE, &opt, 1);
		if (!p->fc)
			x->fc_path[0] = '\0';
	}
	rc = 0;
out:
	if (fp)
		fclose(fp);
	if (rc < 0) {
		free(p);
		x->priv = NULL;
	}
	return rc;
}

void explain_close(struct explain *x)
{
	struct priv *p = x->priv;

	if (!p)
		return;
	if (p->have_db) {
		sepol_set_policydb(NULL);
		sepol_set_sidtab(NULL);
		sepol_sidtab_destroy(&p->sids);
		policydb_destroy(&p->db);
	}
	if (p->fc)
		selabel_close(p->fc);
	free(p);
	x->priv = NULL;
}

/* ---- questions to the policy --------------------------------------------------------- */

static int to_sid(struct priv *p, const char *ctx, sepol_security_id_t *sid)
{
	char buf[512];
	const char *c;
	int i;

	if (sepol_context_to_sid(ctx, strlen(ctx) + 1, sid) == 0)
		return 0;
	/* A context from an MLS system on a non-MLS policy, or the other way round. */
	if (p->db.mls) {
		put(buf, sizeof(buf), "%s:s0", ctx);
	} else {
		for (i = 0, c = ctx; i < 3 && c; i++) {
			c = strchr(c, ':');
			if (c)
				c++;
		}
		if (!c)
			return -1;
		put(buf, sizeof(buf), "%.*s", (int)(c - ctx - 1), ctx);
	}
	return sepol_context_to_sid(buf, strlen(buf) + 1, sid) ? -1 : 0;
}

/* Replace the type of CTX by TYPE into BUF. */
static void with_type(const char *ctx, const char *type, char *buf, size_t size)
{
	const char *a = strchr(ctx, ':'), *b = a ? strchr(a + 1, ':') : NULL;
	const char *c = b ? strchr(b + 1, ':') : NULL;

	if (!b) {
		put(buf, size, "system_u:object_r:%s", type);
		return;
	}
	put(buf, size, "%.*s%s%s", (int)(b - ctx + 1), ctx, type, c ? c : "");
}

struct query {
	sepol_security_id_t ssid, tsid;
	sepol_security_class_t tclass;
	sepol_access_vector_t want;
};

enum { Q_OK = 0, Q_NO_SCON = -1, Q_NO_TCON = -2, Q_NO_CLASS = -3, Q_NO_PERM = -4 };

static int prepare(struct priv *p, const char *scon, const char *tcon, const char *tclass,
		   const char *perms, struct query *q)
{
	char buf[256], *w, *save = NULL;
	sepol_access_vector_t av;

	memset(q, 0, sizeof(*q));
	if (to_sid(p, scon, &q->ssid))
		return Q_NO_SCON;
	if (to_sid(p, tcon, &q->tsid))
		return Q_NO_TCON;
	if (sepol_string_to_security_class(tclass, &q->tclass))
		return Q_NO_CLASS;
	put(buf, sizeof(buf), "%s", perms);
	for (w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (sepol_string_to_av_perm(q->tclass, w, &av))
			return Q_NO_PERM;
		q->want |= av;
	}
	return q->want ? Q_OK : Q_NO_PERM;
}

static int allowed(const struct query *q, struct sepol_av_decision *avd, unsigned int *reason)
{
	struct sepol_av_decision d;
	unsigned int r = 0;

	if (!avd)
		avd = &d;
	if (sepol_compute_av_reason(q->ssid, q->tsid, q->tclass, q->want, avd, &r))
		return 0;
	if (reason)
		*reason = r;
	return (avd->allowed & q->want) == q->want;
}

/* Allowed with TCON's type replaced by TYPE? -1 when the policy lacks TYPE. */
static int allowed_as(struct priv *p, const struct avc_rec *r, const char *type)
{
	char ctx[512];
	struct query q;

	with_type(r->tcontext, type, ctx, sizeof(ctx));
	if (prepare(p, r->scontext, ctx, r->tclass, r->perms, &q) != Q_OK)
		return -1;
	return allowed(&q, NULL, NULL);
}

static int set_bool(struct priv *p, uint32_t i, int state)
{
	p->db.bool_val_to_struct[i]->state = state;
	return evaluate_conds(&p->db);
}

/* Booleans whose flip alone allows Q, narrowest first: the module's tunables, the
 * catch-all gotosocial_connect_all_ports after them, then the distribution's booleans. */
static int bool_rank(const char *name)
{
	if (strcmp(name, "gotosocial_connect_all_ports") == 0)
		return 1;
	return strncmp(name, "gotosocial_", 11) == 0 ? 0 : 2;
}

static void find_booleans(struct priv *p, const struct query *q, struct why *w)
{
	uint32_t i;
	int pass, cur;

	for (pass = 0; pass < 3; pass++) {
		for (i = 0; i < p->db.p_bools.nprim && w->nbools < WHY_MAX_BOOLS; i++) {
			const char *name = p->db.p_bool_val_to_name[i];

			if (bool_rank(name) != pass)
				continue;
			cur = p->db.bool_val_to_struct[i]->state;
			if (set_bool(p, i, !cur) == 0 && allowed(q, NULL, NULL)) {
				put(w->boolean[w->nbools], sizeof(w->boolean[0]), "%s", name);
				w->bool_value[w->nbools++] = !cur;
			}
			set_bool(p, i, cur);
		}
	}
}

static int domain_permissive(struct priv *p, const char *ctx)
{
	char t[128];
	type_datum_t *d;

	avc_ctx_type(ctx, t, sizeof(t));
	d = hashtab_search(p->db.p_types.table, (hashtab_key_t)t);
	return d && ebitmap_get_bit(&p->db.permissive_map, d->s.value);
}

static int has_attr(struct priv *p, const char *type, const char *attr)
{
	type_datum_t *t = hashtab_search(p->db.p_types.table, (hashtab_key_t)type);
	type_datum_t *a = hashtab_search(p->db.p_types.table, (hashtab_key_t)attr);

	if (!t || !a || !p->db.type_attr_map)
		return 0;
	return ebitmap_get_bit(&p->db.type_attr_map[t->s.value - 1], a->s.value - 1);
}

/* Files kept from services on purpose: authentication files (file_type but not
 * non_auth_file_type: /etc/shadow, GoToSocial's config and keys) and users' home content. */
static int secret_type(struct priv *p, const char *type)
{
	if (!has_attr(p, type, "file_type"))
		return 0;
	return (has_attr(p, type, "non_auth_file_type") == 0 &&
		hashtab_search(p->db.p_types.table, (hashtab_key_t)"non_auth_file_type")) ||
	       has_attr(p, type, "user_home_content_type");
}

/* ---- text helpers ------------------------------------------------------------------- */

static void add_fix(struct why *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add_fix(struct why *w, const char *fmt, ...)
{
	va_list ap;

	if (w->nfix >= WHY_MAX_FIX)
		return;
	va_start(ap, fmt);
	vsnprintf(w->fix[w->nfix++], sizeof(w->fix[0]), fmt, ap);
	va_end(ap);
}

static const char *ttype(const char *ctx, char *buf, size_t size)
{
	return avc_ctx_type(ctx, buf, size);
}

/* Port types that name no service: a port of one of these is free to label for GoToSocial. */
static int generic_port_type(const char *t)
{
	static const char *const generic[] = { "unreserved_port_t", "reserved_port_t",
					       "hi_reserved_port_t", "port_t", "ephemeral_port_t",
					       "unlabeled_t", NULL };
	const char *const *g;

	for (g = generic; *g; g++)
		if (strcmp(t, *g) == 0)
			return 1;
	return 0;
}

static const char *proto_of(const char *tclass)
{
	return strncmp(tclass, "udp", 3) == 0 ? "udp" : strncmp(tclass, "sctp", 4) == 0 ? "sctp" :
	       "tcp";
}

static mode_t mode_of(const char *tclass)
{
	static const struct {
		const char *cls;
		mode_t mode;
	} m[] = {
		{ "file", S_IFREG }, { "dir", S_IFDIR }, { "lnk_file", S_IFLNK },
		{ "sock_file", S_IFSOCK }, { "fifo_file", S_IFIFO }, { "chr_file", S_IFCHR },
		{ "blk_file", S_IFBLK }, { "service", S_IFREG },	/* systemd: the unit file */
	};
	size_t i;

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (strcmp(m[i].cls, tclass) == 0)
			return m[i].mode;
	return 0;
}

/* Where the module's file types go: a guess of KIND for `install --path` from a path. */
static const char *guess_kind(const char *path)
{
	const char *b = strrchr(path, '/');

	b = b ? b + 1 : path;
	if (strstr(path, "/certs"))
		return "cert";
	if (strstr(path, "storage") || strstr(path, "media") || strstr(path, "attachment"))
		return "storage";
	if (strstr(path, ".cache") || strstr(path, "/cache"))
		return "cache";
	if (strstr(b, ".db") || strstr(path, "sqlite"))
		return "db";
	if (strstr(path, "/web/") || strstr(path, "template") || strstr(path, "assets"))
		return "web";
	if (strstr(b, "config") || strstr(b, ".yaml"))
		return "conf";
	return NULL;
}

/* Types a path gets when no rule of any module names it. */
static int generic_type(const char *t)
{
	static const char *const g[] = { "default_t", "var_t", "var_lib_t", "usr_t", "home_root_t",
		"root_t", "etc_t", "unlabeled_t", "file_t", "mnt_t", NULL };
	size_t i;

	for (i = 0; g[i]; i++)
		if (strcmp(g[i], t) == 0)
			return 1;
	return 0;
}

/* The directory to label KIND for PATH: up to the component that names it ("storage",
 * ".cache", "certs", "web"), else PATH's directory (PATH itself for a directory). */
static void kind_root(const char *path, const char *kind, int is_dir, char *buf, size_t size)
{
	static const struct {
		const char *kind, *word;
	} words[] = { { "storage", "storage" }, { "storage", "media" }, { "cache", "cache" },
		      { "cert", "certs" }, { "web", "web" } };
	const char *s, *end;
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (strcmp(words[i].kind, kind) != 0 || !(s = strstr(path, words[i].word)))
			continue;
		end = s + strcspn(s, "/");
		if (s > path && (s[-1] == '/' || s[-1] == '.')) {
			put(buf, size, "%.*s", (int)(end - path), path);
			return;
		}
	}
	s = strrchr(path, '/');
	if (is_dir)
		put(buf, size, "%s", path);
	else if (!s || s == path)
		put(buf, size, "/");
	else
		put(buf, size, "%.*s", (int)(s - path), path);
}

/* ---- the classes ---------------------------------------------------------------------- */

static int is_fallback(const char *t)
{
	return !strcmp(t, "unconfined_service_t") || !strcmp(t, "init_t") ||
	       !strcmp(t, "initrc_t") || !strcmp(t, "unconfined_t");
}

static int is_nnp_refusal(const struct avc_rec *r)
{
	char tt[128];

	avc_ctx_type(r->tcontext, tt, sizeof(tt));
	return strncmp(tt, "gotosocial_", 11) == 0 &&
	       (strstr(r->perms, "nnp_transition") || strstr(r->perms, "nosuid_transition") ||
		(r->kind == AVC_SELINUX_ERR && strcmp(r->op, "security_bounded_transition") == 0));
}

void explain_scan(struct explain *x, const struct avc_set *s)
{
	size_t i;

	x->nnp_refused = 0;
	for (i = 0; i < s->n; i++)
		if (is_nnp_refusal(&s->g[i].first))
			x->nnp_refused = 1;
}

static int wrong_domain(struct explain *x, const struct avc_group *g, struct why *w)
{
	struct priv *p = x->priv;
	const struct avc_rec *r = &g->first;
	char st[128], tt[128], exp[128] = "";
	char *con = NULL;
	int nosuid = strstr(r->perms, "nosuid_transition") != NULL;

	ttype(r->scontext, st, sizeof(st));
	ttype(r->tcontext, tt, sizeof(tt));
	if (is_nnp_refusal(r)) {
		int ok = -1;

		w->cls = WHY_WRONG_DOMAIN;
		if (p->have_db) {
			struct query q;

			if (prepare(p, r->scontext, r->tcontext, "process2", nosuid ?
				    "nosuid_transition" : "nnp_transition", &q) == Q_OK)
				ok = allowed(&q, NULL, NULL);
		}
		put(w->cause, sizeof(w->cause),
			 "GoToSocial was started %s, and the policy in force did not allow the "
			 "transition from %s to %s under it: the server ran as %s, not confined "
			 "by its own policy (and likely failed to start).",
			 nosuid ? "from a filesystem mounted nosuid" :
			 "with NoNewPrivileges=yes (the upstream unit sets it)", st, tt, st);
		if (ok == 1) {
			put(w->note, sizeof(w->note), "The policy analysed (%s) allows this "
				 "transition: the module in force when this was logged was missing "
				 "or older.", x->policy_path);
			add_fix(w, "gts-selinux install");
			add_fix(w, "systemctl restart gotosocial");
		} else if (nosuid) {
			add_fix(w, "move the binary (%s) to a filesystem mounted without nosuid, "
				 "then: systemctl restart gotosocial", r->exe[0] ? r->exe :
				 "gotosocial");
		} else {
			put(w->note, sizeof(w->note), "%s", ok == 0 ?
				 "The policy analysed does not allow it either: report it as a "
				 "policy gap (gts-selinux why --json shows the record)." :
				 "No policy to check whether the current module allows it.");
			add_fix(w, "gts-selinux install   (the module allows the NoNewPrivileges "
				 "transition from init)");
			add_fix(w, "systemctl restart gotosocial");
		}
		return 1;
	}
	if (!is_fallback(st) || !avc_is_gotosocial_proc(r))
		return 0;
	w->cls = WHY_WRONG_DOMAIN;
	if (r->exe[0] && p->fc && selabel_lookup(p->fc, &con, r->exe, S_IFREG) == 0) {
		avc_ctx_type(con, exp, sizeof(exp));
		freecon(con);
	}
	if (x->nnp_refused && strcmp(st, "unconfined_t") != 0) {
		put(w->cause, sizeof(w->cause),
		    "GoToSocial ran as %s, not gotosocial_t, because the transition into "
		    "gotosocial_t was refused under NoNewPrivileges (the wrong-domain denial of "
		    "the same log): fixing that one fixes this.", st);
		add_fix(w, "gts-selinux install");
		add_fix(w, "systemctl restart gotosocial");
	} else if (exp[0] && strcmp(exp, "gotosocial_exec_t") != 0) {
		put(w->cause, sizeof(w->cause),
			 "GoToSocial ran as %s, not gotosocial_t: its binary %s is at a path the "
			 "policy does not label as GoToSocial's (it gets %s), so starting it does "
			 "not enter gotosocial_t.", st, r->exe, exp);
		add_fix(w, "gts-selinux install --path %s=exec", r->exe);
		add_fix(w, "systemctl restart gotosocial");
	} else if (!strcmp(st, "unconfined_t")) {
		put(w->cause, sizeof(w->cause),
			 "GoToSocial ran as unconfined_t: it was started by hand from an admin "
			 "shell. Only a start by systemd (init) enters gotosocial_t.");
		add_fix(w, "systemctl start gotosocial");
	} else {
		put(w->cause, sizeof(w->cause),
			 "GoToSocial ran as %s, not gotosocial_t: its binary%s%s is not labeled "
			 "gotosocial_exec_t (copied or unpacked after the module was installed, "
			 "or moved with mv).", st, r->exe[0] ? " " : "", r->exe);
		if (r->exe[0]) {
			add_fix(w, "gts-selinux relabel %s   (or: restorecon -v %s)", r->exe,
				r->exe);
		} else {
			add_fix(w, "gts-selinux relabel   (or: restorecon -v on the binary)");
		}
		add_fix(w, "systemctl restart gotosocial");
		put(w->note, sizeof(w->note), "gts-selinux verify checks the process "
			 "domain and the binary's label.");
	}
	return 1;
}

/* The deepest directory holding every absolute example path of G. */
static void common_dir(const struct avc_group *g, char *buf, size_t size)
{
	size_t i, len = 0, k;
	const char *first = NULL;

	for (i = 0; i < g->npaths; i++) {
		const char *p = g->paths[i];

		if (p[0] != '/')
			continue;
		if (!first) {
			first = p;
			len = strlen(p);
			continue;
		}
		for (k = 0; k < len && p[k] == first[k]; k++)
			;
		len = k;
	}
	if (!first) {
		put(buf, size, "/");
		return;
	}
	/* cut back to a whole directory component */
	while (len > 1 && first[len] != '/')
		len--;
	put(buf, size, "%.*s", (int)(len > 1 ? len : 1), first);
}

static int mislabeled(struct explain *x, const struct avc_group *g, struct why *w)
{
	struct priv *p = x->priv;
	const struct avc_rec *r = &g->first;
	mode_t mode = mode_of(r->tclass);
	char tt[128], exp[128], st[128], buf[PATH_MAX];
	char *con = NULL;
	size_t i;
	int n = 0, after;

	if (!mode || !p->fc)
		return 0;
	ttype(r->tcontext, tt, sizeof(tt));
	ttype(r->scontext, st, sizeof(st));
	for (i = 0; i < g->npaths; i++) {
		const char *path = g->paths[i];

		if (path[0] != '/' || selabel_lookup(p->fc, &con, path, mode) != 0)
			continue;
		avc_ctx_type(con, exp, sizeof(exp));
		freecon(con);
		if (!exp[0])
			continue;
		if ((strcmp(exp, tt) == 0 || generic_type(exp)) && !n &&
		    strcmp(st, "gotosocial_t") == 0 && generic_type(tt) && guess_kind(path) &&
		    p->have_db) {
			/* GoToSocial's data at a path the module does not know. */
			const char *kind = guess_kind(path);
			char type[64];

			put(type, sizeof(type), "gotosocial_%s_t", kind);
			if (allowed_as(p, r, type) == 1) {
				kind_root(path, kind, mode == S_IFDIR, buf, sizeof(buf));
				put(w->expected, sizeof(w->expected), "%s", type);
				put(w->cause, sizeof(w->cause),
				    "%s is labeled %s, and the policy gives that path %s: GoToSocial's "
				    "%s is at a place the module does not know (moved by its config).",
				    path, tt, exp, kind);
				add_fix(w, "gts-selinux install --path %s=%s", buf, kind);
				w->cls = WHY_MISLABELED;
				return 1;
			}
		}
		if (strcmp(exp, tt) != 0) {
			if (!n) {
				put(w->expected, sizeof(w->expected), "%s", exp);
				put(w->cause, sizeof(w->cause),
					 "%s is labeled %s, but the policy's file contexts label it "
					 "%s: it was created or moved in with the wrong label (mv "
					 "keeps labels; a restore from backup or tar without "
					 "--selinux does too).", path, tt, exp);
			}
			add_fix(w, "gts-selinux relabel %s   (or: restorecon -Rv %s)", path, path);
			n++;
		}
	}
	if (!n)
		return 0;
	w->cls = WHY_MISLABELED;
	if (n > 1) {
		/* Several files: relabel the directory they share (a restore or a move
		 * mislabels trees, not single files). */
		common_dir(g, buf, sizeof(buf));
		w->nfix = 0;
		add_fix(w, "gts-selinux relabel %s   (or: restorecon -Rv %s)", buf, buf);
	}
	if (p->have_db) {
		after = allowed_as(p, r, w->expected);
		if (after == 1)
			put(w->note, sizeof(w->note), "With the right label (%s) the policy "
				 "allows this access.", w->expected);
		else if (after == 0)
			put(w->note, sizeof(w->note), "Even labeled %s the access is denied: "
				 "after relabeling, run gts-selinux why again.", w->expected);
	}
	return 1;
}

static void report(struct explain *x, const struct avc_group *g, struct why *w,
		   unsigned int reason)
{
	const struct avc_rec *r = &g->first;
	char st[128], tt[128], t1[64], t2[64], ex[1200] = "";
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	size_t i;

	if (!f)
		return;
	ttype(r->scontext, st, sizeof(st));
	ttype(r->tcontext, tt, sizeof(tt));
	if (g->npaths)
		put(ex, sizeof(ex), " %s=%s", r->path_is_name ? "name" : "path", g->paths[0]);
	for (i = 0; i < g->nports; i++)
		put(ex + strlen(ex), sizeof(ex) - strlen(ex), " port=%d", g->ports[i]);
	fprintf(f, "--- GoToSocial SELinux policy gap: paste this into a bug report ---\n");
	fprintf(f, "gts-selinux: %s   GoToSocial: %s\n", VERSION,
		x->gts_version ? x->gts_version : "unknown (run: gotosocial --version)");
	fprintf(f, "policy: %s\n", x->policy_path[0] ? x->policy_path : "(none analysed)");
	fprintf(f, "denied: { %s } %s -> %s:%s, %lu time%s, %s to %s\n", r->perms, st, tt,
		r->tclass, g->count, g->count == 1 ? "" : "s",
		avc_time_str(g->first_sec, g->first_msec, t1, sizeof(t1)),
		avc_time_str(g->last_sec, g->last_msec, t2, sizeof(t2)));
	fprintf(f, "process: comm=%s exe=%s%s\n", r->comm[0] ? r->comm : "?",
		r->exe[0] ? r->exe : "?", ex);
	fprintf(f, "record: %s\n", r->raw);
	fprintf(f, "analysis: no rule of the policy allows this and no boolean would%s%s\n",
		reason & SEPOL_COMPUTEAV_CONS ? "; a constraint denies it too" : "",
		reason & SEPOL_COMPUTEAV_BOUNDS ? "; a type bound denies it too" : "");
	fprintf(f, "config: %s\n", x->config_summary ? x->config_summary :
		"(add: db-type, storage-local-base-path, port, letsencrypt-enabled, smtp-host)");
	fprintf(f, "what GoToSocial was doing: (describe it here)\n");
	fprintf(f, "---\n");
	fclose(f);
	w->report = buf;
}

void explain_group(struct explain *x, const struct avc_group *g, struct why *w)
{
	struct priv *p = x->priv;
	const struct avc_rec *r = &g->first;
	struct sepol_av_decision avd;
	struct query q;
	char st[128], tt[128];
	unsigned int reason = 0;
	int rc, port = g->nports ? g->ports[0] : -1;
	size_t i;

	memset(w, 0, sizeof(*w));
	ttype(r->scontext, st, sizeof(st));
	ttype(r->tcontext, tt, sizeof(tt));

	/* 1. wrong domain */
	if (wrong_domain(x, g, w))
		return;
	/* 2. mislabeled file */
	if (mislabeled(x, g, w))
		return;
	if (!p || !p->have_db) {
		w->cls = WHY_UNKNOWN;
		put(w->cause, sizeof(w->cause), "No policy was analysed%s%s: only the "
			 "domain and the labels could be checked.", x->policy_msg[0] ? ": " : "",
			 x->policy_msg);
		add_fix(w, "gts-selinux why --policy /etc/selinux/TYPE/policy/policy.NN");
		return;
	}
	if (r->kind == AVC_SELINUX_ERR) {
		w->cls = WHY_GAP;
		put(w->cause, sizeof(w->cause), "The kernel reported an error (%s) for "
			 "%s -> %s.", r->op, st, tt);
		report(x, g, w, 0);
		return;
	}
	rc = prepare(p, r->scontext, r->tcontext, r->tclass, r->perms, &q);
	if (rc != Q_OK) {
		w->cls = WHY_NOT_IN_POLICY;
		put(w->cause, sizeof(w->cause), "The policy analysed (%s) does not know %s "
			 "of this denial: %s.", x->policy_path,
			 rc == Q_NO_SCON ? "the source context" : rc == Q_NO_TCON ?
			 "the target context" : rc == Q_NO_CLASS ? "the class" : "a permission",
			 rc == Q_NO_SCON ? r->scontext : rc == Q_NO_TCON ? r->tcontext :
			 rc == Q_NO_CLASS ? r->tclass : r->perms);
		if ((rc == Q_NO_SCON && strncmp(st, "gotosocial_", 11) == 0) ||
		    (rc == Q_NO_TCON && strncmp(tt, "gotosocial_", 11) == 0))
			add_fix(w, "gts-selinux install   (the gotosocial module is not in this "
				 "policy)");
		else
			add_fix(w, "analyse with the policy the record came from: gts-selinux why "
				 "--policy FILE");
		return;
	}
	if (allowed(&q, &avd, &reason)) {
		w->cls = WHY_ALLOWED_NOW;
		put(w->cause, sizeof(w->cause), "The policy analysed (%s) allows this "
			 "access: the denial was logged under another policy (an older module, or "
			 "booleans set differently then).", x->policy_path);
		add_fix(w, "gts-selinux verify   (checks the module and booleans in force)");
		return;
	}
	/* 3. port / 4. boolean */
	find_booleans(p, &q, w);
	if (!w->nbools && port >= 0 && strstr(r->perms, "name_bind") &&
	    strcmp(st, "gotosocial_t") == 0 && !generic_port_type(tt)) {
		/* Another service's port: relabeling it would take it from that service. */
		w->cls = WHY_PORT;
		put(w->cause, sizeof(w->cause), "GoToSocial was configured to listen on "
			 "%s/%d, which the policy gives another service (%s).",
			 proto_of(r->tclass), port, tt);
		add_fix(w, "move GoToSocial to a port no other service uses (port: in "
			 "config.yaml), then: gts-selinux install");
		put(w->note, sizeof(w->note), "gts-selinux install --port %s/%d would relabel "
			 "it gotosocial_port_t and take it from the service %s is for: only if "
			 "that service no longer uses it.", proto_of(r->tclass), port, tt);
		return;
	}
	if (!w->nbools && port >= 0 && strstr(r->perms, "name_bind") &&
	    strcmp(st, "gotosocial_t") == 0) {
		w->cls = WHY_PORT;
		put(w->cause, sizeof(w->cause), "GoToSocial was configured to listen on "
			 "%s/%d, labeled %s: a port type gotosocial_t may not bind.",
			 proto_of(r->tclass), port, tt);
		for (i = 0; i < g->nports; i++)
			add_fix(w, "gts-selinux install --port %s/%d   (labels it gotosocial_port_t)",
				proto_of(r->tclass), g->ports[i]);
		add_fix(w, "or move GoToSocial back to its default port: port: 8080 in "
			 "config.yaml");
		if (allowed_as(p, r, "gotosocial_port_t") == 0)
			put(w->note, sizeof(w->note), "The policy analysed does not let "
				 "gotosocial_t bind gotosocial_port_t either.");
		else if (port < 1024)
			put(w->note, sizeof(w->note), "A port below 1024 also needs the "
				 "capability: setsebool -P gotosocial_bind_http on.");
		return;
	}
	if (w->nbools) {
		const char *opens = explain_tunable_text(w->boolean[0]);

		w->cls = WHY_BOOLEAN;
		put(w->cause, sizeof(w->cause), "The boolean %s is %s, and it decides this "
			 "access%s.", w->boolean[0], w->bool_value[0] ? "off" : "on",
			 port < 0 ? "" : strstr(r->perms, "name_connect") ? " (a connection to that "
			 "port)" : strstr(r->perms, "name_bind") ? " (listening on that port)" : "");
		add_fix(w, "setsebool -P %s %s", w->boolean[0], w->bool_value[0] ? "on" : "off");
		if (opens)
			put(w->note, sizeof(w->note), "%s %s allows %s.", w->boolean[0],
			    w->bool_value[0] ? "on" : "off", opens);
		else
			put(w->note, sizeof(w->note), "%s is a boolean of the distribution's "
			    "policy: see semanage boolean -l before setting it.", w->boolean[0]);
		for (i = 1; i < w->nbools; i++)
			put(w->note + strlen(w->note), sizeof(w->note) - strlen(w->note),
			    "%s %s %s would allow it too%s", i == 1 ? " Broader:" : ",",
			    w->boolean[i], w->bool_value[i] ? "on" : "off",
			    i + 1 == w->nbools ? "." : "");
		return;
	}
	/* 5. hidden or permissive-only */
	if ((avd.auditdeny & q.want) != q.want) {
		w->cls = WHY_DONTAUDIT;
		put(w->cause, sizeof(w->cause), "The policy hides this denial (dontaudit): "
			 "GoToSocial is expected to cope without it. It was logged because dontaudit "
			 "rules are disabled (semodule -DB).");
		add_fix(w, "nothing to fix; to hide it again: semodule -B");
		return;
	}
	if (r->permissive || domain_permissive(p, r->scontext)) {
		w->cls = WHY_PERMISSIVE;
		put(w->cause, sizeof(w->cause), "Logged, not enforced: %s was permissive "
			 "(permissive=1). Enforcing, this access would be denied and no rule or "
			 "boolean allows it.", domain_permissive(p, r->scontext) ? st :
			 "the system or domain");
		add_fix(w, "report it as a policy gap if GoToSocial needs it (report below)");
		report(x, g, w, reason);
		return;
	}
	/* 6. policy gap */
	w->cls = WHY_GAP;
	if (secret_type(p, tt)) {
		if (strncmp(tt, "gotosocial_", 11) == 0 && strcmp(st, "gotosocial_t") != 0)
			put(w->note, sizeof(w->note), "%s holds GoToSocial's secrets and is kept "
			    "from every other service on purpose: only gotosocial_t and its admins "
			    "read it. Give %s what it needs from another path (web assets and media "
			    "are gotosocial_web_t and gotosocial_storage_t).", tt, st);
		else
			put(w->note, sizeof(w->note), "%s is a secret (an authentication file or "
			    "a user's home content) that the policy keeps from services on purpose: "
			    "GoToSocial never needs it. Find out what made it try (a config path "
			    "pointing there? a compromise?) before reporting.", tt);
	}
	put(w->cause, sizeof(w->cause), "Nothing in the policy allows %s { %s } on %s:%s, "
		 "and no boolean would.%s", st, r->perms, tt, r->tclass,
		 reason & SEPOL_COMPUTEAV_CONS ? " A constraint denies it too." : "");
	add_fix(w, "if GoToSocial needs this, report the gap (report below); do not add an "
		 "allow rule with audit2allow: it undoes the confinement");
	report(x, g, w, reason);
}

/*
 * avc.c — read and group GoToSocial's denials (see avc.h).
 *
 * Every input goes through auparse's feed interface (AUSOURCE_FEED), in 64 KiB chunks:
 * (the kernel log's form of the records, as dmesg and journalctl -k show them when no auditd
 * runs, is rewritten line by line into the audit log's on the way in)
 * one path for files, standard input and in-memory buffers (the fuzz target), and auparse
 * keeps only the events still open, so a log of any size is read in bounded memory.
 * auparse splits the records and their fields; the "{ perm ... }" list and the
 * denied/granted word are taken from the record text, because auparse does not split them
 * out of USER_AVC messages.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <auparse.h>
#include <linux/audit.h>

#include "avc.h"

#define CHUNK 65536

/* Domains the server lands in when the transition into gotosocial_t did not happen. */
static const char *const fallback_domains[] = {
	"unconfined_service_t", "init_t", "initrc_t", "unconfined_t", NULL,
};

void avc_set_init(struct avc_set *s)
{
	memset(s, 0, sizeof(*s));
}

void avc_set_free(struct avc_set *s)
{
	size_t i, j;

	for (i = 0; i < s->n; i++)
		for (j = 0; j < s->g[i].npaths; j++)
			free(s->g[i].paths[j]);
	free(s->g);
	memset(s, 0, sizeof(*s));
}

const char *avc_ctx_type(const char *ctx, char *buf, size_t size)
{
	const char *p = ctx, *end;
	int i;

	buf[0] = '\0';
	for (i = 0; i < 2 && p; i++) {
		p = strchr(p, ':');
		if (p)
			p++;
	}
	if (!p || !*p)
		return buf;
	end = strchr(p, ':');
	if (!end)
		end = p + strlen(p);
	if ((size_t)(end - p) >= size)
		return buf;
	memcpy(buf, p, (size_t)(end - p));
	buf[end - p] = '\0';
	return buf;
}

static int is_ours(const char *type)
{
	return strncmp(type, "gotosocial_", 11) == 0;
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

int avc_is_gotosocial_proc(const struct avc_rec *r)
{
	return strcmp(r->comm, "gotosocial") == 0 ||
	       (r->exe[0] && strcmp(base_name(r->exe), "gotosocial") == 0);
}

int avc_same_host(const char *a, const char *b)
{
	size_t la = strcspn(a, "."), lb = strcspn(b, ".");

	if (strcasecmp(a, b) == 0)
		return 1;
	if (!a[la] == !b[lb])	/* both short or both qualified, and different */
		return 0;
	return la == lb && strncasecmp(a, b, la) == 0;
}

int avc_relevant(const struct avc_rec *r)
{
	char st[128], tt[128];
	size_t i;

	avc_ctx_type(r->scontext, st, sizeof(st));
	avc_ctx_type(r->tcontext, tt, sizeof(tt));
	if (is_ours(st) || is_ours(tt))
		return 1;
	/* systemd about the unit file, whatever its label */
	if (strcmp(r->tclass, "service") == 0 && !r->path_is_name &&
	    strcmp(base_name(r->path), "gotosocial.service") == 0)
		return 1;
	if (!avc_is_gotosocial_proc(r))
		return 0;
	for (i = 0; fallback_domains[i]; i++)
		if (strcmp(st, fallback_domains[i]) == 0)
			return 1;
	return 0;
}

/* Copy a field value: strip quotes, decode the kernel's hex encoding of untrusted strings. */
static void copy_value(char *dst, size_t size, const char *v, int maybe_hex)
{
	size_t n = strlen(v), i, o = 0;

	if (size == 0)
		return;
	if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
		v++;
		n -= 2;
	} else if (maybe_hex && n >= 2 && n % 2 == 0 && strspn(v, "0123456789ABCDEFabcdef") == n) {
		for (i = 0; i + 1 < n && o + 1 < size; i += 2) {
			char h[3] = { v[i], v[i + 1], '\0' };
			int c = (int)strtol(h, NULL, 16);

			dst[o++] = c ? (char)c : '?';
		}
		dst[o] = '\0';
		return;
	}
	if (n >= size)
		n = size - 1;
	memcpy(dst, v, n);
	dst[n] = '\0';
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "avc:  denied  { read open } for ..." → *GRANTED, sorted PERMS. 0 ok, -1 not an AVC text. */
static int parse_avc_text(const char *text, int *granted, char *perms, size_t size)
{
	const char *p = strstr(text, "avc:"), *open, *close;
	char buf[256], *words[32], *w, *save = NULL;
	size_t n = 0, i, len;

	if (!p)
		return -1;
	p += 4;
	p += strspn(p, " ");
	if (strncmp(p, "denied", 6) == 0)
		*granted = 0;
	else if (strncmp(p, "granted", 7) == 0)
		*granted = 1;
	else
		return -1;
	open = strchr(p, '{');
	close = open ? strchr(open, '}') : NULL;
	if (!open || !close || close - open - 1 >= (long)sizeof(buf))
		return -1;
	memcpy(buf, open + 1, (size_t)(close - open - 1));
	buf[close - open - 1] = '\0';
	for (w = strtok_r(buf, " ", &save); w && n < 32; w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	if (n == 0)
		return -1;
	qsort(words, n, sizeof(words[0]), cmp_str);
	perms[0] = '\0';
	for (i = 0, len = 0; i < n; i++) {
		size_t wl = strlen(words[i]);

		if (i > 0 && strcmp(words[i], words[i - 1]) == 0)
			continue;
		if (len + wl + 2 > size)
			break;
		if (len)
			perms[len++] = ' ';
		memcpy(perms + len, words[i], wl + 1);
		len += wl;
	}
	return 0;
}

/* NAME's value in the current record. Not auparse_find_field(): on a miss it moves on to
 * the event's next records. */
static const char *field(auparse_state_t *au, const char *name)
{
	const char *n;

	if (auparse_first_field(au) <= 0)
		return NULL;
	do {
		n = auparse_get_field_name(au);
		if (n && strcmp(n, name) == 0)
			return auparse_get_field_str(au);
	} while (auparse_next_field(au) > 0);
	return NULL;
}

static void get_field(auparse_state_t *au, const char *name, char *dst, size_t size,
		      int maybe_hex)
{
	const char *v = field(au, name);

	dst[0] = '\0';
	if (v)
		copy_value(dst, size, v, maybe_hex);
}

static long get_num(auparse_state_t *au, const char *name, long dflt)
{
	const char *v = field(au, name);
	char *end;
	long n;

	if (!v || !*v)
		return dflt;
	errno = 0;
	n = strtol(v, &end, 10);
	return (*end || errno) ? dflt : n;
}

/* The current record of AU as a denial: 1 a denial with its fields, 2 a granted record
 * (auditallow), 0 not an AVC/USER_AVC/SELINUX_ERR record, -1 a malformed one. */
static int parse_record(auparse_state_t *au, struct avc_rec *r)
{
	int type = auparse_get_type(au);
	const char *text = auparse_get_record_text(au);
	int granted = 0;
	long port;

	if (type != AUDIT_AVC && type != AUDIT_USER_AVC && type != AUDIT_SELINUX_ERR)
		return 0;
	memset(r, 0, sizeof(*r));
	r->kind = type == AUDIT_AVC ? AVC_AVC : type == AUDIT_USER_AVC ? AVC_USER_AVC :
		  AVC_SELINUX_ERR;
	r->port = -1;
	r->pid = -1;
	if (text)
		copy_value(r->raw, sizeof(r->raw), text, 0);
	r->sec = auparse_get_time(au);
	r->msec = auparse_get_milli(au);
	r->serial = auparse_get_serial(au);
	if (r->kind == AVC_SELINUX_ERR) {
		get_field(au, "op", r->op, sizeof(r->op), 0);
		get_field(au, "oldcontext", r->scontext, sizeof(r->scontext), 0);
		get_field(au, "newcontext", r->tcontext, sizeof(r->tcontext), 0);
		if (!r->scontext[0]) {	/* op=security_compute_sid and others */
			get_field(au, "scontext", r->scontext, sizeof(r->scontext), 0);
			get_field(au, "tcontext", r->tcontext, sizeof(r->tcontext), 0);
			get_field(au, "tclass", r->tclass, sizeof(r->tclass), 0);
		} else {
			snprintf(r->tclass, sizeof(r->tclass), "process");
		}
		if (!r->op[0] || !r->scontext[0] || !r->tcontext[0])
			return -1;
		snprintf(r->perms, sizeof(r->perms), "%s", r->op);
		return 1;
	}
	if (!text || parse_avc_text(text, &granted, r->perms, sizeof(r->perms)) < 0)
		return -1;
	if (granted)
		return 2;
	get_field(au, "scontext", r->scontext, sizeof(r->scontext), 0);
	get_field(au, "tcontext", r->tcontext, sizeof(r->tcontext), 0);
	get_field(au, "tclass", r->tclass, sizeof(r->tclass), 0);
	if (!r->scontext[0] || !r->tcontext[0] || !r->tclass[0])
		return -1;
	get_field(au, "comm", r->comm, sizeof(r->comm), 1);
	get_field(au, "exe", r->exe, sizeof(r->exe), 1);
	get_field(au, "path", r->path, sizeof(r->path), 1);
	if (!r->path[0]) {
		get_field(au, "name", r->path, sizeof(r->path), 1);
		r->path_is_name = r->path[0] != '\0';
	}
	if (strstr(r->perms, "name_bind") || strstr(r->perms, "node_bind"))
		port = get_num(au, "src", -1);
	else
		port = get_num(au, "dest", -1);
	if (port < 0)
		port = get_num(au, "lport", -1);
	r->port = port >= 0 && port <= 65535 ? (int)port : -1;
	r->permissive = get_num(au, "permissive", 0) == 1;
	r->pid = get_num(au, "pid", -1);
	return 1;
}

static unsigned long hash_str(unsigned long h, const char *s)
{
	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211UL;
	return (h ^ 0xff) * 1099511628211UL;
}

static unsigned long rec_hash(const struct avc_rec *r)
{
	unsigned long h = 14695981039346656037UL;

	h = hash_str(h, r->kind == AVC_SELINUX_ERR ? "E" : "A");
	h = hash_str(h, r->scontext);
	h = hash_str(h, r->tcontext);
	h = hash_str(h, r->tclass);
	h = hash_str(h, r->perms);
	return h ^ (unsigned long)r->permissive;
}

static int same(const struct avc_rec *a, const struct avc_rec *b)
{
	return (a->kind == AVC_SELINUX_ERR) == (b->kind == AVC_SELINUX_ERR) &&
	       a->permissive == b->permissive && strcmp(a->scontext, b->scontext) == 0 &&
	       strcmp(a->tcontext, b->tcontext) == 0 && strcmp(a->tclass, b->tclass) == 0 &&
	       strcmp(a->perms, b->perms) == 0;
}

static int later(time_t s1, unsigned int m1, time_t s2, unsigned int m2)
{
	return s1 > s2 || (s1 == s2 && m1 > m2);
}

static void add_example(struct avc_group *g, const struct avc_rec *r)
{
	size_t i;

	if (r->path[0] && g->npaths < AVC_MAX_EXAMPLES) {
		for (i = 0; i < g->npaths; i++)
			if (strcmp(g->paths[i], r->path) == 0)
				break;
		if (i == g->npaths) {
			g->paths[i] = strdup(r->path);
			if (g->paths[i])
				g->npaths++;
		}
	}
	if (r->port >= 0 && g->nports < AVC_MAX_EXAMPLES) {
		for (i = 0; i < g->nports; i++)
			if (g->ports[i] == r->port)
				break;
		if (i == g->nports)
			g->ports[g->nports++] = r->port;
	}
}

static void add_rec(struct avc_set *s, const struct avc_rec *r)
{
	unsigned long h = rec_hash(r);
	struct avc_group *g;
	size_t i;

	s->st.relevant++;
	for (i = 0; i < s->n; i++) {
		g = &s->g[i];
		if (g->hash != h || !same(&g->first, r))
			continue;
		g->count++;
		if (later(r->sec, r->msec, g->last_sec, g->last_msec)) {
			g->last_sec = r->sec;
			g->last_msec = r->msec;
		}
		if (later(g->first_sec, g->first_msec, r->sec, r->msec)) {
			g->first_sec = r->sec;
			g->first_msec = r->msec;
		}
		add_example(g, r);
		return;
	}
	if (s->n == AVC_MAX_GROUPS) {
		s->st.dropped++;
		return;
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		struct avc_group *ng = realloc(s->g, cap * sizeof(*ng));

		if (!ng) {
			s->st.dropped++;
			return;
		}
		s->g = ng;
		s->cap = cap;
	}
	g = &s->g[s->n++];
	memset(g, 0, sizeof(*g));
	g->first = *r;
	g->count = 1;
	g->first_sec = g->last_sec = r->sec;
	g->first_msec = g->last_msec = r->msec;
	g->hash = h;
	add_example(g, r);
}

#define HEAD 256	/* how much of a line decides whether it is a kernel-log line */

struct feed_ctx {
	struct avc_set *s;
	const struct avc_filter *f;
	struct avc_rec rec;	/* scratch, too big for the stack of a callback chain */
	char head[HEAD + 64];	/* the start of the current line */
	size_t hlen;
	int in_body;		/* the head went out: pass the rest of the line through */
};

/* The kernel log's form of an audit record (dmesg, journalctl -k, a serial console, when no
 * auditd takes the records): "[   28.82] audit: type=1400 audit(1796313519.940:14): avc: ..."
 * becomes the audit log's "type=AVC msg=audit(1796313519.940:14): avc: ...". */
static const char *type_name(long t)
{
	switch (t) {
	case AUDIT_AVC:
		return "AVC";
	case AUDIT_SELINUX_ERR:
		return "SELINUX_ERR";
	case AUDIT_USER_AVC:
		return "USER_AVC";
	case AUDIT_SYSCALL:
		return "SYSCALL";
	case AUDIT_PATH:
		return "PATH";
	case AUDIT_CWD:
		return "CWD";
	case AUDIT_PROCTITLE:
		return "PROCTITLE";
	}
	return NULL;
}

static void feed_head(struct feed_ctx *c, auparse_state_t *au)
{
	char out[HEAD + 128];
	const char *p = memmem(c->head, c->hlen, "audit: type=", 12), *q;
	const char *name;
	char *end;
	long t;
	int n;

	if (p && (p == c->head || p[-1] == ' ')) {
		t = strtol(p + 12, &end, 10);
		q = end;
		name = type_name(t);
		if (q < c->head + c->hlen && *q == ' ' && name &&
		    (size_t)(c->head + c->hlen - (q + 1)) >= 6 && memcmp(q + 1, "audit(", 6) == 0) {
			q++;
			n = snprintf(out, sizeof(out), "type=%s msg=", name);
			if (n > 0 && (size_t)n + (size_t)(c->head + c->hlen - q) <= sizeof(out)) {
				memcpy(out + n, q, (size_t)(c->head + c->hlen - q));
				auparse_feed(au, out, (size_t)n + (size_t)(c->head + c->hlen - q));
				c->hlen = 0;
				return;
			}
		}
	}
	auparse_feed(au, c->head, c->hlen);
	c->hlen = 0;
}

/* Feed N bytes of DATA to AU, line heads rewritten where they are in the kernel log's form.
 * Memory: one line head, whatever the length of the lines. */
static void feed(struct feed_ctx *c, auparse_state_t *au, const char *data, size_t n)
{
	const char *nl;
	size_t k;

	while (n > 0) {
		if (c->in_body) {
			nl = memchr(data, '\n', n);
			k = nl ? (size_t)(nl - data) + 1 : n;
			auparse_feed(au, data, k);
			if (nl)
				c->in_body = 0;
			data += k;
			n -= k;
			continue;
		}
		nl = memchr(data, '\n', n);
		k = nl ? (size_t)(nl - data) + 1 : n;
		if (k > HEAD - c->hlen)
			k = HEAD - c->hlen;
		memcpy(c->head + c->hlen, data, k);
		c->hlen += k;
		data += k;
		n -= k;
		if (c->head[c->hlen - 1] == '\n') {
			feed_head(c, au);
		} else if (c->hlen == HEAD) {
			feed_head(c, au);
			c->in_body = 1;
		}
	}
}

static void feed_end(struct feed_ctx *c, auparse_state_t *au)
{
	if (c->hlen)
		feed_head(c, au);
	c->in_body = 0;
	auparse_flush_feed(au);
}

/* What the other records of an event tell about its denials. */
struct event_ctx {
	char exe[512], comm[64], cwd[512];
	char paths[4][1024];	/* PATH records' name= */
	size_t npaths;
	int nnp_avc;		/* an AVC nnp_transition/nosuid_transition is in the event */
};

static void event_context(auparse_state_t *au, struct event_ctx *ev)
{
	memset(ev, 0, sizeof(*ev));
	do {
		int t = auparse_get_type(au);

		if (t == AUDIT_SYSCALL) {
			get_field(au, "exe", ev->exe, sizeof(ev->exe), 1);
			get_field(au, "comm", ev->comm, sizeof(ev->comm), 1);
		} else if (t == AUDIT_CWD) {
			get_field(au, "cwd", ev->cwd, sizeof(ev->cwd), 1);
		} else if (t == AUDIT_PATH && ev->npaths < 4) {
			get_field(au, "name", ev->paths[ev->npaths], sizeof(ev->paths[0]), 1);
			if (ev->paths[ev->npaths][0] && strcmp(ev->paths[ev->npaths], "(null)"))
				ev->npaths++;
		} else if (t == AUDIT_AVC) {
			const char *text = auparse_get_record_text(au);

			if (text && (strstr(text, "{ nnp_transition") ||
				     strstr(text, " nosuid_transition")))
				ev->nnp_avc = 1;
		}
	} while (auparse_next_record(au) > 0);
}

/* A name= of R completed to a full path from the event's PATH (and CWD) records. */
static void complete_path(struct avc_rec *r, const struct event_ctx *ev)
{
	size_t i, nl = strlen(r->path);

	if (!r->path_is_name || strchr(r->path, '/'))
		return;
	for (i = 0; i < ev->npaths; i++) {
		const char *p = ev->paths[i];
		size_t pl = strlen(p);

		if (pl < nl || strcmp(p + pl - nl, r->path) != 0 ||
		    (pl > nl && p[pl - nl - 1] != '/'))
			continue;
		if (p[0] == '/')
			snprintf(r->path, sizeof(r->path), "%s", p);
		else if (ev->cwd[0] == '/')
			snprintf(r->path, sizeof(r->path), "%s%s%s", ev->cwd,
				 ev->cwd[strlen(ev->cwd) - 1] == '/' ? "" : "/",
				 strncmp(p, "./", 2) ? p : p + 2);
		else
			continue;
		r->path_is_name = 0;
		return;
	}
}

/* One complete event: its denial records, with what its other records add. */
static void on_event(auparse_state_t *au, auparse_cb_event_t type, void *data)
{
	struct feed_ctx *c = data;
	struct avc_rec *r = &c->rec;
	struct event_ctx ev;
	const char *node;
	int keep_node = 1, rc;

	if (type != AUPARSE_CB_EVENT_READY || auparse_first_record(au) <= 0)
		return;
	node = auparse_get_node(au);
	if (c->f->node && node && !avc_same_host(node, c->f->node))
		keep_node = 0;
	free((void *)node);
	event_context(au, &ev);
	if (auparse_first_record(au) <= 0)
		return;
	do {
		rc = parse_record(au, r);
		if (rc == 0)
			continue;
		/* The kernel follows a denied nnp_transition with a SELINUX_ERR about the
		 * bounded transition it tried next: one denial, counted once. */
		if (rc == 1 && ev.nnp_avc && r->kind == AVC_SELINUX_ERR &&
		    strcmp(r->op, "security_bounded_transition") == 0)
			continue;
		c->s->st.records++;
		if (rc < 0) {
			c->s->st.malformed++;
			continue;
		}
		if (rc == 2) {
			c->s->st.granted++;
			continue;
		}
		if (!keep_node) {
			c->s->st.other_hosts++;
			continue;
		}
		if (c->f->since && r->sec < c->f->since) {
			c->s->st.too_old++;
			continue;
		}
		if (!r->exe[0] && ev.exe[0])
			memcpy(r->exe, ev.exe, sizeof(r->exe));
		if (!r->comm[0] && ev.comm[0])
			memcpy(r->comm, ev.comm, sizeof(r->comm));
		complete_path(r, &ev);
		if (avc_relevant(r))
			add_rec(c->s, r);
	} while (auparse_next_record(au) > 0);
}

static auparse_state_t *feed_open(struct feed_ctx *c, struct gts_err *e)
{
	auparse_state_t *au = auparse_init(AUSOURCE_FEED, NULL);

	if (!au) {
		gts_fail(e, GTS_EFAIL, "cannot start the audit log parser: %s", strerror(errno));
		return NULL;
	}
	auparse_add_callback(au, on_event, c, NULL);
	return au;
}

int avc_read_buffer(const char *data, size_t len, const struct avc_filter *f,
		    struct avc_set *s, struct gts_err *e)
{
	struct feed_ctx *c = calloc(1, sizeof(*c));
	auparse_state_t *au;
	size_t off, n;

	if (!c)
		return gts_fail(e, GTS_EFAIL, "out of memory");
	c->s = s;
	c->f = f;
	au = feed_open(c, e);
	if (!au) {
		free(c);
		return -1;
	}
	for (off = 0; off < len; off += n) {
		n = len - off < CHUNK ? len - off : CHUNK;
		feed(c, au, data + off, n);
	}
	feed_end(c, au);
	auparse_destroy(au);
	free(c);
	return 0;
}

int avc_read_fp(FILE *fp, const char *name, const struct avc_filter *f, struct avc_set *s,
		struct gts_err *e)
{
	struct feed_ctx *c = calloc(1, sizeof(*c));
	char *buf = malloc(CHUNK);
	auparse_state_t *au = NULL;
	size_t n;
	int rc = -1;

	if (!c || !buf) {
		gts_fail(e, GTS_EFAIL, "out of memory");
		goto out;
	}
	c->s = s;
	c->f = f;
	au = feed_open(c, e);
	if (!au)
		goto out;
	while ((n = fread(buf, 1, CHUNK, fp)) > 0)
		feed(c, au, buf, n);
	if (ferror(fp)) {
		gts_fail(e, GTS_EPERM, "cannot read %s: %s", name, strerror(errno));
		goto out;
	}
	feed_end(c, au);
	rc = 0;
out:
	if (au)
		auparse_destroy(au);
	free(buf);
	free(c);
	return rc;
}

int avc_read_path(const char *path, const struct avc_filter *f, struct avc_set *s,
		  struct gts_err *e)
{
	FILE *fp;
	int rc;

	if (strcmp(path, "-") == 0)
		return avc_read_fp(stdin, "standard input", f, s, e);
	fp = fopen(path, "re");
	if (!fp)
		return gts_fail(e, GTS_EPERM, "cannot read the audit log %s: %s%s", path,
				strerror(errno), errno == EACCES ? " (run as root, or give "
				"--input FILE with a copy, e.g. from ausearch --raw)" :
				errno == ENOENT ? " (is auditd installed and running? or give "
				"--input FILE)" : "");
	rc = avc_read_fp(fp, path, f, s, e);
	fclose(fp);
	return rc;
}

static int cmp_rot(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? 1 : x > y ? -1 : 0;	/* highest number (oldest) first */
}

int avc_read_rotated(const char *base, const struct avc_filter *f, struct avc_set *s,
		     size_t *nfiles, struct gts_err *e)
{
	char dir[4096], path[4200];
	const char *name, *slash = strrchr(base, '/');
	long nums[1000];
	size_t n = 0, i, bl;
	struct dirent *de;
	DIR *d;
	FILE *fp;

	*nfiles = 0;
	if (slash)
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - base + (slash == base)), base);
	else
		snprintf(dir, sizeof(dir), ".");
	name = slash ? slash + 1 : base;
	bl = strlen(name);
	d = opendir(dir);
	while (d && (de = readdir(d)) && n < sizeof(nums) / sizeof(nums[0])) {
		char *end;
		long v;

		if (strncmp(de->d_name, name, bl) != 0 || de->d_name[bl] != '.' ||
		    !isdigit((unsigned char)de->d_name[bl + 1]))
			continue;
		v = strtol(de->d_name + bl + 1, &end, 10);
		if (!*end && v > 0)
			nums[n++] = v;
	}
	if (d)
		closedir(d);
	qsort(nums, n, sizeof(nums[0]), cmp_rot);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s.%ld", base, nums[i]);
		fp = fopen(path, "re");
		if (!fp)
			continue;
		if (avc_read_fp(fp, path, f, s, e) < 0) {
			fclose(fp);
			return -1;
		}
		fclose(fp);
		(*nfiles)++;
	}
	if (avc_read_path(base, f, s, e) < 0)
		return -1;
	(*nfiles)++;
	return 0;
}

struct one_ctx {
	struct avc_rec *out;
	int found;
};

static void on_one(auparse_state_t *au, auparse_cb_event_t type, void *data)
{
	struct one_ctx *c = data;

	if (type != AUPARSE_CB_EVENT_READY || c->found || auparse_first_record(au) <= 0)
		return;
	do {
		if (parse_record(au, c->out) == 1) {
			c->found = 1;
			return;
		}
	} while (auparse_next_record(au) > 0);
}

int avc_parse_line(const char *line, struct avc_rec *r)
{
	auparse_state_t *au = auparse_init(AUSOURCE_FEED, NULL);
	struct one_ctx c = { r, 0 };

	if (!au)
		return 0;
	auparse_add_callback(au, on_one, &c, NULL);
	auparse_feed(au, line, strlen(line));
	if (!strchr(line, '\n'))
		auparse_feed(au, "\n", 1);
	auparse_flush_feed(au);
	auparse_destroy(au);
	return c.found;
}

int avc_parse_since(const char *s, time_t now, time_t *out)
{
	struct tm tm;
	char *end;
	long long v;
	const char *rest;

	if (!s || !*s)
		return -1;
	if (strcmp(s, "now") == 0) {
		*out = now;
		return 0;
	}
	if (strcmp(s, "recent") == 0) {
		*out = now - 600;
		return 0;
	}
	if (strcmp(s, "boot") == 0) {
		*out = avc_boot_time("/proc/stat");
		return *out < 0 ? -1 : 0;
	}
	if (strcmp(s, "today") == 0 || strcmp(s, "yesterday") == 0) {
		if (!localtime_r(&now, &tm))
			return -1;
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
		if (s[0] == 'y')
			tm.tm_mday--;
		tm.tm_isdst = -1;
		*out = mktime(&tm);
		return *out == (time_t)-1 ? -1 : 0;
	}
	if (s[0] == '-' && isdigit((unsigned char)s[1])) {
		errno = 0;
		v = strtoll(s + 1, &end, 10);
		if (errno || v > 100LL * 366 * 86400)
			return -1;
		if (!strcmp(end, "") || !strcmp(end, "s"))
			;
		else if (!strcmp(end, "m"))
			v *= 60;
		else if (!strcmp(end, "h"))
			v *= 3600;
		else if (!strcmp(end, "d"))
			v *= 86400;
		else
			return -1;
		*out = now - (time_t)v;
		return 0;
	}
	if (isdigit((unsigned char)s[s[0] == '@']) && !strchr(s, '-')) {
		errno = 0;
		v = strtoll(s + (s[0] == '@'), &end, 10);
		if (errno || *end || v < 0)
			return -1;
		*out = (time_t)v;
		return 0;
	}
	memset(&tm, 0, sizeof(tm));
	rest = strptime(s, "%Y-%m-%d", &tm);
	if (!rest)
		return -1;
	if (*rest) {
		const char *r2;

		if (*rest != ' ' && *rest != 'T')
			return -1;
		r2 = strptime(rest + 1, "%H:%M:%S", &tm);
		if (!r2) {
			tm.tm_sec = 0;
			r2 = strptime(rest + 1, "%H:%M", &tm);
		}
		if (!r2 || *r2)
			return -1;
	}
	tm.tm_isdst = -1;
	*out = mktime(&tm);
	return *out == (time_t)-1 ? -1 : 0;
}

time_t avc_boot_time(const char *proc_stat)
{
	FILE *f = fopen(proc_stat, "re");
	char line[256];
	long long bt = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "btime %lld", &bt) == 1)
			break;
	fclose(f);
	return bt > 0 ? (time_t)bt : -1;
}

const char *avc_time_str(time_t sec, unsigned int msec, char *buf, size_t size)
{
	struct tm tm;
	char t[64];

	if (!localtime_r(&sec, &tm) || !strftime(t, sizeof(t), "%Y-%m-%d %H:%M:%S", &tm)) {
		snprintf(buf, size, "%lld", (long long)sec);
		return buf;
	}
	snprintf(buf, size, "%s.%03u", t, msec % 1000);
	return buf;
}

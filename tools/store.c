/*
 * store.c — the libsemanage session (see store.h).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <selinux/selinux.h>
#include <sepol/cil/cil.h>

#include "store.h"

/* Value of KEY in a "key = value" / "KEY=value" file, or -1. */
static int conf_value(const char *path, const char *key, char *out, size_t size)
{
	char line[1024], *p, *v, *end;
	size_t klen = strlen(key);
	FILE *f = fopen(path, "re");
	int rc = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		for (p = line; isspace((unsigned char)*p); p++)
			;
		if (strncmp(p, key, klen) != 0)
			continue;
		for (v = p + klen; isspace((unsigned char)*v); v++)
			;
		if (*v != '=')
			continue;
		for (v++; isspace((unsigned char)*v); v++)
			;
		for (end = v + strlen(v); end > v && isspace((unsigned char)end[-1]); end--)
			;
		*end = '\0';
		snprintf(out, size, "%s", v);
		rc = 0;
	}
	fclose(f);
	return rc;
}

static void msg_cb(void *arg, semanage_handle_t *sh, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void msg_cb(void *arg, semanage_handle_t *sh, const char *fmt, ...)
{
	struct store *s = arg;
	int level = semanage_msg_get_level(sh);
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (level == SEMANAGE_MSG_ERR)
		snprintf(s->lastmsg, sizeof(s->lastmsg), "%s", buf);
	if (s->verbose)
		fprintf(stderr, "%s: libsemanage.%s: %s\n", GTS_NAME,
			semanage_msg_get_channel(sh) ? semanage_msg_get_channel(sh) : "", buf);
}

/* ": <libsemanage's message>" for error texts, or where to find it. */
static const char *why(const struct store *s, char *buf, size_t size)
{
	if (s->lastmsg[0])
		snprintf(buf, size, ": %s", s->lastmsg);
	else if (!s->verbose)
		snprintf(buf, size, " (run with -v for the policy compiler's messages)");
	else
		buf[0] = '\0';
	return buf;
}

/* The policy compiler (CIL in libsepol) logs to stderr by itself; without -v its lines
 * would break the one-line error, so they are dropped (-v keeps them). */
static void cil_quiet(int level, const char *msg)
{
	(void)level;
	(void)msg;
}

static int resolve_root(struct store *s, const struct gts_opts *o, struct gts_err *e)
{
	char real[PATH_MAX];
	struct stat st;

	if (!o->root) {
		if (is_selinux_enabled() <= 0)
			return gts_fail(e, GTS_EDISABLED,
					"SELinux is disabled on this system, so there is no policy to "
					"change; enable SELinux (SELINUX= in /etc/selinux/config, then "
					"reboot) or give --root DIR to work on the store of another root");
		s->root[0] = '\0';
		s->live = 1;
		return 0;
	}
	if (!realpath(o->root, real) || stat(real, &st) < 0 || !S_ISDIR(st.st_mode))
		return gts_fail(e, GTS_EUSAGE, "invalid --root '%s': %s; give an existing directory",
				o->root, errno ? strerror(errno) : "not a directory");
	if (strcmp(real, "/") == 0) {
		s->root[0] = '\0';
		s->live = 1;
	} else {
		snprintf(s->root, sizeof(s->root), "%s", real);
	}
	return 0;
}

/*
 * libsemanage switches stores with two renames, active -> previous and tmp -> active. A
 * process killed between them leaves no active/ at all, which libsemanage 3.4 then reports
 * as "not managed". The previous store is complete and consistent (with its record): put it
 * back, under the transaction lock. A read-only caller only says what to run.
 */
static int recover_interrupted_commit(struct store *s, enum store_mode mode, struct gts_err *e)
{
	char active[sizeof(s->dir) + 16], previous[sizeof(s->dir) + 16], lock[sizeof(s->dir) + 32];
	int fd, rc = 0;

	snprintf(active, sizeof(active), "%s/active", s->dir);
	snprintf(previous, sizeof(previous), "%s/previous", s->dir);
	if (access(active, F_OK) == 0 || errno != ENOENT || access(previous, F_OK) != 0)
		return 0;
	if (mode == STORE_READ)
		return gts_fail(e, GTS_EFAIL, "the policy store %s was left without its active "
				"store by an interrupted commit; run 'gts-selinux install' or "
				"'gts-selinux uninstall' as root to restore it", s->dir);
	snprintf(lock, sizeof(lock), "%s/semanage.trans.LOCK", s->dir);
	fd = open(lock, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || flock(fd, LOCK_EX | LOCK_NB) < 0) {
		rc = gts_fail(e, GTS_EFAIL, "the policy store %s is locked by another program "
			      "(semodule, semanage or a package manager); run again when it has "
			      "finished", s->dir);
	} else if (access(active, F_OK) != 0 && rename(previous, active) < 0) {
		rc = gts_fail(e, errno == EACCES || errno == EPERM ? GTS_EPERM : GTS_EFAIL,
			      "cannot restore %s from %s after an interrupted commit: %s", active,
			      previous, strerror(errno));
	} else if (!s->quiet) {
		fprintf(stderr, GTS_NAME ": note: restored %s from the previous store after an "
			"interrupted commit\n", active);
	}
	if (fd >= 0)
		close(fd);
	return rc;
}

static int perm_denied(const struct store *s, enum store_mode mode, struct gts_err *e)
{
	return gts_fail(e, GTS_EPERM, "permission denied: %s the policy store %s needs root; "
			"run as root (e.g. with sudo)", mode == STORE_WRITE ? "changing" : "reading",
			s->dir);
}

int store_open(struct store *s, const struct gts_opts *o, enum store_mode mode,
	       struct gts_err *e)
{
	char path[PATH_MAX + 64], storeroot[PATH_MAX], b[1100];
	int rc;

	memset(s, 0, sizeof(*s));
	s->verbose = o->verbose;
	s->quiet = o->quiet;
	if (resolve_root(s, o, e) < 0)
		return -1;
	if (o->store) {
		snprintf(s->name, sizeof(s->name), "%s", o->store);
	} else {
		snprintf(path, sizeof(path), "%s/etc/selinux/config", s->root);
		if (conf_value(path, "SELINUXTYPE", s->name, sizeof(s->name)) < 0 || !s->name[0])
			return gts_fail(e, GTS_EDISABLED,
					"no SELINUXTYPE in %s: SELinux is not set up in %s; install "
					"the distribution's SELinux policy or give --store NAME", path,
					s->live ? "/" : s->root);
	}
	if (!s->name[0] || strchr(s->name, '/') || strcmp(s->name, ".") == 0 ||
	    strcmp(s->name, "..") == 0)
		return gts_fail(e, GTS_EUSAGE, "invalid --store '%s': give a store name such as "
				"targeted or default", s->name);
	snprintf(path, sizeof(path), "%s/etc/selinux/semanage.conf", s->root);
	if (conf_value(path, "store-root", storeroot, sizeof(storeroot)) < 0)
		snprintf(storeroot, sizeof(storeroot), "/var/lib/selinux");
	snprintf(s->dir, sizeof(s->dir), "%s%s/%s", s->root, storeroot, s->name);
	/* Reload only the running system's policy, and only where SELinux is enabled: an
	 * alternate root's policy must never reach this kernel. */
	s->reload = s->live && !o->no_reload && is_selinux_enabled() > 0;

	/* Once per process, before the handle exists (libsemanage caches it). */
	if (!s->live && semanage_set_root(s->root) < 0)
		return gts_fail(e, GTS_EFAIL, "cannot use %s as the root", s->root);
	s->sh = semanage_handle_create();
	if (!s->sh)
		return gts_fail(e, GTS_EFAIL, "cannot create a libsemanage handle");
	semanage_msg_set_callback(s->sh, msg_cb, s);
	if (!s->verbose)
		cil_set_log_handler(cil_quiet);
	semanage_select_store(s->sh, s->name, SEMANAGE_CON_DIRECT);
	semanage_set_reload(s->sh, s->reload);
	semanage_set_create_store(s->sh, 0);
	if (recover_interrupted_commit(s, mode, e) < 0)
		return -1;
	/* A store we may not enter looks "not managed" to libsemanage: say what it is. */
	if (faccessat(AT_FDCWD, s->dir, mode == STORE_WRITE ? W_OK | X_OK : R_OK | X_OK,
		      AT_EACCESS) < 0 && errno == EACCES)
		return perm_denied(s, mode, e);
	rc = semanage_is_managed(s->sh);
	if (rc < 0)
		return gts_fail(e, GTS_EFAIL, "cannot read the policy store %s%s", s->dir,
				why(s, b, sizeof(b)));
	if (rc == 0)
		return gts_fail(e, GTS_EDISABLED,
				"no SELinux policy store '%s' at %s; install the distribution's "
				"SELinux policy there or name the store with --store", s->name, s->dir);
	rc = semanage_access_check(s->sh);
	if (rc < 0)
		return gts_fail(e, GTS_EFAIL, "cannot check access to %s%s", s->dir,
				why(s, b, sizeof(b)));
	if (rc < (mode == STORE_WRITE ? SEMANAGE_CAN_WRITE : SEMANAGE_CAN_READ))
		return perm_denied(s, mode, e);
	if (semanage_connect(s->sh) < 0)
		return gts_fail(e, GTS_EFAIL, "cannot connect to the policy store %s%s", s->dir,
				why(s, b, sizeof(b)));
	s->connected = 1;
	s->mls = semanage_mls_enabled(s->sh) > 0;
	return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/*
 * A transaction that ends without a successful commit leaves libsemanage's sandbox (tmp/,
 * a full copy of the store) behind; the next transaction would remove it. Remove it now so
 * that a refused change leaves the store directory exactly as it was — under the store's
 * transaction lock (libsemanage's is a flock on semanage.trans.LOCK), so that a sandbox
 * another writer has just made is never touched.
 */
static void discard_sandbox(const struct store *s)
{
	char lock[sizeof(s->dir) + 32], sandbox[sizeof(s->dir) + 8];
	int fd;

	snprintf(lock, sizeof(lock), "%s/semanage.trans.LOCK", s->dir);
	snprintf(sandbox, sizeof(sandbox), "%s/tmp", s->dir);
	fd = open(lock, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (flock(fd, LOCK_EX | LOCK_NB) == 0 && access(sandbox, F_OK) == 0)
		nftw(sandbox, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	close(fd);
}

void store_close(struct store *s)
{
	int leftover = s->in_tx || s->failed;

	if (s->sh) {
		/* semanage_disconnect() asserts on a handle that never connected. */
		if (s->connected)
			semanage_disconnect(s->sh);
		semanage_handle_destroy(s->sh);
	}
	if (leftover)
		discard_sandbox(s);
	s->sh = NULL;
	s->connected = s->in_tx = s->failed = 0;
}

int store_module_state(struct store *s, int priority, struct modstate *m, struct gts_err *e)
{
	semanage_module_info_t *list = NULL, *mi;
	semanage_module_key_t *key = NULL;
	const char *name;
	uint16_t prio;
	char *csum = NULL, b[1100];
	size_t clen = 0;
	int n = 0, i, rc = -1, en = 0;

	memset(m, 0, sizeof(*m));
	if (semanage_module_list_all(s->sh, &list, &n) < 0)
		return gts_fail(e, GTS_EFAIL, "cannot list the modules of %s%s", s->dir,
				why(s, b, sizeof(b)));
	for (i = 0; i < n; i++) {
		mi = semanage_module_list_nth(list, i);
		if (semanage_module_info_get_name(s->sh, mi, &name) < 0 ||
		    strcmp(name, GTS_MODULE) != 0 ||
		    semanage_module_info_get_priority(s->sh, mi, &prio) < 0)
			continue;
		if (!m->installed || prio > m->priority)
			m->priority = prio;
		m->installed = 1;
		if (prio == priority)
			m->at_ours = 1;
		else if (m->nother < (int)(sizeof(m->other_prio) / sizeof(m->other_prio[0])))
			m->other_prio[m->nother++] = prio;
	}
	if (!m->installed) {
		rc = 0;
		goto out;
	}
	if (semanage_module_key_create(s->sh, &key) < 0 ||
	    semanage_module_key_set_name(s->sh, key, GTS_MODULE) < 0)
		goto fail;
	if (semanage_module_get_enabled(s->sh, key, &en) < 0)
		goto fail;
	m->enabled = en;
	if (semanage_module_key_set_priority(s->sh, key, (uint16_t)m->priority) < 0 ||
	    semanage_module_compute_checksum(s->sh, key, 0, &csum, &clen) < 0)
		goto fail;
	snprintf(m->checksum, sizeof(m->checksum), "%s", csum);
	free(csum);
	csum = NULL;
	if (m->at_ours) {
		if (semanage_module_key_set_priority(s->sh, key, (uint16_t)priority) < 0 ||
		    semanage_module_compute_checksum(s->sh, key, 0, &csum, &clen) < 0)
			goto fail;
		snprintf(m->our_checksum, sizeof(m->our_checksum), "%s", csum);
	}
	rc = 0;
	goto out;
fail:
	gts_fail(e, GTS_EFAIL, "cannot read module %s in %s%s", GTS_MODULE, s->dir,
		 why(s, b, sizeof(b)));
out:
	free(csum);
	if (key) {
		semanage_module_key_destroy(s->sh, key);
		free(key);
	}
	for (i = 0; i < n; i++)
		semanage_module_info_destroy(s->sh, semanage_module_list_nth(list, i));
	free(list);
	return rc;
}

static int proto_num(const char *proto)
{
	if (strcmp(proto, "tcp") == 0)
		return SEMANAGE_PROTO_TCP;
	if (strcmp(proto, "udp") == 0)
		return SEMANAGE_PROTO_UDP;
	if (strcmp(proto, "sctp") == 0)
		return SEMANAGE_PROTO_SCTP;
	return SEMANAGE_PROTO_DCCP;
}

static const char *con_type(semanage_context_t *con)
{
	return con ? semanage_context_get_type(con) : "<<none>>";
}

/* The libsemanage records one operation may hold; recs_free() releases whichever exist. */
struct recs {
	semanage_context_t *con;
	semanage_port_key_t *pk;
	semanage_port_t *port;
	semanage_fcontext_key_t *fk;
	semanage_fcontext_t *fc;
	semanage_bool_key_t *bk;
	semanage_bool_t *bo;
};

/* The *_free() functions of libsemanage 3.4 do not accept NULL. */
static void recs_free(struct recs *r)
{
	if (r->con)
		semanage_context_free(r->con);
	if (r->pk)
		semanage_port_key_free(r->pk);
	if (r->port)
		semanage_port_free(r->port);
	if (r->fk)
		semanage_fcontext_key_free(r->fk);
	if (r->fc)
		semanage_fcontext_free(r->fc);
	if (r->bk)
		semanage_bool_key_free(r->bk);
	if (r->bo)
		semanage_bool_free(r->bo);
}

int store_get_local(struct store *s, const struct cust *c, struct cust *cur, struct gts_err *e)
{
	struct recs r = { 0 };
	int exists = 0, rc = -1;
	char k[512], b[1100];

	memset(cur, 0, sizeof(*cur));
	cur->kind = c->kind;
	switch (c->kind) {
	case CUST_PORT:
		if (semanage_port_key_create(s->sh, c->low, c->high, proto_num(c->proto), &r.pk) < 0 ||
		    semanage_port_exists_local(s->sh, r.pk, &exists) < 0)
			goto fail;
		if (exists && (semanage_port_query_local(s->sh, r.pk, &r.port) < 0 ||
			       !(cur->type = strdup(con_type(semanage_port_get_con(r.port))))))
			goto fail;
		break;
	case CUST_FCONTEXT:
		if (semanage_fcontext_key_create(s->sh, c->expr, SEMANAGE_FCONTEXT_ALL, &r.fk) < 0 ||
		    semanage_fcontext_exists_local(s->sh, r.fk, &exists) < 0)
			goto fail;
		if (exists && (semanage_fcontext_query_local(s->sh, r.fk, &r.fc) < 0 ||
			       !(cur->type = strdup(con_type(semanage_fcontext_get_con(r.fc))))))
			goto fail;
		break;
	case CUST_BOOLEAN:
		if (semanage_bool_key_create(s->sh, c->name, &r.bk) < 0 ||
		    semanage_bool_exists_local(s->sh, r.bk, &exists) < 0)
			goto fail;
		if (exists) {
			if (semanage_bool_query_local(s->sh, r.bk, &r.bo) < 0)
				goto fail;
			cur->value = semanage_bool_get_value(r.bo);
		}
		break;
	}
	rc = exists ? 1 : 0;
	goto out;
fail:
	gts_fail(e, GTS_EFAIL, "cannot read the local customization %s in %s%s",
		 cust_key_str(c, k, sizeof(k)), s->dir, why(s, b, sizeof(b)));
	cust_free(cur);
out:
	recs_free(&r);
	return rc;
}

int store_get_policy_bool(struct store *s, const char *name, int *value, struct gts_err *e)
{
	struct recs r = { 0 };
	int exists = 0, rc = -1;
	char b[1100];

	if (semanage_bool_key_create(s->sh, name, &r.bk) < 0 ||
	    semanage_bool_exists(s->sh, r.bk, &exists) < 0 ||
	    (exists && semanage_bool_query(s->sh, r.bk, &r.bo) < 0)) {
		gts_fail(e, GTS_EFAIL, "cannot read boolean %s in %s%s", name, s->dir,
			 why(s, b, sizeof(b)));
		goto out;
	}
	if (exists)
		*value = semanage_bool_get_value(r.bo);
	rc = exists ? 1 : 0;
out:
	recs_free(&r);
	return rc;
}

int store_list_local(struct store *s, const char *prefix, const char *const *names,
		     struct record *out, struct gts_err *e)
{
	semanage_port_t **ports = NULL;
	semanage_fcontext_t **fcs = NULL;
	semanage_bool_t **bools = NULL;
	unsigned int np = 0, nf = 0, nb = 0, i;
	size_t plen = strlen(prefix), j;
	struct cust c;
	const char *t, *proto;
	int rc = -1;
	char b[1100];

	memset(out, 0, sizeof(*out));
	if (semanage_port_list_local(s->sh, &ports, &np) < 0 ||
	    semanage_fcontext_list_local(s->sh, &fcs, &nf) < 0 ||
	    semanage_bool_list_local(s->sh, &bools, &nb) < 0) {
		gts_fail(e, GTS_EFAIL, "cannot list the local customizations of %s%s", s->dir,
			 why(s, b, sizeof(b)));
		goto out;
	}
	for (i = 0; i < np; i++) {
		t = con_type(semanage_port_get_con(ports[i]));
		if (strncmp(t, prefix, plen) != 0)
			continue;
		memset(&c, 0, sizeof(c));
		c.kind = CUST_PORT;
		proto = semanage_port_get_proto_str(semanage_port_get_proto(ports[i]));
		snprintf(c.proto, sizeof(c.proto), "%s", proto ? proto : "?");
		c.low = semanage_port_get_low(ports[i]);
		c.high = semanage_port_get_high(ports[i]);
		c.type = (char *)t;
		if (record_add(out, &c) < 0)
			goto oom;
	}
	for (i = 0; i < nf; i++) {
		t = con_type(semanage_fcontext_get_con(fcs[i]));
		if (strncmp(t, prefix, plen) != 0)
			continue;
		memset(&c, 0, sizeof(c));
		c.kind = CUST_FCONTEXT;
		c.expr = (char *)semanage_fcontext_get_expr(fcs[i]);
		c.type = (char *)t;
		if (record_add(out, &c) < 0)
			goto oom;
	}
	for (i = 0; i < nb; i++)
		for (j = 0; names && names[j]; j++) {
			if (strcmp(semanage_bool_get_name(bools[i]), names[j]) != 0)
				continue;
			memset(&c, 0, sizeof(c));
			c.kind = CUST_BOOLEAN;
			c.name = (char *)names[j];
			c.value = semanage_bool_get_value(bools[i]);
			if (record_add(out, &c) < 0)
				goto oom;
		}
	rc = 0;
	goto out;
oom:
	gts_fail(e, GTS_EFAIL, "out of memory");
out:
	for (i = 0; i < np; i++)
		semanage_port_free(ports[i]);
	for (i = 0; i < nf; i++)
		semanage_fcontext_free(fcs[i]);
	for (i = 0; i < nb; i++)
		semanage_bool_free(bools[i]);
	free(ports);
	free(fcs);
	free(bools);
	if (rc < 0)
		record_free(out);
	return rc;
}

int store_list_policy_bools(struct store *s, const char *prefix, struct record *out,
			    struct gts_err *e)
{
	semanage_bool_t **bools = NULL;
	unsigned int n = 0, i;
	struct cust c;
	int rc = 0;
	char b[1100];

	memset(out, 0, sizeof(*out));
	if (semanage_bool_list(s->sh, &bools, &n) < 0)
		return gts_fail(e, GTS_EFAIL, "cannot list the booleans of %s%s", s->dir,
				why(s, b, sizeof(b)));
	for (i = 0; i < n; i++) {
		if (rc == 0 && strncmp(semanage_bool_get_name(bools[i]), prefix, strlen(prefix)) == 0) {
			memset(&c, 0, sizeof(c));
			c.kind = CUST_BOOLEAN;
			c.name = (char *)semanage_bool_get_name(bools[i]);
			c.value = semanage_bool_get_value(bools[i]);
			if (record_add(out, &c) < 0)
				rc = gts_fail(e, GTS_EFAIL, "out of memory");
		}
		semanage_bool_free(bools[i]);
	}
	free(bools);
	return rc;
}

/* 1 when another process holds the store's transaction lock. */
static int lock_is_held(const struct store *s)
{
	char path[sizeof(s->dir) + 32];
	int fd, held = 0;

	snprintf(path, sizeof(path), "%s/semanage.trans.LOCK", s->dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	if (flock(fd, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK)
		held = 1;
	close(fd);
	return held;
}

int store_begin(struct store *s, struct gts_err *e)
{
	char sandbox[sizeof(s->dir) + 8], b[1100];
	struct stat st;

	/* libsemanage waits a bounded time (about 5 s in 3.4) for another writer's lock. */
	if (semanage_begin_transaction(s->sh) < 0) {
		if (lock_is_held(s) || strstr(s->lastmsg, "lock"))
			return gts_fail(e, GTS_EFAIL,
					"the policy store %s is locked by another program (semodule, "
					"semanage or a package manager); run again when it has finished",
					s->dir);
		return gts_fail(e, GTS_EFAIL, "cannot start a transaction on %s%s", s->dir,
				why(s, b, sizeof(b)));
	}
	s->in_tx = 1;
	/* The record is written into the sandbox: it must be where store_record_dir() says. */
	store_record_dir(s, sandbox, sizeof(sandbox));
	if (stat(sandbox, &st) < 0 || !S_ISDIR(st.st_mode))
		return gts_fail(e, GTS_EFAIL, "libsemanage's transaction sandbox is not at %s; this "
				"gts-selinux does not know this libsemanage's store layout", sandbox);
	return 0;
}

void store_context_str(const struct store *s, const char *type, char *buf, size_t size)
{
	snprintf(buf, size, "system_u:object_r:%s%s", type, s->mls ? ":s0" : "");
}

static int make_con(struct store *s, const char *type, semanage_context_t **con)
{
	if (semanage_context_create(s->sh, con) < 0)
		return -1;
	if (semanage_context_set_user(s->sh, *con, "system_u") < 0 ||
	    semanage_context_set_role(s->sh, *con, "object_r") < 0 ||
	    semanage_context_set_type(s->sh, *con, type) < 0 ||
	    (s->mls && semanage_context_set_mls(s->sh, *con, "s0") < 0))
		return -1;
	return 0;
}

int store_set_local(struct store *s, const struct cust *c, struct gts_err *e)
{
	struct recs r = { 0 };
	int rc = -1;
	char k[512], b[1100];

	switch (c->kind) {
	case CUST_PORT:
		if (make_con(s, c->type, &r.con) < 0 ||
		    semanage_port_key_create(s->sh, c->low, c->high, proto_num(c->proto), &r.pk) < 0 ||
		    semanage_port_create(s->sh, &r.port) < 0)
			goto fail;
		semanage_port_set_proto(r.port, proto_num(c->proto));
		semanage_port_set_range(r.port, c->low, c->high);
		if (semanage_port_set_con(s->sh, r.port, r.con) < 0 ||
		    semanage_port_modify_local(s->sh, r.pk, r.port) < 0)
			goto fail;
		break;
	case CUST_FCONTEXT:
		if (make_con(s, c->type, &r.con) < 0 ||
		    semanage_fcontext_key_create(s->sh, c->expr, SEMANAGE_FCONTEXT_ALL, &r.fk) < 0 ||
		    semanage_fcontext_create(s->sh, &r.fc) < 0 ||
		    semanage_fcontext_set_expr(s->sh, r.fc, c->expr) < 0)
			goto fail;
		semanage_fcontext_set_type(r.fc, SEMANAGE_FCONTEXT_ALL);
		if (semanage_fcontext_set_con(s->sh, r.fc, r.con) < 0 ||
		    semanage_fcontext_modify_local(s->sh, r.fk, r.fc) < 0)
			goto fail;
		break;
	case CUST_BOOLEAN:
		if (semanage_bool_key_create(s->sh, c->name, &r.bk) < 0 ||
		    semanage_bool_create(s->sh, &r.bo) < 0 ||
		    semanage_bool_set_name(s->sh, r.bo, c->name) < 0)
			goto fail;
		semanage_bool_set_value(r.bo, c->value);
		if (semanage_bool_modify_local(s->sh, r.bk, r.bo) < 0)
			goto fail;
		/* The reload keeps the kernel's active values (preservebools): the
		 * running policy gets the new value only through the active set, as
		 * with semanage boolean -m. Found by the enforcing-VM suite. */
		if (s->reload && semanage_bool_set_active(s->sh, r.bk, r.bo) < 0)
			goto fail;
		break;
	}
	rc = 0;
	goto out;
fail:
	gts_fail(e, GTS_EFAIL, "cannot set %s in %s%s", cust_key_str(c, k, sizeof(k)), s->dir,
		 why(s, b, sizeof(b)));
out:
	recs_free(&r);
	return rc;
}

int store_del_local(struct store *s, const struct cust *c, struct gts_err *e)
{
	struct recs r = { 0 };
	int rc = -1;
	char k[512], b[1100];

	switch (c->kind) {
	case CUST_PORT:
		rc = semanage_port_key_create(s->sh, c->low, c->high, proto_num(c->proto), &r.pk);
		if (rc >= 0)
			rc = semanage_port_del_local(s->sh, r.pk);
		break;
	case CUST_FCONTEXT:
		rc = semanage_fcontext_key_create(s->sh, c->expr, SEMANAGE_FCONTEXT_ALL, &r.fk);
		if (rc >= 0)
			rc = semanage_fcontext_del_local(s->sh, r.fk);
		break;
	case CUST_BOOLEAN:
		rc = semanage_bool_key_create(s->sh, c->name, &r.bk);
		if (rc >= 0)
			rc = semanage_bool_del_local(s->sh, r.bk);
		break;
	}
	if (rc < 0)
		gts_fail(e, GTS_EFAIL, "cannot remove %s from %s%s", cust_key_str(c, k, sizeof(k)),
			 s->dir, why(s, b, sizeof(b)));
	recs_free(&r);
	return rc < 0 ? -1 : 0;
}

int store_set_active_bool(struct store *s, const char *name, int value, struct gts_err *e)
{
	struct recs r = { 0 };
	int rc = -1;
	char b[1100];

	if (!s->reload)
		return 0;
	if (semanage_bool_key_create(s->sh, name, &r.bk) < 0 ||
	    semanage_bool_create(s->sh, &r.bo) < 0 ||
	    semanage_bool_set_name(s->sh, r.bo, name) < 0)
		goto fail;
	semanage_bool_set_value(r.bo, value);
	if (semanage_bool_set_active(s->sh, r.bk, r.bo) < 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	gts_fail(e, GTS_EFAIL, "cannot set the running value of boolean %s%s", name,
		 why(s, b, sizeof(b)));
out:
	recs_free(&r);
	return rc;
}

int store_module_install(struct store *s, unsigned char *data, size_t len, int priority,
			 struct gts_err *e)
{
	semanage_module_info_t *mi = NULL;
	int rc = -1;
	char b[1100];

	if (semanage_module_info_create(s->sh, &mi) < 0 ||
	    semanage_module_info_set_priority(s->sh, mi, (uint16_t)priority) < 0 ||
	    semanage_module_info_set_name(s->sh, mi, GTS_MODULE) < 0 ||
	    semanage_module_info_set_lang_ext(s->sh, mi, "pp") < 0 ||
	    semanage_module_info_set_enabled(s->sh, mi, 1) < 0 ||
	    semanage_module_install_info(s->sh, mi, (char *)data, len) < 0)
		gts_fail(e, GTS_EFAIL, "cannot install module %s into %s%s", GTS_MODULE, s->dir,
			 why(s, b, sizeof(b)));
	else
		rc = 0;
	if (mi) {
		semanage_module_info_destroy(s->sh, mi);
		free(mi);
	}
	return rc;
}

static int module_key(struct store *s, int priority, semanage_module_key_t **key)
{
	if (semanage_module_key_create(s->sh, key) < 0)
		return -1;
	if (semanage_module_key_set_name(s->sh, *key, GTS_MODULE) < 0 ||
	    (priority > 0 && semanage_module_key_set_priority(s->sh, *key, (uint16_t)priority) < 0))
		return -1;
	return 0;
}

int store_module_enable(struct store *s, struct gts_err *e)
{
	semanage_module_key_t *key = NULL;
	int rc = 0;
	char b[1100];

	if (module_key(s, 0, &key) < 0 || semanage_module_set_enabled(s->sh, key, 1) < 0)
		rc = gts_fail(e, GTS_EFAIL, "cannot enable module %s in %s%s", GTS_MODULE, s->dir,
			      why(s, b, sizeof(b)));
	if (key) {
		semanage_module_key_destroy(s->sh, key);
		free(key);
	}
	return rc;
}

int store_module_remove(struct store *s, int priority, struct gts_err *e)
{
	semanage_module_key_t *key = NULL;
	int rc = 0;
	char b[1100];

	if (module_key(s, priority, &key) < 0 || semanage_module_remove_key(s->sh, key) < 0)
		rc = gts_fail(e, GTS_EFAIL, "cannot remove module %s at priority %d from %s%s",
			      GTS_MODULE, priority, s->dir, why(s, b, sizeof(b)));
	if (key) {
		semanage_module_key_destroy(s->sh, key);
		free(key);
	}
	return rc;
}

void store_force_commit(struct store *s)
{
	semanage_set_rebuild(s->sh, 1);
}

void store_record_dir(const struct store *s, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", s->dir, s->in_tx ? "tmp" : "active");
}

int store_commit(struct store *s, struct gts_err *e)
{
	char b[1100];
	int rc = semanage_commit(s->sh);

	s->in_tx = 0;
	/* semanage_commit() returns the commit number: only a negative value is an error. */
	s->failed = rc < 0;
	if (rc < 0)
		return gts_fail(e, GTS_EFAIL, "the policy store %s refused the change, nothing was "
				"changed%s", s->dir, why(s, b, sizeof(b)));
	return 0;
}

static void signal_set(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGQUIT);
}

void store_block_signals(sigset_t *old)
{
	sigset_t set;

	signal_set(&set);
	sigprocmask(SIG_BLOCK, &set, old);
}

void store_restore_signals(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

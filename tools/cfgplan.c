/*
 * cfgplan.c — GoToSocial's config to gts-selinux's requests (see cfgplan.h).
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cfgplan.h"
#include "spec.h"

#define PORT_TYPE "gotosocial_port_t"

const char *cfgplan_port_type(int port)
{
	static const int http[] = { 80, 443, 488, 8008, 8009, 8443 };
	size_t i;

	if (port == 8080)
		return "http_cache_port_t";
	for (i = 0; i < sizeof(http) / sizeof(http[0]); i++)
		if (port == http[i])
			return "http_port_t";
	return NULL;
}

char *cfgplan_resolve(const char *root, const char *path)
{
	char cur[PATH_MAX] = "", rem[2 * PATH_MAX], tmp[2 * PATH_MAX], full[3 * PATH_MAX];
	char link[PATH_MAX];
	int hops = 0;

	if (!root)
		root = "";
	snprintf(rem, sizeof(rem), "%s", path);
	for (;;) {
		char *p = rem, *comp, *slash;
		size_t clen, curlen = strlen(cur);
		struct stat st;
		ssize_t n;

		while (*p == '/')
			p++;
		if (!*p)
			break;
		comp = p;
		slash = strchr(p, '/');
		clen = slash ? (size_t)(slash - p) : strlen(p);
		memmove(rem, comp, strlen(comp) + 1);	/* rem = "comp[/rest]" */
		comp = rem;
		p = rem + clen;				/* "/rest" or "" */
		if (clen == 1 && comp[0] == '.') {
			memmove(rem, p, strlen(p) + 1);
			continue;
		}
		if (clen == 2 && comp[0] == '.' && comp[1] == '.') {
			char *s = strrchr(cur, '/');

			if (s)
				*s = '\0';
			memmove(rem, p, strlen(p) + 1);
			continue;
		}
		if (curlen + 1 + clen >= sizeof(cur))
			return NULL;
		cur[curlen] = '/';
		memcpy(cur + curlen + 1, comp, clen);
		cur[curlen + 1 + clen] = '\0';
		memmove(rem, p, strlen(p) + 1);
		snprintf(full, sizeof(full), "%s%s", root, cur);
		if (lstat(full, &st) < 0 || !S_ISLNK(st.st_mode) || hops >= 40)
			continue;
		n = readlink(full, link, sizeof(link) - 1);
		if (n < 0)
			continue;
		link[n] = '\0';
		hops++;
		cur[curlen] = '\0';		/* drop the link's own name */
		if (link[0] == '/')
			cur[0] = '\0';
		if (strlen(link) + strlen(rem) + 2 > sizeof(tmp))
			return NULL;
		{
			size_t ll = strlen(link);

			memcpy(tmp, link, ll);
			tmp[ll] = '/';
			memcpy(tmp + ll + 1, rem, strlen(rem) + 1);
		}
		memcpy(rem, tmp, strlen(tmp) + 1);
	}
	return strdup(cur[0] ? cur : "/");
}

static int add_item(struct cfgplan *p, const struct cfgplan_item *it, struct gts_err *e)
{
	struct cfgplan_item *nv = realloc(p->v, (p->n + 1) * sizeof(*nv));

	if (!nv)
		return gts_fail(e, GTS_EFAIL, "out of memory");
	p->v = nv;
	nv[p->n++] = *it;
	return 0;
}

static int add_note(struct cfgplan *p, struct gts_err *e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int add_note(struct cfgplan *p, struct gts_err *e, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = gtsconfig_vnote(&p->notes, &p->nnotes, fmt, ap);
	va_end(ap);
	return rc < 0 ? gts_fail(e, GTS_EFAIL, "out of memory") : 0;
}

static int want_bool(struct cfgplan *p, const char *name, const char *why, const char *origin,
		     struct gts_err *e)
{
	struct cfgplan_item it;
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->v[i].kind == CI_BOOL && strcmp(p->v[i].b.name, name) == 0)
			return 0;
	memset(&it, 0, sizeof(it));
	it.kind = CI_BOOL;
	it.b.name = strdup(name);
	it.b.value = 1;
	if (!it.b.name)
		return gts_fail(e, GTS_EFAIL, "out of memory");
	snprintf(it.why, sizeof(it.why), "%s", why);
	snprintf(it.origin, sizeof(it.origin), "%s", origin);
	if (add_item(p, &it, e) < 0) {
		free(it.b.name);
		return -1;
	}
	return 0;
}

/* A listen port: nothing for http_cache_port_t, bind_http for http_port_t, else our type
 * (and bind_http for the capability below 1024). */
static int want_listen(struct cfgplan *p, long port, const char *what, const char *origin,
		       struct gts_err *e)
{
	const char *t = cfgplan_port_type((int)port);
	struct cfgplan_item it;
	char why[160];
	size_t i;

	if (port <= 0)
		return 0;
	snprintf(why, sizeof(why), "%s %ld", what, port);
	if (t && strcmp(t, "http_cache_port_t") == 0)
		return add_note(p, e, "%s is http_cache_port_t, which the module may bind: nothing "
				"to label (%s)", why, origin);
	if (t || port < 1024) {
		char w2[200];

		snprintf(w2, sizeof(w2), "%s (%s)", why, t ? t : "a port below 1024");
		if (want_bool(p, "gotosocial_bind_http", w2, origin, e) < 0)
			return -1;
		if (t)
			return 0;
	}
	for (i = 0; i < p->n; i++)
		if (p->v[i].kind == CI_PORT && p->v[i].port.low == port)
			return 0;
	memset(&it, 0, sizeof(it));
	it.kind = CI_PORT;
	snprintf(it.port.proto, sizeof(it.port.proto), "tcp");
	it.port.low = it.port.high = (int)port;
	snprintf(it.why, sizeof(it.why), "%s", why);
	snprintf(it.origin, sizeof(it.origin), "%s", origin);
	return add_item(p, &it, e);
}

static int bad_chars(const char *s)
{
	for (; *s; s++)
		if (iscntrl((unsigned char)*s))
			return 1;
	return 0;
}

static int want_path(struct cfgplan *p, const char *root, const char *path, const char *type,
		     int is_dir, const char *what, const char *origin, cfgplan_default_fn dflt,
		     void *dctx, struct gts_err *e)
{
	struct cfgplan_item it;
	char *res;
	const char *d;
	size_t i;

	if (bad_chars(path))
		return gts_fail(e, GTS_EUSAGE, "%s: %s names a path with control characters or a "
				"newline, which no file-context entry can match; rename it", origin,
				what);
	res = cfgplan_resolve(root, path);
	if (!res)
		return gts_fail(e, GTS_EFAIL, "out of memory");
	if (spec_is_system_root(res) || spec_is_system_root(path)) {
		gts_fail(e, GTS_EUSAGE, "%s: %s is %s%s%s, a system directory: gts-selinux will not "
			 "label it %s; give GoToSocial a directory of its own there", origin, what,
			 path, strcmp(res, path) ? " -> " : "", strcmp(res, path) ? res : "", type);
		free(res);
		return -1;
	}
	for (i = 0; i < p->n; i++)
		if (p->v[i].kind == CI_PATH && strcmp(p->v[i].path.path, res) == 0) {
			if (strcmp(p->v[i].path.type, type) != 0) {
				gts_fail(e, GTS_EUSAGE, "%s: %s is %s, the same path as %s (%s); "
					 "GoToSocial needs them apart: give each its own directory",
					 origin, what, res, p->v[i].why, p->v[i].origin);
				free(res);
				return -1;
			}
			free(res);
			return 0;
		}
	memset(&it, 0, sizeof(it));
	it.kind = CI_PATH;
	it.path.path = res;
	it.path.type = strdup(type);
	it.is_dir = is_dir;
	if (!it.path.type) {
		free(res);
		return gts_fail(e, GTS_EFAIL, "out of memory");
	}
	d = dflt ? dflt(dctx, res, is_dir) : NULL;
	it.covered = d && strcmp(d, type) == 0;
	snprintf(it.why, sizeof(it.why), "%s", what);
	snprintf(it.origin, sizeof(it.origin), "%s", origin);
	if (add_item(p, &it, e) < 0) {
		free(res);
		free(it.path.type);
		return -1;
	}
	return 0;
}

/* The SQLite file named by db-address: "file:" prefix and "?options" dropped; NULL for an
 * in-memory database. malloc'ed. */
static char *sqlite_file(const char *addr)
{
	const char *s = addr;
	size_t n;

	if (strncmp(s, "file:", 5) == 0)
		s += 5;
	if (strcmp(s, ":memory:") == 0 || strstr(s, "mode=memory"))
		return NULL;
	n = strcspn(s, "?");
	return n ? strndup(s, n) : NULL;
}

static const char *const system_tls_dirs[] = {
	"/etc/ssl/", "/etc/pki/", "/etc/letsencrypt/",
};

static int in_system_tls(const char *p)
{
	size_t i;

	for (i = 0; i < sizeof(system_tls_dirs) / sizeof(system_tls_dirs[0]); i++)
		if (strncmp(p, system_tls_dirs[i], strlen(system_tls_dirs[i])) == 0)
			return 1;
	return 0;
}

static int cmp_items(const void *a, const void *b)
{
	const struct cfgplan_item *x = a, *y = b;
	size_t lx, ly;

	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	if (x->kind != CI_PATH)
		return 0;
	/* General before specific: a shorter path before the longer ones below it. */
	lx = strlen(x->path.path);
	ly = strlen(y->path.path);
	if (lx != ly)
		return lx < ly ? -1 : 1;
	return strcmp(x->path.path, y->path.path);
}

int cfgplan_derive(const struct gtsconfig *c, const char *root, cfgplan_default_fn dflt,
		   void *dctx, struct cfgplan *p, struct gts_err *e)
{
	const struct cfg_value *v = c->v;
	char what[PATH_MAX + 64];
	int rc = -1;

	memset(p, 0, sizeof(*p));
	if (!root)
		root = "";
#define PATH_REQ(val, type, isdir, label)                                                     \
	do {                                                                                  \
		snprintf(what, sizeof(what), "%s", label);                                    \
		if (want_path(p, root, (val)->str, type, isdir, what, (val)->origin, dflt, dctx, \
			      e) < 0)                                                         \
			goto out;                                                             \
	} while (0)

	if (c->binary.str)
		PATH_REQ(&c->binary, "gotosocial_exec_t", 0, "the binary");
	if (c->config.str)
		PATH_REQ(&c->config, "gotosocial_conf_t", 0, "the config file");

	/* Database */
	if (v[K_DB_TYPE].str && strcmp(v[K_DB_TYPE].str, "sqlite") == 0) {
		char *f = v[K_DB_ADDRESS].str ? sqlite_file(v[K_DB_ADDRESS].str) : NULL;

		if (!v[K_DB_ADDRESS].str) {
			gts_fail(e, GTS_EUSAGE, "%s: db-type is sqlite but db-address is empty; "
				 "GoToSocial will not start: set db-address (e.g. sqlite.db)",
				 v[K_DB_TYPE].origin);
			goto out;
		}
		if (f) {
			char *abs = gtsconfig_abspath(c->workdir.str, f), *dir, *s;
			struct cfg_value dv;

			free(f);
			if (!abs) {
				gts_fail(e, GTS_EFAIL, "out of memory");
				goto out;
			}
			/* The directory of the resolved file: SQLite creates -wal/-shm/-journal
			 * beside it. */
			dir = cfgplan_resolve(root, abs);
			free(abs);
			if (!dir) {
				gts_fail(e, GTS_EFAIL, "out of memory");
				goto out;
			}
			s = strrchr(dir, '/');
			if (s == dir)
				s[1] = '\0';
			else if (s)
				*s = '\0';
			memset(&dv, 0, sizeof(dv));
			dv.str = dir;
			snprintf(dv.origin, sizeof(dv.origin), "%s", v[K_DB_ADDRESS].origin);
			snprintf(what, sizeof(what), "the directory of db-address %s",
				 v[K_DB_ADDRESS].str);
			rc = want_path(p, root, dir, "gotosocial_db_t", 1, what, dv.origin, dflt, dctx,
				       e);
			free(dir);
			if (rc < 0)
				goto out;
			rc = -1;
		} else if (add_note(p, e, "db-address %s is an in-memory database: no file to "
				    "label (%s)", v[K_DB_ADDRESS].str, v[K_DB_ADDRESS].origin) < 0) {
			goto out;
		}
	} else if (v[K_DB_TYPE].str && strcmp(v[K_DB_TYPE].str, "postgres") == 0) {
		snprintf(what, sizeof(what), "db-type postgres");
		if (want_bool(p, "gotosocial_connect_postgresql", what, v[K_DB_TYPE].origin, e) < 0)
			goto out;
		if (v[K_DB_PORT].num != 5432 && !(v[K_DB_ADDRESS].str &&
						  v[K_DB_ADDRESS].str[0] == '/')) {
			snprintf(what, sizeof(what), "db-port %ld is not postgresql_port_t",
				 v[K_DB_PORT].num);
			if (want_bool(p, "gotosocial_connect_all_ports", what, v[K_DB_PORT].origin,
				      e) < 0)
				goto out;
		}
	} else {
		gts_fail(e, GTS_EUSAGE, "%s: db-type must be sqlite or postgres, not \"%s\"; fix the "
			 "value", v[K_DB_TYPE].origin, v[K_DB_TYPE].str ? v[K_DB_TYPE].str : "");
		goto out;
	}

	/* Storage */
	if (v[K_STORAGE_BACKEND].str && strcmp(v[K_STORAGE_BACKEND].str, "local") == 0) {
		if (!v[K_STORAGE_LOCAL_BASE_PATH].str) {
			gts_fail(e, GTS_EUSAGE, "%s: storage-local-base-path is empty; set it to "
				 "GoToSocial's media directory", v[K_STORAGE_LOCAL_BASE_PATH].origin);
			goto out;
		}
		PATH_REQ(&v[K_STORAGE_LOCAL_BASE_PATH], "gotosocial_storage_t", 1,
			 "storage-local-base-path");
	} else if (v[K_STORAGE_BACKEND].str && strcmp(v[K_STORAGE_BACKEND].str, "s3") == 0) {
		if (add_note(p, e, "storage-backend s3: media is not on local disk (%s)",
			     v[K_STORAGE_BACKEND].origin) < 0)
			goto out;
	} else {
		gts_fail(e, GTS_EUSAGE, "%s: storage-backend must be local or s3, not \"%s\"; fix "
			 "the value", v[K_STORAGE_BACKEND].origin,
			 v[K_STORAGE_BACKEND].str ? v[K_STORAGE_BACKEND].str : "");
		goto out;
	}

	/* TLS: Let's Encrypt, or the admin's certificate */
	if (v[K_LE_ENABLED].num) {
		if (v[K_LE_CERT_DIR].str)
			PATH_REQ(&v[K_LE_CERT_DIR], "gotosocial_cert_t", 1, "letsencrypt-cert-dir");
		if (want_listen(p, v[K_LE_PORT].num, "letsencrypt-port", v[K_LE_PORT].origin, e) < 0)
			goto out;
	}
	{
		static const enum cfg_key tk[] = { K_TLS_CHAIN, K_TLS_KEY };
		size_t i;

		for (i = 0; i < 2; i++) {
			const struct cfg_value *t = &v[tk[i]];

			if (!t->str)
				continue;
			if (in_system_tls(t->str)) {
				snprintf(what, sizeof(what), "%s %s (the system's TLS files)",
					 cfg_key_name(tk[i]), t->str);
				if (want_bool(p, "gotosocial_bind_http", what, t->origin, e) < 0)
					goto out;
				continue;
			}
			PATH_REQ(t, "gotosocial_cert_t", 0, cfg_key_name(tk[i]));
		}
	}

	/* Web */
	PATH_REQ(&v[K_WEB_TEMPLATE], "gotosocial_web_t", 1, "web-template-base-dir");
	PATH_REQ(&v[K_WEB_ASSET], "gotosocial_web_t", 1, "web-asset-base-dir");

	/* wazero */
	if (c->wazero_cache.str)
		PATH_REQ(&c->wazero_cache, "gotosocial_cache_t", 1, "GTS_WAZERO_COMPILATION_CACHE");

	/* Listening */
	if (want_listen(p, v[K_PORT].num, "port", v[K_PORT].origin, e) < 0)
		goto out;
	if (v[K_METRICS_ENABLED].num &&
	    want_listen(p, c->metrics_port.num, "metrics (OTEL_EXPORTER_PROMETHEUS_PORT)",
			c->metrics_port.origin, e) < 0)
		goto out;

	/* Connecting */
	if (v[K_SMTP_HOST].str) {
		long sp = v[K_SMTP_PORT].num;

		snprintf(what, sizeof(what), "smtp-host %s", v[K_SMTP_HOST].str);
		if (want_bool(p, "gotosocial_connect_smtp", what, v[K_SMTP_HOST].origin, e) < 0)
			goto out;
		if (sp != 0 && sp != 25 && sp != 465 && sp != 587) {
			snprintf(what, sizeof(what), "smtp-port %ld is not smtp_port_t", sp);
			if (want_bool(p, "gotosocial_connect_all_ports", what, v[K_SMTP_PORT].origin,
				      e) < 0)
				goto out;
		}
	}
	if (v[K_TRACING_ENABLED].num) {
		snprintf(what, sizeof(what), "tracing-enabled (OTLP collector, 4317/4318)");
		if (want_bool(p, "gotosocial_connect_all_ports", what, v[K_TRACING_ENABLED].origin,
			      e) < 0)
			goto out;
	}
	if (v[K_SYSLOG_ENABLED].num && v[K_SYSLOG_ADDRESS].str &&
	    v[K_SYSLOG_ADDRESS].str[0] != '/' && add_note(p, e,
		"syslog to %s over %s: the module only allows the local syslog socket (/dev/log); "
		"set syslog-address to empty or /dev/log (%s)", v[K_SYSLOG_ADDRESS].str,
		v[K_SYSLOG_PROTOCOL].str ? v[K_SYSLOG_PROTOCOL].str : "udp",
		v[K_SYSLOG_ADDRESS].origin) < 0)
		goto out;
#undef PATH_REQ
	qsort(p->v, p->n, sizeof(*p->v), cmp_items);
	rc = 0;
out:
	if (rc < 0)
		cfgplan_free(p);
	return rc;
}

static int out_port(struct gts_opts *out, const struct gts_port *pt)
{
	struct gts_port *nv = realloc(out->ports, (out->nports + 1) * sizeof(*nv));

	if (!nv)
		return -1;
	out->ports = nv;
	nv[out->nports++] = *pt;
	return 0;
}

static int out_path(struct gts_opts *out, const struct gts_path *pa)
{
	struct gts_path *nv = realloc(out->paths, (out->npaths + 1) * sizeof(*nv));

	if (!nv)
		return -1;
	out->paths = nv;
	nv[out->npaths].path = strdup(pa->path);
	nv[out->npaths].type = strdup(pa->type);
	out->npaths++;
	return nv[out->npaths - 1].path && nv[out->npaths - 1].type ? 0 : -1;
}

static int out_bool(struct gts_opts *out, const struct gts_bool *bo)
{
	struct gts_bool *nv = realloc(out->bools, (out->nbools + 1) * sizeof(*nv));

	if (!nv)
		return -1;
	out->bools = nv;
	nv[out->nbools].name = strdup(bo->name);
	nv[out->nbools++].value = bo->value;
	return nv[out->nbools - 1].name ? 0 : -1;
}

/* Does the command line already decide IT? */
static int cli_has(const struct gts_opts *cli, const struct cfgplan_item *it)
{
	size_t j;

	for (j = 0; it->kind == CI_PORT && j < cli->nports; j++)
		if (!strcmp(cli->ports[j].proto, it->port.proto) &&
		    cli->ports[j].low <= it->port.low && it->port.high <= cli->ports[j].high)
			return 1;
	for (j = 0; it->kind == CI_PATH && j < cli->npaths; j++)
		if (!strcmp(cli->paths[j].path, it->path.path))
			return 1;
	for (j = 0; it->kind == CI_BOOL && j < cli->nbools; j++)
		if (!strcmp(cli->bools[j].name, it->b.name))
			return 1;
	return 0;
}

int cfgplan_merge(const struct gts_opts *cli, const struct cfgplan *p, struct gts_opts *out,
		  struct gts_err *e)
{
	size_t i;
	int rc = 0;

	*out = *cli;
	out->args = NULL;	/* not owned twice */
	out->nargs = 0;
	out->ports = NULL;
	out->paths = NULL;
	out->bools = NULL;
	out->nports = out->npaths = out->nbools = 0;
	for (i = 0; rc == 0 && i < cli->nports; i++)
		rc = out_port(out, &cli->ports[i]);
	for (i = 0; rc == 0 && i < cli->npaths; i++)
		rc = out_path(out, &cli->paths[i]);
	for (i = 0; rc == 0 && i < cli->nbools; i++)
		rc = out_bool(out, &cli->bools[i]);
	for (i = 0; rc == 0 && i < p->n; i++) {
		const struct cfgplan_item *it = &p->v[i];

		if (it->covered || cli_has(cli, it))
			continue;
		rc = it->kind == CI_PORT ? out_port(out, &it->port) :
		     it->kind == CI_PATH ? out_path(out, &it->path) : out_bool(out, &it->b);
	}
	if (rc == 0)
		return 0;
	gts_opts_free(out);
	return gts_fail(e, GTS_EFAIL, "out of memory");
}

static json_object *sv(const struct cfg_value *v)
{
	json_object *o;

	if (!v->str)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "value", json_object_new_string(v->str));
	json_object_object_add(o, "origin", json_object_new_string(v->origin));
	return o;
}

json_object *cfgplan_json(const struct gtsconfig *c, const struct cfgplan *p)
{
	json_object *j = json_object_new_object(), *arr = json_object_new_array(), *o, *notes;
	char key[PATH_MAX + 16];
	size_t i;

	json_object_object_add(j, "verb", json_object_new_string("plan"));
	json_object_object_add(j, "config", sv(&c->config));
	json_object_object_add(j, "unit", c->unit.found ?
			       json_object_new_string(c->unit.path) : NULL);
	json_object_object_add(j, "working_directory", sv(&c->workdir));
	json_object_object_add(j, "binary", sv(&c->binary));
	for (i = 0; i < p->n; i++) {
		const struct cfgplan_item *it = &p->v[i];
		const char *kind = it->kind == CI_PATH ? "fcontext" : it->kind == CI_PORT ? "port" :
				   "boolean";
		const char *value = it->kind == CI_BOOL ? (it->b.value ? "on" : "off") :
				    it->kind == CI_PORT ? PORT_TYPE : it->path.type;

		if (it->kind == CI_PATH)
			snprintf(key, sizeof(key), "%s", it->path.path);
		else if (it->kind == CI_PORT)
			snprintf(key, sizeof(key), "%s/%d", it->port.proto, it->port.low);
		else
			snprintf(key, sizeof(key), "%s", it->b.name);
		o = json_object_new_object();
		json_object_object_add(o, "kind", json_object_new_string(kind));
		json_object_object_add(o, "key", json_object_new_string(key));
		json_object_object_add(o, "value", json_object_new_string(value));
		if (it->kind == CI_PATH) {
			char *expr = spec_fcontext_expr(it->path.path);

			json_object_object_add(o, "expr", expr ? json_object_new_string(expr) : NULL);
			free(expr);
		}
		json_object_object_add(o, "covered_by_module", json_object_new_boolean(it->covered));
		json_object_object_add(o, "setting", json_object_new_string(it->why));
		json_object_object_add(o, "origin", json_object_new_string(it->origin));
		json_object_array_add(arr, o);
	}
	json_object_object_add(j, "items", arr);
	notes = json_object_new_array();
	for (i = 0; i < p->nnotes; i++)
		json_object_array_add(notes, json_object_new_string(p->notes[i]));
	for (i = 0; i < c->nnotes; i++)
		json_object_array_add(notes, json_object_new_string(c->notes[i]));
	json_object_object_add(j, "notes", notes);
	return j;
}

static const char *gs(json_object *j, const char *k)
{
	json_object *v;

	if (!json_object_object_get_ex(j, k, &v) || !v)
		return NULL;
	return json_object_get_string(v);
}

static void print_val(FILE *f, const char *label, json_object *j, const char *k,
		      const char *none)
{
	json_object *v;

	if (json_object_object_get_ex(j, k, &v) && v)
		fprintf(f, "%-19s%s  (%s)\n", label, gs(v, "value"), gs(v, "origin"));
	else
		fprintf(f, "%-19s%s\n", label, none);
}

void cfgplan_print(FILE *f, const struct gts_opts *o, json_object *j)
{
	json_object *arr, *it;
	size_t i, n, ncov = 0;

	if (o->json) {
		fprintf(f, "%s\n", json_object_to_json_string_ext(j, JSON_C_TO_STRING_PRETTY |
								     JSON_C_TO_STRING_NOSLASHESCAPE));
		return;
	}
	if (o->quiet)
		return;
	print_val(f, "GoToSocial config:", j, "config", "none found (GoToSocial's defaults)");
	fprintf(f, "%-19s%s\n", "systemd unit:", gs(j, "unit") ? gs(j, "unit") : "none found");
	print_val(f, "working directory:", j, "working_directory", "?");
	print_val(f, "binary:", j, "binary", "unknown (no unit)");
	json_object_object_get_ex(j, "items", &arr);
	n = json_object_array_length(arr);
	fprintf(f, "plan:\n");
	for (i = 0; i < n; i++) {
		const char *kind, *expr;

		it = json_object_array_get_idx(arr, i);
		if (json_object_get_boolean(json_object_object_get(it, "covered_by_module"))) {
			ncov++;
			if (!o->verbose)
				continue;
		}
		kind = gs(it, "kind");
		expr = gs(it, "expr");
		fprintf(f, "  %-8s %s %s%s\n           <- %s  (%s)\n",
			strcmp(kind, "fcontext") == 0 ? "fcontext" : kind,
			expr ? expr : gs(it, "key"), gs(it, "value"),
			json_object_get_boolean(json_object_object_get(it, "covered_by_module")) ?
			"  [module default, nothing to add]" : "", gs(it, "setting"),
			gs(it, "origin"));
	}
	if (n == ncov)
		fprintf(f, "  nothing beyond the module's defaults\n");
	if (ncov && !o->verbose)
		fprintf(f, "  (%zu more already labeled by the module's defaults; -v lists them)\n",
			ncov);
	json_object_object_get_ex(j, "notes", &arr);
	n = json_object_array_length(arr);
	for (i = 0; i < n; i++) {
		const char *s = json_object_get_string(json_object_array_get_idx(arr, i));

		/* Unknown keys only with -v. */
		if (!o->verbose && strstr(s, "does not move files or ports"))
			continue;
		fprintf(f, "note: %s\n", s);
	}
}

void cfgplan_free(struct cfgplan *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		free(p->v[i].path.path);
		free(p->v[i].path.type);
		free(p->v[i].b.name);
	}
	free(p->v);
	for (i = 0; i < p->nnotes; i++)
		free(p->notes[i]);
	free(p->notes);
	memset(p, 0, sizeof(*p));
}

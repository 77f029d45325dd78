/*
 * gtsconfig.c — find and read GoToSocial's configuration (see gtsconfig.h).
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "gtsconfig.h"

static const struct keydef {
	const char *name;
	enum cfg_type type;
	const char *dflt;	/* GoToSocial's built-in default (NULL: empty) */
} keys[K_NKEYS] = {
	[K_HOST] = { "host", CT_STR, NULL },
	[K_BIND_ADDRESS] = { "bind-address", CT_STR, "0.0.0.0" },
	[K_PORT] = { "port", CT_INT, "8080" },
	[K_DB_TYPE] = { "db-type", CT_STR, "postgres" },
	[K_DB_ADDRESS] = { "db-address", CT_STR, NULL },
	[K_DB_PORT] = { "db-port", CT_INT, "5432" },
	[K_STORAGE_BACKEND] = { "storage-backend", CT_STR, "local" },
	[K_STORAGE_LOCAL_BASE_PATH] = { "storage-local-base-path", CT_PATH, "/gotosocial/storage" },
	[K_LE_ENABLED] = { "letsencrypt-enabled", CT_BOOL, "false" },
	[K_LE_PORT] = { "letsencrypt-port", CT_INT, "80" },
	[K_LE_CERT_DIR] = { "letsencrypt-cert-dir", CT_PATH, "/gotosocial/storage/certs" },
	[K_TLS_CHAIN] = { "tls-certificate-chain", CT_PATH, NULL },
	[K_TLS_KEY] = { "tls-certificate-key", CT_PATH, NULL },
	[K_WEB_TEMPLATE] = { "web-template-base-dir", CT_PATH, "./web/template/" },
	[K_WEB_ASSET] = { "web-asset-base-dir", CT_PATH, "./web/assets/" },
	[K_SMTP_HOST] = { "smtp-host", CT_STR, NULL },
	[K_SMTP_PORT] = { "smtp-port", CT_INT, "0" },
	[K_SYSLOG_ENABLED] = { "syslog-enabled", CT_BOOL, "false" },
	[K_SYSLOG_PROTOCOL] = { "syslog-protocol", CT_STR, "udp" },
	[K_SYSLOG_ADDRESS] = { "syslog-address", CT_STR, "localhost:514" },
	[K_METRICS_ENABLED] = { "metrics-enabled", CT_BOOL, "false" },
	[K_TRACING_ENABLED] = { "tracing-enabled", CT_BOOL, "false" },
};

static const char *const default_configs[] = {
	"/gotosocial/config.yaml", "/etc/gotosocial/config.yaml",
};

const char *cfg_key_name(enum cfg_key k)
{
	return keys[k].name;
}

enum cfg_type cfg_key_type(enum cfg_key k)
{
	return keys[k].type;
}

static int find_key(const char *name)
{
	int k;

	for (k = 0; k < K_NKEYS; k++)
		if (strcmp(keys[k].name, name) == 0)
			return k;
	return -1;
}

int gtsconfig_vnote(char ***notes, size_t *n, const char *fmt, va_list ap)
{
	char *s, **nv;

	if (vasprintf(&s, fmt, ap) < 0)
		return -1;
	nv = realloc(*notes, (*n + 1) * sizeof(*nv));
	if (!nv) {
		free(s);
		return -1;
	}
	*notes = nv;
	nv[(*n)++] = s;
	return 0;
}

static int note(struct gtsconfig *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int note(struct gtsconfig *c, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = gtsconfig_vnote(&c->notes, &c->nnotes, fmt, ap);
	va_end(ap);
	return rc;
}

char *gtsconfig_abspath(const char *base, const char *p)
{
	size_t n = strlen(base) + strlen(p) + 3;
	char *in = malloc(n), *out = malloc(n), *tok, *save = NULL;
	size_t w = 0;

	if (!in || !out) {
		free(in);
		free(out);
		return NULL;
	}
	if (p[0] == '/')
		snprintf(in, n, "%s", p);
	else
		snprintf(in, n, "%s/%s", base, p);
	out[0] = '\0';
	for (tok = strtok_r(in, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			while (w > 0 && out[w - 1] != '/')
				w--;
			if (w > 0)
				w--;	/* the slash */
			out[w] = '\0';
			continue;
		}
		w += (size_t)snprintf(out + w, n - w, "/%s", tok);
	}
	if (w == 0)
		snprintf(out, n, "/");
	free(in);
	return out;
}

static int parse_int(const char *s, long *out)
{
	char *end;
	long v;

	if (!*s || isspace((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

static int parse_bool(const char *s, long *out)
{
	static const char *const t[] = { "true", "True", "TRUE", "t", "T", "1", "yes", "on" };
	static const char *const f[] = { "false", "False", "FALSE", "f", "F", "0", "no", "off" };
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (strcmp(s, t[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcmp(s, f[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

static int is_port_key(enum cfg_key k)
{
	return k == K_PORT || k == K_DB_PORT || k == K_LE_PORT || k == K_SMTP_PORT;
}

/* Set key K to TEXT from SRC at ORIGIN, checking its type. WHAT names the input in errors
 * ("port", "GTS_PORT", "--port"). */
static int set_value(struct cfg_value *v, enum cfg_key k, const char *text, enum cfg_src src,
		     const char *origin, const char *what, struct gts_err *e)
{
	long num = 0;
	char *s;

	if (keys[k].type == CT_INT) {
		if (parse_int(text, &num) < 0 || (is_port_key(k) && (num < 0 || num > 65535)))
			return gts_fail(e, GTS_EUSAGE, "%s: %s must be a %s, not \"%s\"; fix the "
					"value", origin, what, is_port_key(k) ? "port number "
					"(1-65535)" : "number", text);
	} else if (keys[k].type == CT_BOOL) {
		if (parse_bool(text, &num) < 0)
			return gts_fail(e, GTS_EUSAGE, "%s: %s must be true or false, not \"%s\"; "
					"fix the value", origin, what, text);
	}
	s = *text ? strdup(text) : NULL;
	if (*text && !s)
		return gts_fail(e, GTS_EFAIL, "out of memory");
	free(v->str);
	v->str = s;
	v->num = num;
	v->src = src;
	snprintf(v->origin, sizeof(v->origin), "%s", origin);
	return 0;
}

static void set_plain(struct cfg_value *v, char *s, enum cfg_src src, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void set_plain(struct cfg_value *v, char *s, enum cfg_src src, const char *fmt, ...)
{
	va_list ap;

	free(v->str);
	v->str = s;
	v->src = src;
	va_start(ap, fmt);
	vsnprintf(v->origin, sizeof(v->origin), fmt, ap);
	va_end(ap);
}

static const char *yaml_err_kind(yaml_error_type_t t)
{
	switch (t) {
	case YAML_READER_ERROR:
		return "cannot decode";
	case YAML_SCANNER_ERROR:
	case YAML_PARSER_ERROR:
	case YAML_COMPOSER_ERROR:
		return "invalid YAML";
	default:
		return "cannot read";
	}
}

int gtsconfig_read_yaml(struct gtsconfig *c, const char *root, const char *path,
			struct gts_err *e)
{
	char full[2 * PATH_MAX], origin[CFG_ORIGIN_MAX], what[256];
	FILE *f;
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *top;
	yaml_node_pair_t *pair;
	int seen[K_NKEYS] = { 0 }, rc = -1, have_doc = 0;
	struct stat st;

	snprintf(full, sizeof(full), "%s%s", root ? root : "", path);
	f = fopen(full, "rb");
	if (!f)
		return gts_fail(e, errno == EACCES ? GTS_EPERM : GTS_EUSAGE,
				"cannot read GoToSocial's config %s: %s; give its path with "
				"--config PATH", full, strerror(errno));
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		return gts_fail(e, GTS_EUSAGE, "GoToSocial's config %s is a directory; give the "
				"config.yaml file with --config PATH", full);
	}
	if (!yaml_parser_initialize(&parser)) {
		fclose(f);
		return gts_fail(e, GTS_EFAIL, "out of memory");
	}
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &doc)) {
		gts_fail(e, GTS_EUSAGE, "%s:%zu:%zu: %s: %s%s%s; fix the file", full,
			 parser.problem_mark.line + 1, parser.problem_mark.column + 1,
			 yaml_err_kind(parser.error), parser.problem ? parser.problem : "error",
			 parser.context ? " " : "", parser.context ? parser.context : "");
		goto out;
	}
	have_doc = 1;
	top = yaml_document_get_root_node(&doc);
	if (!top || (top->type == YAML_SCALAR_NODE && top->data.scalar.length == 0)) {
		gts_fail(e, GTS_EUSAGE, "GoToSocial's config %s is empty; give the config.yaml "
			 "GoToSocial runs with (--config PATH)", full);
		goto out;
	}
	if (top->type != YAML_MAPPING_NODE) {
		gts_fail(e, GTS_EUSAGE, "%s:%zu:%zu: expected \"key: value\" lines at the top "
			 "level; fix the file", full, top->start_mark.line + 1,
			 top->start_mark.column + 1);
		goto out;
	}
	for (pair = top->data.mapping.pairs.start; pair < top->data.mapping.pairs.top; pair++) {
		yaml_node_t *kn = yaml_document_get_node(&doc, pair->key);
		yaml_node_t *vn = yaml_document_get_node(&doc, pair->value);
		const char *name, *val;
		int k;

		if (!kn || kn->type != YAML_SCALAR_NODE) {
			gts_fail(e, GTS_EUSAGE, "%s:%zu:%zu: a key must be a plain name; fix the file",
				 full, kn ? kn->start_mark.line + 1 : 0,
				 kn ? kn->start_mark.column + 1 : 0);
			goto out;
		}
		name = (const char *)kn->data.scalar.value;
		k = find_key(name);
		if (k < 0) {
			if (note(c, "%s:%zu: key '%s' does not move files or ports; ignored", path,
				 kn->start_mark.line + 1, name) < 0) {
				gts_fail(e, GTS_EFAIL, "out of memory");
				goto out;
			}
			continue;
		}
		if (seen[k]) {
			gts_fail(e, GTS_EUSAGE, "%s:%zu: key '%s' is given twice (first at line %d); "
				 "keep one", full, kn->start_mark.line + 1, name, seen[k]);
			goto out;
		}
		seen[k] = (int)kn->start_mark.line + 1;
		snprintf(origin, sizeof(origin), "%s:%zu", path, vn->start_mark.line + 1);
		if (vn->type != YAML_SCALAR_NODE) {
			gts_fail(e, GTS_EUSAGE, "%s: %s must be a single value, not a %s; fix the "
				 "value", origin, name, vn->type == YAML_MAPPING_NODE ? "mapping" :
				 "list");
			goto out;
		}
		val = (const char *)vn->data.scalar.value;
		/* plain null, ~ or nothing: not set */
		if (vn->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		    (!*val || !strcmp(val, "~") || !strcmp(val, "null") || !strcmp(val, "Null") ||
		     !strcmp(val, "NULL")))
			continue;
		snprintf(what, sizeof(what), "%s", name);
		if (set_value(&c->v[k], (enum cfg_key)k, val, SRC_FILE, origin, what, e) < 0)
			goto out;
	}
	rc = 0;
out:
	if (have_doc)
		yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	fclose(f);
	return rc;
}

/* GTS_DB_ADDRESS for db-address. */
static void env_name(const char *key, char *buf, size_t size)
{
	size_t i;

	snprintf(buf, size, "GTS_");
	for (i = 0; key[i] && i + 5 < size; i++)
		buf[4 + i] = key[i] == '-' ? '_' : (char)toupper((unsigned char)key[i]);
	buf[4 + i] = '\0';
}

/* The value of flag --NAME in the unit's ExecStart (after the program), or NULL. *HAS: the
 * flag appears (a bool flag may stand alone). */
static const char *unit_flag(const struct unitfile *u, const char *name, int is_bool, int *has)
{
	size_t i, n = strlen(name);

	*has = 0;
	for (i = 1; i < u->argc; i++) {
		const char *a = u->argv[i];

		if (strcmp(a, "--") == 0)
			break;
		if (a[0] != '-')
			continue;
		a += a[1] == '-' ? 2 : 1;
		if (strncmp(a, name, n) != 0)
			continue;
		if (a[n] == '=') {
			*has = 1;
			return a + n + 1;
		}
		if (a[n] == '\0') {
			*has = 1;
			if (is_bool)
				return "true";
			return i + 1 < u->argc ? u->argv[i + 1] : "";
		}
	}
	return NULL;
}

static int exists_below(const char *root, const char *path)
{
	char full[2 * PATH_MAX];
	struct stat st;

	snprintf(full, sizeof(full), "%s%s", root, path);
	return stat(full, &st) == 0;
}

static char *dirname_of(const char *p)
{
	const char *s = strrchr(p, '/');

	if (!s || s == p)
		return strdup("/");
	return strndup(p, (size_t)(s - p));
}

/* The binary ExecStart runs: absolute, or found as systemd would in its fixed PATH. */
static char *unit_binary(const char *root, const struct unitfile *u)
{
	static const char *const dirs[] = {
		"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
	};
	char buf[PATH_MAX];
	size_t i;

	if (u->argc == 0)
		return NULL;
	if (u->argv[0][0] == '/')
		return gtsconfig_abspath("/", u->argv[0]);
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(buf, sizeof(buf), "%s/%s", dirs[i], u->argv[0]);
		if (exists_below(root, buf))
			return strdup(buf);
	}
	return NULL;
}

int gtsconfig_load(struct gtsconfig *c, const char *root, const char *config,
		   struct gts_err *e)
{
	char name[128], origin[CFG_ORIGIN_MAX], what[160], cwd[PATH_MAX];
	const char *val;
	struct unitfile *u = &c->unit;
	int k, has, rc;
	size_t i;

	memset(c, 0, sizeof(*c));
	if (!root)
		root = "";
	for (k = 0; k < K_NKEYS; k++) {
		c->v[k].src = SRC_DEFAULT;
		snprintf(c->v[k].origin, sizeof(c->v[k].origin), "default");
		if (keys[k].dflt && set_value(&c->v[k], (enum cfg_key)k, keys[k].dflt, SRC_DEFAULT,
					      "default", keys[k].name, e) < 0)
			return -1;
	}
	rc = unitfile_find(root, u, e);
	if (rc < 0)
		return -1;

	/* The working directory. */
	if (u->workdir && u->workdir[0] == '/') {
		set_plain(&c->workdir, gtsconfig_abspath("/", u->workdir), SRC_UNIT,
			  "WorkingDirectory= at %s", u->workdir_origin);
		if (!c->workdir.str)
			return gts_fail(e, GTS_EFAIL, "out of memory");
	}

	/* The binary. */
	if (u->found && u->argc > 0) {
		char *b = unit_binary(root, u);

		if (b)
			set_plain(&c->binary, b, SRC_UNIT, "ExecStart= at %s", u->exec_origin);
		else if (note(c, "%s: ExecStart's program %s not found; its label is not checked",
			      u->exec_origin, u->argv[0]) < 0)
			return gts_fail(e, GTS_EFAIL, "out of memory");
	}

	/* The config file: ours, else the unit's flag, else its env, else the defaults. */
	if (config) {
		/* A path on the target system: below ROOT like everything GoToSocial uses. */
		if (config[0] != '/' && root[0])
			return gts_fail(e, GTS_EUSAGE, "invalid --config '%s': with --root give the "
					"absolute path the config has on the target system", config);
		if (config[0] == '/') {
			set_plain(&c->config, gtsconfig_abspath("/", config), SRC_FLAG,
				  "gts-selinux --config");
		} else {
			if (!getcwd(cwd, sizeof(cwd)))
				return gts_fail(e, GTS_EFAIL, "cannot get the current directory: %s",
						strerror(errno));
			set_plain(&c->config, gtsconfig_abspath(cwd, config), SRC_FLAG,
				  "gts-selinux --config");
		}
	} else {
		const struct unit_var *ev = unitfile_getenv(u, "GTS_CONFIG_PATH");

		val = unit_flag(u, "config-path", 0, &has);
		if (has && val && *val) {
			snprintf(origin, sizeof(origin), "flag --config-path at %s", u->exec_origin);
		} else if (ev && ev->value && *ev->value) {
			val = ev->value;
			snprintf(origin, sizeof(origin), "env GTS_CONFIG_PATH at %s", ev->origin);
		} else {
			val = NULL;
		}
		if (val) {
			if (val[0] != '/' && !c->workdir.str)
				return gts_fail(e, GTS_EUSAGE, "%s: the config path %s is relative but "
						"the unit sets no WorkingDirectory=; give --config PATH",
						origin, val);
			set_plain(&c->config, gtsconfig_abspath(c->workdir.str ? c->workdir.str : "/",
								 val), SRC_UNIT, "%s", origin);
		} else {
			for (i = 0; i < sizeof(default_configs) / sizeof(default_configs[0]); i++)
				if (exists_below(root, default_configs[i])) {
					set_plain(&c->config, strdup(default_configs[i]), SRC_DEFAULT,
						  "default location");
					break;
				}
		}
	}
	if (!c->config.str && c->config.origin[0])
		return gts_fail(e, GTS_EFAIL, "out of memory");

	if (!c->workdir.str) {
		if (c->config.str)
			set_plain(&c->workdir, dirname_of(c->config.str), SRC_ASSUMED,
				  "assumed: the config file's directory (no unit with "
				  "WorkingDirectory=)");
		else
			set_plain(&c->workdir, strdup("/gotosocial"), SRC_ASSUMED,
				  "assumed: GoToSocial's documented WorkingDirectory");
		if (!c->workdir.str)
			return gts_fail(e, GTS_EFAIL, "out of memory");
	}

	/* Layers, lowest first: the file, then the environment, then the flags. */
	if (c->config.str && gtsconfig_read_yaml(c, root, c->config.str, e) < 0)
		return -1;
	for (k = 0; k < K_NKEYS; k++) {
		const struct unit_var *ev;

		env_name(keys[k].name, name, sizeof(name));
		ev = unitfile_getenv(u, name);
		if (ev && ev->value) {
			snprintf(origin, sizeof(origin), "env %s at %s", name, ev->origin);
			if (set_value(&c->v[k], (enum cfg_key)k, ev->value, SRC_ENV, origin, name, e) < 0)
				return -1;
		}
		val = unit_flag(u, keys[k].name, keys[k].type == CT_BOOL, &has);
		if (has) {
			snprintf(origin, sizeof(origin), "flag --%s at %s", keys[k].name,
				 u->exec_origin);
			snprintf(what, sizeof(what), "--%s", keys[k].name);
			if (set_value(&c->v[k], (enum cfg_key)k, val, SRC_FLAG, origin, what, e) < 0)
				return -1;
		}
	}

	/* Environment-only settings. */
	{
		const struct unit_var *ev = unitfile_getenv(u, "GTS_WAZERO_COMPILATION_CACHE");

		if (ev && ev->value && *ev->value) {
			set_plain(&c->wazero_cache, gtsconfig_abspath(c->workdir.str, ev->value),
				  SRC_ENV, "env GTS_WAZERO_COMPILATION_CACHE at %s", ev->origin);
			if (!c->wazero_cache.str)
				return gts_fail(e, GTS_EFAIL, "out of memory");
		}
		ev = unitfile_getenv(u, "OTEL_EXPORTER_PROMETHEUS_PORT");
		if (ev && ev->value && *ev->value) {
			snprintf(origin, sizeof(origin), "env OTEL_EXPORTER_PROMETHEUS_PORT at %s",
				 ev->origin);
			if (set_value(&c->metrics_port, K_PORT, ev->value, SRC_ENV, origin,
				      "OTEL_EXPORTER_PROMETHEUS_PORT", e) < 0)
				return -1;
		} else if (set_value(&c->metrics_port, K_PORT, "9464", SRC_DEFAULT,
				     "default of OTEL_EXPORTER_PROMETHEUS_PORT",
				     "OTEL_EXPORTER_PROMETHEUS_PORT", e) < 0) {
			return -1;
		}
	}

	/* Paths: absolute against the working directory, normalised. */
	for (k = 0; k < K_NKEYS; k++) {
		char *abs;

		if (keys[k].type != CT_PATH || !c->v[k].str)
			continue;
		abs = gtsconfig_abspath(c->workdir.str, c->v[k].str);
		if (!abs)
			return gts_fail(e, GTS_EFAIL, "out of memory");
		free(c->v[k].str);
		c->v[k].str = abs;
	}
	return 0;
}

void gtsconfig_free(struct gtsconfig *c)
{
	size_t i;
	int k;

	for (k = 0; k < K_NKEYS; k++)
		free(c->v[k].str);
	free(c->binary.str);
	free(c->config.str);
	free(c->workdir.str);
	free(c->wazero_cache.str);
	free(c->metrics_port.str);
	for (i = 0; i < c->nnotes; i++)
		free(c->notes[i]);
	free(c->notes);
	unitfile_free(&c->unit);
	memset(c, 0, sizeof(*c));
}

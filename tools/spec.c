/*
 * spec.c — parse the customization options (--port, --path, --boolean) and build
 * file-context expressions. Also the two helpers every file uses (gts_fail, gts_opts_free).
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spec.h"

int gts_fail(struct gts_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e->code)
		return -1;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

void gts_opts_free(struct gts_opts *o)
{
	size_t i;

	for (i = 0; i < o->npaths; i++) {
		free(o->paths[i].path);
		free(o->paths[i].type);
	}
	for (i = 0; i < o->nbools; i++)
		free(o->bools[i].name);
	free(o->ports);
	free(o->paths);
	free(o->bools);
	free(o->args);
	o->args = NULL;
	o->nargs = 0;
	o->ports = NULL;
	o->paths = NULL;
	o->bools = NULL;
	o->nports = o->npaths = o->nbools = 0;
}

static const struct {
	const char *name, *type;
} short_types[] = {
	{ "exec", "gotosocial_exec_t" },
	{ "conf", "gotosocial_conf_t" },
	{ "web", "gotosocial_web_t" },
	{ "db", "gotosocial_db_t" },
	{ "storage", "gotosocial_storage_t" },
	{ "cert", "gotosocial_cert_t" },
	{ "cache", "gotosocial_cache_t" },
	{ "tmp", "gotosocial_tmp_t" },
};

const char *spec_type_for(const char *short_name)
{
	size_t i;

	for (i = 0; i < sizeof(short_types) / sizeof(short_types[0]); i++)
		if (strcmp(short_name, short_types[i].name) == 0)
			return short_types[i].type;
	return NULL;
}

const char *spec_type_names(void)
{
	return "exec conf web db storage cert cache tmp";
}

/* A decimal port number 1..65535 spanning exactly [s, end). */
static int parse_port_number(const char *s, const char *end, int *out)
{
	long v = 0;

	if (s == end || end - s > 5)
		return -1;
	for (; s < end; s++) {
		if (!isdigit((unsigned char)*s))
			return -1;
		v = v * 10 + (*s - '0');
	}
	if (v < 1 || v > 65535)
		return -1;
	*out = (int)v;
	return 0;
}

int spec_parse_port(const char *spec, struct gts_port *out, struct gts_err *e)
{
	const char *slash = strchr(spec, '/'), *dash, *end;
	size_t plen;

	if (!slash)
		goto bad;
	plen = (size_t)(slash - spec);
	if (!((plen == 3 && (!strncmp(spec, "tcp", 3) || !strncmp(spec, "udp", 3))) ||
	      (plen == 4 && (!strncmp(spec, "sctp", 4) || !strncmp(spec, "dccp", 4)))))
		goto bad;
	memcpy(out->proto, spec, plen);
	out->proto[plen] = '\0';
	end = slash + 1 + strlen(slash + 1);
	dash = strchr(slash + 1, '-');
	if (parse_port_number(slash + 1, dash ? dash : end, &out->low) < 0)
		goto bad;
	if (!dash)
		out->high = out->low;
	else if (parse_port_number(dash + 1, end, &out->high) < 0 || out->high < out->low)
		goto bad;
	return 0;
bad:
	return gts_fail(e, GTS_EUSAGE,
			"invalid --port '%s': expected PROTO/PORT or PROTO/LOW-HIGH, PROTO one of "
			"tcp udp sctp dccp, ports 1-65535 (e.g. --port tcp/8443)", spec);
}

static const char *const system_roots[] = {
	"/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib32", "/lib64", "/libx32",
	"/media", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp",
	"/usr", "/usr/bin", "/usr/lib", "/usr/lib64", "/usr/libexec", "/usr/local",
	"/usr/local/bin", "/usr/sbin", "/usr/share", "/var", "/var/cache", "/var/lib",
	"/var/log", "/var/run", "/var/spool", "/var/tmp",
};

int spec_is_system_root(const char *path)
{
	size_t i;

	for (i = 0; i < sizeof(system_roots) / sizeof(system_roots[0]); i++)
		if (strcmp(path, system_roots[i]) == 0)
			return 1;
	return 0;
}

/* Normalise an absolute path in place: collapse "//", drop "/." components and trailing
 * slashes. Returns -1 for a ".." component (it would name another tree than it says). */
static int normalise_path(char *p)
{
	char *r = p, *w = p;

	while (*r) {
		if (r[0] == '/') {
			while (r[1] == '/')
				r++;
			if (r[1] == '.' && (r[2] == '/' || r[2] == '\0')) {
				r += 2;
				continue;
			}
			if (r[1] == '.' && r[2] == '.' && (r[3] == '/' || r[3] == '\0'))
				return -1;
		}
		*w++ = *r++;
	}
	*w = '\0';
	while (w > p + 1 && w[-1] == '/')
		*--w = '\0';
	if (w == p) {
		p[0] = '/';
		p[1] = '\0';
	}
	return 0;
}

int spec_parse_path(const char *spec, struct gts_path *out, struct gts_err *e)
{
	const char *eq = strrchr(spec, '='), *type;
	char *path = NULL;
	const char *c;

	out->path = out->type = NULL;
	if (!eq || eq == spec || spec[0] != '/')
		return gts_fail(e, GTS_EUSAGE,
				"invalid --path '%s': expected ABSOLUTE_PATH=NAME, NAME one of %s "
				"(e.g. --path /srv/gts/storage=storage)", spec, spec_type_names());
	type = spec_type_for(eq + 1);
	if (!type)
		return gts_fail(e, GTS_EUSAGE,
				"invalid --path '%s': unknown kind '%s'; use one of %s",
				spec, eq + 1, spec_type_names());
	for (c = spec; c < eq; c++)
		if (iscntrl((unsigned char)*c) || (isspace((unsigned char)*c) && *c != ' '))
			return gts_fail(e, GTS_EUSAGE,
					"invalid --path '%s': control characters and tabs/newlines "
					"cannot be labeled by a file-context entry; rename the directory",
					spec);
	path = strndup(spec, (size_t)(eq - spec));
	if (!path)
		return gts_fail(e, GTS_EFAIL, "out of memory");
	if (normalise_path(path) < 0) {
		free(path);
		return gts_fail(e, GTS_EUSAGE,
				"invalid --path '%s': '..' is not allowed; give the resolved path",
				spec);
	}
	if (spec_is_system_root(path)) {
		gts_fail(e, GTS_EUSAGE,
			 "invalid --path '%s': %s is a system directory and cannot become %s; "
			 "give GoToSocial's own directory below it", spec, path, type);
		free(path);
		return -1;
	}
	out->path = path;
	out->type = strdup(type);
	if (!out->type) {
		free(path);
		out->path = NULL;
		return gts_fail(e, GTS_EFAIL, "out of memory");
	}
	return 0;
}

int spec_parse_bool(const char *spec, struct gts_bool *out, struct gts_err *e)
{
	static const char *const on[] = { "on", "1", "true", "yes" };
	static const char *const off[] = { "off", "0", "false", "no" };
	const char *eq = strchr(spec, '='), *c;
	size_t i;
	int v = -1;

	out->name = NULL;
	if (eq && eq != spec) {
		for (i = 0; i < 4; i++) {
			if (strcmp(eq + 1, on[i]) == 0)
				v = 1;
			if (strcmp(eq + 1, off[i]) == 0)
				v = 0;
		}
		for (c = spec; c < eq; c++)
			if (!isalnum((unsigned char)*c) && *c != '_')
				v = -1;
	}
	if (v < 0)
		return gts_fail(e, GTS_EUSAGE,
				"invalid --boolean '%s': expected NAME=on or NAME=off "
				"(e.g. --boolean gotosocial_bind_http=on)", spec);
	out->name = strndup(spec, (size_t)(eq - spec));
	if (!out->name)
		return gts_fail(e, GTS_EFAIL, "out of memory");
	out->value = v;
	return 0;
}

char *spec_fcontext_expr(const char *path)
{
	static const char meta[] = ".^$*+?()[]{}|\\";
	static const char tail[] = "(/.*)?";
	size_t n = 0;
	const char *p;
	char *out, *w;

	for (p = path; *p; p++)
		n += *p == ' ' ? 4 : strchr(meta, *p) ? 2 : 1;
	/* "/" alone would give "/(/.*)?"; callers refuse "/" before this. */
	out = malloc(n + sizeof(tail));
	if (!out)
		return NULL;
	w = out;
	for (p = path; *p; p++) {
		if (*p == ' ') {
			memcpy(w, "\\x20", 4);
			w += 4;
			continue;
		}
		if (strchr(meta, *p))
			*w++ = '\\';
		*w++ = *p;
	}
	memcpy(w, tail, sizeof(tail));
	return out;
}

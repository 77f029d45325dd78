/*
 * cfgplan.h — from GoToSocial's config (gtsconfig.h) to the requests the command line takes
 * (--path, --port, --boolean), each with the setting and the origin it comes from.
 *
 * Paths: every path GoToSocial will use (binary, config, SQLite directory, storage, ACME
 * cert dir, TLS cert/key, web dirs, wazero cache) is resolved as restorecon would see it
 * (symlinks followed below the root, "..", "//", trailing "/") and gets a file-context
 * request unless the module's own file contexts already give it the right type. System
 * directories (/, /etc, /usr, /var, /srv, ...) are refused with a one-line error.
 * Ports: listen ports that are not http_cache_port_t get gotosocial_port_t; http_port_t ports
 * and ports below 1024 need gotosocial_bind_http. Booleans: only what the config needs is
 * switched on (PostgreSQL, SMTP, TLS/Let's Encrypt, tracing or non-standard remote ports).
 */
#ifndef GTS_CFGPLAN_H
#define GTS_CFGPLAN_H

#include <stdio.h>

#include <json-c/json.h>

#include "gts.h"
#include "gtsconfig.h"

enum cfgplan_kind { CI_PATH, CI_PORT, CI_BOOL };

struct cfgplan_item {
	enum cfgplan_kind kind;
	struct gts_path path;		/* CI_PATH: resolved path, type */
	int is_dir;			/* CI_PATH: a directory tree (else one file) */
	struct gts_port port;		/* CI_PORT */
	struct gts_bool b;		/* CI_BOOL */
	int covered;			/* already so by the module's defaults: nothing to request */
	char why[160];			/* "storage-local-base-path /srv/x" */
	char origin[CFG_ORIGIN_MAX];
};

struct cfgplan {
	struct cfgplan_item *v;
	size_t n;
	char **notes;
	size_t nnotes;
};

/* The module's default type for PATH (a directory when IS_DIR), or NULL. */
typedef const char *(*cfgplan_default_fn)(void *ctx, const char *path, int is_dir);

/* Derive the plan from C. Files are looked at below ROOT ("" for the running system).
 * DFLT (may be NULL: nothing is covered) answers what the module labels by default. */
int cfgplan_derive(const struct gtsconfig *c, const char *root, cfgplan_default_fn dflt,
		   void *dctx, struct cfgplan *p, struct gts_err *e);

/* OUT := CLI plus the plan's requests that CLI does not already decide (CLI wins). OUT
 * owns copies of everything; free it with gts_opts_free(). */
int cfgplan_merge(const struct gts_opts *cli, const struct cfgplan *p, struct gts_opts *out,
		  struct gts_err *e);

/* PATH (absolute) with symlinks resolved below ROOT as the kernel would, "." and ".."
 * applied; components that do not exist are kept as written. malloc'ed, NULL on ENOMEM. */
char *cfgplan_resolve(const char *root, const char *path);

/* The type a listen port has in the usual policies (Fedora and refpolicy agree on these):
 * "http_port_t", "http_cache_port_t" or NULL. */
const char *cfgplan_port_type(int port);

/* The config summary and the plan as one JSON object; printed as text unless --json. */
json_object *cfgplan_json(const struct gtsconfig *c, const struct cfgplan *p);
void cfgplan_print(FILE *f, const struct gts_opts *o, json_object *j);

void cfgplan_free(struct cfgplan *p);

#endif

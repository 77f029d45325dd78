/*
 * spec.h — the values of --port, --path and --boolean: parse and validate them, and turn a
 * path into the file-context regular expression that matches it and everything below it.
 * Pure functions: no SELinux library is involved.
 */
#ifndef GTS_SPEC_H
#define GTS_SPEC_H

#include "gts.h"

/* "tcp/8443" or "udp/8000-8010" -> port; usage error (exit 2) naming SPEC otherwise. */
int spec_parse_port(const char *spec, struct gts_port *out, struct gts_err *e);

/* "/srv/gts/storage=storage" -> path (normalised, malloc'ed) and type gotosocial_storage_t. */
int spec_parse_path(const char *spec, struct gts_path *out, struct gts_err *e);

/* "gotosocial_bind_http=on" (on/off/1/0/true/false) -> boolean (name malloc'ed). */
int spec_parse_bool(const char *spec, struct gts_bool *out, struct gts_err *e);

/* gotosocial_<short>_t for a short name, NULL when SHORT is not one of ours. */
const char *spec_type_for(const char *short_name);

/* The short names --path accepts, space separated (for messages). */
const char *spec_type_names(void);

/*
 * The file-context expression for PATH and everything below it: PATH with every regular
 * expression metacharacter escaped, a space written as \x20 (file_contexts is whitespace
 * separated), followed by (/.*)?. Returns a malloc'ed string, NULL on ENOMEM.
 */
char *spec_fcontext_expr(const char *path);

/* 1 when PATH is a system root no GoToSocial type may be put on (/, /etc, /usr, ...). */
int spec_is_system_root(const char *path);

#endif

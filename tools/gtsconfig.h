/*
 * gtsconfig.h — GoToSocial's configuration as the server itself will see it.
 *
 * Discovery, as GoToSocial does it: the config file is `--config PATH` of gts-selinux if
 * given; else the unit's (gotosocial.service) `--config-path` flag or GTS_CONFIG_PATH;
 * else /gotosocial/config.yaml, then /etc/gotosocial/config.yaml. The unit is read whenever
 * it exists: its ExecStart names the binary and carries flags, its Environment=/
 * EnvironmentFile= the GTS_* variables, its WorkingDirectory the directory relative paths
 * resolve against (without a unit: the config file's directory, reported as assumed).
 * gts-selinux's own environment is not the server's and is never read.
 *
 * Precedence as GoToSocial's (viper): flags, then environment, then the file, then the
 * built-in defaults. Every value remembers its origin ("/etc/gotosocial/config.yaml:12",
 * "env GTS_PORT at /etc/gotosocial/env:3", "flag --port at ...service:9", "default").
 *
 * The file is YAML, read with libyaml. Errors name the file with line and column; a wrong
 * type names the key and its line. Unknown keys are ignored (listed with -v).
 * All paths, --config's too, are paths on the target system, looked up below ROOT (an
 * alternate root; "" for the running system).
 */
#ifndef GTS_GTSCONFIG_H
#define GTS_GTSCONFIG_H

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>

#include "gts.h"
#include "unitfile.h"

#define CFG_ORIGIN_MAX (UNIT_ORIGIN_MAX + 160)

enum cfg_src { SRC_DEFAULT, SRC_FILE, SRC_ENV, SRC_FLAG, SRC_UNIT, SRC_ASSUMED };

enum cfg_type { CT_STR, CT_PATH, CT_INT, CT_BOOL };

enum cfg_key {
	K_HOST, K_BIND_ADDRESS, K_PORT,
	K_DB_TYPE, K_DB_ADDRESS, K_DB_PORT,
	K_STORAGE_BACKEND, K_STORAGE_LOCAL_BASE_PATH,
	K_LE_ENABLED, K_LE_PORT, K_LE_CERT_DIR,
	K_TLS_CHAIN, K_TLS_KEY,
	K_WEB_TEMPLATE, K_WEB_ASSET,
	K_SMTP_HOST, K_SMTP_PORT,
	K_SYSLOG_ENABLED, K_SYSLOG_PROTOCOL, K_SYSLOG_ADDRESS,
	K_METRICS_ENABLED, K_TRACING_ENABLED,
	K_NKEYS
};

struct cfg_value {
	char *str;		/* the value as text (paths absolute and normalised), NULL: empty */
	long num;		/* CT_INT, CT_BOOL */
	enum cfg_src src;
	char origin[CFG_ORIGIN_MAX];
};

struct gtsconfig {
	struct cfg_value v[K_NKEYS];
	struct cfg_value binary;	/* ExecStart's program; str NULL without a unit */
	struct cfg_value config;	/* the config file; str NULL when none was found */
	struct cfg_value workdir;
	struct cfg_value wazero_cache;	/* GTS_WAZERO_COMPILATION_CACHE; str NULL unset */
	struct cfg_value metrics_port;	/* OTEL_EXPORTER_PROMETHEUS_PORT, default 9464 */
	struct unitfile unit;
	char **notes;			/* unknown keys and the like, for -v */
	size_t nnotes;
};

/* The key's name as written in the file ("db-address"). */
const char *cfg_key_name(enum cfg_key k);
enum cfg_type cfg_key_type(enum cfg_key k);

/* Find and read the config. CONFIG: gts-selinux's --config (NULL: discover). ROOT: "" or an
 * alternate root. A missing file is an error only when CONFIG names it; without any config
 * file the result holds the defaults (and the unit's values). Exit code 2 for bad input. */
int gtsconfig_load(struct gtsconfig *c, const char *root, const char *config,
		   struct gts_err *e);

/* Read one YAML file into C (file layer only; exposed for the tests). PATH is read below
 * ROOT and named in messages as given. */
int gtsconfig_read_yaml(struct gtsconfig *c, const char *root, const char *path,
			struct gts_err *e);

/* Make P absolute against the working directory BASE and normalise it (".", "..", "//",
 * trailing "/"). Returns a malloc'ed string (NULL on ENOMEM). */
char *gtsconfig_abspath(const char *base, const char *p);

/* Append a formatted note to *NOTES (for gtsconfig and cfgplan). -1 on ENOMEM. */
int gtsconfig_vnote(char ***notes, size_t *n, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

void gtsconfig_free(struct gtsconfig *c);

#endif

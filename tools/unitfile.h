/*
 * unitfile.h — read GoToSocial's systemd unit (gotosocial.service) the way systemd does, as
 * far as gts-selinux needs it: ExecStart (the binary and its flags), WorkingDirectory,
 * NoNewPrivileges, Environment= and EnvironmentFile= values.
 *
 * Syntax handled: [Service] section only; comments (# ;); backslash-newline continuations;
 * systemd's word quoting ("..." '...' with C escapes) in ExecStart= and Environment=;
 * ExecStart prefixes (@ - : + !); ${VAR} and whole-word $VAR in ExecStart from the unit's
 * environment; empty assignments resetting lists; drop-ins (gotosocial.service.d/ *.conf,
 * applied in file-name order after the unit, /etc over /run over /usr/lib). Environment
 * files: KEY=VALUE lines, # and ; comments, quoted values, an optional "export ", a leading
 * "-" on the file name making it optional. As in systemd, EnvironmentFile= values override
 * Environment= ones.
 *
 * Every file is read below ROOT (an alternate root; "" for the running system), and every
 * value remembers where it came from ("/etc/systemd/system/gotosocial.service:12").
 */
#ifndef GTS_UNITFILE_H
#define GTS_UNITFILE_H

#include <limits.h>
#include <stddef.h>

#include "gts.h"

#define UNIT_NAME "gotosocial.service"
#define UNIT_ORIGIN_MAX (PATH_MAX + 32)

struct unit_var {
	char *name, *value;
	char origin[UNIT_ORIGIN_MAX];	/* "FILE:LINE" of the assignment */
};

struct unitfile {
	int found;
	char path[PATH_MAX];		/* the unit, as a path on the target system */
	char **argv;			/* ExecStart, split, variables expanded */
	size_t argc;
	char exec_origin[UNIT_ORIGIN_MAX];
	char *workdir;			/* WorkingDirectory, NULL when unset */
	char workdir_origin[UNIT_ORIGIN_MAX];
	int nnp;			/* NoNewPrivileges=yes */
	struct unit_var *env;		/* the service's environment, last assignment wins */
	size_t nenv;
	/* While parsing (applied by unitfile_find): */
	char *exec_raw;			/* the last ExecStart= */
	struct unit_var *envfiles;	/* EnvironmentFile= (name: the path, "-" kept) */
	size_t nenvfiles;
};

/* Look for UNIT_NAME in the systemd unit directories under ROOT and parse it (with its
 * drop-ins). Returns 1 found, 0 none (U->found 0), -1 error (unreadable, bad quoting). */
int unitfile_find(const char *root, struct unitfile *u, struct gts_err *e);

/* Parse the unit file PATH (a path on the target system, read below ROOT) into U, on top of
 * what U already holds (drop-ins call this again). */
int unitfile_parse(const char *root, const char *path, struct unitfile *u, struct gts_err *e);

/* After the unit and its drop-ins: read the environment files and split ExecStart. */
int unitfile_finish(const char *root, struct unitfile *u, struct gts_err *e);

/* Read an environment file into U's environment. */
int unitfile_read_env(const char *root, const char *path, struct unitfile *u,
		      struct gts_err *e);

/* Split S into words with systemd's quoting rules. Returns 0, or -1 (unbalanced quote or bad
 * escape; *ARGV NULL). */
int unitfile_split(const char *s, char ***argv, size_t *argc);

void unitfile_free_argv(char **argv, size_t argc);

/* The service's value of NAME, or NULL. */
const struct unit_var *unitfile_getenv(const struct unitfile *u, const char *name);

void unitfile_free(struct unitfile *u);

#endif

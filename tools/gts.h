/*
 * gts.h — what every part of gts-selinux shares: exit codes, the parsed command line and the
 * error idiom.
 *
 * The error idiom: a function that can fail takes a `struct gts_err *` and returns < 0 on
 * error after calling gts_fail() once with the exit code and a one-line message (the first
 * message wins: callers higher up only add nothing or return). Cleanup is `goto out`. main()
 * prints the message, once, and exits with the code.
 */
#ifndef GTS_H
#define GTS_H

#include <stddef.h>

#define GTS_NAME "gts-selinux"
#define GTS_MODULE "gotosocial"

enum gts_exit {
	GTS_OK = 0,		/* done, or nothing to do */
	GTS_EFAIL = 1,		/* the operation failed */
	GTS_EUSAGE = 2,		/* bad command line */
	GTS_EVERIFY = 3,	/* verify found a problem; why found denials */
	GTS_EDISABLED = 4,	/* SELinux disabled / no policy store, and no --root */
	GTS_EPERM = 77,		/* permission denied */
};

struct gts_err {
	int code;		/* 0 while no error was recorded */
	char msg[1024];
};

/* Record an error (first one wins) and return -1. */
int gts_fail(struct gts_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A port label request: proto/low[-high]. */
struct gts_port {
	char proto[8];
	int low, high;
};

/* A file-context request: PATH=NAME, NAME one of exec conf web db storage cert cache tmp. */
struct gts_path {
	char *path;		/* normalised absolute path */
	char *type;		/* gotosocial_<name>_t */
};

/* A boolean request: NAME=on|off. */
struct gts_bool {
	char *name;
	int value;
};

/* The parsed command line: the only state the program has. */
struct gts_opts {
	const char *verb;
	const char *root;	/* --root, NULL for the running system */
	const char *store;	/* --store, NULL: the root's SELINUXTYPE */
	const char *module;	/* --module, NULL: the shipped one */
	int priority;		/* --priority, default 200 */
	int dry_run, json, verbose, quiet, no_reload, force;
	struct gts_port *ports;
	size_t nports;
	struct gts_path *paths;
	size_t npaths;
	struct gts_bool *bools;
	size_t nbools;
	/* Issue 4: GoToSocial's config, relabel's PATH arguments, verify's --pid. */
	const char *config;	/* --config, NULL: discover */
	char **args;		/* operands after the verb (relabel PATH...): the array is owned */
	size_t nargs;
	int pid;		/* --pid, 0: find the server */
	/* why */
	const char *input;	/* --input FILE ("-": stdin), NULL: /var/log/audit/audit.log */
	const char *since;	/* --since TIME */
	int boot;		/* --boot: since the last boot */
	const char *policy;	/* --policy FILE, NULL: the loaded one or --root's */
};

void gts_opts_free(struct gts_opts *o);

#endif

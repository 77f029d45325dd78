/*
 * cli.h — the command line of gts-selinux (see cli.c).
 */
#ifndef GTS_CLI_H
#define GTS_CLI_H

#include <stdio.h>

#include "gts.h"

struct cli_verb {
	const char *name;
	unsigned int bit;
	int (*run)(const struct gts_opts *o, struct gts_err *e);
	const char *summary;
};

/* Parse ARGV into O (which the caller frees with gts_opts_free) and find the verb.
 * Returns 0, 1 after --help/--version was printed, or -1 with a usage error (exit 2) in E. */
int cli_parse(int argc, char **argv, struct gts_opts *o, const struct cli_verb **verb,
	      struct gts_err *e);

/* The --help text. */
void cli_usage(FILE *f);

#endif

/* relabel.h — the relabel verb, and the set of GoToSocial's paths install/uninstall relabel. */
#ifndef GTS_RELABEL_H
#define GTS_RELABEL_H

#include "gts.h"

/* GoToSocial's paths on ROOT: the literal roots of every entry of the store's file contexts
 * (FC, with its .local) that names a gotosocial_ type, plus the config plan's paths (CFG_PATHS).
 * Deduplicated, none below another, system roots left out. */
int relabel_paths(const char *fc, char *const *cfg_paths, size_t ncfg, char ***out, size_t *n,
		  struct gts_err *e);

int cmd_relabel(const struct gts_opts *o, struct gts_err *e);

struct store;
struct cfgctx;

/* install/uninstall: GoToSocial's paths before the transaction (the store's file contexts
 * and the plan X, may be NULL) into *SET. */
int relabel_before(const struct store *s, const struct cfgctx *x, char ***set, size_t *n,
		   struct gts_err *e);

/* After a commit: relabel SET and the paths of the new file contexts with a handle opened
 * now (the commit changed file_contexts). Says so when labels changed; a failure is a warning
 * (the commit stands): it names the relabel command to run. Frees SET. */
void relabel_after(const struct store *s, const struct gts_opts *o, char **set, size_t n);

#endif

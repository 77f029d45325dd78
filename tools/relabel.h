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

#endif

/*
 * planverb.h — the config-derived plan as every verb needs it (config + module defaults +
 * derivation), and the `plan` verb that prints it with the origin of each item.
 */
#ifndef GTS_PLANVERB_H
#define GTS_PLANVERB_H

#include "cfgplan.h"
#include "gts.h"
#include "gtsconfig.h"
#include "labels.h"
#include "pkg.h"

struct cfgctx {
	struct gtsconfig cfg;
	struct cfgplan plan;
	struct labels mod;	/* the module's own file contexts (when PKG was given) */
	int have_mod;
	int none;		/* no config file and no unit: nothing was derived */
};

/* Read the config below ROOT (--config from O) and derive the plan; PKG (may be NULL) says
 * which paths the module already labels. Without a config file and a unit the plan is
 * empty and X->none is set. */
int cfgctx_load(struct cfgctx *x, const struct gts_opts *o, const char *root,
		const struct pkg *pkg, struct gts_err *e);
void cfgctx_free(struct cfgctx *x);

/* Print X's plan (text or JSON) as `plan` does. */
void cfgctx_print(FILE *f, const struct gts_opts *o, const struct cfgctx *x);

int cmd_plan(const struct gts_opts *o, struct gts_err *e);

#endif

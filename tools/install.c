/*
 * install.c — `gts-selinux install`: the shipped module at our priority plus the requested
 * port labels, file contexts and booleans, in one transaction; nothing when all is in place.
 */
#include <stdio.h>
#include <string.h>

#include "install.h"
#include "cfgplan.h"
#include "pkg.h"
#include "planverb.h"
#include "relabel.h"
#include "txn.h"

int cmd_install(const struct gts_opts *o, struct gts_err *e)
{
	struct store s;
	struct pkg pkg = { 0 };
	char path[PATH_MAX + 128];
	struct record want = { 0 };
	struct cfgctx x;
	struct gts_opts m;
	int rc = -1, merged = 0;
	char **before = NULL;
	size_t nbefore = 0;

	memset(&x, 0, sizeof(x));

	if (store_open(&s, o, o->dry_run ? STORE_READ : STORE_WRITE, e) < 0)
		goto out;
	if (o->module)
		snprintf(path, sizeof(path), "%s", o->module);
	else if (pkg_default_path(o->root ? s.root : NULL, s.name, path, sizeof(path)) < 0) {
		gts_fail(e, GTS_EFAIL, "no shipped module found (looked for %s and the Gentoo "
			 "layout); install the gotosocial-selinux policy package or give --module "
			 "FILE", path);
		goto out;
	}
	if (pkg_load(&pkg, path, e) < 0)
		goto out;
	if (pkg.mls != s.mls) {
		gts_fail(e, GTS_EFAIL, "module %s was built for a%s policy but store '%s' is%s; "
			 "build the module against this store's policy headers", path,
			 pkg.mls ? "n MLS/MCS" : " non-MLS", s.name, s.mls ? " MLS/MCS" : " not MLS");
		goto out;
	}
	/* GoToSocial's config adds its requests; the command line's own win. */
	if (cfgctx_load(&x, o, s.root, &pkg, e) < 0 || cfgplan_merge(o, &x.plan, &m, e) < 0)
		goto out;
	merged = 1;
	if (o->dry_run && !o->json && !o->quiet && !x.none) {
		cfgctx_print(stdout, o, &x);
		printf("\n");
	}
	/* Unknown booleans and conflicting requests are usage errors: find them before any
	 * store access that could wait on a lock. */
	if (plan_wanted(&m, &pkg, &want, e) < 0)
		goto out;
	if (!o->dry_run && relabel_before(&s, &x, &before, &nbefore, e) < 0)
		goto out;
	rc = txn_run(&s, &m, "install", &pkg, plan_install, e);
	if (rc == 0 && !o->dry_run) {
		relabel_after(&s, o, before, nbefore);
		before = NULL;
		nbefore = 0;
	}
out:
	while (nbefore)
		free(before[--nbefore]);
	free(before);
	if (merged)
		gts_opts_free(&m);
	cfgctx_free(&x);
	record_free(&want);
	pkg_free(&pkg);
	store_close(&s);
	return rc;
}

/*
 * planverb.c — load the config and derive the plan; the `plan` verb (see planverb.h).
 *
 * `plan` reads the store only to find the shipped module (for which paths it labels by
 * default); without a usable store (SELinux off and no --root) it still prints the plan,
 * from --module when given, and says that the module's defaults were not consulted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "planverb.h"
#include "store.h"

int cfgctx_load(struct cfgctx *x, const struct gts_opts *o, const char *root,
		const struct pkg *pkg, struct gts_err *e)
{
	memset(x, 0, sizeof(*x));
	if (!root)
		root = "";
	if (gtsconfig_load(&x->cfg, root, o->config, e) < 0)
		return -1;
	if (!x->cfg.config.str && !x->cfg.unit.found) {
		x->none = 1;
		return 0;
	}
	if (pkg) {
		if (labels_open_module(&x->mod, pkg, e) < 0)
			return -1;
		x->have_mod = 1;
	}
	return cfgplan_derive(&x->cfg, root, x->have_mod ? labels_default_type : NULL,
			      x->have_mod ? &x->mod : NULL, &x->plan, e);
}

void cfgctx_free(struct cfgctx *x)
{
	cfgplan_free(&x->plan);
	gtsconfig_free(&x->cfg);
	if (x->have_mod)
		labels_close(&x->mod);
	memset(x, 0, sizeof(*x));
}

void cfgctx_print(FILE *f, const struct gts_opts *o, const struct cfgctx *x)
{
	json_object *j = cfgplan_json(&x->cfg, &x->plan);

	json_object_object_add(j, "config_found", json_object_new_boolean(!x->none));
	json_object_object_add(j, "module_defaults_consulted", json_object_new_boolean(x->have_mod));
	if (x->none && !o->json) {
		if (!o->quiet)
			fprintf(f, "no GoToSocial config found (no --config, no %s unit, no "
				"/gotosocial/config.yaml or /etc/gotosocial/config.yaml): only the "
				"module's defaults apply\n", UNIT_NAME);
	} else {
		cfgplan_print(f, o, j);
	}
	if (!o->json && !o->quiet && !x->none && !x->have_mod)
		fprintf(f, "note: the module's file contexts were not consulted (no store or "
			"module found); give --root/--module to leave out what it labels already\n");
	json_object_put(j);
}

int cmd_plan(const struct gts_opts *o, struct gts_err *e)
{
	struct store s;
	struct pkg pkg = { 0 };
	struct gts_err ignore = { 0 };
	struct cfgctx x;
	char path[PATH_MAX + 128], root[PATH_MAX] = "";
	int have_pkg = 0, have_store = 0, rc = -1;

	memset(&x, 0, sizeof(x));
	memset(&s, 0, sizeof(s));
	if (store_open(&s, o, STORE_READ, &ignore) == 0) {
		have_store = 1;
		snprintf(root, sizeof(root), "%s", s.root);
	} else if (ignore.code == GTS_EUSAGE) {
		gts_fail(e, ignore.code, "%s", ignore.msg);
		goto out;
	} else if (o->root && !realpath(o->root, root)) {
		gts_fail(e, GTS_EUSAGE, "invalid --root '%s': give an existing directory", o->root);
		goto out;
	}
	if (strcmp(root, "/") == 0)
		root[0] = '\0';
	if (o->module) {
		if (pkg_load(&pkg, o->module, e) < 0)
			goto out;
		have_pkg = 1;
	} else if (have_store && pkg_default_path(s.root[0] ? s.root : NULL, s.name, path,
						  sizeof(path)) == 0 &&
		   pkg_load(&pkg, path, &ignore) == 0) {
		have_pkg = 1;
	}
	if (cfgctx_load(&x, o, root, have_pkg ? &pkg : NULL, e) < 0)
		goto out;
	cfgctx_print(stdout, o, &x);
	rc = 0;
out:
	cfgctx_free(&x);
	if (have_pkg)
		pkg_free(&pkg);
	store_close(&s);
	return rc;
}

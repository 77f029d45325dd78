/*
 * status.c — `gts-selinux status`: the module (installed, priority, enabled, installed vs
 * shipped checksum), the customizations gts-selinux owns and whether the store still holds
 * them, and the module's booleans with their values and where each value comes from.
 * Read-only: it never begins a transaction.
 */
#include <stdio.h>
#include <string.h>

#include "pkg.h"
#include "report.h"
#include "status.h"

static const char *val(const struct cust *c)
{
	return c->kind == CUST_BOOLEAN ? (c->value ? "on" : "off") : c->type;
}

static int add_customizations(struct store *s, const struct record *owned, json_object *arr,
			      struct gts_err *e)
{
	struct cust cur;
	char k[512], st[600];
	size_t i;
	json_object *o;
	int rc;

	for (i = 0; i < owned->n; i++) {
		const struct cust *c = &owned->v[i];

		rc = store_get_local(s, c, &cur, e);
		if (rc < 0)
			return -1;
		if (rc == 0)
			snprintf(st, sizeof(st), "missing: removed outside gts-selinux");
		else if (c->kind == CUST_BOOLEAN ? cur.value != c->value : strcmp(cur.type, c->type))
			snprintf(st, sizeof(st), "changed outside gts-selinux to %s", val(&cur));
		else
			snprintf(st, sizeof(st), "present");
		cust_free(&cur);
		o = json_object_new_object();
		json_object_object_add(o, "kind", json_object_new_string(
			c->kind == CUST_PORT ? "port" : c->kind == CUST_FCONTEXT ? "fcontext" : "boolean"));
		json_object_object_add(o, "key", json_object_new_string(cust_key_str(c, k, sizeof(k))));
		json_object_object_add(o, "value", json_object_new_string(val(c)));
		json_object_object_add(o, "state", json_object_new_string(st));
		if (c->has_prev)
			json_object_object_add(o, "replaced", json_object_new_string(
				c->kind == CUST_BOOLEAN ? (c->prev_value ? "on" : "off") : c->prev_type));
		json_object_array_add(arr, o);
	}
	return 0;
}

static int add_boolean(struct store *s, const struct record *owned, const char *name,
		       int has_dflt, int dflt, json_object *arr, struct gts_err *e)
{
	struct cust key, cur;
	json_object *o;
	const char *source;
	int rc, value = dflt;

	memset(&key, 0, sizeof(key));
	key.kind = CUST_BOOLEAN;
	key.name = (char *)name;
	rc = store_get_local(s, &key, &cur, e);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		value = cur.value;
		source = record_find(owned, &key) >= 0 ? "set by gts-selinux" : "set by the admin";
	} else {
		rc = store_get_policy_bool(s, name, &value, e);
		if (rc < 0)
			return -1;
		source = rc ? "policy default" : "module default, module not installed";
		if (!rc)
			value = dflt;
	}
	o = json_object_new_object();
	json_object_object_add(o, "name", json_object_new_string(name));
	json_object_object_add(o, "value", json_object_new_boolean(value));
	json_object_object_add(o, "source", json_object_new_string(source));
	json_object_object_add(o, "default", has_dflt ? json_object_new_boolean(dflt) : NULL);
	json_object_array_add(arr, o);
	return 0;
}

int status_collect(struct store *s, const struct gts_opts *o, json_object **out,
		   struct gts_err *e)
{
	struct modstate m;
	struct pkg pkg = { 0 };
	struct gts_err perr = { 0 };
	struct record owned = { 0 }, pol = { 0 };
	char path[PATH_MAX + 128], dir[sizeof(s->dir) + 8];
	json_object *j = json_object_new_object(), *mod = json_object_new_object(), *arr;
	int have_pkg = 0, rc = -1;
	size_t i;

	json_object_object_add(j, "verb", json_object_new_string("status"));
	json_object_object_add(j, "root", json_object_new_string(s->root[0] ? s->root : "/"));
	json_object_object_add(j, "store", json_object_new_string(s->name));
	json_object_object_add(j, "store_dir", json_object_new_string(s->dir));
	json_object_object_add(j, "module", mod);
	if (store_module_state(s, o->priority, &m, e) < 0)
		goto out;
	json_object_object_add(mod, "name", json_object_new_string(GTS_MODULE));
	json_object_object_add(mod, "installed", json_object_new_boolean(m.installed));
	json_object_object_add(mod, "priority", m.installed ? json_object_new_int(m.priority) : NULL);
	arr = json_object_new_array();
	if (m.at_ours)
		json_object_array_add(arr, json_object_new_int(o->priority));
	for (i = 0; i < (size_t)m.nother; i++)
		json_object_array_add(arr, json_object_new_int(m.other_prio[i]));
	json_object_object_add(mod, "priorities", arr);
	json_object_object_add(mod, "enabled", json_object_new_boolean(m.installed && m.enabled));
	json_object_object_add(mod, "installed_checksum",
			       m.installed ? json_object_new_string(m.checksum) : NULL);

	if (o->module)
		snprintf(path, sizeof(path), "%s", o->module);
	else if (pkg_default_path(o->root ? s->root : NULL, s->name, path, sizeof(path)) < 0)
		gts_fail(&perr, GTS_EFAIL, "no shipped module at %s", path);
	if (!perr.code && pkg_load(&pkg, path, &perr) == 0)
		have_pkg = 1;
	json_object_object_add(mod, "shipped_path", json_object_new_string(path));
	json_object_object_add(mod, "shipped_checksum",
			       have_pkg ? json_object_new_string(pkg.checksum) : NULL);
	json_object_object_add(mod, "shipped_error",
			       have_pkg ? NULL : json_object_new_string(perr.msg));
	json_object_object_add(mod, "up_to_date", json_object_new_boolean(
		have_pkg && m.installed && strcmp(m.checksum, pkg.checksum) == 0));

	store_record_dir(s, dir, sizeof(dir));
	if (record_load(dir, &owned, e) < 0)
		goto out;
	arr = json_object_new_array();
	json_object_object_add(j, "customizations", arr);
	if (add_customizations(s, &owned, arr, e) < 0)
		goto out;

	arr = json_object_new_array();
	json_object_object_add(j, "booleans", arr);
	if (have_pkg) {
		for (i = 0; i < pkg.nbools; i++)
			if (add_boolean(s, &owned, pkg.bools[i].name, 1, pkg.bools[i].dflt, arr, e) < 0)
				goto out;
	} else {
		if (store_list_policy_bools(s, "gotosocial_", &pol, e) < 0)
			goto out;
		for (i = 0; i < pol.n; i++)
			if (add_boolean(s, &owned, pol.v[i].name, 0, 0, arr, e) < 0)
				goto out;
	}
	*out = j;
	j = NULL;
	rc = 0;
out:
	json_object_put(j);
	record_free(&owned);
	record_free(&pol);
	pkg_free(&pkg);
	return rc;
}

int cmd_status(const struct gts_opts *o, struct gts_err *e)
{
	struct store s;
	json_object *j = NULL;
	int rc = -1;

	if (store_open(&s, o, STORE_READ, e) == 0 && status_collect(&s, o, &j, e) == 0) {
		report_print_status(stdout, o, j);
		rc = 0;
	}
	json_object_put(j);
	store_close(&s);
	return rc;
}

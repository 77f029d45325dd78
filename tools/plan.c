/*
 * plan.c — compute and apply the changes of install and uninstall (see plan.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "spec.h"

#define PORT_TYPE "gotosocial_port_t"

int plan_changes(const struct plan *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->v[i].op != CH_NOTE_ADMIN)
			return 1;
	return 0;
}

static int add_change(struct plan *p, enum change_op op, const struct cust *c, const char *old,
		      struct gts_err *e)
{
	struct change *nv = realloc(p->v, (p->n + 1) * sizeof(*nv));

	if (!nv)
		return gts_fail(e, GTS_EFAIL, "out of memory");
	p->v = nv;
	memset(&nv[p->n], 0, sizeof(nv[p->n]));
	nv[p->n].op = op;
	if (c && cust_copy(&nv[p->n].c, c) < 0)
		return gts_fail(e, GTS_EFAIL, "out of memory");
	if (old && !(nv[p->n].old = strdup(old))) {
		cust_free(&nv[p->n].c);
		return gts_fail(e, GTS_EFAIL, "out of memory");
	}
	p->n++;
	return 0;
}

static int keep(struct plan *p, const struct cust *c, struct gts_err *e)
{
	if (record_add(&p->rec, c) < 0)
		return gts_fail(e, GTS_EFAIL, "out of memory");
	return 0;
}

void plan_free(struct plan *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		cust_free(&p->v[i].c);
		free(p->v[i].old);
	}
	free(p->v);
	record_free(&p->rec);
	memset(p, 0, sizeof(*p));
}

/* Value of a local entry as text ("http_port_t", "on"). */
static const char *value_str(const struct cust *c)
{
	if (c->kind == CUST_BOOLEAN)
		return c->value ? "on" : "off";
	return c->type;
}

static int same_value(const struct cust *a, const struct cust *b)
{
	if (a->kind == CUST_BOOLEAN)
		return a->value == b->value;
	return strcmp(a->type, b->type) == 0;
}

static const char *semanage_hint(const struct cust *c, char *buf, size_t size)
{
	switch (c->kind) {
	case CUST_PORT:
		snprintf(buf, size, "semanage port -l -C");
		break;
	case CUST_FCONTEXT:
		snprintf(buf, size, "semanage fcontext -l -C");
		break;
	case CUST_BOOLEAN:
		snprintf(buf, size, "semanage boolean -l -C");
		break;
	}
	return buf;
}

int plan_wanted(const struct gts_opts *o, const struct pkg *pkg, struct record *want,
		struct gts_err *e)
{
	struct cust c;
	char names[1024], k[512];
	const struct pkg_bool *pb;
	size_t i;
	long at;
	int rc = -1;

	memset(want, 0, sizeof(*want));
	memset(&c, 0, sizeof(c));
	for (i = 0; i < o->nports + o->npaths + o->nbools; i++) {
		cust_free(&c);
		memset(&c, 0, sizeof(c));
		if (i < o->nports) {
			const struct gts_port *pt = &o->ports[i];

			c.kind = CUST_PORT;
			snprintf(c.proto, sizeof(c.proto), "%s", pt->proto);
			c.low = pt->low;
			c.high = pt->high;
			c.type = strdup(PORT_TYPE);
		} else if (i < o->nports + o->npaths) {
			const struct gts_path *pa = &o->paths[i - o->nports];

			c.kind = CUST_FCONTEXT;
			c.expr = spec_fcontext_expr(pa->path);
			c.type = strdup(pa->type);
			if (!c.expr) {
				gts_fail(e, GTS_EFAIL, "out of memory");
				goto out;
			}
		} else {
			const struct gts_bool *bo = &o->bools[i - o->nports - o->npaths];

			pb = pkg_find_bool(pkg, bo->name);
			if (!pb) {
				pkg_bool_names(pkg, names, sizeof(names));
				gts_fail(e, GTS_EUSAGE, "unknown boolean '%s': module %s defines %s",
					 bo->name, pkg->path, names[0] ? names : "no booleans");
				goto out;
			}
			c.kind = CUST_BOOLEAN;
			c.name = strdup(bo->name);
			c.value = bo->value;
			if (!c.name) {
				gts_fail(e, GTS_EFAIL, "out of memory");
				goto out;
			}
		}
		if (c.kind != CUST_BOOLEAN && !c.type) {
			gts_fail(e, GTS_EFAIL, "out of memory");
			goto out;
		}
		at = record_find(want, &c);
		if (at >= 0) {
			if (same_value(&want->v[at], &c))
				continue;
			gts_fail(e, GTS_EUSAGE, "conflicting requests for %s: %s and %s; give it once",
				 cust_key_str(&c, k, sizeof(k)), value_str(&want->v[at]),
				 value_str(&c));
			goto out;
		}
		if (record_add(want, &c) < 0) {
			gts_fail(e, GTS_EFAIL, "out of memory");
			goto out;
		}
	}
	rc = 0;
out:
	cust_free(&c);
	if (rc < 0)
		record_free(want);
	return rc;
}

/* An owned entry that is no longer wanted: remove it if the store still holds our value. */
static int plan_release(struct store *s, struct plan *p, const struct cust *o,
			struct gts_err *e)
{
	struct cust cur, back;
	int rc, ret = -1;

	rc = store_get_local(s, o, &cur, e);
	if (rc < 0)
		return -1;
	if (rc == 0 || !same_value(&cur, o)) {
		ret = add_change(p, CH_FORGET, o, rc ? value_str(&cur) : NULL, e);
	} else if (o->has_prev) {
		if (cust_copy(&back, o) < 0) {
			gts_fail(e, GTS_EFAIL, "out of memory");
			goto out;
		}
		back.has_prev = 0;
		if (back.kind == CUST_BOOLEAN) {
			back.value = o->prev_value;
		} else {
			free(back.type);
			back.type = back.prev_type;
			back.prev_type = NULL;
		}
		ret = add_change(p, CH_RESTORE, &back, value_str(o), e);
		cust_free(&back);
	} else {
		ret = add_change(p, CH_DELETE, o, value_str(o), e);
	}
out:
	cust_free(&cur);
	return ret;
}

/* A wanted entry W: decide against the store and the record. */
static int plan_want(struct store *s, const struct gts_opts *o, const struct pkg *pkg,
		     struct plan *p, const struct record *owned, const struct cust *w,
		     struct gts_err *e)
{
	struct cust cur, mine;
	long at = record_find(owned, w);
	const struct cust *ow = at >= 0 ? &owned->v[at] : NULL;
	char k[512], hint[64];
	int rc, ret = -1;

	memset(&mine, 0, sizeof(mine));
	rc = store_get_local(s, w, &cur, e);
	if (rc < 0)
		return -1;
	if (cust_copy(&mine, w) < 0) {
		gts_fail(e, GTS_EFAIL, "out of memory");
		goto out;
	}
	if (rc == 1 && same_value(&cur, w)) {
		/* Already so. Ours: keep owning it (with what it replaced); else the admin's. */
		if (ow && same_value(ow, w))
			ret = keep(p, ow, e);
		else
			ret = add_change(p, CH_NOTE_ADMIN, w, NULL, e);
		goto out;
	}
	if (rc == 1) {
		if (ow && same_value(ow, &cur)) {
			/* Our entry, asked for with a new value: keep what it first replaced. */
			mine.has_prev = ow->has_prev;
			mine.prev_value = ow->prev_value;
			if (ow->prev_type && !(mine.prev_type = strdup(ow->prev_type))) {
				gts_fail(e, GTS_EFAIL, "out of memory");
				goto out;
			}
		} else if (!o->force) {
			gts_fail(e, GTS_EFAIL,
				 "%s %s is already set to %s by a local customization of the admin "
				 "(see %s); refusing to change it to %s: give --force to replace it "
				 "(uninstall puts %s back)",
				 w->kind == CUST_PORT ? "port" : w->kind == CUST_FCONTEXT ?
				 "file context" : "boolean", cust_key_str(w, k, sizeof(k)),
				 value_str(&cur), semanage_hint(w, hint, sizeof(hint)), value_str(w),
				 value_str(&cur));
			goto out;
		} else {
			mine.has_prev = 1;
			mine.prev_value = cur.value;
			if (cur.type && !(mine.prev_type = strdup(cur.type))) {
				gts_fail(e, GTS_EFAIL, "out of memory");
				goto out;
			}
		}
		if (add_change(p, CH_MODIFY, &mine, value_str(&cur), e) < 0 || keep(p, &mine, e) < 0)
			goto out;
		ret = 0;
		goto out;
	}
	/* No local entry. A boolean asked for its module default needs none. */
	if (w->kind == CUST_BOOLEAN) {
		const struct pkg_bool *pb = pkg_find_bool(pkg, w->name);

		if (pb && pb->dflt == w->value) {
			ret = ow ? add_change(p, CH_FORGET, ow, NULL, e) : 0;
			goto out;
		}
	}
	if (add_change(p, CH_ADD, &mine, NULL, e) < 0 || keep(p, &mine, e) < 0)
		goto out;
	ret = 0;
out:
	cust_free(&cur);
	cust_free(&mine);
	return ret;
}

int plan_install(struct store *s, const struct gts_opts *o, const struct pkg *pkg,
		 const struct record *owned, struct plan *p, struct gts_err *e)
{
	struct record want;
	struct modstate m;
	size_t i;
	int rc = -1;

	memset(p, 0, sizeof(*p));
	memset(&want, 0, sizeof(want));
	p->priority = o->priority;
	p->checksum = pkg->checksum;
	if (store_module_state(s, o->priority, &m, e) < 0)
		goto out;
	snprintf(p->installed_checksum, sizeof(p->installed_checksum), "%s", m.our_checksum);
	if (!m.at_ours || strcmp(m.our_checksum, pkg->checksum) != 0) {
		if (add_change(p, CH_MODULE_INSTALL, NULL, m.at_ours ? m.our_checksum : NULL, e) < 0)
			goto out;
	} else if (!m.enabled) {
		if (add_change(p, CH_MODULE_ENABLE, NULL, NULL, e) < 0)
			goto out;
	}
	if (plan_wanted(o, pkg, &want, e) < 0)
		goto out;
	for (i = 0; i < want.n; i++)
		if (plan_want(s, o, pkg, p, owned, &want.v[i], e) < 0)
			goto out;
	for (i = 0; i < owned->n; i++)
		if (record_find(&want, &owned->v[i]) < 0 &&
		    plan_release(s, p, &owned->v[i], e) < 0)
			goto out;
	rc = 0;
out:
	record_free(&want);
	if (rc < 0)
		plan_free(p);
	return rc;
}

/* Local entries (of anyone) that would still name the module's types after the plan. */
static int check_blockers(struct store *s, struct plan *p, struct gts_err *e)
{
	struct record local;
	char list[700], k[512];
	size_t i, j, n = 0;
	int removed, count = 0;

	if (store_list_local(s, "gotosocial_", NULL, &local, e) < 0)
		return -1;
	list[0] = '\0';
	for (i = 0; i < local.n; i++) {
		removed = 0;
		for (j = 0; j < p->n; j++)
			if ((p->v[j].op == CH_DELETE || p->v[j].op == CH_RESTORE) &&
			    cust_same_key(&p->v[j].c, &local.v[i]))
				removed = 1;
		if (removed)
			continue;
		count++;
		if (n < sizeof(list))
			n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s %s (%s)",
					      count > 1 ? ", " : "",
					      local.v[i].kind == CUST_PORT ? "port" : "file context",
					      cust_key_str(&local.v[i], k, sizeof(k)),
					      local.v[i].type);
	}
	record_free(&local);
	if (count)
		return gts_fail(e, GTS_EFAIL,
				"cannot remove module %s: %d local customization%s not made by "
				"gts-selinux still use%s its types: %s; delete %s first (semanage port "
				"-d / semanage fcontext -d) or keep the module", GTS_MODULE, count,
				count > 1 ? "s" : "", count > 1 ? "" : "s", list,
				count > 1 ? "them" : "it");
	return 0;
}

int plan_uninstall(struct store *s, const struct gts_opts *o, const struct pkg *pkg,
		   const struct record *owned, struct plan *p, struct gts_err *e)
{
	struct modstate m;
	size_t i;
	int rc = -1;

	(void)pkg;
	memset(p, 0, sizeof(*p));
	p->priority = o->priority;
	if (store_module_state(s, o->priority, &m, e) < 0)
		goto out;
	snprintf(p->installed_checksum, sizeof(p->installed_checksum), "%s", m.our_checksum);
	for (i = 0; i < owned->n; i++)
		if (plan_release(s, p, &owned->v[i], e) < 0)
			goto out;
	if (m.at_ours) {
		if (add_change(p, CH_MODULE_REMOVE, NULL, m.our_checksum, e) < 0)
			goto out;
		/* Another priority still providing the module keeps its types defined. */
		if (m.nother == 0 && check_blockers(s, p, e) < 0)
			goto out;
	}
	rc = 0;
out:
	if (rc < 0)
		plan_free(p);
	return rc;
}

int plan_apply(struct store *s, const struct pkg *pkg, const struct plan *p,
	       struct gts_err *e)
{
	char dir[sizeof(s->dir) + 8];
	size_t i;
	int rc = 0, store_ops = 0;

	for (i = 0; i < p->n && rc == 0; i++) {
		if (p->v[i].op != CH_FORGET && p->v[i].op != CH_NOTE_ADMIN)
			store_ops++;
		const struct change *c = &p->v[i];

		switch (c->op) {
		case CH_MODULE_INSTALL:
			rc = store_module_install(s, pkg->data, pkg->len, p->priority, e);
			break;
		case CH_MODULE_ENABLE:
			rc = store_module_enable(s, e);
			break;
		case CH_MODULE_REMOVE:
			rc = store_module_remove(s, p->priority, e);
			break;
		case CH_ADD:
		case CH_MODIFY:
		case CH_RESTORE:
			rc = store_set_local(s, &c->c, e);
			break;
		case CH_DELETE:
			rc = store_del_local(s, &c->c, e);
			/* A boolean goes back to the module's default in the running kernel too
			 * (install only: uninstall removes the module and its booleans). */
			if (rc == 0 && c->c.kind == CUST_BOOLEAN && pkg &&
			    pkg_find_bool(pkg, c->c.name))
				rc = store_set_active_bool(s, c->c.name,
							   pkg_find_bool(pkg, c->c.name)->dflt, e);
			break;
		case CH_FORGET:
		case CH_NOTE_ADMIN:
			break;
		}
	}
	if (rc < 0)
		return -1;
	if (!store_ops)
		store_force_commit(s);
	store_record_dir(s, dir, sizeof(dir));
	return record_save(dir, &p->rec, p->priority, e);
}

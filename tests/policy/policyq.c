/*
 * policyq.c — questions to a compiled kernel policy (policy.33) through libsepol:
 * is an access allowed, with which boolean states, which types carry an attribute,
 * which transitions exist. Used by the policy tests; nothing here knows GoToSocial.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sepol/debug.h>
#include <sepol/policydb/conditional.h>
#include <sepol/policydb/policydb.h>
#include <sepol/policydb/services.h>
#include <sepol/policydb/sidtab.h>

#include "policyq.h"

struct policyq {
	policydb_t db;
	sidtab_t sids;
	int *bool_defaults;
};

struct policyq *policyq_open(const char *path)
{
	struct policyq *q = NULL;
	struct policy_file pf;
	FILE *fp = NULL;
	uint32_t i;

	sepol_debug(0); /* unknown contexts are answers here, not errors to print */
	fp = fopen(path, "re");
	if (!fp) {
		fprintf(stderr, "policyq: cannot open %s: %s\n", path, strerror(errno));
		return NULL;
	}
	q = calloc(1, sizeof(*q));
	if (!q)
		goto err;
	if (policydb_init(&q->db))
		goto err_free;
	policy_file_init(&pf);
	pf.type = PF_USE_STDIO;
	pf.fp = fp;
	if (policydb_read(&q->db, &pf, 0)) {
		fprintf(stderr, "policyq: %s is not a readable kernel policy\n", path);
		goto err_db;
	}
	if (sepol_sidtab_init(&q->sids))
		goto err_db;
	sepol_set_policydb(&q->db);
	sepol_set_sidtab(&q->sids);
	q->bool_defaults = calloc(q->db.p_bools.nprim + 1, sizeof(int));
	if (!q->bool_defaults)
		goto err_sids;
	for (i = 0; i < q->db.p_bools.nprim; i++)
		q->bool_defaults[i] = q->db.bool_val_to_struct[i]->state;
	fclose(fp);
	return q;

err_sids:
	sepol_sidtab_destroy(&q->sids);
err_db:
	policydb_destroy(&q->db);
err_free:
	free(q);
err:
	fclose(fp);
	return NULL;
}

void policyq_close(struct policyq *q)
{
	if (!q)
		return;
	sepol_sidtab_destroy(&q->sids);
	policydb_destroy(&q->db);
	free(q->bool_defaults);
	free(q);
}

int policyq_type_value(struct policyq *q, const char *type)
{
	type_datum_t *t = hashtab_search(q->db.p_types.table, (hashtab_key_t)type);

	return t ? (int)t->s.value : 0;
}

const char *policyq_type_name(struct policyq *q, int value)
{
	if (value < 1 || (uint32_t)value > q->db.p_types.nprim)
		return NULL;
	return q->db.p_type_val_to_name[value - 1];
}

int policyq_ntypes(struct policyq *q)
{
	return (int)q->db.p_types.nprim;
}

int policyq_is_attribute(struct policyq *q, int value)
{
	return q->db.type_val_to_struct[value - 1]->flavor == TYPE_ATTRIB;
}

int policyq_has_attribute(struct policyq *q, const char *type, const char *attr)
{
	int t = policyq_type_value(q, type), a = policyq_type_value(q, attr);

	if (!t || !a)
		return 0;
	return ebitmap_get_bit(&q->db.type_attr_map[t - 1], a - 1);
}

int policyq_is_permissive(struct policyq *q, const char *type)
{
	int t = policyq_type_value(q, type);

	return t && ebitmap_get_bit(&q->db.permissive_map, t);
}

int policyq_set_bool(struct policyq *q, const char *name, int state)
{
	cond_bool_datum_t *b = hashtab_search(q->db.p_bools.table, (hashtab_key_t)name);

	if (!b)
		return -ENOENT;
	b->state = state ? 1 : 0;
	return evaluate_conds(&q->db) ? -EINVAL : 0;
}

int policyq_reset_bools(struct policyq *q)
{
	uint32_t i;

	for (i = 0; i < q->db.p_bools.nprim; i++)
		q->db.bool_val_to_struct[i]->state = q->bool_defaults[i];
	return evaluate_conds(&q->db) ? -EINVAL : 0;
}

int policyq_bool_default(struct policyq *q, const char *name)
{
	cond_bool_datum_t *b = hashtab_search(q->db.p_bools.table, (hashtab_key_t)name);

	return b ? q->bool_defaults[b->s.value - 1] : -ENOENT;
}

static int sid_of(const char *role, const char *type, sepol_security_id_t *sid)
{
	char ctx[512];
	int n = snprintf(ctx, sizeof(ctx), "system_u:%s:%s:s0", role, type);

	if (n < 0 || (size_t)n >= sizeof(ctx))
		return -ENAMETOOLONG;
	return sepol_context_to_sid(ctx, (size_t)n + 1, sid) ? -EINVAL : 0;
}

int policyq_allowed(struct policyq *q, const char *src, const char *tgt,
		    const char *cls, const char *perms)
{
	sepol_security_id_t ssid, tsid;
	sepol_security_class_t tclass;
	sepol_access_vector_t want = 0, av;
	struct sepol_av_decision avd;
	unsigned int reason = 0;
	char *copy, *perm, *save = NULL;
	int rc;

	/* A process target needs a role that may hold it (constraints compare roles);
	 * files, ports and other objects are object_r. */
	if (sid_of("system_r", src, &ssid))
		return -ENOENT;
	if (!policyq_has_attribute(q, tgt, "domain") || sid_of("system_r", tgt, &tsid))
		if (sid_of("object_r", tgt, &tsid))
			return -ENOENT;
	if (sepol_string_to_security_class(cls, &tclass))
		return -ENOENT;
	copy = strdup(perms);
	if (!copy)
		return -ENOMEM;
	rc = 0;
	for (perm = strtok_r(copy, " ", &save); perm; perm = strtok_r(NULL, " ", &save)) {
		if (sepol_string_to_av_perm(tclass, perm, &av)) {
			rc = -ENOENT;
			break;
		}
		want |= av;
	}
	free(copy);
	if (rc)
		return rc;
	if (sepol_compute_av_reason(ssid, tsid, tclass, want, &avd, &reason))
		return -EINVAL;
	if ((avd.allowed & want) == want)
		return POLICYQ_ALLOWED;
	return reason & SEPOL_COMPUTEAV_TE ? POLICYQ_DENIED : POLICYQ_CONSTRAINED;
}

int policyq_perm_names(struct policyq *q, const char *cls, char ***names)
{
	class_datum_t *c = hashtab_search(q->db.p_classes.table, (hashtab_key_t)cls);
	sepol_security_class_t tclass;
	uint32_t nperms, i;
	char **out;

	if (!c || sepol_string_to_security_class(cls, &tclass))
		return -ENOENT;
	nperms = c->permissions.nprim;
	out = calloc(nperms + 1, sizeof(*out));
	if (!out)
		return -ENOMEM;
	for (i = 0; i < nperms; i++) {
		const char *s = sepol_av_perm_to_string(tclass, UINT32_C(1) << i);

		/* libsepol returns " perm" */
		out[i] = strdup(s ? s + strspn(s, " ") : "");
		if (!out[i]) {
			policyq_free_names(out);
			return -ENOMEM;
		}
	}
	*names = out;
	return (int)nperms;
}

void policyq_free_names(char **names)
{
	char **p;

	if (!names)
		return;
	for (p = names; *p; p++)
		free(*p);
	free(names);
}

const char *policyq_type_transition(struct policyq *q, const char *src, const char *tgt,
				    const char *cls)
{
	avtab_key_t key;
	avtab_datum_t *d;
	sepol_security_class_t tclass;

	key.source_type = (uint16_t)policyq_type_value(q, src);
	key.target_type = (uint16_t)policyq_type_value(q, tgt);
	if (!key.source_type || !key.target_type || sepol_string_to_security_class(cls, &tclass))
		return NULL;
	key.target_class = (uint16_t)tclass;
	key.specified = AVTAB_TRANSITION;
	d = avtab_search(&q->db.te_avtab, &key);
	return d ? policyq_type_name(q, (int)d->data) : NULL;
}

const char *policyq_name_transition(struct policyq *q, const char *src, const char *dir,
				    const char *cls, const char *name)
{
	filename_trans_key_t key;
	filename_trans_datum_t *d;
	sepol_security_class_t tclass;
	int s = policyq_type_value(q, src);

	key.ttype = (uint32_t)policyq_type_value(q, dir);
	if (!s || !key.ttype || sepol_string_to_security_class(cls, &tclass))
		return NULL;
	key.tclass = tclass;
	key.name = (char *)name;
	for (d = hashtab_search(q->db.filename_trans, (hashtab_key_t)&key); d; d = d->next)
		if (ebitmap_get_bit(&d->stypes, (unsigned int)s - 1))
			return policyq_type_name(q, (int)d->otype);
	return NULL;
}

/* policyq.h — questions to a compiled kernel policy through libsepol (see policyq.c). */
#ifndef POLICYQ_H
#define POLICYQ_H

struct policyq;

/* Loads PATH and makes it libsepol's current policy; NULL (message printed) on error. */
struct policyq *policyq_open(const char *path);
void policyq_close(struct policyq *q);

int policyq_type_value(struct policyq *q, const char *type);     /* 0: no such type */
const char *policyq_type_name(struct policyq *q, int value);
int policyq_ntypes(struct policyq *q);
int policyq_is_attribute(struct policyq *q, int value);
int policyq_has_attribute(struct policyq *q, const char *type, const char *attr);
int policyq_is_permissive(struct policyq *q, const char *type);

/* Booleans (tunables are booleans in both policy families). <0: unknown name. */
int policyq_set_bool(struct policyq *q, const char *name, int state);
int policyq_reset_bools(struct policyq *q);
int policyq_bool_default(struct policyq *q, const char *name);

/* PERMS (space-separated) of SRC on TGT:CLS. SRC is a process in system_r; TGT a process
 * in system_r where it may be, else an object (object_r). <0: unknown type/class/perm. */
enum { POLICYQ_DENIED = 0, POLICYQ_ALLOWED = 1, POLICYQ_CONSTRAINED = 2 /* TE allows, a constraint denies */ };
int policyq_allowed(struct policyq *q, const char *src, const char *tgt,
		    const char *cls, const char *perms);

/* The permission names of CLS, NULL-terminated; returns the count or <0. */
int policyq_perm_names(struct policyq *q, const char *cls, char ***names);
void policyq_free_names(char **names);

/* type_transition SRC TGT:CLS → result type name, or NULL. */
const char *policyq_type_transition(struct policyq *q, const char *src, const char *tgt,
				    const char *cls);
/* type_transition SRC DIR:CLS RESULT "NAME" → result type name, or NULL. */
const char *policyq_name_transition(struct policyq *q, const char *src, const char *dir,
				    const char *cls, const char *name);

#endif

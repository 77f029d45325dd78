/*
 * plan.h — what install or uninstall will change, computed from the request, the store's
 * current state and the record of what gts-selinux owns; then applied inside the transaction.
 *
 * install is declarative: after it, the store holds the module and exactly the requested
 * customizations that gts-selinux owns; owned entries no longer requested are removed. Entries
 * the admin made are never claimed, changed or removed without --force.
 */
#ifndef GTS_PLAN_H
#define GTS_PLAN_H

#include "gts.h"
#include "pkg.h"
#include "record.h"
#include "store.h"

enum change_op {
	CH_MODULE_INSTALL,	/* install/upgrade the module at our priority */
	CH_MODULE_ENABLE,	/* the module is there but disabled */
	CH_MODULE_REMOVE,	/* remove the module at our priority */
	CH_ADD,			/* new local entry (c) */
	CH_MODIFY,		/* change a local entry to c (ours, or the admin's with --force) */
	CH_DELETE,		/* remove our local entry c */
	CH_RESTORE,		/* put the admin's value back (c holds it) */
	CH_FORGET,		/* drop c from the record: the admin changed or removed it */
	CH_NOTE_ADMIN,		/* requested, already set so by the admin: left alone, not ours */
};

struct change {
	enum change_op op;
	struct cust c;
	char *old;		/* CH_MODIFY/CH_DELETE/CH_RESTORE: the value before ("http_port_t"/"on") */
};

struct plan {
	struct change *v;
	size_t n;
	struct record rec;	/* the record after the plan */
	int priority;
	const char *checksum;	/* shipped module's, for the report */
	char installed_checksum[80];
};

/* Does P change anything (store or record)? Notes don't count. */
int plan_changes(const struct plan *p);

/* The customizations O asks for (ports, paths, booleans), validated against PKG. */
int plan_wanted(const struct gts_opts *o, const struct pkg *pkg, struct record *want,
		struct gts_err *e);

int plan_install(struct store *s, const struct gts_opts *o, const struct pkg *pkg,
		 const struct record *owned, struct plan *p, struct gts_err *e);
/* PKG is unused (uninstall needs no module file); the signature matches plan_install. */
int plan_uninstall(struct store *s, const struct gts_opts *o, const struct pkg *pkg,
		   const struct record *owned, struct plan *p, struct gts_err *e);

typedef int (*plan_fn)(struct store *s, const struct gts_opts *o, const struct pkg *pkg,
		       const struct record *owned, struct plan *p, struct gts_err *e);

/* Inside a transaction: every change, then the record into the sandbox. */
int plan_apply(struct store *s, const struct pkg *pkg, const struct plan *p,
	       struct gts_err *e);

void plan_free(struct plan *p);

#endif

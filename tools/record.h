/*
 * record.h — the customizations gts-selinux made, and the record that remembers them.
 *
 * Where the record lives, and why there: in the policy store's own directory,
 * <root>/var/lib/selinux/<store>/active/gts-selinux.record.json, written INTO libsemanage's
 * transaction sandbox (<store>/tmp/, a copy of active/ made by semanage_begin_transaction)
 * before semanage_commit(). libsemanage commits by renaming the sandbox over active/, so the
 * record and the customizations it describes change in the same atomic step: a crash leaves
 * either the old store with the old record or the new store with the new record, never a
 * record that claims an entry the store does not have (or misses one it has). Every later
 * transaction — semodule, semanage, a policy package upgrade — copies active/ wholesale into
 * its sandbox, so the record survives them, and reboots, like the customizations themselves;
 * a store rebuilt from scratch loses both together. A file under /etc or /var/lib/gts-selinux
 * could not be committed atomically with the store, and libsemanage's records have no field
 * to carry an owner mark.
 *
 * Entries name the exact value gts-selinux set. Removal (uninstall, or an install that no
 * longer asks for an entry) touches an entry only while the store still holds that value; one
 * the admin changed since is left alone and forgotten. With --force, an entry that replaced
 * the admin's value keeps that value in `prev_*` and removal restores it.
 */
#ifndef GTS_RECORD_H
#define GTS_RECORD_H

#include <stddef.h>

#include "gts.h"

#define RECORD_FILE "gts-selinux.record.json"

enum cust_kind { CUST_PORT, CUST_FCONTEXT, CUST_BOOLEAN };

struct cust {
	enum cust_kind kind;
	char proto[8];		/* port */
	int low, high;
	char *expr;		/* fcontext (file type "all files") */
	char *name;		/* boolean */
	char *type;		/* port, fcontext: the SELinux type */
	int value;		/* boolean */
	int has_prev;		/* --force replaced an admin's entry: */
	char *prev_type;	/*   its type (port, fcontext) */
	int prev_value;		/*   its value (boolean) */
};

struct record {
	struct cust *v;
	size_t n;
};

/* Same key: same port range and protocol / same expression / same boolean name. */
int cust_same_key(const struct cust *a, const struct cust *b);
/* "tcp/8443", "/srv/x(/.*)?", "gotosocial_bind_http" into BUF. */
const char *cust_key_str(const struct cust *c, char *buf, size_t size);
int cust_copy(struct cust *dst, const struct cust *src);
void cust_free(struct cust *c);

/* Append a copy of C. */
int record_add(struct record *r, const struct cust *c);
/* Index of the entry with C's key, or -1. */
long record_find(const struct record *r, const struct cust *c);
void record_free(struct record *r);

/* JSON text of R (malloc'ed), and back. record_parse fails on anything malformed. */
char *record_to_json(const struct record *r, int priority);
int record_parse(const char *json, struct record *r, struct gts_err *e);

/* Read DIR/RECORD_FILE; a missing file is an empty record. */
int record_load(const char *dir, struct record *r, struct gts_err *e);
/* Write DIR/RECORD_FILE atomically (temp file, fsync, rename); with no entries, remove it. */
int record_save(const char *dir, const struct record *r, int priority, struct gts_err *e);

#endif

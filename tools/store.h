/*
 * store.h — one libsemanage session on one policy store: open it (root, store name, access
 * check), read the module's state and the local customizations, change them inside one
 * transaction and commit (one policy rebuild).
 *
 * libsemanage 3.4 facts this relies on (see the project's selinux-notes.md): the root is set
 * with semanage_set_root() before the handle exists and only once per process; the store is
 * always selected by name with SEMANAGE_CON_DIRECT; nothing is reloaded into a kernel unless
 * the running system is the target and SELinux is enabled there.
 */
#ifndef GTS_STORE_H
#define GTS_STORE_H

#include <limits.h>
#include <signal.h>

#include <semanage/semanage.h>

#include "gts.h"
#include "record.h"

struct store {
	semanage_handle_t *sh;
	char root[PATH_MAX];	/* "" for the running system */
	char name[256];		/* store name, e.g. "default", "targeted" */
	char dir[2 * PATH_MAX + 512];	/* <root><store-root>/<name> */
	int live;		/* the running system's store */
	int reload;		/* load the new policy into the kernel after commit */
	int verbose;
	int quiet;
	int connected;
	int in_tx;
	int failed;		/* a commit failed: its sandbox is left to discard */
	int mls;		/* the store's policy is MLS/MCS */
	char lastmsg[1024];	/* libsemanage's last error message */
};

enum store_mode { STORE_READ, STORE_WRITE };

struct modstate {
	int installed;		/* at any priority */
	int priority;		/* the highest one (the module in effect) */
	int enabled;
	char checksum[80];	/* of the module in effect */
	int at_ours;		/* installed at the priority we manage */
	char our_checksum[80];
	int other_prio[16];	/* priorities other than ours holding the module */
	int nother;
};

/* Open (and connect to) the store O names. Exit codes: 2 bad --root, 4 SELinux disabled or no
 * store, 77 no access, 1 other. */
int store_open(struct store *s, const struct gts_opts *o, enum store_mode mode,
	       struct gts_err *e);
void store_close(struct store *s);

int store_module_state(struct store *s, int priority, struct modstate *m, struct gts_err *e);

/* Local customization with C's key: 1 and CUR filled (type or value), 0 absent, -1 error. */
int store_get_local(struct store *s, const struct cust *c, struct cust *cur, struct gts_err *e);
/* A boolean's value in the built policy: 1 found, 0 not in the policy, -1 error. */
int store_get_policy_bool(struct store *s, const char *name, int *value, struct gts_err *e);
/* Local ports and file contexts whose type starts with PREFIX (e.g. "gotosocial_"), and
 * local values of the booleans in NAMES (NULL-terminated). */
int store_list_local(struct store *s, const char *prefix, const char *const *names,
		     struct record *out, struct gts_err *e);

/* Booleans of the built policy whose name starts with PREFIX (name and value). */
int store_list_policy_bools(struct store *s, const char *prefix, struct record *out,
			    struct gts_err *e);

/* Inside a transaction only. */
int store_begin(struct store *s, struct gts_err *e);
int store_set_local(struct store *s, const struct cust *c, struct gts_err *e);
int store_del_local(struct store *s, const struct cust *c, struct gts_err *e);
/* When the running kernel gets the new policy (reload), also set boolean NAME's active
 * value: the reload keeps the kernel's current values. No-op otherwise. */
int store_set_active_bool(struct store *s, const char *name, int value, struct gts_err *e);
int store_module_install(struct store *s, unsigned char *data, size_t len, int priority,
			 struct gts_err *e);
int store_module_enable(struct store *s, struct gts_err *e);
int store_module_remove(struct store *s, int priority, struct gts_err *e);
/* Make the commit install the sandbox although no policy part changed (libsemanage skips a
 * commit without changes, which would drop a record-only change): costs one rebuild. */
void store_force_commit(struct store *s);
/* The directory holding the record: the sandbox inside a transaction, else active/. */
void store_record_dir(const struct store *s, char *buf, size_t size);
/* Commit: one policy rebuild. Call with the signals of store_block_signals() blocked. */
int store_commit(struct store *s, struct gts_err *e);

/* Block SIGINT, SIGTERM, SIGHUP, SIGQUIT (as semodule does during its commit). */
void store_block_signals(sigset_t *old);
void store_restore_signals(const sigset_t *old);

/* "system_u:object_r:TYPE[:s0]" for this store. */
void store_context_str(const struct store *s, const char *type, char *buf, size_t size);

#endif

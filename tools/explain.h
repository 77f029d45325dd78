/*
 * explain.h — why a group of denials happened and the smallest correct fix, from the
 * compiled policy (libsepol) and the file contexts (libselinux's selabel), the way audit2why
 * and setroubleshoot reason, in this order:
 *
 *   1. wrong domain: the server did not run as gotosocial_t (NoNewPrivileges or a nosuid
 *      mount stopped the transition, a mislabeled binary, started by hand);
 *   2. mislabeled file: the file contexts give the denied path another type than it has
 *      (or GoToSocial's data sits at a path the module does not know);
 *   3. port: a listen port with no label gotosocial_t may bind;
 *   4. boolean: flipping one boolean (the module's tunables first) would allow it;
 *   5. hidden by dontaudit, or logged only because the domain or system was permissive;
 *   6. policy gap: nothing allows it. A ready-to-paste report, never an allow rule.
 * Besides these: the access is allowed by the policy analysed now (the denial came from an
 * older policy), or the policy does not know the contexts at all (module not installed).
 *
 * The policy is read with libsepol's static library (policydb internals, as the policy tests
 * do); libsepol keeps one current policy per process, so open one explain at a time.
 */
#ifndef GTS_EXPLAIN_H
#define GTS_EXPLAIN_H

#include <limits.h>

#include "avc.h"
#include "gts.h"

enum why_class {
	WHY_WRONG_DOMAIN,
	WHY_MISLABELED,
	WHY_PORT,
	WHY_BOOLEAN,
	WHY_DONTAUDIT,
	WHY_PERMISSIVE,
	WHY_GAP,
	WHY_ALLOWED_NOW,	/* the policy analysed allows it: the denial is from another policy */
	WHY_NOT_IN_POLICY,	/* the policy analysed does not define the contexts */
	WHY_UNKNOWN,		/* no policy to analyse */
};

#define WHY_MAX_FIX 6
#define WHY_MAX_BOOLS 4

struct why {
	enum why_class cls;
	char cause[1024];		/* one or two sentences */
	char fix[WHY_MAX_FIX][640];	/* commands or steps, in order */
	size_t nfix;
	char note[640];			/* extra: what a boolean opens, what stays denied */
	char expected[256];		/* mislabeled: the type the file contexts give */
	char boolean[WHY_MAX_BOOLS][128];	/* booleans that would allow it */
	int bool_value[WHY_MAX_BOOLS];		/* the value to set */
	size_t nbools;
	char *report;			/* gap/permissive: ready-to-paste report (malloc'd) */
};

struct explain {
	char policy_path[PATH_MAX];	/* "" when no policy could be read */
	char fc_path[PATH_MAX];		/* "" when no file contexts */
	char policy_msg[PATH_MAX + 256];	/* why there is no policy, for the output */
	const char *gts_version;	/* GoToSocial's version if known, else NULL */
	const char *config_summary;	/* a line about the config if known, else NULL */
	int nnp_refused;		/* the same log has a refused NoNewPrivileges/nosuid
					 * transition into gotosocial_t (explain_scan) */
	void *priv;
};

/* Open POLICY (a policy.NN file; NULL: no policy analysis) and the file contexts FC (NULL:
 * derived from POLICY's directory, else the system's). An unreadable POLICY is an error
 * (77 for EACCES, 1 otherwise); missing file contexts only disable the label checks. */
int explain_open(struct explain *x, const char *policy, const char *fc, struct gts_err *e);
void explain_close(struct explain *x);

/* The policy file a store uses: ROOT/etc/selinux/STORE/policy/policy.<highest>; ROOT NULL or
 * "" is the running system (the loaded policy's file where it can be read). STORE NULL: the
 * SELINUXTYPE of ROOT/etc/selinux/config. Returns 0 and BUF, -1 when there is none. */
int explain_find_policy(const char *root, const char *store, char *buf, size_t size);

/* Look at all of S before classifying its groups one by one: a refused NoNewPrivileges
 * transition explains why the binary ran in another domain. */
void explain_scan(struct explain *x, const struct avc_set *s);

/* Classify G into W (always succeeds; W->report must be freed with why_free). */
void explain_group(struct explain *x, const struct avc_group *g, struct why *w);
void why_free(struct why *w);

/* "wrong-domain", "mislabeled", ... */
const char *why_class_name(enum why_class c);

/* What one of the module's tunables opens, or NULL for another boolean. */
const char *explain_tunable_text(const char *name);

#endif

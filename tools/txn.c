/*
 * txn.c — plan, apply and commit one verb (see txn.h).
 */
#include <stdio.h>

#include "audit.h"
#include "report.h"
#include "txn.h"

static int plan_from(struct store *s, const struct gts_opts *o, const struct pkg *pkg,
		     plan_fn planner, struct plan *p, struct gts_err *e)
{
	char dir[sizeof(s->dir) + 8];
	struct record owned;
	int rc;

	store_record_dir(s, dir, sizeof(dir));
	if (record_load(dir, &owned, e) < 0)
		return -1;
	rc = planner(s, o, pkg, &owned, p, e);
	record_free(&owned);
	return rc;
}

static void report(const struct store *s, const struct gts_opts *o, const char *verb,
		   const struct plan *p, const char *state)
{
	json_object *j = report_plan_json(verb, s, p, state);

	report_print_plan(stdout, o, j);
	json_object_put(j);
}

int txn_run(struct store *s, const struct gts_opts *o, const char *verb, const struct pkg *pkg,
	    plan_fn planner, struct gts_err *e)
{
	struct plan p;
	sigset_t old;
	int rc = -1, committed;

	if (plan_from(s, o, pkg, planner, &p, e) < 0)
		return -1;
	if (!plan_changes(&p) || o->dry_run) {
		report(s, o, verb, &p, plan_changes(&p) ? "dry-run" : "unchanged");
		plan_free(&p);
		return 0;
	}
	plan_free(&p);

	if (store_begin(s, e) < 0 || plan_from(s, o, pkg, planner, &p, e) < 0)
		return -1;
	if (!plan_changes(&p)) {
		/* Another writer did it meanwhile; leaving without commit drops the sandbox. */
		report(s, o, verb, &p, "unchanged");
		rc = 0;
		goto out;
	}
	if (plan_apply(s, pkg, &p, e) < 0)
		goto out;
	/* As semodule: the commit (the rebuild and the switch to the new store) is not
	 * interrupted by ^C or a TERM; a pending signal takes effect after the report. */
	store_block_signals(&old);
	committed = store_commit(s, e) == 0;
	audit_log_plan(s, &p, committed);
	if (committed)
		report(s, o, verb, &p, "changed");
	fflush(stdout);
	store_restore_signals(&old);
	rc = committed ? 0 : -1;
out:
	plan_free(&p);
	return rc;
}

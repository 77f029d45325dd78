/*
 * txn.h — run one verb's change against the store: plan it from the store's state and the
 * record; stop there when nothing changes ("unchanged": no transaction, no rebuild, the store
 * is not written) or with --dry-run; else take the transaction lock, plan again under it
 * (another writer may have changed the store meanwhile), apply, commit once with SIGINT/
 * SIGTERM/SIGHUP/SIGQUIT blocked, log to the audit log, and report.
 */
#ifndef GTS_TXN_H
#define GTS_TXN_H

#include "plan.h"

int txn_run(struct store *s, const struct gts_opts *o, const char *verb, const struct pkg *pkg,
	    plan_fn planner, struct gts_err *e);

#endif

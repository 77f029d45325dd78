/*
 * uninstall.c — `gts-selinux uninstall`: remove the module from our priority and the
 * customizations gts-selinux made (and only those), in one transaction. Refuses, changing
 * nothing, while customizations of the admin still use the module's types (the commit
 * would fail on them).
 */
#include "txn.h"
#include "uninstall.h"

int cmd_uninstall(const struct gts_opts *o, struct gts_err *e)
{
	struct store s;
	int rc;

	rc = store_open(&s, o, o->dry_run ? STORE_READ : STORE_WRITE, e);
	if (rc == 0)
		rc = txn_run(&s, o, "uninstall", NULL, plan_uninstall, e);
	store_close(&s);
	return rc;
}

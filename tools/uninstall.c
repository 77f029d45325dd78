/*
 * uninstall.c — `gts-selinux uninstall`: remove the module from our priority and the
 * customizations gts-selinux made (and only those), in one transaction. Refuses, changing
 * nothing, while customizations of the admin still use the module's types (the commit
 * would fail on them).
 */
#include <stdlib.h>

#include "relabel.h"
#include "txn.h"
#include "uninstall.h"

/* After the commit, the paths the removed entries labeled are relabeled with what remains
 * (the set is taken before: afterwards the store no longer names them). */
int cmd_uninstall(const struct gts_opts *o, struct gts_err *e)
{
	struct store s;
	char **before = NULL;
	size_t nbefore = 0;
	int rc;

	rc = store_open(&s, o, o->dry_run ? STORE_READ : STORE_WRITE, e);
	if (rc == 0 && !o->dry_run)
		rc = relabel_before(&s, NULL, &before, &nbefore, e);
	if (rc == 0)
		rc = txn_run(&s, o, "uninstall", NULL, plan_uninstall, e);
	if (rc == 0 && !o->dry_run) {
		relabel_after(&s, o, before, nbefore);
		before = NULL;
		nbefore = 0;
	}
	while (nbefore)
		free(before[--nbefore]);
	free(before);
	store_close(&s);
	return rc;
}

/*
 * audit.h — log every change gts-selinux commits to the audit log, as semanage does
 * (AUDIT_USER_MAC_CONFIG_CHANGE, one record per change), when built with libaudit
 * (HAVE_LIBAUDIT) and the target is the running system's store. Changes to an alternate
 * root's store are not this system's configuration and are not logged.
 */
#ifndef GTS_AUDIT_H
#define GTS_AUDIT_H

#include <stddef.h>

#include "plan.h"
#include "store.h"

/* The audit message of one change ("op=add resrc=port key=tcp/8765 ..."), into BUF. */
void audit_format(const struct store *s, const struct plan *p, const struct change *c,
		  char *buf, size_t size);

/* Log P's changes; SUCCESS is the commit's outcome. Never fails the operation. */
void audit_log_plan(const struct store *s, const struct plan *p, int success);

#endif

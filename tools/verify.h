/* verify.h — the verify verb: is the running server confined as the config needs? */
#ifndef GTS_VERIFY_H
#define GTS_VERIFY_H

#include "gts.h"

/* Exit 0 all good, 3 a problem found (each printed with the command that fixes it), 4 SELinux
 * not active. Kernel facts come through $GTS_PROC_ROOT and $GTS_SELINUXFS (procdomain.h). */
int cmd_verify(const struct gts_opts *o, struct gts_err *e);

/* Is TYPE in the binary policy FILE, and is it permissive? 0, or -1 (unreadable). */
int verify_policy_type(const char *file, const char *type, int *exists, int *permissive);

#endif

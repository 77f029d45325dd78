/* uninstall.h — the uninstall verb. */
#ifndef GTS_UNINSTALL_H
#define GTS_UNINSTALL_H

#include "gts.h"

int cmd_uninstall(const struct gts_opts *o, struct gts_err *e);

#endif

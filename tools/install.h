/* install.h — the install verb. */
#ifndef GTS_INSTALL_H
#define GTS_INSTALL_H

#include "gts.h"

int cmd_install(const struct gts_opts *o, struct gts_err *e);

#endif

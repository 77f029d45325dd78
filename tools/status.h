/* status.h — the status verb. */
#ifndef GTS_STATUS_H
#define GTS_STATUS_H

#include <json-c/json.h>

#include "gts.h"
#include "store.h"

int cmd_status(const struct gts_opts *o, struct gts_err *e);

/* The status of the open store S as a JSON object (what cmd_status prints). */
int status_collect(struct store *s, const struct gts_opts *o, json_object **out,
		   struct gts_err *e);

#endif

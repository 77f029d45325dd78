/*
 * report.h — what gts-selinux tells the user: the changes of install/uninstall and the
 * status, as human text or (--json) one JSON object on stdout. Both come from one json-c
 * object so text and JSON never disagree.
 */
#ifndef GTS_REPORT_H
#define GTS_REPORT_H

#include <stdio.h>

#include <json-c/json.h>

#include "gts.h"
#include "plan.h"

/* Short name of a change's action ("add", "remove", ...). */
const char *report_action(enum change_op op);
/* One change as a line of text (no newline). */
void report_change_line(const struct change *c, int priority, char *buf, size_t size);

/* The outcome of install/uninstall. STATE: "unchanged", "dry-run" or "changed". */
json_object *report_plan_json(const char *verb, const struct store *s, const struct plan *p,
			      const char *state);
/* Print it: text (unless -q) or JSON. */
void report_print_plan(FILE *f, const struct gts_opts *o, json_object *j);
/* Print a status object built by status.c. */
void report_print_status(FILE *f, const struct gts_opts *o, json_object *j);

#endif

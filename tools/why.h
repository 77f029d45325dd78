/*
 * why.h — `gts-selinux why`: read the audit log, keep GoToSocial's denials, group them,
 * classify each (explain.c) and print the cause and the exact fix, as text or --json.
 * Exit: 0 no relevant denial, 3 denials found, 77 the log cannot be read.
 */
#ifndef GTS_WHY_H
#define GTS_WHY_H

#include <stdio.h>

#include <json-c/json.h>

#include "avc.h"
#include "explain.h"
#include "gts.h"

#define WHY_DEFAULT_LOG "/var/log/audit/audit.log"

int cmd_why(const struct gts_opts *o, struct gts_err *e);

/* The JSON answer for S, classified with X. SOURCE names the input. */
json_object *why_json(struct explain *x, const struct avc_set *s, const char *source);
/* Print it as text for people. */
void why_print_text(FILE *f, json_object *j);

#endif

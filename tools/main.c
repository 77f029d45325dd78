/*
 * main.c — gts-selinux: parse the command line, run the verb, print its error once.
 */
#include <stdio.h>

#include <json-c/json.h>

#include "cli.h"

int main(int argc, char **argv)
{
	struct gts_opts o;
	struct gts_err e = { 0 };
	const struct cli_verb *v;
	int rc;

	/* A verb returns < 0 on error (E set), 0, or an exit code that is not an error
	 * (why: 3, denials found). */
	rc = cli_parse(argc, argv, &o, &v, &e);
	if (rc == 0)
		rc = v->run(&o, &e);
	else
		rc = 0;
	gts_opts_free(&o);
	if (!e.code)
		return rc > 0 ? rc : GTS_OK;
	fprintf(stderr, GTS_NAME ": %s\n", e.msg);
	if (o.json) {
		json_object *j = json_object_new_object();

		json_object_object_add(j, "error", json_object_new_string(e.msg));
		json_object_object_add(j, "exit_code", json_object_new_int(e.code));
		printf("%s\n", json_object_to_json_string_ext(j, JSON_C_TO_STRING_PRETTY |
							     JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(j);
	}
	return e.code;
}

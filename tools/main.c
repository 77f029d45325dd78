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

	rc = cli_parse(argc, argv, &o, &v, &e);
	if (rc == 0)
		v->run(&o, &e);
	gts_opts_free(&o);
	if (!e.code)
		return GTS_OK;
	/* A verb whose report already said everything (verify) leaves the message empty. */
	if (!e.msg[0])
		return e.code;
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

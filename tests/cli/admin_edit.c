/*
 * admin_edit.c — test helper: make or remove a local customization in ROOT's store the way
 * an admin's `semanage port/fcontext/boolean` would (semanage itself cannot work on an
 * alternate root). It uses the tool's store layer but never its record, so gts-selinux must
 * treat these entries as the admin's.
 *
 *   admin-edit ROOT set|del port PROTO PORT [TYPE]
 *   admin-edit ROOT set|del fcontext EXPR [TYPE]
 *   admin-edit ROOT set|del boolean NAME [0|1]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

int main(int argc, char **argv)
{
	struct gts_opts o = { .priority = 200, .quiet = 1 };
	struct gts_err e = { 0 };
	struct store s;
	struct cust c;
	int del, rc = 1;

	if (argc < 5 || (strcmp(argv[2], "set") && strcmp(argv[2], "del"))) {
		fprintf(stderr, "usage: admin-edit ROOT set|del port|fcontext|boolean ...\n");
		return 2;
	}
	del = strcmp(argv[2], "del") == 0;
	memset(&c, 0, sizeof(c));
	if (strcmp(argv[3], "port") == 0 && argc >= 6 + !del) {
		c.kind = CUST_PORT;
		snprintf(c.proto, sizeof(c.proto), "%s", argv[4]);
		c.low = c.high = atoi(argv[5]);
		c.type = del ? NULL : argv[6];
	} else if (strcmp(argv[3], "fcontext") == 0 && argc >= 5 + !del) {
		c.kind = CUST_FCONTEXT;
		c.expr = argv[4];
		c.type = del ? NULL : argv[5];
	} else if (strcmp(argv[3], "boolean") == 0 && argc >= 5 + !del) {
		c.kind = CUST_BOOLEAN;
		c.name = argv[4];
		c.value = del ? 0 : atoi(argv[5]);
	} else {
		fprintf(stderr, "admin-edit: bad arguments\n");
		return 2;
	}
	o.root = argv[1];
	if (store_open(&s, &o, STORE_WRITE, &e) == 0 && store_begin(&s, &e) == 0 &&
	    (del ? store_del_local(&s, &c, &e) : store_set_local(&s, &c, &e)) == 0 &&
	    store_commit(&s, &e) == 0)
		rc = 0;
	store_close(&s);
	if (rc)
		fprintf(stderr, "admin-edit: %s\n", e.msg);
	return rc;
}

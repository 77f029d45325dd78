/*
 * audit.c — audit records for committed changes (see audit.h).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_LIBAUDIT
#include <libaudit.h>
#endif

#include "audit.h"
#include "report.h"

/* Audit values must not contain spaces or quotes unquoted: replace them. */
static void clean(char *s)
{
	for (; *s; s++)
		if (*s == ' ' || *s == '"' || *s == '\'' || *s == '\n')
			*s = '_';
}

void audit_format(const struct store *s, const struct plan *p, const struct change *c,
		  char *buf, size_t size)
{
	char key[512] = GTS_MODULE, value[420] = "", tcon[400];
	const char *resrc = "module";

	if (c->op != CH_MODULE_INSTALL && c->op != CH_MODULE_ENABLE &&
	    c->op != CH_MODULE_REMOVE) {
		resrc = c->c.kind == CUST_PORT ? "port" : c->c.kind == CUST_FCONTEXT ?
			"fcontext" : "boolean";
		cust_key_str(&c->c, key, sizeof(key));
		if (c->c.kind == CUST_BOOLEAN) {
			snprintf(value, sizeof(value), " value=%d", c->c.value);
		} else {
			store_context_str(s, c->c.type, tcon, sizeof(tcon));
			snprintf(value, sizeof(value), " tcontext=%s", tcon);
		}
	} else {
		snprintf(value, sizeof(value), " priority=%d", p->priority);
	}
	clean(key);
	snprintf(buf, size, "resrc=%s op=%s key=%s%s store=%s tool=" GTS_NAME, resrc,
		 report_action(c->op), key, value, s->name);
}

void audit_log_plan(const struct store *s, const struct plan *p, int success)
{
#ifdef HAVE_LIBAUDIT
	char msg[1400];
	size_t i;
	int fd;

	if (!s->live)
		return;
	fd = audit_open();
	if (fd < 0)
		return;		/* no audit support in this kernel: as semanage, carry on */
	for (i = 0; i < p->n; i++) {
		if (p->v[i].op == CH_FORGET || p->v[i].op == CH_NOTE_ADMIN)
			continue;
		audit_format(s, p, &p->v[i], msg, sizeof(msg));
		audit_log_user_comm_message(fd, AUDIT_USER_MAC_CONFIG_CHANGE, msg, GTS_NAME,
					    NULL, NULL, NULL, success);
	}
	audit_close(fd);
#else
	(void)s;
	(void)p;
	(void)success;
#endif
}

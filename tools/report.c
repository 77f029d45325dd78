/*
 * report.c — human and JSON output (see report.h).
 */
#include <string.h>

#include "report.h"

const char *report_action(enum change_op op)
{
	switch (op) {
	case CH_MODULE_INSTALL:
		return "install";
	case CH_MODULE_ENABLE:
		return "enable";
	case CH_MODULE_REMOVE:
		return "remove";
	case CH_ADD:
		return "add";
	case CH_MODIFY:
		return "modify";
	case CH_DELETE:
		return "remove";
	case CH_RESTORE:
		return "restore";
	case CH_FORGET:
		return "forget";
	case CH_NOTE_ADMIN:
		return "leave";
	}
	return "?";
}

static const char *kind_name(enum cust_kind k)
{
	return k == CUST_PORT ? "port" : k == CUST_FCONTEXT ? "fcontext" : "boolean";
}

static const char *kind_label(enum cust_kind k)
{
	return k == CUST_PORT ? "port" : k == CUST_FCONTEXT ? "file context" : "boolean";
}

static const char *val(const struct cust *c)
{
	return c->kind == CUST_BOOLEAN ? (c->value ? "on" : "off") : c->type;
}

void report_change_line(const struct change *c, int priority, char *buf, size_t size)
{
	char k[512];

	if (c->op == CH_MODULE_INSTALL || c->op == CH_MODULE_ENABLE || c->op == CH_MODULE_REMOVE) {
		snprintf(buf, size, "module %s: %s at priority %d%s%s", GTS_MODULE,
			 c->op == CH_MODULE_INSTALL ? (c->old ? "upgrade" : "install") :
			 report_action(c->op), priority, c->old ? ", was " : "",
			 c->old ? c->old : "");
		return;
	}
	cust_key_str(&c->c, k, sizeof(k));
	switch (c->op) {
	case CH_ADD:
		snprintf(buf, size, "%s %s: %s %s", kind_label(c->c.kind), k,
			 c->c.kind == CUST_BOOLEAN ? "set" : "add", val(&c->c));
		break;
	case CH_MODIFY:
		snprintf(buf, size, "%s %s: change %s -> %s", kind_label(c->c.kind), k,
			 c->old ? c->old : "?", val(&c->c));
		break;
	case CH_DELETE:
		if (c->c.kind == CUST_BOOLEAN)
			snprintf(buf, size, "boolean %s: remove the local value %s (back to the "
				 "policy default)", k, val(&c->c));
		else
			snprintf(buf, size, "%s %s: remove %s", kind_label(c->c.kind), k, val(&c->c));
		break;
	case CH_RESTORE:
		snprintf(buf, size, "%s %s: restore the admin's %s (was %s)", kind_label(c->c.kind),
			 k, val(&c->c), c->old ? c->old : "?");
		break;
	case CH_FORGET:
		snprintf(buf, size, "%s %s: changed outside gts-selinux since; left alone and no "
			 "longer recorded as ours", kind_label(c->c.kind), k);
		break;
	case CH_NOTE_ADMIN:
		snprintf(buf, size, "%s %s: already %s by the admin's customization; left alone",
			 kind_label(c->c.kind), k, val(&c->c));
		break;
	default:
		snprintf(buf, size, "?");
	}
}

static json_object *str_or_null(const char *s)
{
	return s && *s ? json_object_new_string(s) : NULL;
}

json_object *report_plan_json(const char *verb, const struct store *s, const struct plan *p,
			      const char *state)
{
	json_object *j = json_object_new_object(), *arr = json_object_new_array(), *o;
	char k[512], line[1200];
	size_t i;

	json_object_object_add(j, "verb", json_object_new_string(verb));
	json_object_object_add(j, "root", json_object_new_string(s->root[0] ? s->root : "/"));
	json_object_object_add(j, "store", json_object_new_string(s->name));
	json_object_object_add(j, "changed", json_object_new_boolean(strcmp(state, "changed") == 0));
	json_object_object_add(j, "dry_run", json_object_new_boolean(strcmp(state, "dry-run") == 0));
	json_object_object_add(j, "state", json_object_new_string(state));
	json_object_object_add(j, "module", json_object_new_string(GTS_MODULE));
	json_object_object_add(j, "priority", json_object_new_int(p->priority));
	json_object_object_add(j, "shipped_checksum", str_or_null(p->checksum));
	json_object_object_add(j, "installed_checksum", str_or_null(p->installed_checksum));
	for (i = 0; i < p->n; i++) {
		const struct change *c = &p->v[i];
		int is_mod = c->op == CH_MODULE_INSTALL || c->op == CH_MODULE_ENABLE ||
			     c->op == CH_MODULE_REMOVE;

		o = json_object_new_object();
		json_object_object_add(o, "action", json_object_new_string(report_action(c->op)));
		json_object_object_add(o, "kind", json_object_new_string(is_mod ? "module" :
									  kind_name(c->c.kind)));
		json_object_object_add(o, "key", json_object_new_string(is_mod ? GTS_MODULE :
								cust_key_str(&c->c, k, sizeof(k))));
		if (!is_mod && c->op != CH_FORGET)
			json_object_object_add(o, "value", json_object_new_string(val(&c->c)));
		json_object_object_add(o, "old", str_or_null(c->old));
		report_change_line(c, p->priority, line, sizeof(line));
		json_object_object_add(o, "text", json_object_new_string(line));
		json_object_array_add(arr, o);
	}
	json_object_object_add(j, "changes", arr);
	return j;
}

static void print_json(FILE *f, json_object *j)
{
	fprintf(f, "%s\n", json_object_to_json_string_ext(j, JSON_C_TO_STRING_PRETTY |
							     JSON_C_TO_STRING_NOSLASHESCAPE));
}

static const char *get_s(json_object *j, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(j, key, &v) || !v)
		return NULL;
	return json_object_get_string(v);
}

void report_print_plan(FILE *f, const struct gts_opts *o, json_object *j)
{
	json_object *arr, *c;
	const char *state = get_s(j, "state"), *verb = get_s(j, "verb");
	size_t i, n, nchanges = 0;

	if (o->json) {
		print_json(f, j);
		return;
	}
	if (o->quiet)
		return;
	json_object_object_get_ex(j, "changes", &arr);
	n = json_object_array_length(arr);
	for (i = 0; i < n; i++) {
		c = json_object_array_get_idx(arr, i);
		if (strcmp(get_s(c, "action"), "leave") != 0)
			nchanges++;
		if (strcmp(state, "dry-run") == 0 || strcmp(state, "changed") == 0 || o->verbose ||
		    strcmp(get_s(c, "action"), "leave") == 0)
			fprintf(f, "%s\n", get_s(c, "text"));
	}
	if (strcmp(state, "unchanged") == 0)
		fprintf(f, "unchanged\n");
	else if (strcmp(state, "dry-run") == 0)
		fprintf(f, "dry run: %zu change%s, nothing written\n", nchanges,
			nchanges == 1 ? "" : "s");
	else
		fprintf(f, "%s: %zu change%s committed in one transaction\n",
			strcmp(verb, "install") == 0 ? "installed" : "uninstalled", nchanges,
			nchanges == 1 ? "" : "s");
}

void report_print_status(FILE *f, const struct gts_opts *o, json_object *j)
{
	json_object *m, *arr, *c;
	size_t i, n;

	if (o->json) {
		print_json(f, j);
		return;
	}
	fprintf(f, "store:      %s (%s)\n", get_s(j, "store"), get_s(j, "store_dir"));
	json_object_object_get_ex(j, "module", &m);
	if (json_object_get_boolean(json_object_object_get(m, "installed"))) {
		fprintf(f, "module:     %s installed at priority %s, %s\n", GTS_MODULE,
			get_s(m, "priority"),
			json_object_get_boolean(json_object_object_get(m, "enabled")) ?
			"enabled" : "DISABLED");
		fprintf(f, "installed:  %s\n", get_s(m, "installed_checksum"));
	} else {
		fprintf(f, "module:     %s not installed\n", GTS_MODULE);
	}
	if (get_s(m, "shipped_checksum"))
		fprintf(f, "shipped:    %s (%s)%s\n", get_s(m, "shipped_checksum"),
			get_s(m, "shipped_path"),
			json_object_get_boolean(json_object_object_get(m, "up_to_date")) ?
			", up to date" : "");
	else
		fprintf(f, "shipped:    unavailable: %s\n", get_s(m, "shipped_error"));
	json_object_object_get_ex(j, "customizations", &arr);
	n = json_object_array_length(arr);
	fprintf(f, "customizations made by gts-selinux: %s\n", n ? "" : "none");
	for (i = 0; i < n; i++) {
		const char *st;
		int odd;

		c = json_object_array_get_idx(arr, i);
		st = get_s(c, "state");
		odd = strcmp(st, "present") != 0;
		fprintf(f, "  %-8s %s %s%s%s%s\n", get_s(c, "kind"), get_s(c, "key"),
			get_s(c, "value"), odd ? "  [" : "", odd ? st : "", odd ? "]" : "");
	}
	json_object_object_get_ex(j, "booleans", &arr);
	n = json_object_array_length(arr);
	if (n)
		fprintf(f, "booleans:\n");
	for (i = 0; i < n; i++) {
		c = json_object_array_get_idx(arr, i);
		fprintf(f, "  %-34s %-3s (%s; default %s)\n", get_s(c, "name"),
			json_object_get_boolean(json_object_object_get(c, "value")) ? "on" : "off",
			get_s(c, "source"),
			!json_object_object_get(c, "default") ? "unknown" :
			json_object_get_boolean(json_object_object_get(c, "default")) ? "on" : "off");
	}
}

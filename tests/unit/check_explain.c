/*
 * check_explain.c — tools/explain.c and tools/why.c: each fixture of tests/fixtures/avc/
 * classified against the full distribution policy with the module (built by the policy
 * tests, $GTS_WHY_POLICY, booleans at their defaults), with the expected class and fix.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "explain.h"
#include "unit.h"
#include "why.h"

struct answer {
	struct avc_set s;
	struct explain x;
	struct why w;
};

/* Read FIXTURE, open POLICY (NULL: $GTS_WHY_POLICY; "" none) and classify its only group. */
static void classify(struct answer *a, const char *fixture, const char *policy)
{
	char path[4200];
	struct avc_filter f = { 0, NULL };
	struct gts_err e = { 0 };

	snprintf(path, sizeof(path), "%s/%s", unit_env("GTS_AVC_FIXTURES"), fixture);
	avc_set_init(&a->s);
	ck_assert_msg(avc_read_path(path, &f, &a->s, &e) == 0, "%s", e.msg);
	ck_assert_msg(a->s.n == 1, "%s: %zu groups", fixture, a->s.n);
	if (!policy)
		policy = unit_env("GTS_WHY_POLICY");
	ck_assert_msg(explain_open(&a->x, *policy ? policy : NULL, NULL, &e) == 0, "%s", e.msg);
	explain_group(&a->x, &a->s.g[0], &a->w);
}

static void done(struct answer *a)
{
	why_free(&a->w);
	explain_close(&a->x);
	avc_set_free(&a->s);
}

static void assert_class(const struct answer *a, enum why_class c)
{
	ck_assert_msg(a->w.cls == c, "class %s, want %s (cause: %s)", why_class_name(a->w.cls),
		      why_class_name(c), a->w.cause);
}

/* No fix, note or report ever proposes an allow rule. */
static void assert_no_allow_rule(const struct why *w)
{
	size_t i;

	for (i = 0; i < w->nfix; i++)
		ck_assert_msg(!strstr(w->fix[i], "allow gotosocial_t") &&
			      !strstr(w->fix[i], "audit2allow -M") && !strstr(w->fix[i], "semodule -i"),
			      "fix proposes a rule: %s", w->fix[i]);
	ck_assert_ptr_null(w->report ? strstr(w->report, "allow gotosocial_t") : NULL);
}

START_TEST(gap_shadow)
{
	struct answer a;

	classify(&a, "gap-shadow.log", NULL);
	assert_class(&a, WHY_GAP);
	ck_assert_ptr_nonnull(strstr(a.w.cause, "gotosocial_t { read } on shadow_t:file"));
	ck_assert_ptr_nonnull(a.w.report);
	ck_assert_ptr_nonnull(strstr(a.w.report, "denied: { read } gotosocial_t -> shadow_t:file"));
	ck_assert_ptr_nonnull(strstr(a.w.report, "path=/etc/shadow"));	/* from the PATH record */
	ck_assert_ptr_nonnull(strstr(a.w.report, "record: type=AVC msg=audit(1733212345.123:456)"));
	ck_assert_ptr_nonnull(strstr(a.w.report, "GoToSocial: unknown"));
	ck_assert_uint_eq(a.w.nbools, 0);
	ck_assert_ptr_nonnull(strstr(a.w.note, "keeps from services on purpose"));
	assert_no_allow_rule(&a.w);
	done(&a);
}
END_TEST

START_TEST(mislabeled_storage)
{
	struct answer a;

	classify(&a, "mislabeled-storage.log", NULL);
	assert_class(&a, WHY_MISLABELED);
	ck_assert_str_eq(a.w.expected, "gotosocial_storage_t");
	/* two files seen: one relabel of the directory they share */
	ck_assert_uint_eq(a.w.nfix, 1);
	ck_assert_str_eq(a.w.fix[0], "gts-selinux relabel /gotosocial/storage/01JE5Z6F3X0T1W2Y3Z4A5B6C7D"
			 "/attachment/original   (or: restorecon -Rv /gotosocial/storage/"
			 "01JE5Z6F3X0T1W2Y3Z4A5B6C7D/attachment/original)");
	ck_assert_ptr_nonnull(strstr(a.w.cause, "is labeled default_t"));
	ck_assert_ptr_nonnull(strstr(a.w.note, "the policy allows this access"));
	done(&a);
}
END_TEST

START_TEST(port_bind)
{
	struct answer a;

	classify(&a, "port-bind.log", NULL);
	assert_class(&a, WHY_PORT);
	ck_assert_str_eq(a.w.fix[0], "gts-selinux install --port tcp/8090   (labels it "
			 "gotosocial_port_t)");
	ck_assert_ptr_nonnull(strstr(a.w.fix[1], "port: 8080"));
	ck_assert_ptr_nonnull(strstr(a.w.cause, "tcp/8090, labeled unreserved_port_t"));
	done(&a);
}
END_TEST

/* A real VM record: binding tcp/22 (ssh_port_t). Never advise relabeling another
 * service's port as the fix. */
START_TEST(port_bind_other_service)
{
	struct answer a;

	classify(&a, "port-bind-other-service.log", NULL);
	assert_class(&a, WHY_PORT);
	ck_assert_ptr_nonnull(strstr(a.w.cause, "tcp/22, which the policy gives another "
				     "service (ssh_port_t)"));
	ck_assert_ptr_nonnull(strstr(a.w.fix[0], "move GoToSocial to a port no other service"));
	ck_assert_ptr_null(strstr(a.w.fix[0], "--port"));
	ck_assert_ptr_nonnull(strstr(a.w.note, "take it from the service ssh_port_t is for"));
	done(&a);
}
END_TEST

START_TEST(tunable_postgresql)
{
	struct answer a;

	classify(&a, "tunable-postgresql.log", NULL);
	assert_class(&a, WHY_BOOLEAN);
	ck_assert_str_eq(a.w.fix[0], "setsebool -P gotosocial_connect_postgresql on");
	ck_assert_uint_eq(a.w.nfix, 1);
	ck_assert_str_eq(a.w.boolean[0], "gotosocial_connect_postgresql");
	ck_assert_int_eq(a.w.bool_value[0], 1);
	/* what it opens, and the broader tunable named after it, not instead of it */
	ck_assert_ptr_nonnull(strstr(a.w.note, "postgresql_port_t (5432)"));
	ck_assert_ptr_nonnull(strstr(a.w.note, "Broader: gotosocial_connect_all_ports on"));
	done(&a);
}
END_TEST

START_TEST(tunable_smtp)
{
	struct answer a;

	classify(&a, "tunable-smtp.log", NULL);
	assert_class(&a, WHY_BOOLEAN);
	ck_assert_str_eq(a.w.fix[0], "setsebool -P gotosocial_connect_smtp on");
	ck_assert_ptr_nonnull(strstr(a.w.note, "smtp_port_t (25, 465, 587)"));
	done(&a);
}
END_TEST

START_TEST(nnp)
{
	struct answer a;

	classify(&a, "nnp.log", NULL);
	assert_class(&a, WHY_WRONG_DOMAIN);
	ck_assert_ptr_nonnull(strstr(a.w.cause, "NoNewPrivileges=yes"));
	ck_assert_ptr_nonnull(strstr(a.w.cause, "ran as init_t"));
	/* the module analysed allows the transition: the fix is installing it */
	ck_assert_str_eq(a.w.fix[0], "gts-selinux install");
	ck_assert_str_eq(a.w.fix[1], "systemctl restart gotosocial");
	ck_assert_ptr_nonnull(strstr(a.w.note, "allows this transition"));
	done(&a);
	classify(&a, "nnp-selinux-err.log", NULL);
	assert_class(&a, WHY_WRONG_DOMAIN);
	ck_assert_ptr_nonnull(strstr(a.w.cause, "NoNewPrivileges=yes"));
	done(&a);
}
END_TEST

START_TEST(wrong_domain_binary)
{
	struct answer a;

	classify(&a, "wrong-domain-binary.log", NULL);
	assert_class(&a, WHY_WRONG_DOMAIN);
	ck_assert_ptr_nonnull(strstr(a.w.cause, "ran as init_t"));
	ck_assert_ptr_nonnull(strstr(a.w.cause, "not labeled gotosocial_exec_t"));
	ck_assert_str_eq(a.w.fix[0], "gts-selinux relabel /gotosocial/gotosocial   (or: restorecon "
			 "-v /gotosocial/gotosocial)");
	/* with a refused NoNewPrivileges transition in the same log, that is the cause */
	why_free(&a.w);
	a.x.nnp_refused = 1;
	explain_group(&a.x, &a.s.g[0], &a.w);
	assert_class(&a, WHY_WRONG_DOMAIN);
	ck_assert_ptr_nonnull(strstr(a.w.cause, "refused under NoNewPrivileges"));
	ck_assert_str_eq(a.w.fix[0], "gts-selinux install");
	done(&a);
	classify(&a, "wrong-domain-path.log", NULL);
	assert_class(&a, WHY_WRONG_DOMAIN);
	ck_assert_ptr_nonnull(strstr(a.w.cause, "ran as unconfined_service_t"));
	ck_assert_str_eq(a.w.fix[0], "gts-selinux install --path /opt/gotosocial/gotosocial=exec");
	done(&a);
}
END_TEST

START_TEST(dontaudit_permissive)
{
	struct answer a;

	classify(&a, "dontaudit.log", NULL);
	assert_class(&a, WHY_DONTAUDIT);
	ck_assert_ptr_nonnull(strstr(a.w.fix[0], "semodule -B"));
	done(&a);
	classify(&a, "permissive.log", NULL);
	assert_class(&a, WHY_PERMISSIVE);
	ck_assert_ptr_nonnull(strstr(a.w.cause, "permissive=1"));
	ck_assert_ptr_nonnull(a.w.report);
	assert_no_allow_rule(&a.w);
	done(&a);
}
END_TEST

START_TEST(unit_file)
{
	struct answer a;

	classify(&a, "user-avc-unit.log", NULL);
	assert_class(&a, WHY_MISLABELED);
	ck_assert_str_eq(a.w.expected, "gotosocial_unit_t");
	ck_assert_ptr_nonnull(strstr(a.w.fix[0], "gts-selinux relabel "
				     "/etc/systemd/system/gotosocial.service"));
	done(&a);
}
END_TEST

/* Records built here: allowed now, unknown types, a moved storage directory. */
static void classify_line(struct answer *a, const char *line)
{
	struct avc_filter f = { 0, NULL };
	struct gts_err e = { 0 };

	avc_set_init(&a->s);
	ck_assert_int_eq(avc_read_buffer(line, strlen(line), &f, &a->s, &e), 0);
	ck_assert_uint_eq(a->s.n, 1);
	ck_assert_int_eq(explain_open(&a->x, unit_env("GTS_WHY_POLICY"), NULL, &e), 0);
	explain_group(&a->x, &a->s.g[0], &a->w);
}

/* Records built here: what comm, context, class and permission give which answer. */
static const struct built {
	const char *what, *comm, *where, *scon, *tcon, *tclass, *perm;
	enum why_class cls;
	const char *fix0;	/* the first fix, or NULL */
	const char *in_text;	/* in the cause or the note, or NULL; "" : the note is empty */
} built[] = {
	{ "execmem: gotosocial_execmem is on by default", "gotosocial", "",
	  "system_u:system_r:gotosocial_t:s0", "system_u:system_r:gotosocial_t:s0", "process",
	  "execmem", WHY_ALLOWED_NOW, NULL, "allows this access" },
	{ "a target type the policy does not define", "gotosocial", "name=\"x\" ",
	  "system_u:system_r:gotosocial_t:s0", "system_u:object_r:no_such_type_t:s0", "file",
	  "read", WHY_NOT_IN_POLICY, NULL, "no_such_type_t" },
	{ "a module type the policy does not define", "gotosocial", "name=\"x\" ",
	  "system_u:system_r:gotosocial_x_t:s0", "system_u:object_r:etc_t:s0", "file", "read",
	  WHY_NOT_IN_POLICY, "gts-selinux install   (the gotosocial module is not in this policy)",
	  NULL },
	{ "media at a path the module does not know", "gotosocial",
	  "path=\"/srv/gts/storage/a/b.jpg\" ", "system_u:system_r:gotosocial_t:s0",
	  "system_u:object_r:default_t:s0", "file", "write", WHY_MISLABELED,
	  "gts-selinux install --path /srv/gts/storage=storage", NULL },
	{ "the reverse proxy reads media", "nginx", "name=\"x.jpg\" ",
	  "system_u:system_r:httpd_t:s0", "system_u:object_r:gotosocial_storage_t:s0", "file",
	  "read", WHY_BOOLEAN, "setsebool -P gotosocial_httpd_read_content on", NULL },
	{ "the reverse proxy reads the config", "nginx", "name=\"config.yaml\" ",
	  "system_u:system_r:httpd_t:s0", "system_u:object_r:gotosocial_conf_t:s0", "file",
	  "read", WHY_GAP, NULL, "only gotosocial_t and its admins read it" },
	{ "an ordinary gap carries no forbidden-on-purpose note", "gotosocial", "name=\"x\" ",
	  "system_u:system_r:gotosocial_t:s0", "system_u:object_r:etc_t:s0", "file", "write",
	  WHY_GAP, NULL, "" },
	{ "started by hand from an admin shell", "gotosocial", "name=\"x\" ",
	  "unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023",
	  "system_u:object_r:shadow_t:s0", "file", "read", WHY_WRONG_DOMAIN,
	  "systemctl start gotosocial", NULL },
};

START_TEST(other_classes)
{
	const struct built *b = &built[_i];
	struct answer a;
	char line[1024];

	snprintf(line, sizeof(line), "type=AVC msg=audit(1733212345.000:1): avc:  denied  { %s } "
		 "for  pid=1 comm=\"%s\" %sscontext=%s tcontext=%s tclass=%s permissive=0\n",
		 b->perm, b->comm, b->where, b->scon, b->tcon, b->tclass);
	classify_line(&a, line);
	ck_assert_msg(a.w.cls == b->cls, "%s: class %s, want %s", b->what,
		      why_class_name(a.w.cls), why_class_name(b->cls));
	if (b->fix0)
		ck_assert_str_eq(a.w.fix[0], b->fix0);
	if (b->in_text && !*b->in_text)
		ck_assert_msg(a.w.note[0] == '\0', "%s: note '%s'", b->what, a.w.note);
	else if (b->in_text)
		ck_assert_msg(strstr(a.w.cause, b->in_text) || strstr(a.w.note, b->in_text),
			      "%s: '%s' not in '%s' / '%s'", b->what, b->in_text, a.w.cause,
			      a.w.note);
	done(&a);
}
END_TEST

START_TEST(no_policy)
{
	struct answer a;
	struct explain x;
	struct gts_err e = { 0 };
	char fc[4200], path[4200];

	/* without a policy: the domain is still judged, the rest is unknown */
	classify(&a, "wrong-domain-binary.log", "");
	assert_class(&a, WHY_WRONG_DOMAIN);
	done(&a);
	classify(&a, "tunable-smtp.log", "");
	assert_class(&a, WHY_UNKNOWN);
	ck_assert_ptr_nonnull(strstr(a.w.fix[0], "--policy"));
	done(&a);
	/* with the file contexts only, a mislabeled file is still found */
	snprintf(fc, sizeof(fc), "%s", unit_env("GTS_WHY_POLICY"));
	*strstr(fc, "/policy/policy.") = '\0';
	strcat(fc, "/contexts/files/file_contexts");
	snprintf(path, sizeof(path), "%s/mislabeled-storage.log", unit_env("GTS_AVC_FIXTURES"));
	avc_set_init(&a.s);
	ck_assert_int_eq(avc_read_path(path, &(struct avc_filter){ 0, NULL }, &a.s, &e), 0);
	ck_assert_int_eq(explain_open(&a.x, NULL, fc, &e), 0);
	explain_group(&a.x, &a.s.g[0], &a.w);
	assert_class(&a, WHY_MISLABELED);
	done(&a);
	/* an unreadable or bogus policy is an error */
	ck_assert_int_lt(explain_open(&x, "/nonexistent/policy.33", NULL, &e), 0);
	ck_assert_int_eq(e.code, GTS_EFAIL);
	memset(&e, 0, sizeof(e));
	snprintf(path, sizeof(path), "%s/empty.log", unit_env("GTS_AVC_FIXTURES"));
	ck_assert_int_lt(explain_open(&x, path, NULL, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, "not a kernel policy"));
}
END_TEST

START_TEST(find_policy)
{
	char root[4200], buf[4200];

	snprintf(root, sizeof(root), "%s", unit_env("GTS_WHY_POLICY"));
	*strstr(root, "/etc/selinux/") = '\0';
	ck_assert_int_eq(explain_find_policy(root, NULL, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, unit_env("GTS_WHY_POLICY"));
	ck_assert_int_eq(explain_find_policy(root, "default", buf, sizeof(buf)), 0);
	ck_assert_int_lt(explain_find_policy(root, "nosuchstore", buf, sizeof(buf)), 0);
	ck_assert_int_lt(explain_find_policy("/nonexistent", NULL, buf, sizeof(buf)), 0);
	ck_assert_ptr_nonnull(explain_tunable_text("gotosocial_bind_http"));
	ck_assert_ptr_null(explain_tunable_text("httpd_can_network_connect"));
}
END_TEST

/* why.c: the JSON answer carries what the text prints. */
START_TEST(why_json_answer)
{
	struct answer a;
	json_object *j, *d, *g, *v;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	classify(&a, "port-bind.log", NULL);
	j = why_json(&a.x, &a.s, "port-bind.log");
	ck_assert_int_eq(json_object_object_get_ex(j, "denials", &d), 1);
	ck_assert_uint_eq(json_object_array_length(d), 1);
	g = json_object_array_get_idx(d, 0);
	ck_assert_int_eq(json_object_object_get_ex(g, "class", &v), 1);
	ck_assert_str_eq(json_object_get_string(v), "port");
	ck_assert_int_eq(json_object_object_get_ex(g, "ports", &v), 1);
	ck_assert_int_eq(json_object_get_int(json_object_array_get_idx(v, 0)), 8090);
	ck_assert_int_eq(json_object_object_get_ex(g, "fix", &v), 1);
	ck_assert_str_eq(json_object_get_string(json_object_array_get_idx(v, 0)),
			 "gts-selinux install --port tcp/8090   (labels it gotosocial_port_t)");
	f = open_memstream(&text, &len);
	why_print_text(f, j);
	fclose(f);
	ck_assert_ptr_nonnull(strstr(text, "[1] port: { name_bind } gotosocial_t -> "
				     "unreserved_port_t:tcp_socket"));
	ck_assert_ptr_nonnull(strstr(text, "    fix: gts-selinux install --port tcp/8090"));
	free(text);
	json_object_put(j);
	done(&a);
}
END_TEST

static int run_why(const char *input, const char *since, const char *policy)
{
	struct gts_opts o;
	struct gts_err e = { 0 };
	char path[4200];
	int rc, saved, null;

	memset(&o, 0, sizeof(o));
	snprintf(path, sizeof(path), "%s/%s", unit_env("GTS_AVC_FIXTURES"), input);
	o.input = input[0] == '/' ? input : path;
	o.since = since;
	o.policy = policy ? policy : unit_env("GTS_WHY_POLICY");
	o.json = 1;
	/* the answer goes to stdout: away with it, and back after (check reports there) */
	fflush(stdout);
	saved = dup(1);
	null = open("/dev/null", O_WRONLY);
	ck_assert_int_ge(saved, 0);
	ck_assert_int_ge(null, 0);
	dup2(null, 1);
	rc = cmd_why(&o, &e);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	close(null);
	return rc < 0 ? e.code : rc;
}

START_TEST(why_exit_codes)
{
	ck_assert_int_eq(run_why("gap-shadow.log", NULL, NULL), GTS_EVERIFY);
	ck_assert_int_eq(run_why("unrelated.log", NULL, NULL), GTS_OK);
	ck_assert_int_eq(run_why("empty.log", NULL, NULL), GTS_OK);
	ck_assert_int_eq(run_why("garbage.log", NULL, NULL), GTS_OK);
	ck_assert_int_eq(run_why("gap-shadow.log", "@1733212346", NULL), GTS_OK);
	ck_assert_int_eq(run_why("gap-shadow.log", "@1733212345", NULL), GTS_EVERIFY);
	ck_assert_int_eq(run_why("gap-shadow.log", "sometime", NULL), GTS_EUSAGE);
	ck_assert_int_eq(run_why("/nonexistent/audit.log", NULL, NULL), GTS_EPERM);
	ck_assert_int_eq(run_why("gap-shadow.log", NULL, "/nonexistent/policy.33"), GTS_EFAIL);
}
END_TEST

Suite *explain_suite(void)
{
	Suite *s = suite_create("explain");
	TCase *tc = tcase_create("explain");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, gap_shadow);
	tcase_add_test(tc, mislabeled_storage);
	tcase_add_test(tc, port_bind);
	tcase_add_test(tc, port_bind_other_service);
	tcase_add_test(tc, tunable_postgresql);
	tcase_add_test(tc, tunable_smtp);
	tcase_add_test(tc, nnp);
	tcase_add_test(tc, wrong_domain_binary);
	tcase_add_test(tc, dontaudit_permissive);
	tcase_add_test(tc, unit_file);
	tcase_add_loop_test(tc, other_classes, 0, (int)(sizeof(built) / sizeof(built[0])));
	tcase_add_test(tc, no_policy);
	tcase_add_test(tc, find_policy);
	tcase_add_test(tc, why_json_answer);
	tcase_add_test(tc, why_exit_codes);
	suite_add_tcase(s, tc);
	return s;
}

/* check_avc.c — tools/avc.c: parsing, filtering and grouping of denial records. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "avc.h"
#include "unit.h"

#define SHADOW "type=AVC msg=audit(1733212345.123:456): avc:  denied  { read } for  pid=4711 " \
	"comm=\"gotosocial\" name=\"shadow\" dev=\"vda1\" ino=1573 " \
	"scontext=system_u:system_r:gotosocial_t:s0 tcontext=system_u:object_r:shadow_t:s0 " \
	"tclass=file permissive=0"

/* $GTS_AVC_FIXTURES/NAME read with FILTER (node NULL unless given). */
static void read_fixture(const char *name, const struct avc_filter *f, struct avc_set *s)
{
	char path[4200];
	struct avc_filter none = { 0, NULL };
	struct gts_err e = { 0 };

	snprintf(path, sizeof(path), "%s/%s", unit_env("GTS_AVC_FIXTURES"), name);
	avc_set_init(s);
	ck_assert_msg(avc_read_path(path, f ? f : &none, s, &e) == 0, "%s: %s", name, e.msg);
}

START_TEST(parse_avc)
{
	struct avc_rec r;

	ck_assert_int_eq(avc_parse_line(SHADOW, &r), 1);
	ck_assert_int_eq(r.kind, AVC_AVC);
	ck_assert_str_eq(r.perms, "read");
	ck_assert_str_eq(r.scontext, "system_u:system_r:gotosocial_t:s0");
	ck_assert_str_eq(r.tcontext, "system_u:object_r:shadow_t:s0");
	ck_assert_str_eq(r.tclass, "file");
	ck_assert_str_eq(r.comm, "gotosocial");
	ck_assert_str_eq(r.path, "shadow");
	ck_assert_int_eq(r.path_is_name, 1);
	ck_assert_int_eq(r.port, -1);
	ck_assert_int_eq(r.permissive, 0);
	ck_assert_int_eq(r.pid, 4711);
	ck_assert_int_eq((long)r.sec, 1733212345L);
	ck_assert_uint_eq(r.msec, 123);
	ck_assert_uint_eq(r.serial, 456);
	ck_assert_ptr_nonnull(strstr(r.raw, "avc:  denied  { read }"));

	/* permissions sorted and deduplicated, hex-encoded comm, path=, permissive=1 */
	ck_assert_int_eq(avc_parse_line("type=AVC msg=audit(1733212345.500:2): avc:  denied  { write open read "
					"write } for  pid=1 comm=676F746F20736F6369616C path=2F612062 "
					"scontext=u:r:gotosocial_t:s0 tcontext=u:object_r:x_t:s0 "
					"tclass=file permissive=1", &r), 1);
	ck_assert_str_eq(r.perms, "open read write");
	ck_assert_str_eq(r.comm, "goto social");
	ck_assert_str_eq(r.path, "/a b");
	ck_assert_int_eq(r.path_is_name, 0);
	ck_assert_int_eq(r.permissive, 1);
}
END_TEST

START_TEST(parse_ports)
{
	struct avc_rec r;

	ck_assert_int_eq(avc_parse_line("type=AVC msg=audit(1733212345.000:2): avc:  denied  { name_bind } for  "
					"pid=1 comm=\"gotosocial\" src=8090 scontext=u:r:gotosocial_t:s0 "
					"tcontext=u:object_r:unreserved_port_t:s0 tclass=tcp_socket "
					"permissive=0", &r), 1);
	ck_assert_int_eq(r.port, 8090);
	ck_assert_int_eq(avc_parse_line("type=AVC msg=audit(1733212345.000:2): avc:  denied  { name_connect } "
					"for  pid=1 comm=\"gotosocial\" dest=5432 "
					"scontext=u:r:gotosocial_t:s0 tcontext=u:object_r:postgresql_port_t:s0 "
					"tclass=tcp_socket permissive=0", &r), 1);
	ck_assert_int_eq(r.port, 5432);
	ck_assert_int_eq(avc_parse_line("type=AVC msg=audit(1733212345.000:2): avc:  denied  { name_connect } "
					"for  pid=1 dest=99999 scontext=u:r:gotosocial_t:s0 "
					"tcontext=u:object_r:p_t:s0 tclass=tcp_socket permissive=0", &r), 1);
	ck_assert_int_eq(r.port, -1);
}
END_TEST

START_TEST(parse_user_avc_selinux_err)
{
	struct avc_rec r;

	ck_assert_int_eq(avc_parse_line("type=USER_AVC msg=audit(1733213200.400:1201): pid=1 uid=0 "
		"auid=4294967295 ses=4294967295 subj=system_u:system_r:init_t:s0 msg='avc:  denied  "
		"{ start } for auid=0 uid=0 gid=0 path=\"/etc/systemd/system/gotosocial.service\" "
		"cmdline=\"\" scontext=unconfined_u:unconfined_r:unconfined_t:s0 "
		"tcontext=system_u:object_r:default_t:s0 tclass=service permissive=0 "
		"exe=\"/usr/lib/systemd/systemd\" sauid=0 hostname=? addr=? terminal=?'", &r), 1);
	ck_assert_int_eq(r.kind, AVC_USER_AVC);
	ck_assert_str_eq(r.perms, "start");
	ck_assert_str_eq(r.tclass, "service");
	ck_assert_str_eq(r.path, "/etc/systemd/system/gotosocial.service");
	ck_assert_str_eq(r.exe, "/usr/lib/systemd/systemd");
	ck_assert_int_eq(avc_relevant(&r), 1);	/* the unit file, whatever its label */

	ck_assert_int_eq(avc_parse_line("type=SELINUX_ERR msg=audit(1733212801.020:905): "
		"op=security_bounded_transition seresult=denied "
		"oldcontext=system_u:system_r:init_t:s0 newcontext=system_u:system_r:gotosocial_t:s0",
		&r), 1);
	ck_assert_int_eq(r.kind, AVC_SELINUX_ERR);
	ck_assert_str_eq(r.op, "security_bounded_transition");
	ck_assert_str_eq(r.scontext, "system_u:system_r:init_t:s0");
	ck_assert_str_eq(r.tcontext, "system_u:system_r:gotosocial_t:s0");
	ck_assert_int_eq(avc_relevant(&r), 1);
}
END_TEST

START_TEST(parse_rejects)
{
	static const char *const bad[] = {
		"",
		"garbage",
		"type=SYSCALL msg=audit(1733212345.000:2): arch=c000003e syscall=257 success=no exit=-13",
		"type=AVC msg=audit(1733212345.123:456): avc:  denied  { read } for  pid=12",
		"type=AVC msg=audit(1733212345.123:456): avc:  denied  { read",
		"type=AVC msg=audit(1733212345",
		"type=AVC msg=audit(1733212345.000:2): avc:  denied  {} for  scontext=a:b:c_t tcontext=a:b:d_t "
		"tclass=file",
		"type=AVC msg=audit(1733212345.000:2): avc:  granted  { setenforce } for  pid=1 "
		"scontext=a:b:init_t:s0 tcontext=a:b:security_t:s0 tclass=security",
		"type=SELINUX_ERR msg=audit(1733212345.000:2): op=security_bounded_transition seresult=denied",
		NULL,
	};
	struct avc_rec r;
	size_t i;

	for (i = 0; bad[i]; i++)
		ck_assert_msg(avc_parse_line(bad[i], &r) == 0, "accepted: %s", bad[i]);
}
END_TEST

START_TEST(relevance)
{
	struct avc_rec r;
	char t[64];

	ck_assert_str_eq(avc_ctx_type("system_u:system_r:gotosocial_t:s0", t, sizeof(t)),
			 "gotosocial_t");
	ck_assert_str_eq(avc_ctx_type("u:r:t", t, sizeof(t)), "t");
	ck_assert_str_eq(avc_ctx_type("nocolon", t, sizeof(t)), "");
	ck_assert_str_eq(avc_ctx_type("u:r", t, sizeof(t)), "");

	memset(&r, 0, sizeof(r));
	strcpy(r.scontext, "system_u:system_r:httpd_t:s0");
	strcpy(r.tcontext, "system_u:object_r:shadow_t:s0");
	strcpy(r.tclass, "file");
	ck_assert_int_eq(avc_relevant(&r), 0);
	strcpy(r.tcontext, "system_u:object_r:gotosocial_conf_t:s0");	/* our type as target */
	ck_assert_int_eq(avc_relevant(&r), 1);
	strcpy(r.tcontext, "system_u:object_r:etc_t:s0");
	strcpy(r.scontext, "system_u:system_r:init_t:s0");
	strcpy(r.comm, "gotosocial");		/* the binary in init_t */
	ck_assert_int_eq(avc_relevant(&r), 1);
	strcpy(r.comm, "systemd");
	ck_assert_int_eq(avc_relevant(&r), 0);
	strcpy(r.exe, "/opt/gts/gotosocial");
	ck_assert_int_eq(avc_relevant(&r), 1);
	strcpy(r.scontext, "system_u:system_r:sshd_t:s0");	/* not a fallback domain */
	ck_assert_int_eq(avc_relevant(&r), 0);

	ck_assert_int_eq(avc_same_host("web1", "web1"), 1);
	ck_assert_int_eq(avc_same_host("WEB1", "web1"), 1);
	ck_assert_int_eq(avc_same_host("web1", "web1.example.org"), 1);
	ck_assert_int_eq(avc_same_host("web1.example.org", "web1"), 1);
	ck_assert_int_eq(avc_same_host("web1.example.org", "web1.example.com"), 0);
	ck_assert_int_eq(avc_same_host("web1", "web2"), 0);
	ck_assert_int_eq(avc_same_host("web", "web1.example.org"), 0);
}
END_TEST

START_TEST(group_mislabeled)
{
	struct avc_set s;
	struct avc_group *g;

	read_fixture("mislabeled-storage.log", NULL, &s);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_uint_eq(s.st.records, 3);
	ck_assert_uint_eq(s.st.relevant, 3);
	g = &s.g[0];
	ck_assert_uint_eq(g->count, 3);
	ck_assert_int_eq((long)g->first_sec, 1733212401L);
	ck_assert_uint_eq(g->first_msec, 20);
	ck_assert_int_eq((long)g->last_sec, 1733212410L);
	ck_assert_uint_eq(g->last_msec, 4);
	/* name= completed from the PATH records: two distinct files */
	ck_assert_uint_eq(g->npaths, 2);
	ck_assert_str_eq(g->paths[0], "/gotosocial/storage/01JE5Z6F3X0T1W2Y3Z4A5B6C7D/attachment/"
			 "original/01JE5Z7Q8K2M9V1XGQ3T4B6N7P.jpeg");
	ck_assert_ptr_nonnull(strstr(g->paths[1], "01JE5Z9A1B2C3D4E5F6G7H8J9K.png"));
	ck_assert_str_eq(g->first.exe, "/gotosocial/gotosocial");	/* from SYSCALL */
	avc_set_free(&s);
}
END_TEST

START_TEST(group_nnp_once)
{
	struct avc_set s;

	read_fixture("nnp.log", NULL, &s);
	ck_assert_uint_eq(s.n, 1);	/* the AVC; its SELINUX_ERR companion is not a second */
	ck_assert_int_eq(s.g[0].first.kind, AVC_AVC);
	ck_assert_str_eq(s.g[0].first.perms, "nnp_transition");
	ck_assert_str_eq(s.g[0].first.exe, "/gotosocial/gotosocial");
	avc_set_free(&s);
	read_fixture("nnp-selinux-err.log", NULL, &s);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_int_eq(s.g[0].first.kind, AVC_SELINUX_ERR);
	avc_set_free(&s);
}
END_TEST

START_TEST(other_hosts)
{
	struct avc_filter f = { 0, "gts1" };
	struct avc_set s;

	read_fixture("other-hosts.log", &f, &s);
	ck_assert_uint_eq(s.st.records, 3);
	ck_assert_uint_eq(s.st.other_hosts, 2);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_uint_eq(s.g[0].count, 1);
	ck_assert_int_eq((long)s.g[0].first_sec, 1733212347L);
	avc_set_free(&s);
	read_fixture("other-hosts.log", NULL, &s);	/* no node filter: all three */
	ck_assert_uint_eq(s.n, 1);
	ck_assert_uint_eq(s.g[0].count, 3);
	avc_set_free(&s);
}
END_TEST

/* The kernel log's form (dmesg, serial console), as the enforcing VM printed it. */
START_TEST(console_format)
{
	struct avc_filter f = { 0, NULL };
	struct avc_set s;
	struct gts_err e = { 0 };
	char line[9000], name[6001];

	read_fixture("vm-console.log", NULL, &s);
	ck_assert_uint_eq(s.st.records, 9);
	ck_assert_uint_eq(s.st.relevant, 5);
	ck_assert_uint_eq(s.n, 4);
	ck_assert_str_eq(s.g[1].first.perms, "name_bind");
	ck_assert_uint_eq(s.g[1].count, 2);
	ck_assert_uint_eq(s.g[1].nports, 2);
	ck_assert_int_eq(s.g[1].ports[0], 443);
	ck_assert_int_eq(s.g[1].ports[1], 80);
	ck_assert_int_eq((long)s.g[0].first_sec, 1796313552L);
	ck_assert_uint_eq(s.g[0].first_msec, 315);
	avc_set_free(&s);

	/* a line longer than the head that decides the form: its rest passes through */
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	snprintf(line, sizeof(line), "Dec 03 15:00:00 gts1 kernel: audit: type=1400 "
		 "audit(1796313552.315:212): avc:  denied  { read } for  pid=1 comm=\"gotosocial\" "
		 "name=\"%s\" scontext=system_u:system_r:gotosocial_t:s0 "
		 "tcontext=system_u:object_r:etc_t:s0 tclass=file permissive=0\n"
		 "[ 1.0] audit: type=9999 audit(1796313552.400:213): avc:  denied  { read } for  "
		 "pid=1 scontext=system_u:system_r:gotosocial_t:s0\n", name);
	avc_set_init(&s);
	ck_assert_int_eq(avc_read_buffer(line, strlen(line), &f, &s, &e), 0);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_uint_eq(strlen(s.g[0].paths[0]), sizeof(s.g[0].first.path) - 1);
	ck_assert_str_eq(s.g[0].first.tcontext, "system_u:object_r:etc_t:s0");
	avc_set_free(&s);
}
END_TEST

START_TEST(bad_logs)
{
	struct avc_set s;

	read_fixture("empty.log", NULL, &s);
	ck_assert_uint_eq(s.n, 0);
	ck_assert_uint_eq(s.st.records, 0);
	avc_set_free(&s);
	read_fixture("garbage.log", NULL, &s);
	ck_assert_uint_eq(s.n, 0);
	ck_assert_uint_ge(s.st.malformed, 6);
	avc_set_free(&s);
	read_fixture("unrelated.log", NULL, &s);
	ck_assert_uint_eq(s.n, 0);
	ck_assert_uint_eq(s.st.records, 3);
	ck_assert_uint_eq(s.st.granted, 1);
	avc_set_free(&s);
}
END_TEST

START_TEST(unreadable)
{
	struct avc_filter f = { 0, NULL };
	struct avc_set s;
	struct gts_err e = { 0 };

	avc_set_init(&s);
	ck_assert_int_lt(avc_read_path("/nonexistent/audit.log", &f, &s, &e), 0);
	ck_assert_int_eq(e.code, GTS_EPERM);
	ck_assert_ptr_nonnull(strstr(e.msg, "/nonexistent/audit.log"));
	avc_set_free(&s);
}
END_TEST

static void copy_file(const char *from, const char *to)
{
	char cmd[9000];

	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", from, to);
	ck_assert_int_eq(system(cmd), 0);
}

/* The default log with its rotated files, oldest first; a missing base is unreadable. */
START_TEST(rotated)
{
	struct avc_filter f = { 0, NULL };
	struct avc_set s;
	struct gts_err e = { 0 };
	char dir[4200], base[4300], p[4400], fx[4300];
	size_t nfiles;

	snprintf(dir, sizeof(dir), "%s/rot.XXXXXX", unit_env("GTS_TEST_TMP"));
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(base, sizeof(base), "%s/audit.log", dir);
	snprintf(fx, sizeof(fx), "%s/tunable-postgresql.log", unit_env("GTS_AVC_FIXTURES"));
	snprintf(p, sizeof(p), "%s.10", base);		/* numeric order: .10 before .2 */
	copy_file(fx, p);
	snprintf(p, sizeof(p), "%s.2", base);
	copy_file(fx, p);
	snprintf(p, sizeof(p), "%s.x", base);		/* not a rotation */
	copy_file(fx, p);
	avc_set_init(&s);
	ck_assert_int_lt(avc_read_rotated(base, &f, &s, &nfiles, &e), 0);	/* no base */
	ck_assert_int_eq(e.code, GTS_EPERM);
	avc_set_free(&s);
	copy_file(fx, base);
	memset(&e, 0, sizeof(e));
	avc_set_init(&s);
	ck_assert_msg(avc_read_rotated(base, &f, &s, &nfiles, &e) == 0, "%s", e.msg);
	ck_assert_uint_eq(nfiles, 3);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_uint_eq(s.g[0].count, 6);
	avc_set_free(&s);
	snprintf(p, sizeof(p), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(p), 0);
}
END_TEST

START_TEST(since_filter)
{
	struct avc_filter f = { 1733212600, NULL };
	struct avc_set s;

	read_fixture("tunable-postgresql.log", &f, &s);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_uint_eq(s.g[0].count, 2);
	avc_set_free(&s);
	f.since = 1733212601;
	read_fixture("tunable-postgresql.log", &f, &s);
	ck_assert_uint_eq(s.g[0].count, 1);
	ck_assert_uint_eq(s.st.too_old, 1);
	avc_set_free(&s);
}
END_TEST

/* Many records across the 64 KiB feed chunks, and more distinct denials than kept. */
START_TEST(bounded_groups)
{
	struct avc_filter f = { 0, NULL };
	struct avc_set s;
	struct gts_err e = { 0 };
	size_t cap = 4u << 20, len = 0, i, total;
	char *buf = malloc(cap);

	ck_assert_ptr_nonnull(buf);
	total = AVC_MAX_GROUPS + 100;
	for (i = 0; i < total * 3; i++)
		len += (size_t)snprintf(buf + len, cap - len, "type=AVC msg=audit(%zu.000:%zu): avc:  "
					"denied  { read } for  pid=1 comm=\"gotosocial\" name=\"f\" "
					"scontext=system_u:system_r:gotosocial_t:s0 "
					"tcontext=system_u:object_r:t%zu_t:s0 tclass=file permissive=0\n",
					1000 + i, i + 1, i % total);
	ck_assert_uint_gt(len, 3 * 65536);
	avc_set_init(&s);
	ck_assert_int_eq(avc_read_buffer(buf, len, &f, &s, &e), 0);
	ck_assert_uint_eq(s.st.records, total * 3);
	ck_assert_uint_eq(s.n, AVC_MAX_GROUPS);
	ck_assert_uint_eq(s.st.dropped, 100 * 3);
	ck_assert_uint_eq(s.g[0].count, 3);
	ck_assert_uint_eq(s.g[AVC_MAX_GROUPS - 1].count, 3);
	avc_set_free(&s);
	free(buf);
}
END_TEST

START_TEST(since_parse)
{
	time_t now = 1733212345, t;
	char path[4200];
	FILE *f;

	setenv("TZ", "UTC", 1);
	tzset();
	ck_assert_int_eq(avc_parse_since("now", now, &t), 0);
	ck_assert_int_eq((long)t, (long)now);
	ck_assert_int_eq(avc_parse_since("recent", now, &t), 0);
	ck_assert_int_eq((long)t, (long)now - 600);
	ck_assert_int_eq(avc_parse_since("today", now, &t), 0);
	ck_assert_int_eq((long)t, 1733184000L);
	ck_assert_int_eq(avc_parse_since("yesterday", now, &t), 0);
	ck_assert_int_eq((long)t, 1733184000L - 86400);
	ck_assert_int_eq(avc_parse_since("-2h", now, &t), 0);
	ck_assert_int_eq((long)t, (long)now - 7200);
	ck_assert_int_eq(avc_parse_since("-90", now, &t), 0);
	ck_assert_int_eq((long)t, (long)now - 90);
	ck_assert_int_eq(avc_parse_since("@1700000000", now, &t), 0);
	ck_assert_int_eq((long)t, 1700000000L);
	ck_assert_int_eq(avc_parse_since("1700000000", now, &t), 0);
	ck_assert_int_eq(avc_parse_since("2024-12-03", now, &t), 0);
	ck_assert_int_eq((long)t, 1733184000L);
	ck_assert_int_eq(avc_parse_since("2024-12-03 08:12:25", now, &t), 0);
	ck_assert_int_eq((long)t, 1733213545L);
	ck_assert_int_eq(avc_parse_since("2024-12-03 08:12", now, &t), 0);
	ck_assert_int_eq((long)t, 1733213520L);
	ck_assert_int_eq(avc_parse_since("2024-12-03T08:12:25", now, &t), 0);
	ck_assert_int_lt(avc_parse_since("", now, &t), 0);
	ck_assert_int_lt(avc_parse_since("soon", now, &t), 0);
	ck_assert_int_lt(avc_parse_since("-3w", now, &t), 0);
	ck_assert_int_lt(avc_parse_since("2024-12-03 8", now, &t), 0);
	ck_assert_int_lt(avc_parse_since("2024-13-45x", now, &t), 0);
	ck_assert_int_lt(avc_parse_since("12abc", now, &t), 0);

	snprintf(path, sizeof(path), "%s/stat.%d", unit_env("GTS_TEST_TMP"), (int)getpid());
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("cpu  1 2 3\nintr 5\nbtime 1733200000\nprocesses 9\n", f);
	fclose(f);
	ck_assert_int_eq((long)avc_boot_time(path), 1733200000L);
	f = fopen(path, "w");
	fputs("cpu  1 2 3\n", f);
	fclose(f);
	ck_assert_int_eq((long)avc_boot_time(path), -1L);
	unlink(path);
	ck_assert_int_eq((long)avc_boot_time("/nonexistent/stat"), -1L);
}
END_TEST

START_TEST(time_str)
{
	char b[64];

	setenv("TZ", "UTC", 1);
	tzset();
	ck_assert_str_eq(avc_time_str(1733212345, 123, b, sizeof(b)), "2024-12-03 07:52:25.123");
	ck_assert_str_eq(avc_time_str(1733212345, 5, b, sizeof(b)), "2024-12-03 07:52:25.005");
}
END_TEST

Suite *avc_suite(void)
{
	Suite *s = suite_create("avc");
	TCase *tc = tcase_create("avc");

	tcase_add_test(tc, parse_avc);
	tcase_add_test(tc, parse_ports);
	tcase_add_test(tc, parse_user_avc_selinux_err);
	tcase_add_test(tc, parse_rejects);
	tcase_add_test(tc, relevance);
	tcase_add_test(tc, group_mislabeled);
	tcase_add_test(tc, group_nnp_once);
	tcase_add_test(tc, other_hosts);
	tcase_add_test(tc, console_format);
	tcase_add_test(tc, bad_logs);
	tcase_add_test(tc, unreadable);
	tcase_add_test(tc, rotated);
	tcase_add_test(tc, since_filter);
	tcase_add_test(tc, bounded_groups);
	tcase_add_test(tc, since_parse);
	tcase_add_test(tc, time_str);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * check_policy.c — assertions on the compiled policy with the gotosocial module installed.
 *
 * Environment:
 *   GTS_POLICY          the store's kernel policy (ROOT/etc/selinux/default/policy/policy.33)
 *   GTS_FILE_CONTEXTS   the store's file_contexts
 *
 * Two kinds of assertion: tables (the footprint that must be allowed, accesses that must
 * not be, paths and their types) and properties checked over every type of the policy
 * (W^X, ports, domain transitions, capabilities), each under several tunable settings.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <selinux/label.h>
#include <selinux/selinux.h>

#include "policyq.h"

#define D "gotosocial_t"

/* Every tunable of the module with the default the README documents. */
static const struct tunable {
	const char *name;
	int dflt;
} tunables[] = {
	{ "gotosocial_execmem", 1 },
	{ "gotosocial_bind_http", 0 },
	{ "gotosocial_connect_postgresql", 0 },
	{ "gotosocial_connect_smtp", 0 },
	{ "gotosocial_connect_all_ports", 0 },
	{ "gotosocial_httpd_read_content", 0 },
	{ "gotosocial_exec_ffmpeg", 0 },
};
#define NTUNABLES (sizeof(tunables) / sizeof(tunables[0]))

struct access {
	const char *bools; /* "" defaults, "*" every tunable on, "a,!b" a on and b off
			      (any boolean of the policy) */
	const char *src, *tgt, *cls, *perms;
};

/* What GoToSocial does at run time (shared/reference/gotosocial-footprint.md). */
static const struct access footprint[] = {
	/* started by systemd, also under NoNewPrivileges=yes */
	{ "", "init_t", "gotosocial_exec_t", "file", "execute read open getattr" },
	{ "", "init_t", D, "process", "transition" },
	{ "", "init_t", D, "process2", "nnp_transition nosuid_transition" },
	{ "", D, "gotosocial_exec_t", "file", "entrypoint execute read open getattr map" },
	{ "", D, D, "process", "execmem fork getsched signal signull sigchld" },
	/* config, templates and assets */
	{ "", D, "etc_t", "dir", "search" },
	{ "", D, "gotosocial_conf_t", "file", "read open getattr" },
	{ "", D, "gotosocial_conf_t", "dir", "search read open getattr" },
	{ "", D, "gotosocial_web_t", "dir", "search read open getattr" },
	{ "", D, "gotosocial_web_t", "file", "read open getattr" },
	/* SQLite in /gotosocial: -wal, -shm (mapped shared), -journal beside the DB */
	{ "", D, "gotosocial_db_t", "dir", "search read open getattr add_name remove_name write" },
	{ "", D, "gotosocial_db_t", "file", "create read write append open lock map getattr setattr unlink rename" },
	{ "", D, "var_lib_t", "dir", "search" },
	/* media storage */
	{ "", D, "gotosocial_storage_t", "dir", "create search read open getattr add_name remove_name write rmdir rename reparent" },
	{ "", D, "gotosocial_storage_t", "file", "create read write open getattr setattr unlink rename" },
	/* ACME keys: temp file + rename */
	{ "", D, "gotosocial_cert_t", "dir", "create search read open add_name remove_name write" },
	{ "", D, "gotosocial_cert_t", "file", "create read write open getattr unlink rename" },
	/* wazero compilation cache */
	{ "", D, "gotosocial_cache_t", "dir", "create search read open add_name remove_name write" },
	{ "", D, "gotosocial_cache_t", "file", "create read write open getattr unlink rename" },
	/* $TMPDIR: media processing, SQLite temp files */
	{ "", D, "tmp_t", "dir", "search add_name write" },
	{ "", D, "gotosocial_tmp_t", "dir", "create search read open add_name remove_name write rmdir" },
	{ "", D, "gotosocial_tmp_t", "file", "create read write open getattr unlink map" },
	/* system reads */
	{ "", D, "etc_t", "file", "read open getattr" },
	{ "", D, "net_conf_t", "file", "read open getattr" },
	{ "", D, "locale_t", "file", "read open getattr" },
	{ "", D, "cert_t", "file", "read open getattr" },
	{ "", D, "usr_t", "file", "read open getattr" },
	{ "", D, "proc_t", "file", "read open getattr" },
	{ "", D, "proc_t", "filesystem", "getattr" },
	{ "", D, "sysctl_net_t", "file", "read open getattr" },
	{ "", D, "sysfs_t", "dir", "search read open getattr" },
	{ "", D, "sysfs_t", "file", "read open getattr" },
	{ "", D, "cgroup_t", "dir", "search" },
	{ "", D, "cgroup_t", "file", "read open getattr" },
	{ "", D, "device_t", "dir", "read open getattr search" },
	{ "", D, "urandom_device_t", "chr_file", "read open getattr" },
	/* network: listen on 8080 and on the admin's labeled ports; HTTP(S) out; DNS */
	{ "", D, D, "tcp_socket", "create bind listen accept connect read write getopt setopt shutdown" },
	{ "", D, D, "udp_socket", "create connect read write" },
	{ "", D, "node_t", "tcp_socket", "node_bind" },
	{ "", D, "http_cache_port_t", "tcp_socket", "name_bind" },
	{ "", D, "gotosocial_port_t", "tcp_socket", "name_bind" },
	{ "", D, "http_port_t", "tcp_socket", "name_connect" },
	{ "", D, "dns_port_t", "tcp_socket", "name_connect" },
	/* syslog */
	{ "", D, "devlog_t", "sock_file", "write" },
	{ "", D, "syslogd_t", "unix_dgram_socket", "sendto" },
	/* tunables */
	{ "gotosocial_bind_http", D, D, "capability", "net_bind_service" },
	{ "gotosocial_bind_http", D, "http_port_t", "tcp_socket", "name_bind" },
	{ "gotosocial_bind_http", D, "cert_t", "file", "read" },
	{ "gotosocial_connect_postgresql", D, "postgresql_port_t", "tcp_socket", "name_connect" },
	{ "gotosocial_connect_postgresql", D, "postgresql_t", "unix_stream_socket", "connectto" },
	{ "gotosocial_connect_smtp", D, "smtp_port_t", "tcp_socket", "name_connect" },
	{ "gotosocial_connect_all_ports", D, "unreserved_port_t", "tcp_socket", "name_connect" },
	{ "gotosocial_connect_all_ports", D, "squid_port_t", "tcp_socket", "name_connect" },
	{ "gotosocial_httpd_read_content", "httpd_t", "gotosocial_db_t", "dir", "search" },
	{ "gotosocial_httpd_read_content", "httpd_t", "gotosocial_web_t", "file", "read open getattr" },
	{ "gotosocial_httpd_read_content", "httpd_t", "gotosocial_storage_t", "file", "read open getattr" },
	{ "gotosocial_httpd_read_content", "httpd_t", "gotosocial_storage_t", "dir", "search read open" },
	{ "gotosocial_exec_ffmpeg", D, "bin_t", "file", "execute execute_no_trans read open map" },
	/* every tunable on still allows the default footprint */
	{ "*", D, "gotosocial_db_t", "file", "create read write open lock map unlink rename" },
	{ "*", D, "http_cache_port_t", "tcp_socket", "name_bind" },
};

/* What must never be possible. */
static const struct access forbidden[] = {
	/* secrets and homes of others */
	{ "*", D, "shadow_t", "file", "read" },
	{ "*", D, "user_home_t", "file", "read" },
	{ "*", D, "user_home_dir_t", "dir", "read" },
	{ "*", D, "ssh_home_t", "file", "read" },
	{ "*", D, "sshd_key_t", "file", "read" },
	{ "", D, "tls_privkey_t", "file", "read" },
	{ "*", D, "postgresql_db_t", "file", "read" },
	{ "*", D, "mysqld_db_t", "file", "read" },
	{ "*", D, "httpd_sys_content_t", "file", "write" },
	{ "*", D, "var_log_t", "file", "write" },
	{ "*", D, "user_tmp_t", "file", "read" },
	/* its own binary, config and web content */
	{ "*", D, "bin_t", "file", "write" },
	{ "*", D, "etc_t", "file", "write" },
	{ "*", D, "gotosocial_exec_t", "file", "write" },
	{ "*", D, "gotosocial_exec_t", "file", "unlink" },
	{ "*", D, "gotosocial_exec_t", "file", "rename" },
	{ "*", D, "gotosocial_exec_t", "file", "setattr" },
	{ "*", D, "gotosocial_conf_t", "file", "write" },
	{ "*", D, "gotosocial_conf_t", "file", "unlink" },
	{ "*", D, "gotosocial_conf_t", "file", "rename" },
	{ "*", D, "gotosocial_conf_t", "dir", "add_name" },
	{ "*", D, "gotosocial_web_t", "file", "write" },
	{ "*", D, "gotosocial_web_t", "file", "unlink" },
	{ "*", D, "gotosocial_web_t", "dir", "add_name" },
	{ "*", D, "gotosocial_unit_t", "file", "write" },
	/* executing what it can write */
	{ "*", D, "gotosocial_storage_t", "file", "execute" },
	{ "*", D, "gotosocial_db_t", "file", "execute" },
	{ "*", D, "gotosocial_tmp_t", "file", "execute" },
	{ "*", D, "gotosocial_cache_t", "file", "execute" },
	{ "*", D, "gotosocial_cert_t", "file", "execute" },
	{ "*", D, "gotosocial_exec_t", "file", "execmod" },
	{ "*", D, D, "process", "execstack" },
	{ "*", D, D, "process", "execheap" },
	{ "!gotosocial_execmem", D, D, "process", "execmem" },
	{ "*", D, "shell_exec_t", "file", "execute" },
	{ "", D, "bin_t", "file", "execute" },
	/* ports */
	{ "", D, "ssh_port_t", "tcp_socket", "name_connect" },
	{ "*", D, "ssh_port_t", "tcp_socket", "name_bind" },
	{ "", D, "mysqld_port_t", "tcp_socket", "name_connect" },
	{ "", D, "postgresql_port_t", "tcp_socket", "name_connect" },
	{ "", D, "smtp_port_t", "tcp_socket", "name_connect" },
	{ "", D, "http_port_t", "tcp_socket", "name_bind" },
	{ "*", D, "unreserved_port_t", "tcp_socket", "name_bind" },
	{ "", D, "postgresql_t", "unix_stream_socket", "connectto" },
	/* privileges */
	{ "", D, D, "capability", "net_bind_service" },
	{ "*", D, D, "capability", "sys_module" },
	{ "*", D, D, "capability", "sys_admin" },
	{ "*", D, D, "capability", "dac_override" },
	{ "*", D, D, "capability", "dac_read_search" },
	{ "*", D, D, "capability", "setuid" },
	{ "*", D, D, "capability", "sys_ptrace" },
	{ "*", D, "kernel_t", "system", "module_request" },
	{ "*", D, "security_t", "security", "load_policy" },
	{ "*", D, "security_t", "security", "setenforce" },
	/* other processes */
	{ "*", D, D, "process", "ptrace" },
	{ "*", D, "sshd_t", "process", "ptrace" },
	{ "*", D, "init_t", "process", "ptrace" },
	{ "*", D, "sshd_t", "process", "signal" },
	{ "*", D, "unconfined_t", "process", "transition" },
	{ "*", D, D, "process", "setcurrent" },
	/* neighbours never reach the secrets, even with the reverse-proxy tunable on */
	{ "*", "httpd_t", "gotosocial_conf_t", "file", "read" },
	{ "*", "httpd_t", "gotosocial_cert_t", "file", "read" },
	{ "*", "httpd_t", "gotosocial_db_t", "file", "read" },
	{ "*", "httpd_t", "gotosocial_storage_t", "file", "write" },
	{ "", "httpd_t", "gotosocial_web_t", "file", "read" },
	{ "*", "sshd_t", "gotosocial_conf_t", "file", "read" },
	{ "*", "postgresql_t", "gotosocial_cert_t", "file", "read" },
	/* ... nor domains that read every non-authentication file */
	{ "*", "sosreport_t", "gotosocial_conf_t", "file", "read" },
	{ "allow_ftpd_full_access", "ftpd_t", "gotosocial_conf_t", "file", "read" },
	{ "samba_export_all_ro", "smbd_t", "gotosocial_cert_t", "file", "read" },
};

struct label {
	const char *path;
	mode_t mode;
	const char *type;
};

static const struct label labels[] = {
	{ "/gotosocial", S_IFDIR, "gotosocial_db_t" },
	{ "/gotosocial/gotosocial", S_IFREG, "gotosocial_exec_t" },
	{ "/gotosocial/config.yaml", S_IFREG, "gotosocial_conf_t" },
	{ "/gotosocial/sqlite.db", S_IFREG, "gotosocial_db_t" },
	{ "/gotosocial/sqlite.db-wal", S_IFREG, "gotosocial_db_t" },
	{ "/gotosocial/sqlite.db-shm", S_IFREG, "gotosocial_db_t" },
	{ "/gotosocial/sqlite.db-journal", S_IFREG, "gotosocial_db_t" },
	{ "/gotosocial/db", S_IFDIR, "gotosocial_db_t" },
	{ "/gotosocial/db/sqlite.db", S_IFREG, "gotosocial_db_t" },
	{ "/gotosocial/storage", S_IFDIR, "gotosocial_storage_t" },
	{ "/gotosocial/storage/x/y.jpg", S_IFREG, "gotosocial_storage_t" },
	{ "/gotosocial/storage/certs", S_IFDIR, "gotosocial_cert_t" },
	{ "/gotosocial/storage/certs/acme_account+key", S_IFREG, "gotosocial_cert_t" },
	{ "/gotosocial/web/template/index.tmpl", S_IFREG, "gotosocial_web_t" },
	{ "/gotosocial/web/assets/dist/style.css", S_IFREG, "gotosocial_web_t" },
	{ "/gotosocial/.cache", S_IFDIR, "gotosocial_cache_t" },
	{ "/gotosocial/.cache/wazero/x", S_IFREG, "gotosocial_cache_t" },
	{ "/gotosocial/example/config.yaml", S_IFREG, "gotosocial_conf_t" },
	{ "/etc/gotosocial", S_IFDIR, "gotosocial_conf_t" },
	{ "/etc/gotosocial/config.yaml", S_IFREG, "gotosocial_conf_t" },
	{ "/usr/local/etc/gotosocial/config.yaml", S_IFREG, "gotosocial_conf_t" },
	{ "/usr/local/bin/gotosocial", S_IFREG, "gotosocial_exec_t" },
	{ "/usr/bin/gotosocial", S_IFREG, "gotosocial_exec_t" },
	{ "/usr/sbin/gotosocial", S_IFREG, "gotosocial_exec_t" },
	{ "/usr/share/gotosocial/web/template/index.tmpl", S_IFREG, "gotosocial_web_t" },
	{ "/var/lib/gotosocial", S_IFDIR, "gotosocial_db_t" },
	{ "/var/lib/gotosocial/sqlite.db-wal", S_IFREG, "gotosocial_db_t" },
	{ "/var/lib/gotosocial/storage/a/b.png", S_IFREG, "gotosocial_storage_t" },
	{ "/var/lib/gotosocial/storage/certs/k", S_IFREG, "gotosocial_cert_t" },
	{ "/var/cache/gotosocial/x", S_IFREG, "gotosocial_cache_t" },
	{ "/etc/systemd/system/gotosocial.service", S_IFREG, "gotosocial_unit_t" },
	/* near misses stay with the base policy */
	{ "/etc/gotosocialx", S_IFREG, "etc_t" },
	{ "/etc/gotosocial.yaml", S_IFREG, "etc_t" },
	{ "/usr/local/bin/gotosocial-helper", S_IFREG, "bin_t" },
	{ "/gotosocialx", S_IFDIR, "default_t" },
};

static struct policyq *q;

static void open_policy(void)
{
	const char *path = getenv("GTS_POLICY");

	ck_assert_msg(path, "GTS_POLICY is not set");
	q = policyq_open(path);
	ck_assert_msg(q, "cannot load %s", path);
}

static void close_policy(void)
{
	policyq_close(q);
	q = NULL;
}

/* Applies a tunable setting: "" defaults, "*" all on, "a,!b,..." relative to defaults. */
static void apply_bools(const char *spec)
{
	char buf[256], *tok, *save = NULL;
	size_t i;

	ck_assert_int_eq(policyq_reset_bools(q), 0);
	if (strcmp(spec, "*") == 0) {
		for (i = 0; i < NTUNABLES; i++)
			ck_assert_int_eq(policyq_set_bool(q, tunables[i].name, 1), 0);
		return;
	}
	snprintf(buf, sizeof(buf), "%s", spec);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int on = tok[0] != '!';

		ck_assert_msg(policyq_set_bool(q, tok + !on, on) == 0, "unknown boolean %s", tok + !on);
	}
}

static int ask(const struct access *a)
{
	int r;

	apply_bools(a->bools);
	r = policyq_allowed(q, a->src, a->tgt, a->cls, a->perms);
	ck_assert_msg(r >= 0, "unknown type, class or permission in: %s %s:%s { %s }",
		      a->src, a->tgt, a->cls, a->perms);
	return r;
}

START_TEST(test_footprint_allowed)
{
	const struct access *a = &footprint[_i];

	ck_assert_msg(ask(a) == POLICYQ_ALLOWED, "denied but needed [%s]: allow %s %s:%s { %s }",
		      a->bools, a->src, a->tgt, a->cls, a->perms);
}
END_TEST

START_TEST(test_forbidden_denied)
{
	const struct access *a = &forbidden[_i];

	ck_assert_msg(ask(a) == POLICYQ_DENIED, "allowed (by TE) but forbidden [%s]: allow %s %s:%s { %s }",
		      a->bools, a->src, a->tgt, a->cls, a->perms);
}
END_TEST

START_TEST(test_tunable_defaults)
{
	ck_assert_msg(policyq_bool_default(q, tunables[_i].name) == tunables[_i].dflt,
		      "%s: default is not %d", tunables[_i].name, tunables[_i].dflt);
}
END_TEST

START_TEST(test_domain_is_confined)
{
	ck_assert_msg(policyq_type_value(q, D), "no type %s", D);
	ck_assert_msg(!policyq_is_permissive(q, D), "%s is permissive", D);
	ck_assert_msg(policyq_has_attribute(q, D, "domain"), "%s is not a domain", D);
	ck_assert_msg(policyq_has_attribute(q, D, "daemon"), "%s is not a daemon", D);
	ck_assert_msg(!policyq_has_attribute(q, D, "unconfined_domain_type"), "%s is unconfined", D);
	ck_assert_msg(!policyq_has_attribute(q, D, "can_load_policy"), "%s can load policy", D);
	ck_assert_msg(!policyq_has_attribute(q, D, "kern_unconfined"), "%s is kern_unconfined", D);
	ck_assert_msg(!policyq_has_attribute(q, D, "files_unconfined_type"), "%s is files_unconfined", D);
	ck_assert_msg(!policyq_has_attribute(q, D, "can_change_object_identity"),
		      "%s can change object identity", D);
}
END_TEST

START_TEST(test_init_transition)
{
	const char *t = policyq_type_transition(q, "init_t", "gotosocial_exec_t", "process");

	ck_assert_msg(t && strcmp(t, D) == 0, "init_t executing gotosocial_exec_t lands in %s",
		      t ? t : "(no transition)");
	t = policyq_type_transition(q, "initrc_t", "gotosocial_exec_t", "process");
	ck_assert_msg(t && strcmp(t, D) == 0, "initrc_t executing gotosocial_exec_t lands in %s",
		      t ? t : "(no transition)");
}
END_TEST

static const struct {
	const char *dir, *cls, *name, *want;
} created[] = {
	{ "tmp_t", "file", NULL, "gotosocial_tmp_t" },
	{ "tmp_t", "dir", NULL, "gotosocial_tmp_t" },
	{ "gotosocial_db_t", "dir", "storage", "gotosocial_storage_t" },
	{ "gotosocial_db_t", "dir", ".cache", "gotosocial_cache_t" },
	{ "gotosocial_storage_t", "dir", "certs", "gotosocial_cert_t" },
};

START_TEST(test_created_objects_get_their_type)
{
	const char *got = created[_i].name
		? policyq_name_transition(q, D, created[_i].dir, created[_i].cls, created[_i].name)
		: policyq_type_transition(q, D, created[_i].dir, created[_i].cls);

	ck_assert_msg(got && strcmp(got, created[_i].want) == 0,
		      "%s created in %s (%s) is %s, want %s", created[_i].cls, created[_i].dir,
		      created[_i].name ? created[_i].name : "any name", got ? got : "(inherited)",
		      created[_i].want);
}
END_TEST

/* Tunable settings the properties below hold under: defaults, all on, each one on. */
static const char *setting(int i)
{
	if (i == 0)
		return "";
	if (i == 1)
		return "*";
	return tunables[i - 2].name;
}
#define NSETTINGS ((int)NTUNABLES + 2)

static int is_type(int v)
{
	return !policyq_is_attribute(q, v);
}

/* W^X: no type gotosocial_t may write is executable by it. */
START_TEST(test_nothing_writable_is_executable)
{
	int v, n = policyq_ntypes(q), writable = 0;

	apply_bools(setting(_i));
	for (v = 1; v <= n; v++) {
		const char *t = policyq_type_name(q, v);

		if (!is_type(v))
			continue;
		/* writable as far as TE is concerned: constraints do not count as a denial */
		if (policyq_allowed(q, D, t, "file", "write") == POLICYQ_DENIED &&
		    policyq_allowed(q, D, t, "file", "append") == POLICYQ_DENIED &&
		    policyq_allowed(q, D, t, "file", "create") == POLICYQ_DENIED)
			continue;
		writable++;
		ck_assert_msg(policyq_allowed(q, D, t, "file", "execute") == POLICYQ_DENIED,
			      "[%s] %s can write and execute %s", setting(_i), D, t);
		ck_assert_msg(policyq_allowed(q, D, t, "file", "entrypoint") == POLICYQ_DENIED,
			      "[%s] %s can write its entrypoint %s", setting(_i), D, t);
	}
	ck_assert_msg(writable >= 5, "only %d writable types found: the query is broken", writable);
}
END_TEST

/* Ports: bind and connect only to the port types each setting lists. */
static int listed(const char *t, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(*list, t) == 0)
			return 1;
	return 0;
}

START_TEST(test_ports_only_listed)
{
	static const char *const bind_dflt[] = { "http_cache_port_t", "gotosocial_port_t", NULL };
	static const char *const bind_http[] = { "http_cache_port_t", "gotosocial_port_t",
						 "http_port_t", NULL };
	static const char *const conn_dflt[] = { "http_port_t", "dns_port_t", NULL };
	static const char *const conn_pg[] = { "http_port_t", "dns_port_t", "postgresql_port_t", NULL };
	static const char *const conn_smtp[] = { "http_port_t", "dns_port_t", "smtp_port_t", NULL };
	const char *s = setting(_i);
	int all = strcmp(s, "*") == 0;
	const char *const *may_bind =
		all || strcmp(s, "gotosocial_bind_http") == 0 ? bind_http : bind_dflt;
	const char *const *may_connect =
		strcmp(s, "gotosocial_connect_postgresql") == 0 ? conn_pg :
		strcmp(s, "gotosocial_connect_smtp") == 0 ? conn_smtp : conn_dflt;
	int any_connect = all || strcmp(s, "gotosocial_connect_all_ports") == 0;
	int v, n = policyq_ntypes(q), ports = 0;

	apply_bools(s);
	for (v = 1; v <= n; v++) {
		const char *t = policyq_type_name(q, v);

		if (!is_type(v) || !policyq_has_attribute(q, t, "port_type"))
			continue;
		ports++;
		ck_assert_msg(policyq_allowed(q, D, t, "tcp_socket", "name_bind") == listed(t, may_bind),
			      "[%s] name_bind %s: %s", s, t, listed(t, may_bind) ? "denied" : "allowed");
		if (!any_connect)
			ck_assert_msg(policyq_allowed(q, D, t, "tcp_socket", "name_connect") ==
					      listed(t, may_connect),
				      "[%s] name_connect %s: %s", s, t,
				      listed(t, may_connect) ? "denied" : "allowed");
		else
			ck_assert_msg(policyq_allowed(q, D, t, "tcp_socket", "name_connect") == POLICYQ_ALLOWED,
				      "[%s] name_connect %s denied", s, t);
	}
	ck_assert_msg(ports > 50, "only %d port types found: the query is broken", ports);
}
END_TEST

/* No way out of the domain, whatever the tunables. */
START_TEST(test_no_transition_to_other_domains)
{
	int v, n = policyq_ntypes(q), domains = 0;

	apply_bools(setting(_i));
	for (v = 1; v <= n; v++) {
		const char *t = policyq_type_name(q, v);

		if (!is_type(v) || strcmp(t, D) == 0 || !policyq_has_attribute(q, t, "domain"))
			continue;
		domains++;
		ck_assert_msg(policyq_allowed(q, D, t, "process", "transition") == POLICYQ_DENIED,
			      "[%s] %s may transition to %s", setting(_i), D, t);
		ck_assert_msg(policyq_allowed(q, D, t, "process", "dyntransition") == POLICYQ_DENIED,
			      "[%s] %s may dyntransition to %s", setting(_i), D, t);
		ck_assert_msg(policyq_allowed(q, D, t, "process", "ptrace") == POLICYQ_DENIED,
			      "[%s] %s may ptrace %s", setting(_i), D, t);
	}
	ck_assert_msg(domains > 100, "only %d domains found: the query is broken", domains);
}
END_TEST

/* The config and the keys are no more exposed than /etc/shadow: a domain that can read
 * them is gotosocial_t, the admin (gotosocial_admin), or one that reads shadow_t too
 * (unconfined, backup and integrity checkers). All tunables on. */
START_TEST(test_secrets_no_wider_than_shadow)
{
	static const char *const secret[] = { "gotosocial_conf_t", "gotosocial_cert_t" };
	int v, n = policyq_ntypes(q), readers = 0;

	apply_bools("*");
	for (v = 1; v <= n; v++) {
		const char *t = policyq_type_name(q, v);

		if (!is_type(v) || !policyq_has_attribute(q, t, "domain"))
			continue;
		if (strcmp(t, D) == 0 || strcmp(t, "sysadm_t") == 0)
			continue;
		if (policyq_allowed(q, t, secret[_i], "file", "read") == POLICYQ_DENIED)
			continue;
		readers++;
		ck_assert_msg(policyq_allowed(q, t, "shadow_t", "file", "read") != POLICYQ_DENIED,
			      "%s can read %s but not shadow_t", t, secret[_i]);
	}
	ck_assert_msg(readers > 0, "no unconfined reader of %s found: the query is broken",
		      secret[_i]);
}
END_TEST

/* Capabilities: net_bind_service with gotosocial_bind_http, nothing else ever. */
START_TEST(test_capabilities)
{
	static const char *const classes[] = { "capability", "capability2", "cap_userns",
					       "cap2_userns" };
	const char *s = setting(_i);
	int bind = strcmp(s, "*") == 0 || strcmp(s, "gotosocial_bind_http") == 0;
	size_t c;

	apply_bools(s);
	for (c = 0; c < sizeof(classes) / sizeof(classes[0]); c++) {
		char **perms = NULL, **p;
		int n = policyq_perm_names(q, classes[c], &perms);

		ck_assert_msg(n > 0, "class %s missing", classes[c]);
		for (p = perms; *p; p++) {
			int want = bind && strcmp(classes[c], "capability") == 0 &&
				   strcmp(*p, "net_bind_service") == 0;

			ck_assert_msg(policyq_allowed(q, D, D, classes[c], *p) == want,
				      "[%s] %s %s:%s %s", s, want ? "denied" : "allowed", D,
				      classes[c], *p);
		}
		policyq_free_names(perms);
	}
}
END_TEST

START_TEST(test_default_paths_labeled)
{
	const char *fc = getenv("GTS_FILE_CONTEXTS");
	const struct label *l = &labels[_i];
	struct selinux_opt opt = { SELABEL_OPT_PATH, fc };
	struct selabel_handle *h;
	char *con = NULL;
	const char *type;

	ck_assert_msg(fc, "GTS_FILE_CONTEXTS is not set");
	h = selabel_open(SELABEL_CTX_FILE, &opt, 1);
	ck_assert_msg(h, "cannot open %s", fc);
	ck_assert_msg(selabel_lookup_raw(h, &con, l->path, (int)l->mode) == 0, "%s has no label",
		      l->path);
	/* user:role:type:level */
	type = strchr(strchr(con, ':') + 1, ':') + 1;
	ck_assert_msg(strncmp(type, l->type, strlen(l->type)) == 0 && type[strlen(l->type)] == ':',
		      "%s is %s, want %s", l->path, con, l->type);
	freecon(con);
	selabel_close(h);
}
END_TEST

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

static Suite *policy_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *tc;

	tc = tcase_create("footprint");
	tcase_add_unchecked_fixture(tc, open_policy, close_policy);
	tcase_add_loop_test(tc, test_footprint_allowed, 0, NELEM(footprint));
	tcase_add_loop_test(tc, test_created_objects_get_their_type, 0, NELEM(created));
	tcase_add_test(tc, test_init_transition);
	suite_add_tcase(s, tc);

	tc = tcase_create("forbidden");
	tcase_add_unchecked_fixture(tc, open_policy, close_policy);
	tcase_add_loop_test(tc, test_forbidden_denied, 0, NELEM(forbidden));
	tcase_add_test(tc, test_domain_is_confined);
	suite_add_tcase(s, tc);

	tc = tcase_create("properties");
	tcase_set_timeout(tc, 120);
	tcase_add_unchecked_fixture(tc, open_policy, close_policy);
	tcase_add_loop_test(tc, test_tunable_defaults, 0, (int)NTUNABLES);
	tcase_add_loop_test(tc, test_nothing_writable_is_executable, 0, NSETTINGS);
	tcase_add_loop_test(tc, test_ports_only_listed, 0, NSETTINGS);
	tcase_add_loop_test(tc, test_no_transition_to_other_domains, 0, NSETTINGS);
	tcase_add_loop_test(tc, test_capabilities, 0, NSETTINGS);
	tcase_add_loop_test(tc, test_secrets_no_wider_than_shadow, 0, 2);
	suite_add_tcase(s, tc);

	tc = tcase_create("labels");
	tcase_add_loop_test(tc, test_default_paths_labeled, 0, NELEM(labels));
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(policy_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

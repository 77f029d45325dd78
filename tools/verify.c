/*
 * verify.c — `gts-selinux verify`: find the server and check, in order, what confinement
 * needs: SELinux active and enforcing; the module installed, enabled, its domain defined in
 * the loaded policy and not permissive; the process in gotosocial_t (and if not, why); the
 * binary's label; the label of every path of the plan; the port labels and the booleans the
 * config needs. Each problem comes with the command that fixes it.
 *
 * The server: --pid; else the unit's MainPID (systemctl show, on the running system only);
 * else a scan of the proc root for the configured binary (or GoToSocial's usual locations).
 * The loaded policy is read from selinuxfs (its "policy" file); where that is not readable,
 * from the store's built policy.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <json-c/json.h>
#include <selinux/selinux.h>
#include <sepol/policydb/policydb.h>
#include <sepol/debug.h>
#include <sepol/policydb.h>

#include "cfgplan.h"
#include "labels.h"
#include "planverb.h"
#include "procdomain.h"
#include "store.h"
#include "verify.h"

#define DOMAIN "gotosocial_t"

struct vctx {
	json_object *checks;
	int problems;
	const struct gts_opts *o;
};

static void check(struct vctx *v, const char *name, int ok, const char *fix, const char *fmt,
		  ...) __attribute__((format(printf, 5, 6)));

static void check(struct vctx *v, const char *name, int ok, const char *fix, const char *fmt,
		  ...)
{
	json_object *c = json_object_new_object();
	char detail[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	json_object_object_add(c, "check", json_object_new_string(name));
	json_object_object_add(c, "ok", json_object_new_boolean(ok));
	json_object_object_add(c, "detail", json_object_new_string(detail));
	json_object_object_add(c, "fix", ok || !fix ? NULL : json_object_new_string(fix));
	json_object_array_add(v->checks, c);
	if (!ok)
		v->problems++;
}

/* Bit BIT of an ebitmap (libsepol does not export ebitmap_get_bit). */
static int bit_set(const ebitmap_t *m, unsigned int bit)
{
	const ebitmap_node_t *n;

	for (n = m->node; n; n = n->next)
		if (bit >= n->startbit && bit < n->startbit + MAPSIZE)
			return (int)((n->map >> (bit - n->startbit)) & 1);
	return 0;
}

int verify_policy_type(const char *file, const char *type, int *exists, int *permissive)
{
	uint32_t i;
	sepol_policy_file_t *pf = NULL;
	sepol_policydb_t *pdb = NULL;
	sepol_handle_t *sh = sepol_handle_create();
	FILE *f = fopen(file, "re");
	int rc = -1;

	*exists = *permissive = 0;
	if (!f || !sh || sepol_policy_file_create(&pf) < 0 || sepol_policydb_create(&pdb) < 0)
		goto out;
	sepol_msg_set_callback(sh, NULL, NULL);
	sepol_policy_file_set_handle(pf, sh);
	sepol_policy_file_set_fp(pf, f);
	if (sepol_policydb_read(pdb, pf) < 0)
		goto out;
	for (i = 0; i < pdb->p.p_types.nprim; i++) {
		const char *name = pdb->p.p_type_val_to_name[i];

		if (name && strcmp(name, type) == 0) {
			*exists = 1;
			*permissive = bit_set(&pdb->p.permissive_map, i + 1);
			break;
		}
	}
	rc = 0;
out:
	if (f)
		fclose(f);
	sepol_policydb_free(pdb);
	sepol_policy_file_free(pf);
	sepol_handle_destroy(sh);
	return rc;
}

/* The store's newest built policy file: <root>/etc/selinux/<name>/policy/policy.NN. */
static int store_policy_file(const struct store *s, char *buf, size_t size)
{
	char dir[PATH_MAX + 300];
	DIR *d;
	struct dirent *de;
	long best = -1;

	snprintf(dir, sizeof(dir), "%s/etc/selinux/%s/policy", s->root, s->name);
	d = opendir(dir);
	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (strncmp(de->d_name, "policy.", 7) == 0 && atol(de->d_name + 7) > best)
			best = atol(de->d_name + 7);
	closedir(d);
	if (best < 0)
		return -1;
	snprintf(buf, size, "%s/policy.%ld", dir, best);
	return 0;
}

/* The type of the label of PATH below ROOT; "" when unlabeled, NULL when missing. */
static const char *file_type(const char *root, const char *path, char *buf, size_t size)
{
	char full[2 * PATH_MAX];
	char *con = NULL;

	snprintf(full, sizeof(full), "%s%s", root, path);
	if (getfilecon(full, &con) < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return NULL;
		buf[0] = '\0';
		return buf;
	}
	procdomain_type(con, buf, size);
	freecon(con);
	return buf;
}

static int main_pid_from_systemd(void)
{
	FILE *p = popen("systemctl show -p MainPID --value gotosocial.service 2>/dev/null", "r");
	char buf[32] = "";

	if (!p)
		return 0;
	if (!fgets(buf, sizeof(buf), p))
		buf[0] = '\0';
	pclose(p);
	return atoi(buf);
}

static const char *const usual_binaries[] = {
	"/gotosocial/gotosocial", "/usr/bin/gotosocial", "/usr/local/bin/gotosocial",
	"/usr/sbin/gotosocial", "/usr/local/sbin/gotosocial",
};

static int is_shell_domain(const char *t)
{
	return strstr(t, "unconfined") || !strcmp(t, "sysadm_t") || !strcmp(t, "staff_t") ||
	       !strcmp(t, "user_t");
}

/* Why is PID not in gotosocial_t? One check with the fix. */
static void explain_domain(struct vctx *v, const struct procroots *pr, const char *root,
			   const struct cfgctx *x, const char *binary, int pid, const char *type)
{
	char bt[256], pcon[512], ptype[256], fix[PATH_MAX + 256];
	const char *b = binary ? file_type(root, binary, bt, sizeof(bt)) : NULL;
	int pp = procdomain_ppid(pr, pid);

	if (b && strcmp(b, "gotosocial_exec_t") != 0) {
		snprintf(fix, sizeof(fix), GTS_NAME " relabel %s && systemctl restart gotosocial",
			 binary);
		check(v, "domain", 0, fix, "process %d runs as %s, not " DOMAIN ": its binary %s is "
		      "labeled %s, not gotosocial_exec_t, so no domain transition happens", pid,
		      type, binary, *b ? b : "unlabeled");
		return;
	}
	ptype[0] = '\0';
	if (pp > 1 && procdomain_context(pr, pp, pcon, sizeof(pcon)) == 0)
		procdomain_type(pcon, ptype, sizeof(ptype));
	if (is_shell_domain(type) || (ptype[0] && is_shell_domain(ptype))) {
		check(v, "domain", 0, "stop it and start it through systemd: systemctl start "
		      "gotosocial", "process %d runs as %s, not " DOMAIN ": it was started by hand "
		      "from a shell (parent %d runs as %s); only a start from init transitions",
		      pid, type, pp, ptype[0] ? ptype : "?");
		return;
	}
	if (x->cfg.unit.nnp && (!strcmp(type, "init_t") || !strcmp(type, "initrc_t") ||
				!strcmp(type, "unconfined_service_t"))) {
		check(v, "domain", 0, GTS_NAME " install && systemctl restart gotosocial",
		      "process %d runs as %s, not " DOMAIN ": the unit sets NoNewPrivileges=yes and "
		      "the loaded policy has no nnp transition to " DOMAIN " (an old or missing "
		      "module)", pid, type);
		return;
	}
	check(v, "domain", 0, "systemctl restart gotosocial", "process %d runs as %s, not "
	      DOMAIN "; it was probably started before the module was installed", pid, type);
}

static void print_text(const struct vctx *v, json_object *j)
{
	size_t i, n = json_object_array_length(v->checks);

	for (i = 0; i < n; i++) {
		json_object *c = json_object_array_get_idx(v->checks, i), *fix;
		int ok = json_object_get_boolean(json_object_object_get(c, "ok"));

		if (ok && !v->o->verbose)
			continue;
		printf("%-7s %s: %s\n", ok ? "ok" : "PROBLEM",
		       json_object_get_string(json_object_object_get(c, "check")),
		       json_object_get_string(json_object_object_get(c, "detail")));
		fix = json_object_object_get(c, "fix");
		if (!ok && fix)
			printf("        fix: %s\n", json_object_get_string(fix));
	}
	(void)j;
	if (v->problems)
		printf("%d problem%s found\n", v->problems, v->problems == 1 ? "" : "s");
	else
		printf("ok: GoToSocial runs confined in " DOMAIN " (%zu checks)\n", n);
}

int cmd_verify(const struct gts_opts *o, struct gts_err *e)
{
	struct procroots pr;
	struct store s;
	struct cfgctx x;
	struct vctx v = { .o = o };
	struct modstate m;
	struct labels l = { 0 };
	json_object *j = NULL;
	char polfile[PATH_MAX + 400], ctx[512], type[256], t[256], fc[2 * PATH_MAX], fix[2 * PATH_MAX];
	const char *binary = NULL;
	int enforcing = 0, pid = 0, exists, permissive, have_labels = 0, rc = -1;
	size_t i;

	memset(&x, 0, sizeof(x));
	memset(&s, 0, sizeof(s));
	procdomain_roots(&pr);
	if (!procdomain_selinux(&pr, &enforcing)) {
		gts_fail(e, GTS_EDISABLED, "SELinux is not active here (no %s/enforce): nothing "
			 "to verify; enable SELinux (SELINUX= in /etc/selinux/config) and reboot",
			 pr.selinuxfs);
		goto out;
	}
	if (store_open(&s, o, STORE_READ, e) < 0 || cfgctx_load(&x, o, s.root, NULL, e) < 0)
		goto out;
	j = json_object_new_object();
	v.checks = json_object_new_array();

	check(&v, "enforcing", enforcing, "setenforce 1; and SELINUX=enforcing in "
	      "/etc/selinux/config", "SELinux is %s", enforcing ? "enforcing" :
	      "permissive: denials are logged, not enforced");

	if (store_module_state(&s, o->priority, &m, e) < 0)
		goto out;
	check(&v, "module", m.installed && m.enabled, GTS_NAME " install", "module " GTS_MODULE
	      " %s", !m.installed ? "is not installed" : !m.enabled ? "is disabled" :
	      "is installed and enabled");
	snprintf(polfile, sizeof(polfile), "%s/policy", pr.selinuxfs);
	if (verify_policy_type(polfile, DOMAIN, &exists, &permissive) < 0 &&
	    (store_policy_file(&s, polfile, sizeof(polfile)) < 0 ||
	     verify_policy_type(polfile, DOMAIN, &exists, &permissive) < 0)) {
		check(&v, "policy", 0, GTS_NAME " install", "cannot read the loaded policy (%s/policy) "
		      "or the store's", pr.selinuxfs);
	} else {
		check(&v, "policy", exists, GTS_NAME " install", DOMAIN " is %s the policy (%s)",
		      exists ? "in" : "not in", polfile);
		if (exists)
			check(&v, "permissive", !permissive, "semanage permissive -d " DOMAIN,
			      DOMAIN " is %s", permissive ? "PERMISSIVE: nothing it does is denied" :
			      "enforced (not permissive)");
	}

	/* The server. */
	binary = x.cfg.binary.str;
	if (o->pid) {
		pid = o->pid;
	} else if (!o->root && !getenv("GTS_PROC_ROOT")) {
		pid = main_pid_from_systemd();
	}
	if (!pid) {
		int pids[64];
		size_t n = 0, k;

		if (binary)
			n = procdomain_find(&pr, binary, pids, 64);
		for (k = 0; !binary && n == 0 && k < sizeof(usual_binaries) / sizeof(*usual_binaries);
		     k++)
			if ((n = procdomain_find(&pr, usual_binaries[k], pids, 64)) > 0)
				binary = usual_binaries[k];
		if (n)
			pid = pids[0];
	}
	if (!pid) {
		check(&v, "process", 0, "systemctl start gotosocial", "no running GoToSocial found "
		      "(%s); give --pid PID if it runs under another name", binary ? binary :
		      "looked for the usual binary locations");
	} else if (procdomain_context(&pr, pid, ctx, sizeof(ctx)) < 0) {
		if (errno == ENOENT)
			check(&v, "process", 0, "systemctl start gotosocial", "no process %d", pid);
		else
			check(&v, "process", 0, NULL, "cannot read the context of process %d: %s", pid,
			      strerror(errno));
	} else {
		procdomain_type(ctx, type, sizeof(type));
		json_object_object_add(j, "pid", json_object_new_int(pid));
		json_object_object_add(j, "context", json_object_new_string(ctx));
		if (strcmp(type, DOMAIN) == 0)
			check(&v, "domain", 1, NULL, "process %d runs as %s", pid, ctx);
		else
			explain_domain(&v, &pr, s.root, &x, binary, pid, type);
	}

	/* Labels: the binary and the plan's paths, against the store's file contexts. */
	labels_store_fc(s.root, s.name, fc, sizeof(fc));
	if (labels_open_file(&l, fc, e) == 0)
		have_labels = 1;
	else
		memset(e, 0, sizeof(*e));
	if (binary) {
		const char *bt = file_type(s.root, binary, t, sizeof(t));

		snprintf(fix, sizeof(fix), GTS_NAME " relabel %s", binary);
		if (bt)
			check(&v, "binary", strcmp(bt, "gotosocial_exec_t") == 0, fix,
			      "%s is labeled %s", binary, *bt ? bt : "nothing (unlabeled)");
	}
	for (i = 0; i < x.plan.n; i++) {
		const struct cfgplan_item *it = &x.plan.v[i];
		char name[PATH_MAX + 16], want[256];
		const char *ft;

		if (it->kind == CI_PATH) {
			if (binary && strcmp(it->path.path, binary) == 0)
				continue;
			ft = file_type(s.root, it->path.path, t, sizeof(t));
			snprintf(name, sizeof(name), "path %s", it->path.path);
			if (!ft)
				continue;	/* not created yet: nothing to check */
			if (have_labels && labels_lookup_type(&l, it->path.path, it->is_dir, want,
							      sizeof(want)) == 0 &&
			    strcmp(want, it->path.type) != 0) {
				check(&v, name, 0, GTS_NAME " install", "the store labels %s %s, but "
				      "%s (%s) needs %s", it->path.path, want, it->why, it->origin,
				      it->path.type);
				continue;
			}
			snprintf(fix, sizeof(fix), GTS_NAME " relabel %s", it->path.path);
			check(&v, name, strcmp(ft, it->path.type) == 0, fix, "%s is labeled %s%s%s",
			      it->path.path, *ft ? ft : "nothing (unlabeled)",
			      strcmp(ft, it->path.type) ? ", needs " : "",
			      strcmp(ft, it->path.type) ? it->path.type : "");
		} else if (it->kind == CI_PORT) {
			struct cust key, cur;
			int r;

			memset(&key, 0, sizeof(key));
			key.kind = CUST_PORT;
			snprintf(key.proto, sizeof(key.proto), "%s", it->port.proto);
			key.low = it->port.low;
			key.high = it->port.high;
			r = store_get_local(&s, &key, &cur, e);
			if (r < 0)
				goto out;
			snprintf(name, sizeof(name), "port %s/%d", it->port.proto, it->port.low);
			snprintf(fix, sizeof(fix), GTS_NAME " install (or: semanage port -a -t "
				 "gotosocial_port_t -p %s %d)", it->port.proto, it->port.low);
			check(&v, name, r == 1 && cur.type && !strcmp(cur.type, "gotosocial_port_t"),
			      fix, "%s/%d (%s, %s) is %s", it->port.proto, it->port.low, it->why,
			      it->origin, r == 1 && cur.type ? cur.type : "not labeled by a local entry");
			cust_free(&cur);
		} else if (it->b.value) {
			struct cust key, cur;
			int r, val = 0;

			memset(&key, 0, sizeof(key));
			key.kind = CUST_BOOLEAN;
			key.name = it->b.name;
			r = store_get_local(&s, &key, &cur, e);
			if (r < 0)
				goto out;
			if (r == 1)
				val = cur.value;
			else if (store_get_policy_bool(&s, it->b.name, &val, e) < 0)
				goto out;
			cust_free(&cur);
			snprintf(name, sizeof(name), "boolean %s", it->b.name);
			snprintf(fix, sizeof(fix), "setsebool -P %s on (or: " GTS_NAME " install)",
				 it->b.name);
			check(&v, name, val, fix, "%s is %s; %s (%s) needs it on", it->b.name,
			      val ? "on" : "off", it->why, it->origin);
		}
	}

	json_object_object_add(j, "verb", json_object_new_string("verify"));
	json_object_object_add(j, "enforcing", json_object_new_boolean(enforcing));
	json_object_object_add(j, "checks", json_object_get(v.checks));
	json_object_object_add(j, "problems", json_object_new_int(v.problems));
	if (o->json)
		printf("%s\n", json_object_to_json_string_ext(j, JSON_C_TO_STRING_PRETTY |
							     JSON_C_TO_STRING_NOSLASHESCAPE));
	else if (!o->quiet || v.problems)
		print_text(&v, j);
	if (v.problems) {
		/* The report said it all: exit 3 without another message. */
		e->code = GTS_EVERIFY;
		e->msg[0] = '\0';
		goto out;
	}
	rc = 0;
out:
	json_object_put(v.checks);
	json_object_put(j);
	if (have_labels)
		labels_close(&l);
	cfgctx_free(&x);
	store_close(&s);
	return rc;
}

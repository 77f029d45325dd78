/*
 * cli.c — the command line: verb table, options, usage text.
 *
 * `gts-selinux [options] VERB [options]`: options may stand before or after the verb (one
 * getopt_long pass in "return in order" mode, so POSIXLY_CORRECT does not change that).
 * Every usage error is found here (exit 2), before anything is read.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "install.h"
#include "planverb.h"
#include "relabel.h"
#include "spec.h"
#include "status.h"
#include "uninstall.h"
#include "verify.h"
#include "why.h"

enum {
	OPT_ROOT = 256, OPT_STORE, OPT_MODULE, OPT_PRIORITY, OPT_PORT, OPT_PATH, OPT_BOOLEAN,
	OPT_JSON, OPT_NO_RELOAD, OPT_FORCE, OPT_CONFIG, OPT_PID, OPT_INPUT, OPT_SINCE, OPT_BOOT,
	OPT_POLICY,
};

/* Which options a verb takes beyond the global ones. */
#define V_INSTALL 1
#define V_UNINSTALL 2
#define V_STATUS 4
#define V_PLAN 8
#define V_RELABEL 16
#define V_VERIFY 32
#define V_WHY 64

static const struct cli_verb verbs[] = {
	{ "install", V_INSTALL, cmd_install,
	  "install or upgrade the module with the given customizations (one transaction)" },
	{ "uninstall", V_UNINSTALL, cmd_uninstall,
	  "remove the module and the customizations gts-selinux made (one transaction)" },
	{ "status", V_STATUS, cmd_status,
	  "show the module, its checksums, our customizations and the booleans" },
	{ "plan", V_PLAN, cmd_plan,
	  "show what GoToSocial's config asks for, and where each item comes from" },
	{ "relabel", V_RELABEL, cmd_relabel,
	  "restore the labels of GoToSocial's paths (or of the PATHs given)" },
	{ "verify", V_VERIFY, cmd_verify,
	  "check that the running server is confined as its config needs" },
	{ "why", V_WHY, cmd_why,
	  "explain GoToSocial's SELinux denials (audit log) and give the exact fix" },
};

void cli_usage(FILE *f)
{
	size_t i;

	fprintf(f,
		"Usage: " GTS_NAME " [OPTION...] VERB [OPTION...]\n"
		"Install and manage the SELinux policy module of GoToSocial.\n\nVerbs:\n");
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		fprintf(f, "  %-10s %s\n", verbs[i].name, verbs[i].summary);
	fprintf(f,
		"\nOptions (before or after the verb):\n"
		"  --root DIR         work on the policy store under DIR (like semodule -p)\n"
		"  --store NAME       policy store name (default: SELINUXTYPE of DIR/etc/selinux/config)\n"
		"  --priority N       module priority, 1-999 (default 200)\n"
		"  --module FILE      the module to install (default: the shipped gotosocial.pp.bz2)\n"
		"  --config PATH      GoToSocial's config.yaml (default: from gotosocial.service,\n"
		"                     else /gotosocial/config.yaml, /etc/gotosocial/config.yaml)\n"
		"  --pid PID          the server's process                              (verify)\n"
		"  --port PROTO/PORT[-HIGH]  label a listen port gotosocial_port_t      (install)\n"
		"  --path PATH=KIND   label PATH and below gotosocial_KIND_t, KIND one of\n"
		"                     %s (install)\n"
		"  --boolean NAME=on|off  set one of the module's booleans           (install)\n"
		"  --force            replace an admin's conflicting entry; uninstall restores it\n"
		"  --input FILE       audit log or ausearch --raw output, - for stdin (why;\n"
		"                     default /var/log/audit/audit.log and its rotations)\n"
		"  --since TIME       only records since TIME: boot, today, yesterday, recent,\n"
		"                     -N[smhd], @EPOCH, YYYY-MM-DD[ HH:MM[:SS]]          (why)\n"
		"  --boot             only records since the last boot                   (why)\n"
		"  --policy FILE      analyse with this policy.NN (why; default: the loaded\n"
		"                     policy, or --root's)\n"
		"  -n, --dry-run      print the exact changes, change nothing\n"
		"      --json         output one JSON object\n"
		"      --no-reload    do not load the new policy into the kernel\n"
		"  -v, --verbose      more detail (libsemanage messages)\n"
		"  -q, --quiet        print errors only\n"
		"  -h, --help         this help\n"
		"  -V, --version      print the version\n"
		"\ninstall is idempotent: with the module and the customizations already in place it\n"
		"changes nothing, prints \"unchanged\" and exits 0. Customizations gts-selinux made are\n"
		"recorded in the policy store and only those are ever removed.\n"
		"\nExit status:\n"
		"   0  success, or nothing to change\n"
		"   1  the operation failed (the store is left as it was)\n"
		"   2  usage error, or bad input in GoToSocial's config\n"
		"   3  verify found a problem; why found denials concerning GoToSocial\n"
		"   4  SELinux is disabled and no --root given, or no policy store there\n"
		"  77  permission denied (why: the audit log cannot be read)\n", spec_type_names());
}

static void *grow(void *p, size_t n, size_t size)
{
	void *np = realloc(p, (n + 1) * size);

	if (!np) {
		fprintf(stderr, GTS_NAME ": out of memory\n");
		exit(GTS_EFAIL);
	}
	return np;
}

static int parse_priority(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < 1 || v > 999)
		return -1;
	*out = (int)v;
	return 0;
}

/* Options that only some verbs take: the first one given of each kind. */
struct restricted {
	const char *name[16];
	unsigned int mask[16];
	size_t n;
};

static void restrict_to(struct restricted *r, const char *name, unsigned int mask)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->name[i], name) == 0)
			return;
	if (r->n < sizeof(r->name) / sizeof(r->name[0])) {
		r->name[r->n] = name;
		r->mask[r->n++] = mask;
	}
}

/* Parse ARGV into O. Returns 0, or -1 with a usage error in E; 1 after --help/--version. */
static int parse_args(int argc, char **argv, struct gts_opts *o, struct restricted *used,
		      struct gts_err *e)
{
	static const struct option longopts[] = {
		{ "root", required_argument, NULL, OPT_ROOT },
		{ "store", required_argument, NULL, OPT_STORE },
		{ "module", required_argument, NULL, OPT_MODULE },
		{ "priority", required_argument, NULL, OPT_PRIORITY },
		{ "port", required_argument, NULL, OPT_PORT },
		{ "path", required_argument, NULL, OPT_PATH },
		{ "boolean", required_argument, NULL, OPT_BOOLEAN },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "pid", required_argument, NULL, OPT_PID },
		{ "input", required_argument, NULL, OPT_INPUT },
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "boot", no_argument, NULL, OPT_BOOT },
		{ "policy", required_argument, NULL, OPT_POLICY },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "no-reload", no_argument, NULL, OPT_NO_RELOAD },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0, 0, 0, 0 },
	};
	int c;

	opterr = 0;
	optind = 0;	/* GNU: 0 re-initialises getopt (cli_parse may run more than once) */
	/* Leading '-': non-options come back as option 1, in order, wherever they stand;
	 * then ':': a missing value comes back as ':'. */
	while ((c = getopt_long(argc, argv, "-:nvqhV", longopts, NULL)) != -1) {
		switch (c) {
		case 1:
			if (o->verb && strcmp(o->verb, "relabel") == 0) {
				o->args = grow(o->args, o->nargs, sizeof(*o->args));
				o->args[o->nargs++] = optarg;
				break;
			}
			if (o->verb)
				return gts_fail(e, GTS_EUSAGE, "unexpected argument '%s' after verb "
						"'%s'; see --help", optarg, o->verb);
			o->verb = optarg;
			break;
		case OPT_CONFIG:
			o->config = optarg;
			break;
		case OPT_PID: {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (!*optarg || *end || v < 1 || v > 4194304)
				return gts_fail(e, GTS_EUSAGE, "invalid --pid '%s': give the process id "
						"of the running GoToSocial server", optarg);
			o->pid = (int)v;
			restrict_to(used, "--pid", V_VERIFY);
			break;
		}
		case OPT_ROOT:
			o->root = optarg;
			break;
		case OPT_STORE:
			o->store = optarg;
			break;
		case OPT_MODULE:
			o->module = optarg;
			restrict_to(used, "--module", V_INSTALL | V_STATUS | V_PLAN);
			break;
		case OPT_PRIORITY:
			if (parse_priority(optarg, &o->priority) < 0)
				return gts_fail(e, GTS_EUSAGE, "invalid --priority '%s': give a number "
						"from 1 to 999 (default 200)", optarg);
			break;
		case OPT_PORT:
			o->ports = grow(o->ports, o->nports, sizeof(*o->ports));
			if (spec_parse_port(optarg, &o->ports[o->nports], e) < 0)
				return -1;
			o->nports++;
			restrict_to(used, "--port", V_INSTALL);
			break;
		case OPT_PATH:
			o->paths = grow(o->paths, o->npaths, sizeof(*o->paths));
			if (spec_parse_path(optarg, &o->paths[o->npaths], e) < 0)
				return -1;
			o->npaths++;
			restrict_to(used, "--path", V_INSTALL);
			break;
		case OPT_BOOLEAN:
			o->bools = grow(o->bools, o->nbools, sizeof(*o->bools));
			if (spec_parse_bool(optarg, &o->bools[o->nbools], e) < 0)
				return -1;
			o->nbools++;
			restrict_to(used, "--boolean", V_INSTALL);
			break;
		case OPT_FORCE:
			o->force = 1;
			restrict_to(used, "--force", V_INSTALL);
			break;
		case OPT_INPUT:
			o->input = optarg;
			restrict_to(used, "--input", V_WHY);
			break;
		case OPT_SINCE:
			o->since = optarg;
			restrict_to(used, "--since", V_WHY);
			break;
		case OPT_BOOT:
			o->boot = 1;
			restrict_to(used, "--boot", V_WHY);
			break;
		case OPT_POLICY:
			o->policy = optarg;
			restrict_to(used, "--policy", V_WHY);
			break;
		case 'n':
			o->dry_run = 1;
			restrict_to(used, "--dry-run", V_INSTALL | V_UNINSTALL | V_RELABEL);
			break;
		case OPT_JSON:
			o->json = 1;
			break;
		case OPT_NO_RELOAD:
			o->no_reload = 1;
			break;
		case 'v':
			o->verbose++;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'h':
			cli_usage(stdout);
			return 1;
		case 'V':
			printf(GTS_NAME " " VERSION "\n");
			return 1;
		case ':':
			return gts_fail(e, GTS_EUSAGE, "option '%s' needs a value; see --help",
					argv[optind - 1]);
		default:
			return gts_fail(e, GTS_EUSAGE, "unknown option '%s'; see --help",
					argv[optind - 1]);
		}
	}
	return 0;
}

int cli_parse(int argc, char **argv, struct gts_opts *o, const struct cli_verb **verb,
	      struct gts_err *e)
{
	struct restricted used = { .n = 0 };
	const struct cli_verb *v = NULL;
	size_t i;
	int rc;

	memset(o, 0, sizeof(*o));
	o->priority = 200;
	*verb = NULL;
	/* --json is known before anything can fail, so that every error is JSON then too. */
	for (i = 1; i < (size_t)argc && strcmp(argv[i], "--"); i++)
		if (strcmp(argv[i], "--json") == 0)
			o->json = 1;
	rc = parse_args(argc, argv, o, &used, e);
	if (rc != 0)
		return rc;
	if (!o->verb)
		return gts_fail(e, GTS_EUSAGE, "no verb given: use install, uninstall, status, plan, "
				"relabel, verify or why; see --help");
	for (i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		if (strcmp(o->verb, verbs[i].name) == 0)
			v = &verbs[i];
	if (!v)
		return gts_fail(e, GTS_EUSAGE, "unknown verb '%s': use install, uninstall, status, "
				"plan, relabel, verify or why", o->verb);
	for (i = 0; i < used.n; i++)
		if (!(used.mask[i] & v->bit))
			return gts_fail(e, GTS_EUSAGE, "option %s does not apply to '%s'; see --help",
					used.name[i], o->verb);
	if (o->quiet && o->verbose)
		return gts_fail(e, GTS_EUSAGE, "-q and -v contradict each other; give one");
	*verb = v;
	return 0;
}

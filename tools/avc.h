/*
 * avc.h — read SELinux denials (AVC, USER_AVC, SELINUX_ERR records) with libauparse, keep
 * the ones that concern GoToSocial and group identical ones.
 *
 * Input is an audit log or `ausearch --raw` output (same line format), read as a stream:
 * auparse holds a bounded window of events, and the groups are capped (AVC_MAX_GROUPS), so
 * memory does not grow with the size of the log. Lines that are not audit records, truncated
 * records and records without the fields a denial needs are counted and skipped, never fatal.
 *
 * A record concerns GoToSocial when
 *   - its scontext type is gotosocial_t (or any gotosocial_* type), or its tcontext type is
 *     one of the module's types (gotosocial_*);
 *   - it is a SELINUX_ERR about a transition into a gotosocial_* domain (NoNewPrivileges or
 *     a nosuid mount stopped the transition);
 *   - the GoToSocial binary (comm or exe "gotosocial") was denied while running in a domain
 *     it lands in when the transition did not happen (unconfined_service_t, init_t,
 *     initrc_t, unconfined_t).
 * Records from another host (node= differs from the local host name) are skipped.
 */
#ifndef GTS_AVC_H
#define GTS_AVC_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "gts.h"

#define AVC_MAX_GROUPS 512	/* distinct denials kept; more are counted in dropped */
#define AVC_MAX_EXAMPLES 4	/* distinct paths / ports remembered per group */

enum avc_kind { AVC_AVC, AVC_USER_AVC, AVC_SELINUX_ERR };

/* One denial record, as parsed. Strings are truncated to their buffers. */
struct avc_rec {
	enum avc_kind kind;
	time_t sec;
	unsigned int msec;
	unsigned long serial;
	char node[64];
	char perms[256];	/* "read open": sorted, space-separated */
	char scontext[256];
	char tcontext[256];
	char tclass[64];
	char op[64];		/* SELINUX_ERR: op= */
	char comm[64];
	char exe[512];
	char path[1024];	/* path= (absolute) or name= (a last component) */
	int path_is_name;	/* path holds a name= only */
	int port;		/* src= for name_bind, dest= for name_connect; -1 none */
	int permissive;		/* permissive=1 */
	long pid;
	char raw[1024];		/* the record's text, for reports */
};

/* Identical denials: same kind, contexts, class, permissions and permissive flag. */
struct avc_group {
	struct avc_rec first;	/* the first record of the group (its example) */
	unsigned long count;
	time_t first_sec, last_sec;
	unsigned int first_msec, last_msec;
	char *paths[AVC_MAX_EXAMPLES];	/* distinct example paths (malloc'd) */
	size_t npaths;
	int ports[AVC_MAX_EXAMPLES];	/* distinct example ports */
	size_t nports;
	unsigned long hash;
};

struct avc_filter {
	time_t since;		/* skip events before this (0: none) */
	const char *node;	/* this host's name; records with another node= are skipped.
				 * NULL: keep records from every host */
};

struct avc_stats {
	unsigned long records;		/* AVC, USER_AVC and SELINUX_ERR records seen */
	unsigned long relevant;		/* of those: denials concerning GoToSocial */
	unsigned long malformed;	/* denial records missing their contexts or class */
	unsigned long granted;		/* "avc: granted" records (auditallow), ignored */
	unsigned long other_hosts;	/* from another node= */
	unsigned long too_old;		/* before --since */
	unsigned long dropped;		/* relevant, but AVC_MAX_GROUPS distinct ones were full */
};

struct avc_set {
	struct avc_group *g;
	size_t n, cap;
	struct avc_stats st;
};

void avc_set_init(struct avc_set *s);
void avc_set_free(struct avc_set *s);

/* Read records from FP (an audit log or ausearch --raw output) into S. NAME names the input
 * in messages. Returns 0, or <0 with E set (77 when FP cannot be read). */
int avc_read_fp(FILE *fp, const char *name, const struct avc_filter *f, struct avc_set *s,
		struct gts_err *e);
/* The same over LEN bytes of DATA (need not be NUL-terminated). */
int avc_read_buffer(const char *data, size_t len, const struct avc_filter *f,
		    struct avc_set *s, struct gts_err *e);
/* Open PATH ("-": standard input) and read it. 77 when it cannot be opened. */
int avc_read_path(const char *path, const struct avc_filter *f, struct avc_set *s,
		  struct gts_err *e);

/* The audit log BASE and its rotated files, oldest first, as auditd rotates them
 * (BASE.N ... BASE.1, BASE): the default input, read like ausearch does. Rotated files that
 * cannot be read are skipped; BASE itself must be readable (77 otherwise). *NFILES: how many
 * were read. */
int avc_read_rotated(const char *base, const struct avc_filter *f, struct avc_set *s,
		     size_t *nfiles, struct gts_err *e);

/* Parse one record's text (one log line) into R without filtering: 1 a denial record,
 * 0 not one (other type, granted, or missing fields). Used by the tests. */
int avc_parse_line(const char *line, struct avc_rec *r);

/* Do node names A and B name the same host (equal ignoring case, or equal up to the first
 * dot: "web1" and "web1.example.org")? */
int avc_same_host(const char *a, const char *b);

/* Does R concern GoToSocial (see above)? */
int avc_relevant(const struct avc_rec *r);

/* The type field of a context ("system_u:system_r:gotosocial_t:s0" -> "gotosocial_t"),
 * into BUF; "" when CTX has no type. */
const char *avc_ctx_type(const char *ctx, char *buf, size_t size);

/* Does R come from the GoToSocial binary (comm or exe basename "gotosocial")? */
int avc_is_gotosocial_proc(const struct avc_rec *r);

/* --since TIME: "boot", "today", "yesterday", "recent" (10 minutes ago), "now", seconds since
 * the epoch ("@1733212345" or "1733212345"), "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" (local
 * time), or "-N[smhd]" (relative to NOW). Returns 0 and *OUT, or -1 for anything else. */
int avc_parse_since(const char *s, time_t now, time_t *out);
/* Boot time from PROC_STAT (btime line of /proc/stat); -1 when unknown. */
time_t avc_boot_time(const char *proc_stat);

/* "2026-12-03 08:12:25.123" (local time) into BUF. */
const char *avc_time_str(time_t sec, unsigned int msec, char *buf, size_t size);

#endif

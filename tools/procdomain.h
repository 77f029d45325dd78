/*
 * procdomain.h — kernel facts about the running server, read through injectable roots so
 * that tests use fixtures: the proc root ($GTS_PROC_ROOT, default /proc) and the selinuxfs
 * root ($GTS_SELINUXFS, default /sys/fs/selinux).
 *
 * From the proc root: <pid>/attr/current (the context, "ctx\0"; EINVAL or empty where
 * SELinux is inactive), <pid>/exe (the binary), <pid>/cmdline, <pid>/status (PPid).
 * From selinuxfs: enforce ("0"/"1"; missing: SELinux not active) and policy (the loaded
 * binary policy).
 */
#ifndef GTS_PROCDOMAIN_H
#define GTS_PROCDOMAIN_H

#include <limits.h>
#include <stddef.h>

struct procroots {
	char proc[PATH_MAX];
	char selinuxfs[PATH_MAX];
};

/* Fill R from the environment or the defaults. */
void procdomain_roots(struct procroots *r);

/* 1 SELinux active (*ENFORCING 0/1), 0 not active. */
int procdomain_selinux(const struct procroots *r, int *enforcing);

/* The context of PID into BUF: 0, or -1 with errno (ENOENT: no such process; EINVAL or
 * ENODATA: SELinux not active). */
int procdomain_context(const struct procroots *r, int pid, char *buf, size_t size);

/* The type field of CONTEXT ("user:role:type:level") into BUF. */
void procdomain_type(const char *context, char *buf, size_t size);

/* The parent of PID, or -1. */
int procdomain_ppid(const struct procroots *r, int pid);

/* Does PID run BINARY (its exe link, else its argv[0])? 1 yes, 0 no, -1 no such process. */
int procdomain_runs(const struct procroots *r, int pid, const char *binary);

/* Processes running BINARY (the main one first: the one whose parent does not run it), at
 * most MAX, into PIDS; returns how many. */
size_t procdomain_find(const struct procroots *r, const char *binary, int *pids, size_t max);

#endif

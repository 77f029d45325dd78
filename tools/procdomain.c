/*
 * procdomain.c — the server's processes and SELinux state from /proc and selinuxfs (see
 * procdomain.h).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procdomain.h"

void procdomain_roots(struct procroots *r)
{
	const char *p = getenv("GTS_PROC_ROOT"), *s = getenv("GTS_SELINUXFS");

	snprintf(r->proc, sizeof(r->proc), "%s", p && *p ? p : "/proc");
	snprintf(r->selinuxfs, sizeof(r->selinuxfs), "%s", s && *s ? s : "/sys/fs/selinux");
}

/* Up to SIZE-1 bytes of FILE; -1 with errno. */
static ssize_t read_small(const char *file, char *buf, size_t size)
{
	FILE *f = fopen(file, "re");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, size - 1, f);
	if (ferror(f)) {
		int err = errno ? errno : EIO;

		fclose(f);
		errno = err;
		return -1;
	}
	fclose(f);
	buf[n] = '\0';
	return (ssize_t)n;
}

int procdomain_selinux(const struct procroots *r, int *enforcing)
{
	char p[PATH_MAX + 16], buf[16];

	snprintf(p, sizeof(p), "%s/enforce", r->selinuxfs);
	if (read_small(p, buf, sizeof(buf)) <= 0)
		return 0;
	*enforcing = buf[0] == '1';
	return 1;
}

int procdomain_context(const struct procroots *r, int pid, char *buf, size_t size)
{
	char p[PATH_MAX + 32];
	ssize_t n;

	snprintf(p, sizeof(p), "%s/%d/attr/current", r->proc, pid);
	n = read_small(p, buf, size);
	if (n < 0)
		return -1;
	while (n > 0 && (buf[n - 1] == '\0' || buf[n - 1] == '\n'))
		buf[--n] = '\0';
	if (n == 0) {
		errno = ENODATA;
		return -1;
	}
	return 0;
}

void procdomain_type(const char *context, char *buf, size_t size)
{
	const char *t = strchr(context, ':'), *end;

	t = t ? strchr(t + 1, ':') : NULL;
	if (!t) {
		snprintf(buf, size, "%s", context);
		return;
	}
	t++;
	end = strchr(t, ':');
	snprintf(buf, size, "%.*s", end ? (int)(end - t) : (int)strlen(t), t);
}

int procdomain_ppid(const struct procroots *r, int pid)
{
	char p[PATH_MAX + 32], buf[4096], *l;

	snprintf(p, sizeof(p), "%s/%d/status", r->proc, pid);
	if (read_small(p, buf, sizeof(buf)) < 0)
		return -1;
	l = strstr(buf, "\nPPid:");
	return l ? atoi(l + 6) : -1;
}

int procdomain_runs(const struct procroots *r, int pid, const char *binary)
{
	char p[PATH_MAX + 32], exe[PATH_MAX];
	ssize_t n;

	snprintf(p, sizeof(p), "%s/%d/exe", r->proc, pid);
	n = readlink(p, exe, sizeof(exe) - 1);
	if (n >= 0) {
		exe[n] = '\0';
		/* a replaced binary shows as "PATH (deleted)" */
		if (strncmp(exe, binary, strlen(binary)) == 0 &&
		    (exe[strlen(binary)] == '\0' || strcmp(exe + strlen(binary), " (deleted)") == 0))
			return 1;
		return 0;
	}
	if (errno == ENOENT) {
		snprintf(p, sizeof(p), "%s/%d", r->proc, pid);
		if (access(p, F_OK) < 0)
			return -1;
	}
	/* exe unreadable (another user's process): argv[0] */
	snprintf(p, sizeof(p), "%s/%d/cmdline", r->proc, pid);
	if (read_small(p, exe, sizeof(exe)) < 0)
		return -1;
	return strcmp(exe, binary) == 0;
}

size_t procdomain_find(const struct procroots *r, const char *binary, int *pids, size_t max)
{
	DIR *d = opendir(r->proc);
	struct dirent *de;
	size_t n = 0, i;

	if (!d)
		return 0;
	while ((de = readdir(d)) && n < max) {
		char *end;
		long pid = strtol(de->d_name, &end, 10);

		if (!isdigit((unsigned char)de->d_name[0]) || *end || pid <= 0)
			continue;
		if (procdomain_runs(r, (int)pid, binary) == 1)
			pids[n++] = (int)pid;
	}
	closedir(d);
	/* The main process first: its parent does not run the binary. */
	for (i = 0; i < n; i++) {
		int pp = procdomain_ppid(r, pids[i]);

		if (pp <= 0 || procdomain_runs(r, pp, binary) != 1) {
			int t = pids[0];

			pids[0] = pids[i];
			pids[i] = t;
			break;
		}
	}
	return n;
}

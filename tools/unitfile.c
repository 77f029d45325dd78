/*
 * unitfile.c — GoToSocial's systemd unit and its environment files (see unitfile.h).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "unitfile.h"

static const char *const unit_dirs[] = {
	"/etc/systemd/system", "/run/systemd/system", "/usr/lib/systemd/system",
	"/lib/systemd/system",
};

/* Whole file below ROOT into a NUL-terminated buffer: 0, or -1 with errno. */
static int slurp(const char *root, const char *path, char **out)
{
	char full[2 * PATH_MAX];
	FILE *f;
	char *buf = NULL;
	size_t n = 0, cap = 0, r;
	int err;

	snprintf(full, sizeof(full), "%s%s", root, path);
	f = fopen(full, "re");
	if (!f)
		return -1;
	for (;;) {
		if (cap - n < 4097) {
			char *nb = realloc(buf, cap ? cap * 2 : 8192);

			if (!nb) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return -1;
			}
			buf = nb;
			cap = cap ? cap * 2 : 8192;
		}
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
		if (r == 0)
			break;
	}
	err = ferror(f) ? EIO : 0;
	fclose(f);
	if (err) {
		free(buf);
		errno = err;
		return -1;
	}
	buf[n] = '\0';
	*out = buf;
	return 0;
}

void unitfile_free_argv(char **argv, size_t argc)
{
	size_t i;

	for (i = 0; argv && i < argc; i++)
		free(argv[i]);
	free(argv);
}

static int push_word(char ***argv, size_t *argc, char *w)
{
	char **nv = realloc(*argv, (*argc + 2) * sizeof(*nv));

	if (!nv) {
		free(w);
		return -1;
	}
	nv[(*argc)++] = w;
	nv[*argc] = NULL;
	*argv = nv;
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int unitfile_split(const char *s, char ***argv, size_t *argc)
{
	char *w = NULL;
	size_t wn = 0;
	int inword = 0;
	char quote = 0;

	*argv = NULL;
	*argc = 0;
	w = malloc(strlen(s) + 1);
	if (!w)
		return -1;
	for (;; s++) {
		char c = *s;

		if (!c) {
			if (quote)
				goto bad;
			break;
		}
		if (!quote && isspace((unsigned char)c)) {
			if (inword) {
				w[wn] = '\0';
				if (push_word(argv, argc, strdup(w)) < 0 || !(*argv)[*argc - 1])
					goto bad;
				wn = 0;
				inword = 0;
			}
			continue;
		}
		inword = 1;
		if (!quote && (c == '"' || c == '\'')) {
			quote = c;
			continue;
		}
		if (quote && c == quote) {
			quote = 0;
			continue;
		}
		if (c == '\\') {
			int h1, h2;

			c = *++s;
			switch (c) {
			case '\0':
				goto bad;
			case 'n':
				w[wn++] = '\n';
				break;
			case 't':
				w[wn++] = '\t';
				break;
			case 's':
				w[wn++] = ' ';
				break;
			case 'x':
				h1 = s[1] ? hexval((unsigned char)s[1]) : -1;
				h2 = h1 >= 0 && s[2] ? hexval((unsigned char)s[2]) : -1;
				if (h1 < 0 || h2 < 0)
					goto bad;
				w[wn++] = (char)(h1 * 16 + h2);
				s += 2;
				break;
			default:
				w[wn++] = c;
			}
			continue;
		}
		w[wn++] = c;
	}
	if (inword) {
		w[wn] = '\0';
		if (push_word(argv, argc, strdup(w)) < 0 || !(*argv)[*argc - 1])
			goto bad;
	}
	free(w);
	return 0;
bad:
	free(w);
	unitfile_free_argv(*argv, *argc);
	*argv = NULL;
	*argc = 0;
	return -1;
}

static int set_var(struct unit_var **v, size_t *n, const char *name, size_t namelen,
		   const char *value, const char *origin)
{
	struct unit_var *nv;
	size_t i;
	char *nm = strndup(name, namelen), *val = value ? strdup(value) : NULL;

	if (!nm || (value && !val))
		goto oom;
	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i].name, nm) == 0) {
			free(nm);
			free((*v)[i].value);
			(*v)[i].value = val;
			snprintf((*v)[i].origin, sizeof((*v)[i].origin), "%s", origin);
			return 0;
		}
	nv = realloc(*v, (*n + 1) * sizeof(*nv));
	if (!nv)
		goto oom;
	*v = nv;
	nv[*n].name = nm;
	nv[*n].value = val;
	snprintf(nv[*n].origin, sizeof(nv[*n].origin), "%s", origin);
	(*n)++;
	return 0;
oom:
	free(nm);
	free(val);
	return -1;
}

static void free_vars(struct unit_var *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].value);
	}
	free(v);
}

const struct unit_var *unitfile_getenv(const struct unitfile *u, const char *name)
{
	size_t i;

	for (i = 0; i < u->nenv; i++)
		if (strcmp(u->env[i].name, name) == 0)
			return &u->env[i];
	return NULL;
}

static int valid_env_name(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || isdigit((unsigned char)s[0]))
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return 0;
	return 1;
}

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* Next logical line of BUF at *POS (continuations joined, comment lines inside a
 * continuation dropped) into a malloc'ed string; *LINE: its first line number. NULL at EOF. */
static char *next_line(const char *buf, size_t *pos, int *lineno, int *first)
{
	size_t cap = 256, n = 0;
	char *out = malloc(cap);
	int started = 0;

	if (!out || !buf[*pos]) {
		free(out);
		return NULL;
	}
	for (;;) {
		const char *l = buf + *pos, *nl = strchr(l, '\n');
		size_t len = nl ? (size_t)(nl - l) : strlen(l), t = len;
		const char *p = l;

		(*lineno)++;
		*pos += len + (nl ? 1 : 0);
		while (p < l + t && isspace((unsigned char)*p))
			p++;
		if (started && (*p == '#' || *p == ';')) {
			if (!buf[*pos])
				break;
			continue;
		}
		if (!started)
			*first = *lineno;
		started = 1;
		while (t > 0 && isspace((unsigned char)l[t - 1]))
			t--;
		if (n + t + 2 > cap) {
			char *no;

			cap = n + t + 256;
			no = realloc(out, cap);
			if (!no) {
				free(out);
				return NULL;
			}
			out = no;
		}
		if (t > 0 && l[t - 1] == '\\' && buf[*pos]) {
			memcpy(out + n, l, t - 1);
			n += t - 1;
			out[n++] = ' ';
			continue;
		}
		memcpy(out + n, l, t);
		n += t;
		break;
	}
	out[n] = '\0';
	return out;
}

static int parse_environment(struct unitfile *u, const char *value, const char *origin,
			     const char *path, int line, struct gts_err *e)
{
	char **w;
	size_t n, i;
	int rc = 0;

	if (unitfile_split(value, &w, &n) < 0)
		return gts_fail(e, GTS_EUSAGE, "%s:%d: Environment= has an unbalanced quote or a bad "
				"escape; fix the unit (see systemd.exec(5))", path, line);
	for (i = 0; i < n && rc == 0; i++) {
		char *eq = strchr(w[i], '=');

		if (!eq || !valid_env_name(w[i], (size_t)(eq - w[i])))
			continue;	/* systemd ignores invalid assignments with a warning */
		if (set_var(&u->env, &u->nenv, w[i], (size_t)(eq - w[i]), eq + 1, origin) < 0)
			rc = gts_fail(e, GTS_EFAIL, "out of memory");
	}
	unitfile_free_argv(w, n);
	return rc;
}

int unitfile_parse(const char *root, const char *path, struct unitfile *u, struct gts_err *e)
{
	char *buf = NULL, *line, *key, *val, *eq, origin[UNIT_ORIGIN_MAX];
	size_t pos = 0;
	int lineno = 0, first = 0, in_service = 0, rc = -1;

	if (slurp(root, path, &buf) < 0)
		return gts_fail(e, errno == EACCES ? GTS_EPERM : GTS_EFAIL,
				"cannot read the unit %s%s: %s", root, path, strerror(errno));
	while ((line = next_line(buf, &pos, &lineno, &first))) {
		key = trim(line);
		if (!*key || *key == '#' || *key == ';') {
			free(line);
			continue;
		}
		if (*key == '[') {
			in_service = strcmp(key, "[Service]") == 0;
			free(line);
			continue;
		}
		eq = strchr(key, '=');
		if (!in_service || !eq) {
			free(line);
			continue;
		}
		*eq = '\0';
		key = trim(key);
		val = trim(eq + 1);
		snprintf(origin, sizeof(origin), "%s:%d", path, first);
		if (strcmp(key, "ExecStart") == 0) {
			free(u->exec_raw);
			u->exec_raw = *val ? strdup(val) : NULL;
			snprintf(u->exec_origin, sizeof(u->exec_origin), "%s", origin);
		} else if (strcmp(key, "WorkingDirectory") == 0) {
			free(u->workdir);
			u->workdir = *val ? strdup(val[0] == '-' ? val + 1 : val) : NULL;
			snprintf(u->workdir_origin, sizeof(u->workdir_origin), "%s", origin);
		} else if (strcmp(key, "NoNewPrivileges") == 0) {
			u->nnp = !strcmp(val, "yes") || !strcmp(val, "true") || !strcmp(val, "1") ||
				 !strcmp(val, "on");
		} else if (strcmp(key, "Environment") == 0) {
			if (!*val) {
				free_vars(u->env, u->nenv);
				u->env = NULL;
				u->nenv = 0;
			} else if (parse_environment(u, val, origin, path, first, e) < 0) {
				free(line);
				goto out;
			}
		} else if (strcmp(key, "EnvironmentFile") == 0) {
			if (!*val) {
				free_vars(u->envfiles, u->nenvfiles);
				u->envfiles = NULL;
				u->nenvfiles = 0;
			} else if (set_var(&u->envfiles, &u->nenvfiles, val, strlen(val), NULL,
					   origin) < 0) {
				free(line);
				gts_fail(e, GTS_EFAIL, "out of memory");
				goto out;
			}
		}
		free(line);
	}
	rc = 0;
out:
	free(buf);
	return rc;
}

/* A value of an environment file: quoted ('...' literal, "..." with \ escapes) or bare. */
static void env_value(char *v)
{
	char *r = v, *w = v;

	if (*v == '\'' || *v == '"') {
		char q = *r++;

		while (*r && *r != q) {
			if (q == '"' && *r == '\\' && r[1])
				r++;
			*w++ = *r++;
		}
		*w = '\0';
		return;
	}
	/* bare: backslash escapes the next character */
	while (*r) {
		if (*r == '\\' && r[1])
			r++;
		*w++ = *r++;
	}
	*w = '\0';
}

int unitfile_read_env(const char *root, const char *path, struct unitfile *u,
		      struct gts_err *e)
{
	char *buf = NULL, *line, *s, *eq, origin[UNIT_ORIGIN_MAX];
	size_t pos = 0;
	int lineno = 0, first = 0, rc = 0;

	if (slurp(root, path, &buf) < 0)
		return gts_fail(e, errno == EACCES ? GTS_EPERM : GTS_EFAIL,
				"cannot read the environment file %s%s: %s", root, path,
				strerror(errno));
	while (rc == 0 && (line = next_line(buf, &pos, &lineno, &first))) {
		s = trim(line);
		if (strncmp(s, "export ", 7) == 0)
			s = trim(s + 7);
		eq = strchr(s, '=');
		if (*s && *s != '#' && *s != ';' && eq) {
			char *name = s, *val;

			*eq = '\0';
			name = trim(name);
			val = trim(eq + 1);
			env_value(val);
			snprintf(origin, sizeof(origin), "%s:%d", path, first);
			if (valid_env_name(name, strlen(name)) &&
			    set_var(&u->env, &u->nenv, name, strlen(name), val, origin) < 0)
				rc = gts_fail(e, GTS_EFAIL, "out of memory");
		}
		free(line);
	}
	free(buf);
	return rc;
}

/* ${NAME} anywhere in W replaced by the service's value ("" when unset). */
static char *expand(const struct unitfile *u, const char *w)
{
	size_t cap = strlen(w) + 1, n = 0;
	char *out = malloc(cap);
	const char *p = w;

	if (!out)
		return NULL;
	while (*p) {
		const char *close;
		const struct unit_var *v;
		const char *add = p;
		size_t addlen = 1;
		char name[256];

		if (p[0] == '$' && p[1] == '{' && (close = strchr(p, '}')) &&
		    (size_t)(close - p - 2) < sizeof(name)) {
			memcpy(name, p + 2, (size_t)(close - p - 2));
			name[close - p - 2] = '\0';
			v = unitfile_getenv(u, name);
			add = v && v->value ? v->value : "";
			addlen = strlen(add);
			p = close + 1;
		} else {
			p++;
		}
		if (n + addlen + 1 > cap) {
			char *no;

			cap = (n + addlen + 1) * 2;
			no = realloc(out, cap);
			if (!no) {
				free(out);
				return NULL;
			}
			out = no;
		}
		memcpy(out + n, add, addlen);
		n += addlen;
	}
	out[n] = '\0';
	return out;
}

int unitfile_finish(const char *root, struct unitfile *u, struct gts_err *e)
{
	char **w = NULL, *raw;
	size_t n = 0, i;
	int at = 0, rc = -1;

	for (i = 0; i < u->nenvfiles; i++) {
		const char *p = u->envfiles[i].name;
		int optional = p[0] == '-';
		char full[2 * PATH_MAX];
		struct stat st;

		if (optional)
			p++;
		snprintf(full, sizeof(full), "%s%s", root, p);
		if (optional && stat(full, &st) < 0 && errno == ENOENT)
			continue;
		if (p[0] != '/')
			return gts_fail(e, GTS_EUSAGE, "%s: EnvironmentFile=%s is not an absolute "
					"path; systemd refuses it: fix the unit", u->envfiles[i].origin,
					p);
		if (unitfile_read_env(root, p, u, e) < 0)
			return -1;
	}
	if (!u->exec_raw)
		return 0;
	raw = u->exec_raw;
	while (*raw && strchr("@-:+!", *raw)) {
		if (*raw == '@')
			at = 1;
		raw++;
	}
	if (unitfile_split(raw, &w, &n) < 0)
		return gts_fail(e, GTS_EUSAGE, "%s: ExecStart= has an unbalanced quote or a bad "
				"escape; fix the unit (see systemd.service(5))", u->exec_origin);
	for (i = 0; i < n; i++) {
		char *x;

		if (at && i == 1)
			continue;	/* "@" : the second word is argv[0] only */
		if (w[i][0] == '$' && w[i][1] != '{' && valid_env_name(w[i] + 1, strlen(w[i] + 1))) {
			/* $NAME as a word: its value split at whitespace */
			const struct unit_var *v = unitfile_getenv(u, w[i] + 1);
			char **vw;
			size_t vn, j;

			if (!v || !v->value)
				continue;
			if (unitfile_split(v->value, &vw, &vn) < 0)
				continue;
			for (j = 0; j < vn; j++) {
				if (push_word(&u->argv, &u->argc, vw[j]) < 0) {
					vw[j] = NULL;
					unitfile_free_argv(vw, vn);
					gts_fail(e, GTS_EFAIL, "out of memory");
					goto out;
				}
				vw[j] = NULL;
			}
			unitfile_free_argv(vw, vn);
			continue;
		}
		x = expand(u, w[i]);
		if (!x || push_word(&u->argv, &u->argc, x) < 0) {
			gts_fail(e, GTS_EFAIL, "out of memory");
			goto out;
		}
	}
	rc = 0;
out:
	unitfile_free_argv(w, n);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;
	const char *bx = strrchr(*x, '/'), *by = strrchr(*y, '/');

	return strcmp(bx ? bx + 1 : *x, by ? by + 1 : *y);
}

/* Drop-ins of the unit: *.conf in each unit directory's gotosocial.service.d, the first
 * directory's file masking a same-named one in a later directory; sorted by file name. */
static int collect_dropins(const char *root, char ***list, size_t *n)
{
	size_t d, i;

	*list = NULL;
	*n = 0;
	for (d = 0; d < sizeof(unit_dirs) / sizeof(unit_dirs[0]); d++) {
		char dir[2 * PATH_MAX], sys[PATH_MAX + 300];
		DIR *dh;
		struct dirent *de;

		snprintf(dir, sizeof(dir), "%s%s/" UNIT_NAME ".d", root, unit_dirs[d]);
		dh = opendir(dir);
		if (!dh)
			continue;
		while ((de = readdir(dh))) {
			size_t len = strlen(de->d_name);
			int dup = 0;

			if (len < 6 || strcmp(de->d_name + len - 5, ".conf") != 0)
				continue;
			for (i = 0; i < *n; i++) {
				const char *b = strrchr((*list)[i], '/') + 1;

				if (strcmp(b, de->d_name) == 0)
					dup = 1;
			}
			if (dup)
				continue;
			snprintf(sys, sizeof(sys), "%s/" UNIT_NAME ".d/%s", unit_dirs[d], de->d_name);
			if (push_word(list, n, strdup(sys)) < 0 || !(*list)[*n - 1]) {
				closedir(dh);
				return -1;
			}
		}
		closedir(dh);
	}
	if (*n > 1)
		qsort(*list, *n, sizeof(**list), cmp_str);
	return 0;
}

int unitfile_find(const char *root, struct unitfile *u, struct gts_err *e)
{
	char full[2 * PATH_MAX], **drop = NULL;
	size_t d, ndrop = 0, i;
	struct stat st;
	int rc = -1;

	memset(u, 0, sizeof(*u));
	if (!root)
		root = "";
	for (d = 0; d < sizeof(unit_dirs) / sizeof(unit_dirs[0]); d++) {
		snprintf(full, sizeof(full), "%s%s/" UNIT_NAME, root, unit_dirs[d]);
		if (stat(full, &st) == 0 && S_ISREG(st.st_mode))
			break;
	}
	if (d == sizeof(unit_dirs) / sizeof(unit_dirs[0]))
		return 0;
	snprintf(u->path, sizeof(u->path), "%s/" UNIT_NAME, unit_dirs[d]);
	u->found = 1;
	if (unitfile_parse(root, u->path, u, e) < 0)
		goto out;
	if (collect_dropins(root, &drop, &ndrop) < 0) {
		gts_fail(e, GTS_EFAIL, "out of memory");
		goto out;
	}
	for (i = 0; i < ndrop; i++)
		if (unitfile_parse(root, drop[i], u, e) < 0)
			goto out;
	if (unitfile_finish(root, u, e) < 0)
		goto out;
	rc = 1;
out:
	unitfile_free_argv(drop, ndrop);
	return rc;
}

void unitfile_free(struct unitfile *u)
{
	unitfile_free_argv(u->argv, u->argc);
	free(u->workdir);
	free(u->exec_raw);
	free_vars(u->env, u->nenv);
	free_vars(u->envfiles, u->nenvfiles);
	memset(u, 0, sizeof(*u));
}

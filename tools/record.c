/*
 * record.c — customizations and their record (see record.h for where it lives and why).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "record.h"

#define RECORD_FORMAT 1

int cust_same_key(const struct cust *a, const struct cust *b)
{
	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case CUST_PORT:
		return strcmp(a->proto, b->proto) == 0 && a->low == b->low && a->high == b->high;
	case CUST_FCONTEXT:
		return strcmp(a->expr, b->expr) == 0;
	case CUST_BOOLEAN:
		return strcmp(a->name, b->name) == 0;
	}
	return 0;
}

const char *cust_key_str(const struct cust *c, char *buf, size_t size)
{
	switch (c->kind) {
	case CUST_PORT:
		if (c->low == c->high)
			snprintf(buf, size, "%s/%d", c->proto, c->low);
		else
			snprintf(buf, size, "%s/%d-%d", c->proto, c->low, c->high);
		break;
	case CUST_FCONTEXT:
		snprintf(buf, size, "%s", c->expr);
		break;
	case CUST_BOOLEAN:
		snprintf(buf, size, "%s", c->name);
		break;
	}
	return buf;
}

static int dup_or_null(char **dst, const char *src)
{
	*dst = NULL;
	if (!src)
		return 0;
	*dst = strdup(src);
	return *dst ? 0 : -1;
}

int cust_copy(struct cust *dst, const struct cust *src)
{
	*dst = *src;
	dst->expr = dst->name = dst->type = dst->prev_type = NULL;
	if (dup_or_null(&dst->expr, src->expr) < 0 || dup_or_null(&dst->name, src->name) < 0 ||
	    dup_or_null(&dst->type, src->type) < 0 ||
	    dup_or_null(&dst->prev_type, src->prev_type) < 0) {
		cust_free(dst);
		return -1;
	}
	return 0;
}

void cust_free(struct cust *c)
{
	free(c->expr);
	free(c->name);
	free(c->type);
	free(c->prev_type);
	c->expr = c->name = c->type = c->prev_type = NULL;
}

int record_add(struct record *r, const struct cust *c)
{
	struct cust *nv = realloc(r->v, (r->n + 1) * sizeof(*nv));

	if (!nv)
		return -1;
	r->v = nv;
	if (cust_copy(&r->v[r->n], c) < 0)
		return -1;
	r->n++;
	return 0;
}

long record_find(const struct record *r, const struct cust *c)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (cust_same_key(&r->v[i], c))
			return (long)i;
	return -1;
}

void record_free(struct record *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		cust_free(&r->v[i]);
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

static const char *const kind_names[] = { "port", "fcontext", "boolean" };

char *record_to_json(const struct record *r, int priority)
{
	json_object *top = json_object_new_object(), *arr = json_object_new_array(), *o;
	char *text = NULL;
	size_t i;

	if (!top || !arr)
		goto out;
	json_object_object_add(top, "format", json_object_new_int(RECORD_FORMAT));
	json_object_object_add(top, "written_by", json_object_new_string(GTS_NAME " " VERSION));
	json_object_object_add(top, "module", json_object_new_string(GTS_MODULE));
	json_object_object_add(top, "priority", json_object_new_int(priority));
	for (i = 0; i < r->n; i++) {
		const struct cust *c = &r->v[i];

		o = json_object_new_object();
		json_object_object_add(o, "kind", json_object_new_string(kind_names[c->kind]));
		switch (c->kind) {
		case CUST_PORT:
			json_object_object_add(o, "proto", json_object_new_string(c->proto));
			json_object_object_add(o, "low", json_object_new_int(c->low));
			json_object_object_add(o, "high", json_object_new_int(c->high));
			json_object_object_add(o, "type", json_object_new_string(c->type));
			break;
		case CUST_FCONTEXT:
			json_object_object_add(o, "expr", json_object_new_string(c->expr));
			json_object_object_add(o, "type", json_object_new_string(c->type));
			break;
		case CUST_BOOLEAN:
			json_object_object_add(o, "name", json_object_new_string(c->name));
			json_object_object_add(o, "value", json_object_new_boolean(c->value));
			break;
		}
		if (c->has_prev) {
			if (c->kind == CUST_BOOLEAN)
				json_object_object_add(o, "prev_value",
						       json_object_new_boolean(c->prev_value));
			else
				json_object_object_add(o, "prev_type",
						       json_object_new_string(c->prev_type));
		}
		json_object_array_add(arr, o);
	}
	json_object_object_add(top, "customizations", arr);
	arr = NULL;
	text = strdup(json_object_to_json_string_ext(top, JSON_C_TO_STRING_PRETTY |
							    JSON_C_TO_STRING_NOSLASHESCAPE));
out:
	json_object_put(arr);
	json_object_put(top);
	return text;
}

static const char *get_str(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static int get_int(json_object *o, const char *key, int lo, int hi, int *out)
{
	json_object *v;
	int64_t n;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_int))
		return -1;
	n = json_object_get_int64(v);
	if (n < lo || n > hi)
		return -1;
	*out = (int)n;
	return 0;
}

static int get_bool(json_object *o, const char *key, int *out)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_boolean))
		return -1;
	*out = json_object_get_boolean(v);
	return 0;
}

static int parse_entry(json_object *o, struct cust *c)
{
	const char *kind = get_str(o, "kind"), *s;
	json_object *v;

	memset(c, 0, sizeof(*c));
	if (!kind)
		return -1;
	if (strcmp(kind, "port") == 0) {
		c->kind = CUST_PORT;
		s = get_str(o, "proto");
		if (!s || strlen(s) >= sizeof(c->proto) ||
		    get_int(o, "low", 1, 65535, &c->low) < 0 ||
		    get_int(o, "high", c->low, 65535, &c->high) < 0)
			return -1;
		strcpy(c->proto, s);
	} else if (strcmp(kind, "fcontext") == 0) {
		c->kind = CUST_FCONTEXT;
		s = get_str(o, "expr");
		if (!s || !(c->expr = strdup(s)))
			return -1;
	} else if (strcmp(kind, "boolean") == 0) {
		c->kind = CUST_BOOLEAN;
		s = get_str(o, "name");
		if (!s || !(c->name = strdup(s)) || get_bool(o, "value", &c->value) < 0)
			return -1;
	} else {
		return -1;
	}
	if (c->kind != CUST_BOOLEAN) {
		s = get_str(o, "type");
		if (!s || !(c->type = strdup(s)))
			return -1;
		if (json_object_object_get_ex(o, "prev_type", &v)) {
			s = get_str(o, "prev_type");
			if (!s || !(c->prev_type = strdup(s)))
				return -1;
			c->has_prev = 1;
		}
	} else if (json_object_object_get_ex(o, "prev_value", &v)) {
		if (get_bool(o, "prev_value", &c->prev_value) < 0)
			return -1;
		c->has_prev = 1;
	}
	return 0;
}

int record_parse(const char *json, struct record *r, struct gts_err *e)
{
	json_object *top = json_tokener_parse(json), *arr;
	struct cust c;
	int fmt, rc = -1;
	size_t i;

	memset(r, 0, sizeof(*r));
	memset(&c, 0, sizeof(c));
	if (!top || !json_object_is_type(top, json_type_object) ||
	    get_int(top, "format", 0, 1 << 30, &fmt) < 0 ||
	    !json_object_object_get_ex(top, "customizations", &arr) ||
	    !json_object_is_type(arr, json_type_array)) {
		gts_fail(e, GTS_EFAIL, "the record " RECORD_FILE " is not valid JSON of gts-selinux");
		goto out;
	}
	if (fmt > RECORD_FORMAT) {
		gts_fail(e, GTS_EFAIL, "the record " RECORD_FILE " has format %d, newer than this "
			 "gts-selinux understands (%d); use the newer gts-selinux", fmt, RECORD_FORMAT);
		goto out;
	}
	for (i = 0; i < json_object_array_length(arr); i++) {
		if (parse_entry(json_object_array_get_idx(arr, i), &c) < 0 ||
		    record_find(r, &c) >= 0 || record_add(r, &c) < 0) {
			gts_fail(e, GTS_EFAIL, "the record " RECORD_FILE " has an invalid entry #%zu",
				 i + 1);
			goto out;
		}
		cust_free(&c);
	}
	rc = 0;
out:
	cust_free(&c);
	json_object_put(top);
	if (rc < 0)
		record_free(r);
	return rc;
}

int record_load(const char *dir, struct record *r, struct gts_err *e)
{
	char path[2 * PATH_MAX + 600];
	FILE *f;
	char *buf = NULL;
	size_t len = 0;
	int rc;

	memset(r, 0, sizeof(*r));
	snprintf(path, sizeof(path), "%s/%s", dir, RECORD_FILE);
	f = fopen(path, "re");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		return gts_fail(e, GTS_EFAIL, "cannot read %s: %s", path, strerror(errno));
	}
	{
		char chunk[4096];
		size_t n;
		char *nb;

		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
			nb = realloc(buf, len + n + 1);
			if (!nb) {
				free(buf);
				fclose(f);
				return gts_fail(e, GTS_EFAIL, "out of memory");
			}
			buf = nb;
			memcpy(buf + len, chunk, n);
			len += n;
		}
	}
	fclose(f);
	if (!buf)
		return gts_fail(e, GTS_EFAIL, "the record %s is empty; restore it from a backup, or "
				"remove it to make gts-selinux own no customizations", path);
	buf[len] = '\0';
	rc = record_parse(buf, r, e);
	free(buf);
	if (rc < 0) {
		/* Say which file, and the way out. */
		char why[320];

		snprintf(why, sizeof(why), "%.300s", e->msg);
		snprintf(e->msg, sizeof(e->msg), "%s (%.500s); restore it from a backup, or remove "
			 "it to make gts-selinux own no customizations", why, path);
	}
	return rc;
}

int record_save(const char *dir, const struct record *r, int priority, struct gts_err *e)
{
	char path[2 * PATH_MAX + 600], tmp[2 * PATH_MAX + 700];
	char *text = NULL;
	size_t len, off = 0;
	ssize_t n;
	int fd = -1, rc = -1;

	snprintf(path, sizeof(path), "%s/%s", dir, RECORD_FILE);
	if (r->n == 0) {
		if (unlink(path) < 0 && errno != ENOENT)
			return gts_fail(e, GTS_EFAIL, "cannot remove %s: %s", path, strerror(errno));
		return 0;
	}
	snprintf(tmp, sizeof(tmp), "%s.new", path);
	text = record_to_json(r, priority);
	if (!text)
		return gts_fail(e, GTS_EFAIL, "out of memory");
	len = strlen(text);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		goto fail;
	while (off < len) {
		n = write(fd, text + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		off += (size_t)n;
	}
	if (write(fd, "\n", 1) != 1 || fsync(fd) < 0)
		goto fail;
	if (close(fd) < 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	gts_fail(e, GTS_EFAIL, "cannot write %s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
out:
	free(text);
	return rc;
}

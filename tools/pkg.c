/*
 * pkg.c — load the shipped module (see pkg.h).
 */
#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <sepol/booleans.h>
#include <sepol/boolean_record.h>
#include <sepol/debug.h>
#include <sepol/handle.h>
#include <sepol/module.h>
#include <sepol/policydb.h>
#include <sepol/policydb/policydb.h>

#include "pkg.h"

/* A .pp is at most a few MB; refuse anything that inflates beyond this (a bzip2 bomb). */
#define PKG_MAX (64u << 20)

int pkg_default_path(const char *root, const char *store, char *buf, size_t size)
{
	/* Fedora/Debian packaging layout first, then Gentoo's. Inside --root first: the module
	 * of an image being built lives in the image. */
	static const char *const layouts[] = { "packages/", "" };
	static const char *const files[] = { "gotosocial.pp.bz2", "gotosocial.pp" };
	const char *roots[2] = { root ? root : "", "" };
	size_t r, l, f;

	for (r = 0; r < (root ? 2u : 1u); r++)
		for (l = 0; l < 2; l++)
			for (f = 0; f < 2; f++) {
				snprintf(buf, size, "%s/usr/share/selinux/%s%s/%s", roots[r],
					 layouts[l], store, files[f]);
				if (access(buf, R_OK) == 0)
					return 0;
			}
	snprintf(buf, size, "/usr/share/selinux/packages/%s/gotosocial.pp.bz2", store);
	return -1;
}

static int read_file(const char *path, unsigned char **out, size_t *outlen)
{
	struct stat st;
	unsigned char *buf = NULL;
	size_t got = 0;
	ssize_t n;
	int fd, rc = -1;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0)
		goto out;
	if (!S_ISREG(st.st_mode)) {
		errno = EISDIR;
		goto out;
	}
	if ((size_t)st.st_size > PKG_MAX) {
		errno = EFBIG;
		goto out;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf)
		goto out;
	while (got < (size_t)st.st_size) {
		n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto out;
		got += (size_t)n;
	}
	*out = buf;
	*outlen = got;
	buf = NULL;
	rc = 0;
out:
	free(buf);
	close(fd);
	return rc;
}

int pkg_bunzip(const unsigned char *in, size_t inlen, size_t limit,
	       unsigned char **out, size_t *outlen)
{
	bz_stream s;
	unsigned char *buf = NULL, *nbuf;
	size_t cap = inlen * 8 + 4096;
	int ret, rc = -1;

	memset(&s, 0, sizeof(s));
	if (BZ2_bzDecompressInit(&s, 0, 0) != BZ_OK)
		return -1;
	s.next_in = (char *)in;
	s.avail_in = (unsigned int)inlen;
	for (;;) {
		if (cap > limit)
			cap = limit;
		nbuf = realloc(buf, cap);
		if (!nbuf)
			goto out;
		buf = nbuf;
		s.next_out = (char *)buf + ((size_t)s.total_out_lo32 | ((size_t)s.total_out_hi32 << 32));
		s.avail_out = (unsigned int)(cap - ((size_t)s.total_out_lo32 | ((size_t)s.total_out_hi32 << 32)));
		ret = BZ2_bzDecompress(&s);
		if (ret == BZ_STREAM_END)
			break;
		if (ret != BZ_OK)
			goto out;
		if (s.avail_out == 0) {
			if (cap >= limit)
				goto out;
			cap *= 2;
		} else if (s.avail_in == 0) {
			goto out;	/* truncated stream */
		}
	}
	*outlen = (size_t)s.total_out_lo32 | ((size_t)s.total_out_hi32 << 32);
	*out = buf;
	buf = NULL;
	rc = 0;
out:
	BZ2_bzDecompressEnd(&s);
	free(buf);
	return rc;
}

int pkg_sha256(const unsigned char *data, size_t len, char out[72])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0, i;

	if (!EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) || mdlen != 32)
		return -1;
	memcpy(out, "sha256:", 7);
	for (i = 0; i < mdlen; i++)
		snprintf(out + 7 + 2 * i, 3, "%02x", md[i]);
	return 0;
}

static void quiet_sepol(void *arg, sepol_handle_t *h, const char *fmt, ...)
{
	(void)arg;
	(void)h;
	(void)fmt;
}

struct collect {
	struct pkg *p;
	const policydb_t *db;
};

/* hashtab_search() is not exported by libsepol.so; the table carries its own hash and compare
 * functions, so look the key up through them. */
static void *table_lookup(hashtab_t h, const char *key)
{
	hashtab_ptr_t cur;

	if (!h || !h->size)
		return NULL;
	for (cur = h->htable[h->hash_value(h, key)]; cur; cur = cur->next)
		if (h->keycmp(h, key, cur->key) == 0)
			return cur->datum;
	return NULL;
}

/* Keep the booleans the module declares; skip those it only requires from others. */
static int collect_bool(const sepol_bool_t *b, void *arg)
{
	struct collect *c = arg;
	struct pkg *p = c->p;
	struct pkg_bool *nb;
	const scope_datum_t *scope;

	scope = table_lookup(c->db->scope[SYM_BOOLS].table, sepol_bool_get_name(b));
	if (!scope || scope->scope != SCOPE_DECL)
		return 0;

	nb = realloc(p->bools, (p->nbools + 1) * sizeof(*nb));
	if (!nb)
		return -1;
	p->bools = nb;
	nb[p->nbools].name = strdup(sepol_bool_get_name(b));
	if (!nb[p->nbools].name)
		return -1;
	nb[p->nbools].dflt = sepol_bool_get_value(b);
	p->nbools++;
	return 0;
}

int pkg_load(struct pkg *p, const char *path, struct gts_err *e)
{
	sepol_handle_t *sh = NULL;
	sepol_policy_file_t *pf = NULL;
	sepol_module_package_t *mp = NULL;
	struct collect c;
	unsigned char *raw = NULL;
	size_t rawlen = 0;
	int type = 0, rc = -1;
	char *name = NULL, *version = NULL;
	const char *fix = "rebuild it with 'make policy' or reinstall the gotosocial-selinux package";

	memset(p, 0, sizeof(*p));
	p->path = strdup(path);
	if (!p->path)
		return gts_fail(e, GTS_EFAIL, "out of memory");
	if (read_file(path, &raw, &rawlen) < 0) {
		gts_fail(e, GTS_EFAIL, "cannot read module %s: %s; give the module with --module FILE",
			 path, strerror(errno));
		goto out;
	}
	if (rawlen == 0) {
		gts_fail(e, GTS_EFAIL, "module %s is empty; %s", path, fix);
		goto out;
	}
	if (rawlen >= 3 && memcmp(raw, "BZh", 3) == 0) {
		if (pkg_bunzip(raw, rawlen, PKG_MAX, &p->data, &p->len) < 0) {
			gts_fail(e, GTS_EFAIL, "module %s: bzip2 data is truncated or corrupt; %s",
				 path, fix);
			goto out;
		}
	} else {
		p->data = raw;
		p->len = rawlen;
		raw = NULL;
	}
	if (pkg_sha256(p->data, p->len, p->checksum) < 0) {
		gts_fail(e, GTS_EFAIL, "cannot compute the SHA-256 of %s", path);
		goto out;
	}

	sh = sepol_handle_create();
	if (!sh || sepol_policy_file_create(&pf) < 0 || sepol_module_package_create(&mp) < 0) {
		gts_fail(e, GTS_EFAIL, "out of memory");
		goto out;
	}
	sepol_msg_set_callback(sh, quiet_sepol, NULL);
	sepol_policy_file_set_handle(pf, sh);
	sepol_policy_file_set_mem(pf, (char *)p->data, p->len);
	if (sepol_module_package_info(pf, &type, &name, &version) < 0) {
		gts_fail(e, GTS_EFAIL, "%s is not an SELinux policy package (.pp); %s", path, fix);
		goto out;
	}
	if (type != SEPOL_POLICY_MOD) {
		gts_fail(e, GTS_EFAIL, "%s is a base policy package, not a policy module; %s",
			 path, fix);
		goto out;
	}
	if (strcmp(name, GTS_MODULE) != 0) {
		gts_fail(e, GTS_EFAIL, "%s holds module '%s', not '%s'; give the gotosocial module "
			 "with --module FILE", path, name, GTS_MODULE);
		goto out;
	}
	/* The header looked right; now parse all of it so that a truncated or corrupt body is
	 * refused here, before the store is touched. */
	sepol_policy_file_set_mem(pf, (char *)p->data, p->len);
	if (sepol_module_package_read(mp, pf, 0) < 0) {
		gts_fail(e, GTS_EFAIL, "module %s is truncated or corrupt; %s", path, fix);
		goto out;
	}
	c.p = p;
	c.db = &sepol_module_package_get_policy(mp)->p;
	/* The last section runs to the end of the file, so a cut inside it still parses. The
	 * file-contexts text (the last section of a module built by the devel Makefile) always
	 * ends with a newline: one that does not was cut. */
	if (sepol_module_package_get_file_contexts_len(mp) > 0 &&
	    sepol_module_package_get_file_contexts(mp)
		    [sepol_module_package_get_file_contexts_len(mp) - 1] != '\n') {
		gts_fail(e, GTS_EFAIL, "module %s is truncated (its file contexts end mid-line); %s",
			 path, fix);
		goto out;
	}
	p->mls = sepol_policydb_mls_enabled(sepol_module_package_get_policy(mp));
	if (sepol_bool_iterate(sh, sepol_module_package_get_policy(mp), collect_bool, &c) < 0) {
		gts_fail(e, GTS_EFAIL, "cannot read the booleans of %s", path);
		goto out;
	}
	p->name = name;
	p->version = version;
	name = version = NULL;
	rc = 0;
out:
	free(name);
	free(version);
	free(raw);
	sepol_module_package_free(mp);
	sepol_policy_file_free(pf);
	sepol_handle_destroy(sh);
	if (rc < 0)
		pkg_free(p);
	return rc;
}

const struct pkg_bool *pkg_find_bool(const struct pkg *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nbools; i++)
		if (strcmp(p->bools[i].name, name) == 0)
			return &p->bools[i];
	return NULL;
}

void pkg_bool_names(const struct pkg *p, char *buf, size_t size)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < p->nbools && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? " " : "", p->bools[i].name);
}

void pkg_free(struct pkg *p)
{
	size_t i;

	for (i = 0; i < p->nbools; i++)
		free(p->bools[i].name);
	free(p->bools);
	free(p->data);
	free(p->path);
	free(p->name);
	free(p->version);
	memset(p, 0, sizeof(*p));
}

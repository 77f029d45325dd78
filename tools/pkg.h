/*
 * pkg.h — the shipped policy module: read the .pp or .pp.bz2, check that it is a whole,
 * valid policy package named "gotosocial", and learn what gts-selinux needs from it: its
 * SHA-256 (as libsemanage computes it for an installed module: over the uncompressed .pp),
 * whether it was built for an MLS/MCS policy, and its booleans with their defaults.
 */
#ifndef GTS_PKG_H
#define GTS_PKG_H

#include <stddef.h>

#include "gts.h"

struct pkg_bool {
	char *name;
	int dflt;
};

struct pkg {
	char *path;
	unsigned char *data;	/* uncompressed .pp */
	size_t len;
	char *name;		/* module name from the package header */
	char *version;
	int mls;		/* built for an MLS/MCS policy */
	char checksum[7 + 64 + 1];	/* "sha256:<hex>" */
	struct pkg_bool *bools;
	size_t nbools;
};

/* Default locations of the shipped module, in order, for store type STORE. */
int pkg_default_path(const char *root, const char *store, char *buf, size_t size);

/* Load and validate PATH. Errors: GTS_EFAIL with a message naming PATH and the fix. */
int pkg_load(struct pkg *p, const char *path, struct gts_err *e);

/* The module's boolean NAME, or NULL. */
const struct pkg_bool *pkg_find_bool(const struct pkg *p, const char *name);

/* "a, b, c" of the module's booleans into BUF. */
void pkg_bool_names(const struct pkg *p, char *buf, size_t size);

void pkg_free(struct pkg *p);

/* Exposed for the tests: bzip2-decompress IN into a malloc'ed buffer (limit LIMIT bytes). */
int pkg_bunzip(const unsigned char *in, size_t inlen, size_t limit,
	       unsigned char **out, size_t *outlen);

/* "sha256:<hex>" of DATA into OUT (72 bytes). */
int pkg_sha256(const unsigned char *data, size_t len, char out[72]);

#endif

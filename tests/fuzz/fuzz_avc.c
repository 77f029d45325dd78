/*
 * fuzz_avc.c — libFuzzer target over gts-selinux's denial record handling (tools/avc.c):
 * the input is fed as an audit log through the same streaming path as a file (auparse feed,
 * record parsing, relevance filter, node and time filters, grouping, bounded examples), then
 * every group is formatted. Also: the --since parser on the input's first line.
 * Built and run by `make fuzz` (tools/Makefile), seeded with tests/fixtures/avc/.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "avc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct avc_filter f = { 0, "gts1" };
	struct avc_set s;
	struct gts_err e = { 0 };
	char line[128], t[64];
	size_t i, j, n;
	time_t since;

	n = size < sizeof(line) - 1 ? size : sizeof(line) - 1;
	memcpy(line, data, n);
	line[n] = '\0';
	line[strcspn(line, "\n")] = '\0';
	if (avc_parse_since(line, 1733212345, &since) == 0 && since > 1733212345 - 86400)
		f.since = since;

	avc_set_init(&s);
	if (avc_read_buffer((const char *)data, size, &f, &s, &e) == 0) {
		if (s.n > AVC_MAX_GROUPS || s.st.relevant > s.st.records)
			__builtin_trap();
		for (i = 0; i < s.n; i++) {
			const struct avc_group *g = &s.g[i];

			if (g->count == 0 || g->npaths > AVC_MAX_EXAMPLES ||
			    g->nports > AVC_MAX_EXAMPLES || !avc_relevant(&g->first))
				__builtin_trap();
			avc_time_str(g->first_sec, g->first_msec, t, sizeof(t));
			avc_ctx_type(g->first.scontext, t, sizeof(t));
			for (j = 0; j < g->npaths; j++)
				if (strlen(g->paths[j]) >= sizeof(g->first.path))
					__builtin_trap();
		}
	}
	avc_set_free(&s);
	return 0;
}

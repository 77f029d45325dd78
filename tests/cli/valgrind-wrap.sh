#!/bin/sh
# Runs gts-selinux ($GTS_REAL_BIN) under valgrind memcheck for tools/Makefile check-valgrind:
# a memory error or a definite leak turns the exit status into 99, which the CLI tests see.
# (tests/unit/valgrind.supp: a leak inside libauparse on binary garbage, see there.)
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
	--suppressions="$(dirname "$0")/../unit/valgrind.supp" "$GTS_REAL_BIN" "$@"

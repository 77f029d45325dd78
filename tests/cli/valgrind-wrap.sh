#!/bin/sh
# Runs gts-selinux ($GTS_REAL_BIN) under valgrind memcheck for tools/Makefile check-valgrind:
# a memory error or a definite leak turns the exit status into 99, which the CLI tests see.
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
	"$GTS_REAL_BIN" "$@"

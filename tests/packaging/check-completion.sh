#!/bin/bash
# check-completion.sh BINDIR — the bash completion offers gts-selinux's verbs and options as
# the built binary's --help lists them.
set -u
bindir=${1:?usage: check-completion.sh BINDIR}
top=$(cd "$(dirname "$0")/../.." && pwd)
export PATH="$bindir:$PATH"
# shellcheck disable=SC1091
source /usr/share/bash-completion/bash_completion || { echo "check-completion.sh: bash-completion is not installed"; exit 1; }
# shellcheck disable=SC1091
source "$top/tools/completion/gts-selinux"

fails=0 passes=0
complete_line() { # words...: COMPREPLY for the last word
	COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_gts_selinux gts-selinux "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}"
}
expect() { # WANT words...
	local want=$1; shift
	if complete_line "$@" | grep -qx -- "$want"; then passes=$((passes + 1))
	else echo "FAIL: '$*' does not complete to $want (got: $(complete_line "$@" | tr '\n' ' '))"; fails=$((fails + 1)); fi
}
help=$(gts-selinux --help) || { echo "check-completion.sh: gts-selinux --help failed"; exit 1; }
verbs=$(sed -n '/^Verbs:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p' <<<"$help")
[ -n "$verbs" ] || { echo "check-completion.sh: no verbs in --help"; exit 1; }
for v in $verbs; do expect "$v" gts-selinux ""; done
for o in $(grep -o -- '--[a-z][a-z-]*' <<<"$help" | sort -u); do expect "$o" gts-selinux install "$o"; done
expect install gts-selinux ins
expect --dry-run gts-selinux install --dry
expect gotosocial_bind_http= gts-selinux install --boolean gotosocial_bind
echo "completion: $passes passed, $fails failed"
[ "$fails" -eq 0 ]

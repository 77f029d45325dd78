#!/bin/sh
# gen-manpage.sh DIR VERSION — write gotosocial_selinux(8) to stdout from DIR/gotosocial.{te,fc,if}.
#
# sepolicy manpage needs the module loaded into a running kernel; this reads the sources
# instead, so the page is rebuilt with the module and cannot drift from it:
#   types      the comment lines right above each `type` in the .te, with their .fc paths
#   tunables   the ## <desc> block above each gen_tunable, with its default
#   interfaces the first <summary> of each interface in the .if
set -eu
dir=${1:?usage: gen-manpage.sh DIR VERSION}
version=${2:?usage: gen-manpage.sh DIR VERSION}
te=$dir/gotosocial.te fc=$dir/gotosocial.fc if=$dir/gotosocial.if
for f in "$te" "$fc" "$if"; do [ -r "$f" ] || { echo "gen-manpage.sh: cannot read $f" >&2; exit 1; }; done

# troff-safe text: backslashes shown literally, no line starting with a control character
esc() { sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"; }

cat <<EOF
.TH GOTOSOCIAL_SELINUX 8 "" "gotosocial-selinux $version" "SELinux policy"
.SH NAME
gotosocial_selinux \- SELinux policy for the GoToSocial ActivityPub server
.SH DESCRIPTION
The
.B gotosocial
policy module confines a bare-metal GoToSocial server started by systemd in the
.B gotosocial_t
domain, entered through
.BR gotosocial_exec_t ,
also under the upstream unit's
.BR NoNewPrivileges=yes .
The server may read its configuration, templates and assets; manage its database,
media storage, ACME keys, WebAssembly cache and temporary files; listen on 8080 and the
ports labeled
.BR gotosocial_port_t ;
connect to the HTTP ports and DNS.
Everything else is denied, and the tunables below open what a configuration needs.
It cannot write, rename or delete its binary, configuration or web content, and nothing it
can write is executable by it.
.PP
.BR gts-selinux (8)
installs the module together with the file-context, port and boolean changes a
GoToSocial configuration needs, in one transaction.
.SH TYPES
EOF

# Types: comment block above `type X;` in the .te; paths: .fc lines naming X.
awk '
	/^#/ && !/^##/ && !/^#{3,}/ { c = c (c ? " " : "") substr($0, 3); next }
	/^type [a-z_]+;/ {
		t = $2; sub(/;$/, "", t)
		print t "\t" c
	}
	{ c = "" }
' "$te" | while IFS='	' read -r type desc; do
	printf '.TP\n.B %s\n' "$type"
	[ -n "$desc" ] && printf '%s\n' "$desc" | esc
	paths=$(awk -v t="$type" '$0 !~ /^#/ && index($0, ":" t ",") { print $1 }' "$fc")
	if [ -n "$paths" ]; then
		printf '.br\nDefault paths:\n'
		printf '%s\n' "$paths" | esc | sed 's/^/.br\n\\fI/; s/$/\\fR/'
	fi
done

printf '.SH BOOLEANS\nSet with\n.BR "setsebool -P NAME on" ,\nor let\n.B gts-selinux install\nturn on what the configuration needs.\n'
awk '
	/^## <desc>/ { d = ""; indesc = 1; next }
	/^## <\/desc>/ { indesc = 0; next }
	indesc && /^##/ {
		line = $0; sub(/^##[ \t]*/, "", line)
		if (line ~ /^<\/?p>$/) next
		d = d (d ? " " : "") line; next
	}
	/^gen_tunable\(/ {
		s = $0; sub(/^gen_tunable\(/, "", s); sub(/\).*/, "", s)
		split(s, a, /,[ \t]*/)
		print a[1] "\t" a[2] "\t" d; d = ""
	}
' "$te" | while IFS='	' read -r name dflt desc; do
	[ "$dflt" = true ] && state=on || state=off
	printf '.TP\n.B %s\n(default: %s) ' "$name" "$state"
	printf '%s\n' "$desc" | esc
done

cat <<EOF
.SH PORTS
GoToSocial listens on 8080
.RB ( http_cache_port_t )
by default, on 80 and 443
.RB ( http_port_t )
with
.BR gotosocial_bind_http ,
and on any port labeled
.BR gotosocial_port_t :
.PP
.RS
.B semanage port -a -t gotosocial_port_t -p tcp 8765
.RE
.SH INTERFACES
For policy modules of neighbouring services (see gotosocial.if):
EOF
awk '
	/^## <summary>/ { insum = 1; s = ""; next }
	/^## <\/summary>/ { insum = 0; if (!have) { sum = s; have = 1 } next }
	insum { line = $0; sub(/^##[ \t]*/, "", line); s = s (s ? " " : "") line; next }
	/^interface\(`/ {
		n = $0; sub(/^interface\(`/, "", n); sub(/'"'"'.*/, "", n)
		print n "\t" sum; have = 0
	}
' "$if" | while IFS='	' read -r name sum; do
	printf '.TP\n.B %s\n' "$name"
	printf '%s\n' "$sum" | esc
done

cat <<EOF
.SH TROUBLESHOOTING
If the server does not run as
.BR gotosocial_t ,
check the binary's label
.RB ( "ls -Z /gotosocial/gotosocial" )
and relabel with
.BR "restorecon -v /gotosocial/gotosocial" .
A binary unpacked or copied in place keeps the type of its directory until relabeled.
.PP
Paths moved by the configuration need file-context entries, for example
.BR "semanage fcontext -a -e /gotosocial/storage /srv/gts/storage" ,
then
.BR "restorecon -R /srv/gts/storage" ;
.B gts-selinux install
does both for every path the configuration names.
.PP
Denials:
.B ausearch -m AVC -ts recent -c gotosocial
shows them. Prefer a tunable or a label over an
.BR audit2allow (1)
module, which undoes the confinement.
.SH SEE ALSO
.BR gts-selinux (8),
.BR selinux (8),
.BR semanage (8),
.BR setsebool (8),
.BR restorecon (8)
EOF

#!/bin/bash
# Build a vtysh from the prepared FRR tree whose command table also holds the
# module's commands. FRR's own vtysh_cmd.c is left alone: the generated table
# and the binary go to OUTDIR. Links against the installed libfrr, like
# Debian's /usr/bin/vtysh.
#
# usage: build-vtysh.sh FRR_TREE OUTDIR INCLUDE_DIR MODULE_SOURCE...
# Module sources must sit in a directory named "bgpd": extract.pl maps a
# command to the daemon named by its file's parent directory.
set -euo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin

[ $# -ge 4 ] || { echo "usage: $0 FRR_TREE OUTDIR INCLUDE_DIR MODULE_SOURCE..." >&2; exit 2; }
FRR=$(cd "$1" && pwd)
mkdir -p "$2"
OUT=$(cd "$2" && pwd)
INC=$(cd "$3" && pwd)
shift 3
mods=()
for f in "$@"; do
	mods+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
done

LIBDIR=${FRR_LIBDIR:-/usr/lib/x86_64-linux-gnu/frr}
[ -e "$LIBDIR/libfrr.so.0" ] || { echo "$LIBDIR/libfrr.so.0 missing (is frr installed?)" >&2; exit 1; }

mkvar() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory \
		-C "$FRR" -f Makefile -f - "print-$1" <<'MK'
print-%:
	@echo $($*)
MK
}

scan=$(mkvar vtysh_scan)
extra="$(mkvar HAVE_ISISD) $(mkvar HAVE_FABRICD)"
cflags="$(mkvar AM_CFLAGS) $(mkvar CFLAGS) $(mkvar CPPFLAGS)"
libs="$(mkvar LIBCAP) $(mkvar LIBREADLINE) $(mkvar LIBS) $(mkvar LIBPAM)"
ldflags=$(mkvar LDFLAGS)

# extract.pl preprocesses each file with FRR's include path only; the module
# also needs its own headers.
sed "s|-DVTYSH_EXTRACT_PL|-DVTYSH_EXTRACT_PL -I$INC|" "$FRR/vtysh/extract.pl" >"$OUT/extract.pl"
(cd "$FRR" && perl "$OUT/extract.pl" $scan "${mods[@]}" $extra) >"$OUT/vtysh_cmd.c.tmp"
mv "$OUT/vtysh_cmd.c.tmp" "$OUT/vtysh_cmd.c"

objs=()
for src in "$FRR"/vtysh/vtysh_main.c "$FRR"/vtysh/vtysh.c "$FRR"/vtysh/vtysh_user.c \
	"$FRR"/vtysh/vtysh_config.c "$OUT/vtysh_cmd.c"; do
	obj="$OUT/$(basename "${src%.c}").o"
	# shellcheck disable=SC2086
	gcc -DHAVE_CONFIG_H -I"$FRR" -I"$FRR/lib" -I"$FRR/include" -I"$FRR/lib/assert" \
		-I"$FRR/vtysh" $cflags -c "$src" -o "$obj"
	objs+=("$obj")
done
# shellcheck disable=SC2086
gcc $ldflags -o "$OUT/vtysh" "${objs[@]}" "$LIBDIR/libfrr.so.0" \
	-Wl,-rpath,"$LIBDIR" $libs
echo "built $OUT/vtysh" >&2

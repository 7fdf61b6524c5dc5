#!/bin/bash
# Build a vtysh from the prepared FRR tree whose command table also holds the
# module's commands. FRR's own vtysh_cmd.c is left alone: the generated table
# and the binary go to OUTDIR. Links against the installed libfrr, like
# Debian's /usr/bin/vtysh.
#
# usage: build-vtysh.sh FRR_TREE OUTDIR INCLUDE_DIR MODULE_SO MODULE_SOURCE...
# FRR 8.x: vtysh/extract.pl reads the command definitions from the sources
#   (FRR's scan list plus MODULE_SOURCEs, which must sit in a directory named
#   "bgpd": extract.pl maps a command to the daemon named by that directory).
# FRR 9.x and later: python/xrelfo.py reads them from the ELF xref notes of
#   the installed daemons, libraries and modules (plus those of frr's
#   optional packages, unpacked by prepare-frr-source.sh) and of MODULE_SO.
set -euo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin

[ $# -ge 5 ] || { echo "usage: $0 FRR_TREE OUTDIR INCLUDE_DIR MODULE_SO MODULE_SOURCE..." >&2; exit 2; }
FRR=$(cd "$1" && pwd)
mkdir -p "$2"
OUT=$(cd "$2" && pwd)
INC=$(cd "$3" && pwd)
MODULE_SO=$(readlink -f "$4")
shift 4
mods=()
for f in "$@"; do
	mods+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
done

LIBDIR=/usr/lib/x86_64-linux-gnu/frr
# FRR_ROOT: where frr's files are, / unless it is apt's candidate frr unpacked
# (frr-routeserver-rebuild --candidate); vtysh runs with the installed ones.
ROOT=${FRR_ROOT:-}
[ -e "$ROOT$LIBDIR/libfrr.so.0" ] || { echo "$ROOT$LIBDIR/libfrr.so.0 missing (is frr installed?)" >&2; exit 1; }

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

# The FRR source directory a daemon, library or module of Debian's frr was
# built in.
frr_dir_of() {
	case "$1" in
	fabricd) echo isisd ;;
	pim6d) echo pimd ;;
	libmgmt_be_nb.*) echo mgmtd ;;
	libfrrospfapiclient.*) echo ospfclient ;;
	lib*) echo lib ;;
	dplane_*) echo zebra ;;
	*) echo "${1%%_*}" ;;
	esac
}

# xrelfo.py names a command's daemon by its origin as FRR's build names it
# ("bgpd/bgpd", "isisd/fabricd", "bgpd/bgpd_bmp.so") and resolves the source
# file names Debian's build recorded ("../lib/command.c") from the current
# directory against the tree that holds python/. So: a copy of python/ with
# lib/ beside it, and the ELF files linked under elf/ in FRR's layout.
# usage: xref_vtysh_cmd OUTPUT... (vtysh_cmd.c, then the split parts)
xref_vtysh_cmd() {
	local work=$OUT/xref f name dir inputs=()
	rm -rf "$work"
	mkdir -p "$work/elf"
	cp -r "$FRR/python" "$work/python"
	ln -s "$FRR/lib" "$work/lib"
	for f in "$ROOT"/usr/lib/frr/* "$ROOT$LIBDIR"/lib*.so.0 "$ROOT$LIBDIR"/modules/*.so \
		"$FRR"/../optional/usr/lib/*/frr/lib*.so.0 \
		"$FRR"/../optional/usr/lib/*/frr/modules/*.so "$MODULE_SO"; do
		[ -f "$f" ] && [ "$(head -c4 "$f" | tail -c3)" = ELF ] || continue
		name=$(basename "$f")
		dir=$(frr_dir_of "$name")
		mkdir -p "$work/elf/$dir"
		ln -s "$(readlink -f "$f")" "$work/elf/$dir/$name"
		inputs+=("$dir/$name")
	done
	(cd "$work/elf" && "$FRR/lib/clippy" ../python/xrelfo.py -o ../frr.xref \
		"${inputs[@]}" -c "$@")
}

cmd_srcs=("$OUT/vtysh_cmd.c")
if [ -f "$FRR/vtysh/extract.pl" ]; then
	# extract.pl preprocesses each file with FRR's include path only; the
	# module also needs its own headers.
	sed "s|-DVTYSH_EXTRACT_PL|-DVTYSH_EXTRACT_PL -I$INC|" "$FRR/vtysh/extract.pl" >"$OUT/extract.pl"
	(cd "$FRR" && perl "$OUT/extract.pl" $scan "${mods[@]}" $extra) >"$OUT/vtysh_cmd.c"
else
	# split as FRR's build does: gcc takes minutes on the table in one file
	# and seconds on eight
	cmd_srcs+=("$OUT"/vtysh_cmd.{1..8}.c)
	xref_vtysh_cmd "${cmd_srcs[@]}"
fi

# compiled in parallel, as make -j would
pids=()
objs=()
for src in "$FRR"/vtysh/vtysh_main.c "$FRR"/vtysh/vtysh.c "$FRR"/vtysh/vtysh_user.c \
	"$FRR"/vtysh/vtysh_config.c "${cmd_srcs[@]}"; do
	obj="$OUT/$(basename "${src%.c}").o"
	# shellcheck disable=SC2086
	gcc -DHAVE_CONFIG_H -I"$FRR" -I"$FRR/lib" -I"$FRR/include" -I"$FRR/lib/assert" \
		-I"$FRR/vtysh" $cflags -c "$src" -o "$obj" &
	pids+=("$!")
	objs+=("$obj")
done
for pid in "${pids[@]}"; do
	wait "$pid"
done
# shellcheck disable=SC2086
gcc $ldflags -o "$OUT/vtysh" "${objs[@]}" "$ROOT$LIBDIR/libfrr.so.0" \
	-Wl,-rpath,"$LIBDIR" $libs
echo "built $OUT/vtysh" >&2

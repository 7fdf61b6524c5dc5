#!/bin/bash
# Prepare the FRR source tree that matches the INSTALLED frr package, configured
# exactly like Debian's build, with the generated headers and clippy a module
# needs. Prints the prepared tree's path on stdout (last line).
#   --offline: only report the cached tree; fail if it is not prepared yet
#              (used inside the package build, which must not fetch).
# FRR_VERSION and BGPD (a bgpd of that version) prepare another frr than the
# installed one (frr-routeserver-rebuild --candidate: apt's candidate frr,
# unpacked, not installed).
#
# The result is cached per version under $FRR_RS_CACHE (default
# ~/.cache/frr-routeserver): a second run neither fetches nor configures.
set -euo pipefail

log() { echo "prepare-frr-source: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# configure and clippy break with a python3 from outside /usr/bin (pyenv etc.)
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export DEBIAN_FRONTEND=noninteractive

OFFLINE=
[ "${1:-}" = --offline ] && OFFLINE=1
BGPD=${BGPD:-/usr/lib/frr/bgpd}
CACHE=${FRR_RS_CACHE:-${HOME:-/root}/.cache/frr-routeserver}

apt_install() {
	local missing=()
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	log "installing ${missing[*]}"
	apt-get install -y -q "${missing[@]}" >&2 || {
		apt-get update -q >&2
		apt-get install -y -q "${missing[@]}" >&2
	}
}

[ -n "$OFFLINE" ] || apt_install frr dpkg-dev autoconf automake libtool
VERSION=${FRR_VERSION:-$(dpkg-query -W -f='${Version}' frr)}
[ -x "$BGPD" ] || die "$BGPD not found although frr $VERSION is installed"
# Line 4 of "bgpd --version" is the configure argument string Debian used.
EXPECTED_ARGS=$("$BGPD" --version | sed -n 4p | sed 's/^[[:space:]]*//')
[ -n "$EXPECTED_ARGS" ] || die "cannot read configure arguments from $BGPD --version"

DIR="$CACHE/frr-$VERSION"
TREE="$DIR/tree"
if [ -f "$DIR/.prepared" ]; then
	log "using cached FRR $VERSION source: $TREE"
	echo "$TREE"
	exit 0
fi
[ -z "$OFFLINE" ] || die "FRR $VERSION source is not prepared in $DIR (run $0 first)"

# Source entries are derived from the machine's own binary entries; no mirror
# host name is ever written by this project.
ensure_deb_src() {
	if apt-get source --print-uris -q "frr=$VERSION" >/dev/null 2>&1; then
		return 0
	fi
	local out=/etc/apt/sources.list.d/frr-routeserver-src.sources
	local out_list=/etc/apt/sources.list.d/frr-routeserver-src.list
	log "adding deb-src entries derived from this machine's apt sources"
	: >"$out"
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && [ "$f" != "$out" ] || continue
		grep -qi debian "$f" || continue
		sed -e 's/^Types:.*/Types: deb-src/' "$f" >>"$out"
		echo >>"$out"
	done
	[ -s "$out" ] || rm -f "$out"
	if [ -f /etc/apt/sources.list ]; then
		grep -E '^deb[[:space:]]' /etc/apt/sources.list |
			sed 's/^deb[[:space:]]/deb-src /' >"$out_list" || true
		[ -s "$out_list" ] || rm -f "$out_list"
	fi
	apt-get update -q >&2
	apt-get source --print-uris -q "frr=$VERSION" >/dev/null ||
		die "no source package frr=$VERSION reachable from this machine's apt sources"
}

ensure_deb_src
rm -rf "$DIR"
mkdir -p "$DIR/fetch"
log "fetching frr=$VERSION source"
(cd "$DIR/fetch" && apt-get source -q "frr=$VERSION" >&2)
src=$(find "$DIR/fetch" -mindepth 1 -maxdepth 1 -type d -name 'frr-*' | head -n1)
[ -n "$src" ] || die "apt-get source produced no frr-* directory"
mv "$src" "$TREE"
rm -rf "$DIR/fetch"

cd "$TREE"
if ! dpkg-checkbuilddeps >/dev/null 2>&1; then
	log "installing frr build dependencies"
	apt-get build-dep -y -q "frr=$VERSION" >&2
fi

log "autoreconf"
autoreconf -is >&2
eval "set -- $EXPECTED_ARGS"
log "configure (Debian's flags, as recorded by $BGPD)"
# Debian exports dpkg-buildflags into configure's environment (debian/rules).
eval "$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --export=sh)"
./configure "$@" >"$DIR/configure.log" 2>&1 ||
	die "configure failed, see $DIR/configure.log"

GOT_ARGS=$(sed -n 's/^#define FRR_CONFIG_ARGS "\(.*\)"$/\1/p' lib/version.h)
if [ "$GOT_ARGS" != "$EXPECTED_ARGS" ]; then
	log "recorded by $BGPD:"
	log "  $EXPECTED_ARGS"
	log "recorded by this tree:"
	log "  $GOT_ARGS"
	die "configure arguments differ: a module built here would not match bgpd's ABI"
fi

# What the module and the vtysh build include; vtysh's daemon list exists up
# to FRR 8.x, the management protobuf header from 9.x on.
generated=(lib/route_types.h lib/clippy vtysh/vtysh_clippy.c)
for f in vtysh/vtysh_daemons.h lib/vtysh_daemons.h lib/mgmt.pb-c.h; do
	make -n "$f" >/dev/null 2>&1 && generated+=("$f")
done
log "generating ${generated[*]}"
make -s "${generated[@]}" >"$DIR/make.log" 2>&1 ||
	die "make of generated files failed, see $DIR/make.log"

# From FRR 9 on vtysh's command table comes from the ELF xref notes of
# everything Debian built (tools/build-vtysh.sh), including frr's optional
# packages: unpacked here, not installed.
if [ -f python/xrelfo.py ] && [ ! -f vtysh/extract.pl ]; then
	log "unpacking frr-rpki-rtrlib and frr-snmp $VERSION for vtysh's command table"
	mkdir -p "$DIR/debs"
	(cd "$DIR/debs" && apt-get download -q "frr-rpki-rtrlib=$VERSION" "frr-snmp=$VERSION" >&2)
	for deb in "$DIR"/debs/*.deb; do
		dpkg-deb -x "$deb" "$DIR/optional"
	done
	rm -rf "$DIR/debs"
fi

echo "$VERSION" >"$DIR/.prepared"
log "FRR $VERSION source prepared: $TREE"
echo "$TREE"

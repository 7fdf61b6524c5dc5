#!/bin/bash
# Sets everything up on a Debian 12 or 13 machine (root): packages, the FRR
# source matching the installed frr, and the build in ./_build (or
# $RS_BUILDDIR). Repeatable: a second run installs and configures nothing new.
# usage: tools/setup.sh [MAKE_TARGET...]
#   e.g. "tools/setup.sh deb" also builds the Debian package.
#        tools/setup.sh --packages-only   installs the packages, nothing else
# Prints the build directory on its last line.
set -euo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export DEBIAN_FRONTEND=noninteractive

top=$(cd "$(dirname "$0")/.." && pwd)
log() { echo "setup: $*" >&2; }

[ "$(id -u)" -eq 0 ] || { log "run as root (apt-get, network namespaces)"; exit 1; }

# What the build, the tests and the lab use; frr itself comes with its bgpd.
packages=(frr autoconf automake libtool pkg-config make gcc libcmocka-dev
	dpkg-dev jq iproute2 gobgpd bird2 procps bc debhelper lintian valgrind clang-format
	frr-pythontools
	prometheus-node-exporter prometheus # the metrics test (prometheus: promtool)
	systemd) # systemd-analyze: the package test reads the start guard's drop-in
# on Debian 12, what builds the Debian 13 root (tools/debian13.sh)
. /etc/os-release
[ "$VERSION_ID" != 12 ] || packages+=(mmdebstrap)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	log "installing ${missing[*]}"
	apt-get update -q >&2
	apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
fi
# (Debian enables and starts frr and bird on install; they are left as they
# are: the lab and the tests run their own daemons in namespaces.)
[ "${1:-}" != --packages-only ] || exit 0

frr_tree=$("$top/tools/prepare-frr-source.sh" | tail -n1)

"$top/tools/autogen.sh"
builddir=${RS_BUILDDIR:-$top/_build}
mkdir -p "$builddir"
cd "$builddir"
if [ ! -f Makefile ] || ! grep -q "^FRR_SOURCE = $frr_tree\$" Makefile; then
	log "configure"
	"$top/configure" --with-frr-source="$frr_tree" --enable-werror >&2
fi
log "make"
make -j"$(nproc)" >&2
if [ $# -gt 0 ]; then
	log "make $*"
	make "$@" >&2
fi
echo "$builddir"

#!/bin/bash
# A Debian 13 (trixie) root on this Debian 12 machine, to build, test and
# package the module against Debian 13's frr. mmdebstrap builds it from the
# mirrors this machine's own apt sources name (bookworm suites swapped for
# trixie's; no host name is written by this project). Cached under
# $FRR_RS_CACHE/debian13-root (default ~/.cache/frr-routeserver): a second
# run builds nothing.
#
# usage: tools/debian13.sh create            build the root unless cached; print its path
#        tools/debian13.sh setup [TARGET...] tools/setup.sh inside it, building
#                                            into ./_build-debian13 (e.g. "setup deb")
#        tools/debian13.sh check             the whole suite inside it (tests/check.sh --here)
#        tools/debian13.sh run CMD...        run CMD as root inside it, with this
#                                            source tree at /src (private mounts,
#                                            gone when CMD ends)
set -euo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
export DEBIAN_FRONTEND=noninteractive

top=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${FRR_RS_CACHE:-${HOME:-/root}/.cache/frr-routeserver}
ROOT=$CACHE/debian13-root
log() { echo "debian13: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# deb822 sources for trixie from this machine's Debian entries ("deb" types
# only; prepare-frr-source.sh adds deb-src inside the root as it does here).
trixie_sources() {
	local f
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] && grep -q '^Types:.*\bdeb\b' "$f" || continue
		awk 'BEGIN { RS = ""; ORS = "\n\n" }
			/Types:[^\n]*deb([ \n]|$)/ && /Suites:[^\n]*bookworm/ { print }' "$f" |
			sed -e '/^#/d' -e 's/^Types:.*/Types: deb/' -e 's/bookworm/trixie/g'
	done
	if [ -f /etc/apt/sources.list ]; then
		grep -E '^deb[[:space:]].*bookworm' /etc/apt/sources.list |
			sed -E -e 's/bookworm/trixie/g' -e 's/\[[^]]*\][[:space:]]*//' |
			awk '{ print "Types: deb\nURIs: " $2 "\nSuites: " $3 "\nComponents: main\n" }'
	fi
}

create() {
	if [ -f "$ROOT/.created" ]; then
		echo "$ROOT"
		return 0
	fi
	# (mmdebstrap is one of setup.sh's packages on Debian 12)
	command -v mmdebstrap >/dev/null || "$top/tools/setup.sh" --packages-only
	local sources
	sources=$(trixie_sources)
	[ -n "$sources" ] || die "no Debian bookworm entry in this machine's apt sources to derive trixie's from"
	rm -rf "$ROOT"
	mkdir -p "$CACHE"
	echo "$sources" >"$CACHE/debian13.sources"
	log "building a Debian 13 root in $ROOT"
	# policy-rc.d: packages installed later must not start daemons on this
	# machine's network.
	mmdebstrap --variant=minbase --include=frr,iproute2,ca-certificates \
		--customize-hook='printf "#!/bin/sh\nexit 101\n" >"$1/usr/sbin/policy-rc.d"' \
		--customize-hook='chmod 755 "$1/usr/sbin/policy-rc.d"' \
		trixie "$ROOT" "$CACHE/debian13.sources" >&2 ||
		die "mmdebstrap failed"
	touch "$ROOT/.created"
	echo "$ROOT"
}

run() {
	[ -f "$ROOT/.created" ] || create >/dev/null
	"$top/tools/autogen.sh"
	cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null || true
	mkdir -p "$ROOT/src"
	unshare --mount --propagation private -- bash -euc '
		root=$1 top=$2
		shift 2
		# "/" must be a mount point for "ip netns exec"
		mount --bind "$root" "$root"
		mount -t proc proc "$root/proc"
		mount --rbind /sys "$root/sys"
		mount --rbind /dev "$root/dev"
		mount -t tmpfs tmpfs "$root/run"
		mount --bind "$top" "$root/src"
		exec chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
			PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"' debian13 "$ROOT" "$top" "$@"
}

case "${1:-}" in
create) create ;;
setup)
	shift
	run env RS_BUILDDIR=/src/_build-debian13 bash /src/tools/setup.sh "$@" >&2
	echo "$top/_build-debian13"
	;;
check)
	# a slot pool of tests/check.sh's (in this tree) is /src/... inside
	run env RS_BUILDDIR=/src/_build-debian13 ${RS_SLOTS:+RS_SLOTS=/src/${RS_SLOTS#"$top"/}} \
		bash /src/tests/check.sh --here
	;;
run)
	shift
	[ $# -gt 0 ] || die "run needs a command"
	run "$@"
	;;
*) echo "usage: $0 create | setup [TARGET...] | check | run CMD..." >&2; exit 2 ;;
esac

#!/bin/bash
# configure refuses any bgpd but FRR 8.4 and 10.3, and a source tree of
# another version than the installed bgpd, each with one sentence naming
# what it found and what is supported. Runs configure in a scratch build
# directory with a stand-in bgpd that only answers --version.
set -u
source "$(dirname "$0")/../common.sh"
: "${RS_BUILDDIR:?}" "${RS_SRCDIR:?}"
work=$(mktemp -d /tmp/frr-routeserver-configure.XXXXXX)
trap 'rm -rf "$work"' EXIT

frr_source=$(sed -n 's/^FRR_SOURCE = //p' "$RS_BUILDDIR/Makefile")
tree_version=$(grep '^#define FRR_VERSION' "$frr_source/lib/version.h" | cut -d'"' -f2)

# fake_bgpd VERSION: prints the bgpd --version header of FRR VERSION
fake_bgpd() {
	printf '#!/bin/sh\nprintf "bgpd version %s\\nCopyright\\nconfigured with:\\n    --fake\\n"\n' "$1" >"$work/bgpd"
	chmod +x "$work/bgpd"
}

# configure_error: configure's last "error:" line with the stand-in bgpd
configure_error() {
	(cd "$work" && BGPD=$work/bgpd "$RS_SRCDIR/configure" \
		--with-frr-source="$frr_source" >/dev/null 2>"$work/err")
	echo "rc=$? $(sed -n 's/^configure: error: //p' "$work/err" | tail -n1)"
}

fake_bgpd 9.1
expect_eq "FRR 9.1 is refused, naming what is supported" \
	"rc=1 found FRR 9.1 at $work/bgpd; supported are FRR 8.4 (Debian 12's frr 8.4.4) and FRR 10.3 (Debian 13's frr 10.3)" \
	"$(configure_error)"

other=10.3
[ "$tree_version" = 10.3 ] && other=8.4.4
fake_bgpd "$other"
expect_eq "a source tree of another FRR version than bgpd is refused" \
	"rc=1 $frr_source is FRR $tree_version but $work/bgpd is FRR $other; prepare the source of the installed frr with tools/prepare-frr-source.sh" \
	"$(configure_error)"

fake_bgpd "$tree_version"
expect_eq "the tree's own version passes the version check (then the ABI check refuses the fake bgpd)" \
	"rc=1 configure arguments of $frr_source differ from $work/bgpd --version: a module built here would not match bgpd's ABI" \
	"$(configure_error)"

t_done

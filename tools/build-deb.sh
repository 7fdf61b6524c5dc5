#!/bin/bash
# Builds frr-routeserver_<version>+deb<N>_amd64.deb from this source tree
# against a prepared FRR tree, in a scratch copy (the tree stays clean), and
# runs lintian on it (errors fail the build). +deb<N> names the Debian release
# built on: each package depends on exactly the frr it was built against.
# usage: build-deb.sh FRR_TREE OUTDIR      (prints the .deb path last)
set -euo pipefail
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
[ $# -eq 2 ] || { echo "usage: $0 FRR_TREE OUTDIR" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd)
frr=$(cd "$1" && pwd)
mkdir -p "$2"
out=$(cd "$2" && pwd)

work=$(mktemp -d /tmp/frr-routeserver-deb.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir "$work/src"
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	# tracked files and new ones not ignored: what a commit would hold
	git -C "$top" ls-files -z --cached --others --exclude-standard |
		(cd "$top" && xargs -0 cp --parents -t "$work/src" 2>/dev/null || true)
else
	cp -a "$top/." "$work/src/"
	rm -rf "$work/src/_build"
fi

cd "$work/src"
. /etc/os-release
sed -i "1s/^\([^ ]*\) (\([^)]*\)) [^;]*;/\1 (\2+deb$VERSION_ID) $VERSION_CODENAME;/" debian/changelog
dpkg-checkbuilddeps >&2
FRR_SOURCE=$frr dpkg-buildpackage -us -uc -b >"$work/build.log" 2>&1 || {
	tail -n 60 "$work/build.log" >&2
	exit 1
}
deb=$(ls "$work"/frr-routeserver_*_amd64.deb)
cp "$deb" "$out/"
deb="$out/$(basename "$deb")"

echo "lintian:" >&2
lintian --fail-on error "$deb" >&2
echo "$deb"

#!/bin/bash
# The documents name the package the build makes. configure.ac's AC_INIT
# version is the version; debian/changelog's top entry names it too (the
# package build adds +debN to it, in its scratch copy, frr-routeserver-rebuild
# +frrFRRVERSION: left out here). Every
# package file name frr-routeserver_VERSION+debN_amd64.deb (tools/build-deb.sh)
# in README.md, doc/*.md, the man pages and debian/README.Debian, and every
# man page's .TH "frr-routeserver VERSION", must name it. Prints TAP
# (automake's test harness, "make check-unit"; srcdir from it).
set -euo pipefail
shopt -s extglob nullglob
cd "${srcdir:-.}"

version=$(sed -n 's/^AC_INIT(\[frr-routeserver\], \[\([^]]*\)\].*/\1/p' configure.ac)
changelog=$(sed -n '1s/^frr-routeserver (\([^)+]*\)\(+deb[0-9]*\)\{0,1\}\(+frr[^)]*\)\{0,1\}).*/\1/p' debian/changelog)
docs=(README.md doc/*.md doc/*.[1-9] debian/README.Debian)
mans=(doc/*.[1-9])

results=()
# check DESCRIPTION CONDITION...: one TAP line, "ok" when CONDITION holds.
check() {
	local what=$1
	shift
	if "$@"; then results+=("ok - $what"); else results+=("not ok - $what"); fi
}
is() { [ "$1" = "$2" ]; }
is_deb() { [[ $1 == "frr-routeserver_${version}+deb"+([0-9])"_amd64.deb" ]]; }

check "configure.ac's AC_INIT has a version (${version:-none})" test -n "$version"
check "debian/changelog's top version (${changelog:-none}) is configure.ac's ($version)" \
	is "$changelog" "$version"
debs=0
while IFS=: read -r file line deb; do
	debs=$((debs + 1))
	check "$file:$line: $deb names $version" is_deb "$deb"
done < <(grep -Hno 'frr-routeserver_[0-9][^ `"'\'']*\.deb' "${docs[@]}" || true)
check "the documents name the package file ($debs times)" test "$debs" -gt 0
for man in "${mans[@]}"; do
	th=$(sed -n 's/^\.TH .*"frr-routeserver \([^"]*\)".*/\1/p' "$man")
	check "$man: .TH names frr-routeserver ${th:-(none)}; the version is $version" is "$th" "$version"
done
check "there are man pages (${#mans[@]})" test "${#mans[@]}" -gt 0

echo "1..${#results[@]}"
fails=0
for r in "${results[@]}"; do
	echo "$r"
	[[ $r != "not ok"* ]] || fails=1
done
exit "$fails"

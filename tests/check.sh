#!/bin/bash
# The whole test suite, on both supported targets: here (Debian 12, frr 8.4)
# and in a Debian 13 root built on this machine (frr 10.3; tools/debian13.sh).
# Per target: setup (tools/setup.sh), the Debian package's installation test
# (builds the .deb, installs, reloads, removes it, restores FRR's
# configuration), the integration tests under valgrind, then "make check"
# (C format check, cmocka unit tests, integration tests). Ends with one
# summary line per target and stage.
#   --here: this machine's target only (what the Debian 13 root runs)
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
here_only=
[ "${1:-}" = --here ] && here_only=1

# run_here: every stage on this machine's target; "SUMMARY:" lines on stdout.
run_here() {
	local builddir target stage log rc counts status=0 lines=()
	target=$("$top/tests/target.sh")
	builddir=$("$top/tools/setup.sh" | tail -n1) || {
		echo "SUMMARY: [$target] setup FAILED"
		return 1
	}
	log=$(mktemp /tmp/frr-routeserver-check.XXXXXX)
	for stage in check-package check-valgrind check; do
		make -s --no-print-directory -C "$builddir" "$stage" 2>&1 | tee "$log"
		rc=${PIPESTATUS[0]}
		counts=$(grep -E '^(# )?[0-9]+ (passed|checks)' "$log" | tail -n1 | sed 's/^# //')
		lines+=("SUMMARY: [$target] $stage: ${counts:-no result} -> $([ "$rc" -eq 0 ] && echo ok || echo FAILED)")
		[ "$rc" -eq 0 ] || status=1
	done
	rm -f "$log"
	printf '%s\n' "${lines[@]}"
	return $status
}

if [ -n "$here_only" ]; then
	run_here
	exit $?
fi

status=0
summary=$(mktemp /tmp/frr-routeserver-summary.XXXXXX)
trap 'rm -f "$summary"' EXIT
run_here | tee -a "$summary"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
echo "=== Debian 13 root (frr 10.3)"
"$top/tools/debian13.sh" check | tee -a "$summary"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
echo "=== summary"
grep '^SUMMARY: ' "$summary" | sed 's/^SUMMARY: //'
exit $status

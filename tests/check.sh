#!/bin/bash
# The whole test suite, on both supported targets: here (Debian 12, frr 8.4)
# and in a Debian 13 root built on this machine (frr 10.3; tools/debian13.sh),
# the two side by side. Per target: setup (tools/setup.sh), the Debian
# package's installation test (builds the .deb, installs, reloads, removes
# it, restores FRR's configuration), the integration tests under valgrind,
# then "make check" (C format check, cmocka unit tests, integration tests).
# The integration tests of both targets share one pool of slots, two per
# core (tests/run-tests.sh --slots), so that together they never load the
# machine more than one target alone would. Debian 13's output is kept and
# printed whole after Debian 12's. Ends with one summary line per target and
# stage, with its time.
#   --here: this machine's target only (what the Debian 13 root runs)
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
here_only=
[ "${1:-}" = --here ] && here_only=1

# run_here: every stage on this machine's target; "SUMMARY:" lines on stdout.
run_here() {
	local builddir target stage log rc counts t0 status=0 lines=()
	t0=$SECONDS
	builddir=$("$top/tools/setup.sh" | tail -n1) || {
		echo "SUMMARY: [$("$top/tests/target.sh")] setup FAILED"
		return 1
	}
	# (after setup: on a new machine frr is only installed now)
	target=$("$top/tests/target.sh")
	lines+=("SUMMARY: [$target] setup -> ok, $((SECONDS - t0)) s")
	log=$(mktemp /tmp/frr-routeserver-check.XXXXXX)
	for stage in check-package check-valgrind check; do
		t0=$SECONDS
		make -s --no-print-directory -C "$builddir" "$stage" 2>&1 | tee "$log"
		rc=${PIPESTATUS[0]}
		counts=$(grep -E '^(# )?[0-9]+ (passed|checks)' "$log" | tail -n1 | sed 's/^# //')
		# automake's TAP summary of the unit tests ("make check")
		! grep -q '^# TOTAL: ' "$log" ||
			counts="unit $(sed -n 's/^# PASS: *//p' "$log") of $(sed -n 's/^# TOTAL: *//p' "$log") passed; integration ${counts:-no result}"
		lines+=("SUMMARY: [$target] $stage: ${counts:-no result} -> $([ "$rc" -eq 0 ] && echo ok || echo FAILED), $((SECONDS - t0)) s")
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

t_start=$SECONDS
status=0
summary=$(mktemp /tmp/frr-routeserver-summary.XXXXXX)
d13_log=$(mktemp /tmp/frr-routeserver-debian13.XXXXXX)
# the pool lives in the source tree: the Debian 13 root sees it at /src
slots=$top/.check-slots
rm -rf "$slots"
mkdir -p "$slots"
for ((i = 0; i < 2 * $(nproc); i++)); do : >"$slots/slot.$i"; done
export RS_SLOTS=$slots
trap 'rm -f "$summary" "$d13_log"; rm -rf "$slots"' EXIT

# Debian 13 starts once this machine's packages are in (its root is built
# with this machine's mmdebstrap; two apt-gets at once would fight over
# dpkg's lock).
"$top/tools/setup.sh" --packages-only >/dev/null || status=1
"$top/tools/debian13.sh" check >"$d13_log" 2>&1 &
d13=$!

run_here | tee -a "$summary"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
wait "$d13" || status=1
echo "=== Debian 13 root (frr 10.3)"
cat "$d13_log"
grep '^SUMMARY: ' "$d13_log" >>"$summary"
echo "=== summary ($(((SECONDS - t_start) / 60)) min $(((SECONDS - t_start) % 60)) s)"
grep '^SUMMARY: ' "$summary" | sed 's/^SUMMARY: //'
exit $status

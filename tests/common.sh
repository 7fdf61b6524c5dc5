#!/bin/bash
# TAP-style assertions and bounded waits shared by the integration and
# package tests.

t_log() { echo "# $*" >&2; }

T_FAILS=0
T_CHECKS=0
T_SKIPS=0
T_SKIPPED=()

# expect_eq DESCRIPTION EXPECTED ACTUAL
expect_eq() {
	T_CHECKS=$((T_CHECKS + 1))
	if [ "$2" == "$3" ]; then
		echo "ok - $1"
	else
		echo "not ok - $1"
		diff <(echo "$2") <(echo "$3") | sed 's/^/#   /'
		T_FAILS=$((T_FAILS + 1))
	fi
}

# expect_true DESCRIPTION COMMAND...
expect_true() {
	local what=$1
	shift
	T_CHECKS=$((T_CHECKS + 1))
	if "$@"; then
		echo "ok - $what"
	else
		echo "not ok - $what"
		T_FAILS=$((T_FAILS + 1))
	fi
}

# expect_skip DESCRIPTION REASON: a check that cannot run, reported as
# skipped (TAP's "# SKIP" directive): counted, neither passed nor failed.
expect_skip() {
	T_CHECKS=$((T_CHECKS + 1))
	T_SKIPS=$((T_SKIPS + 1))
	T_SKIPPED+=("$1 ($2)")
	echo "ok - $1 # SKIP $2"
}

# t_done: the summary line ("# N checks, M failed", and ", K skipped" with
# the skipped checks listed when there are any); fails if a check failed.
t_done() {
	if [ "$T_SKIPS" -eq 0 ]; then
		echo "# $T_CHECKS checks, $T_FAILS failed"
	else
		echo "# $T_CHECKS checks, $T_FAILS failed, $T_SKIPS skipped"
		printf '#   skipped: %s\n' "${T_SKIPPED[@]}"
	fi
	[ "$T_FAILS" -eq 0 ]
}

# lacks TEXT PATTERN: TEXT is not empty and has no line matching PATTERN
# (a negative check that an empty or failed output cannot pass).
lacks() { [ -n "$1" ] && ! grep -q -- "$2" <<<"$1"; }

# quietly COMMAND...: runs it with its output discarded (for expect_true).
quietly() { "$@" >/dev/null 2>&1; }

# now: the time, in seconds with microseconds; seconds_since NOW: the
# seconds since that time, one decimal.
now() { echo "$EPOCHREALTIME"; }
seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

# wait_until SECONDS DESCRIPTION COMMAND...: polls every 0.2 s, bounded.
wait_until() {
	local timeout=$1 what=$2 i
	shift 2
	for ((i = 0; i < timeout * 5; i++)); do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.2
	done
	t_log "timed out after ${timeout}s waiting for: $what"
	return 1
}

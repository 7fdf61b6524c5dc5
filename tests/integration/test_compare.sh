#!/bin/bash
# tools/frr-routeserver-compare on hand-written "show bgp route-server json"
# outputs (compare/): configuration only, one line a difference, exit 0 same,
# 1 differences, 2 bad input. Needs no namespaces and no daemons.
set -u
here=$(cd "$(dirname "$0")" && pwd)
source "$here/../common.sh"
COMPARE=$here/../../tools/frr-routeserver-compare
F=$here/compare

# run ARGS...: "EXIT: STDOUT" of the tool (stderr in $T_ERR).
T_ERR=$(mktemp)
trap 'rm -f "$T_ERR"' EXIT
run() {
	local out rc
	out=$("$COMPARE" "$@" 2>"$T_ERR")
	rc=$?
	echo "$rc: $out"
}

expect_eq "identical configuration (state, counts, routerId, warnings and order differ)" \
	"0: same configuration" "$(run "$F/rs1.json" "$F/rs2-same.json")"
expect_eq "a file compared with itself" "0: same configuration" "$(run "$F/rs1.json" "$F/rs1.json")"
expect_eq "knob differs" "1: allowBranchToBranch: true (A) != false (B)
1 difference" "$(run "$F/rs1.json" "$F/rs2-knob.json")"
expect_eq "knob differs, the other way round" "1: allowBranchToBranch: false (A) != true (B)
1 difference" "$(run "$F/rs2-knob.json" "$F/rs1.json")"
expect_eq "role differs" "1: neighbor 10.0.0.2: role expressroute-gateway (A) != vpn-gateway (B)
1 difference" "$(run "$F/rs1.json" "$F/rs2-role.json")"
expect_eq "neighbor missing in B" "1: neighbor 10.0.0.11: role nva (A) != missing (B)
1 difference" "$(run "$F/rs1.json" "$F/rs2-missing.json")"
expect_eq "neighbor missing in A" "1: neighbor 10.0.0.11: role missing (A) != nva (B)
1 difference" "$(run "$F/rs2-missing.json" "$F/rs1.json")"
expect_eq "several: version and dynamic neighbor are notes; a key only in B, peerGroup, remoteAs" \
	"1: note: frrVersion 8.4.4 (A) != 10.3 (B)
note: neighbor 10.0.0.13 in B is dynamic (bgp listen range): not compared
routingPreference: missing (A) != ExpressRoute (B)
neighbor 10.0.0.4: peerGroup VPNGW (A) != missing (B)
neighbor 10.0.0.12: remoteAs 65002 (A) != 65012 (B)
3 differences" "$(run "$F/rs1.json" "$F/rs2-several.json")"

# A from stdin, and --vtysh with shell commands that print the JSON
expect_eq "A from stdin (-)" "1: allowBranchToBranch: true (A) != false (B)
1 difference" "$(run - "$F/rs2-knob.json" <"$F/rs1.json")"
expect_eq "--vtysh: commands that print the JSON" "1: neighbor 10.0.0.11: role nva (A) != missing (B)
1 difference" "$(run --vtysh "cat '$F/rs1.json'" "cat '$F/rs2-missing.json'")"

# bad input: exit 2 and a sentence on stderr naming the input
expect_eq "not JSON: exit 2" "2: " "$(run "$F/rs1.json" "$F/bad.json")"
expect_true "not JSON: says so and shows how it starts" \
	grep -q "^frr-routeserver-compare: B: .*bad.json is not JSON .*it starts: % Unknown command" "$T_ERR"
expect_eq "JSON of another command: exit 2" "2: " "$(run "$F/not-routeserver.json" "$F/rs1.json")"
expect_true "JSON of another command: says it is not show bgp route-server json" \
	grep -q "^frr-routeserver-compare: A: .*not-routeserver.json is JSON but not the output of 'show bgp route-server json'" "$T_ERR"
expect_eq "unreadable file: exit 2" "2: " "$(run "$F/rs1.json" "$F/no-such-file.json")"
expect_true "unreadable file: names it" grep -q "^frr-routeserver-compare: B: cannot read .*no-such-file.json" "$T_ERR"
expect_eq "stdin for both: exit 2" "2: " "$(run - - </dev/null)"
expect_eq "--vtysh: a failing command, exit 2" "2: " "$(run --vtysh "cat '$F/rs1.json'" "echo 'no daemon' >&2; exit 1")"
expect_true "--vtysh: a failing command, its exit and stderr shown" \
	grep -q "^frr-routeserver-compare: B: command failed (exit 1): .*: no daemon" "$T_ERR"
expect_eq "--vtysh: a command that prints nothing, exit 2" "2: " "$(run --vtysh "cat '$F/rs1.json'" "true")"
expect_eq "one argument only: usage, exit 2" "2: " "$(run "$F/rs1.json")"

help=$("$COMPARE" --help)
expect_eq "--help: exit 0" 0 "$?"
expect_true "--help documents --vtysh" grep -q -- "--vtysh \[--timeout SECONDS\] CMD_A CMD_B" <<<"$help"
expect_true "--help documents the exit codes" \
	grep -q "^Exit status: 0 same configuration, 1 differences, 2 bad input" <<<"$help"

t_done

#!/bin/bash
# tools/frr-routeserver-compare.
# (a) Hand-written "show bgp route-server json" outputs (compare/), the usage
#     before 0.8.0: the module's settings alone, one line a difference, exit
#     0 same, 1 differences, 2 bad input.
# (b) Two real route servers (topology.sh, TOPO_RS2=1: rs 10.0.0.1 and rs2
#     10.0.0.5): the pair compares equal, its router-ids and hostnames masked
#     and listed; saved outputs and the masks the lab's bgpd cannot show
#     (interface addresses, passwords, a rolling update's version).
# (c) Independent scenarios, each starting from a pair that compares equal:
#     one drift made with vtysh (a network line, a timer, a route-map, a role)
#     is found with exit 1, the exact difference lines and the JSON
#     (expected/compare/NAME.json), then reverted; the masks for the
#     instance's own address and --mask.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topology.sh"
COMPARE=$RS_SRCDIR/tools/frr-routeserver-compare
F=$TOPO_DIR/compare
T_ERR=$T_DIR/compare.stderr

# run ARGS...: "EXIT: STDOUT" of the tool (stderr in $T_ERR); differences
# ARGS...: the same with the masked lines left out.
run() {
	local out rc
	out=$("$COMPARE" "$@" 2>"$T_ERR")
	rc=$?
	echo "$rc: $out"
}
differences() {
	local out rc
	out=$("$COMPARE" "$@" 2>"$T_ERR")
	rc=$?
	echo "$rc: $(grep -v '^masked: ' <<<"$out")"
}

# --- (a) the module's settings alone ---------------------------------------------
JSON_ONLY="note: no running configuration in the input: only the module's settings compared (give the output of vtysh -c 'show running-config' -c 'show bgp route-server json', or --vtysh)"
expect_eq "identical settings (state, counts, routerId, warnings and order differ)" \
	"0: $JSON_ONLY
same configuration" "$(run "$F/rs1.json" "$F/rs2-same.json")"
expect_eq "a file compared with itself" "0: $JSON_ONLY
same configuration" "$(run "$F/rs1.json" "$F/rs1.json")"
expect_eq "knob differs" "1: $JSON_ONLY
allowBranchToBranch: true (A) != false (B)
1 difference" "$(run "$F/rs1.json" "$F/rs2-knob.json")"
expect_eq "knob differs, the other way round" "1: $JSON_ONLY
allowBranchToBranch: false (A) != true (B)
1 difference" "$(run "$F/rs2-knob.json" "$F/rs1.json")"
expect_eq "role differs" "1: $JSON_ONLY
neighbor 10.0.0.2: role expressroute-gateway (A) != vpn-gateway (B)
1 difference" "$(run "$F/rs1.json" "$F/rs2-role.json")"
expect_eq "neighbor missing in B" "1: $JSON_ONLY
neighbor 10.0.0.11: role nva (A) != missing (B)
1 difference" "$(run "$F/rs1.json" "$F/rs2-missing.json")"
expect_eq "neighbor missing in A" "1: $JSON_ONLY
neighbor 10.0.0.11: role missing (A) != nva (B)
1 difference" "$(run "$F/rs2-missing.json" "$F/rs1.json")"
expect_eq "several: version and dynamic neighbor are notes; a key only in B, peerGroup, remoteAs" \
	"1: note: frr version 8.4.4 (A) != 10.3 (B)
$JSON_ONLY
note: neighbor 10.0.0.13 in B is dynamic (bgp listen range): not compared
routingPreference: missing (A) != ExpressRoute (B)
neighbor 10.0.0.4: peerGroup VPNGW (A) != missing (B)
neighbor 10.0.0.12: remoteAs 65002 (A) != 65012 (B)
3 differences" "$(run "$F/rs1.json" "$F/rs2-several.json")"
expect_eq "A from stdin (-)" "1: $JSON_ONLY
allowBranchToBranch: true (A) != false (B)
1 difference" "$(run - "$F/rs2-knob.json" <"$F/rs1.json")"
expect_eq "--json: the differences as objects, camelCase" \
	"$(expected_json compare/knob.json)" "$("$COMPARE" --json "$F/rs1.json" "$F/rs2-knob.json" | jq -c .)"

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
# (--vtysh appends its -c options to each command: sh -c takes them as $0...)
expect_eq "--vtysh: a failing command, exit 2" "2: " \
	"$(run --vtysh "sh -c 'cat $F/rs1.json'" "sh -c 'echo no daemon >&2; exit 1'")"
expect_true "--vtysh: a failing command, its exit and stderr shown" \
	grep -q "^frr-routeserver-compare: B: command failed (exit 1): .*: no daemon" "$T_ERR"
expect_eq "--vtysh: a command that prints nothing, exit 2" "2: " "$(run --vtysh "sh -c 'cat $F/rs1.json'" "true")"
expect_true "--vtysh: a command that prints nothing, says so" \
	grep -q "^frr-routeserver-compare: B: the output of the command is not JSON .*; it is empty" "$T_ERR"
expect_eq "one argument only: usage, exit 2" "2: " "$(run "$F/rs1.json")"
expect_eq "--mask with a bad regular expression: exit 2" "2: " "$(run --mask '(' "$F/rs1.json" "$F/rs1.json")"

help=$("$COMPARE" --help)
expect_eq "--help: exit 0" 0 "$?"
expect_true "--help documents --vtysh, --mask and --json" grep -q -- \
	"--json\] \[--mask REGEX\]... --vtysh \[--timeout SECONDS\] CMD_A CMD_B" <<<"$help"
expect_true "--help documents the exit codes" \
	grep -q "^Exit status: 0 same configuration, 1 differences, 2 bad input" <<<"$help"

# --- (b) two real route servers --------------------------------------------------
TOPO_RS2=1
topo_start || { echo "not ok - topology with two route servers did not come up"; exit 1; }

# vtysh_cmd NODE: the command that runs vtysh on NODE (--vtysh's CMD_A and
# CMD_B).
vtysh_cmd() { printf '%q --vty_socket %q' "$RS_VTYSH" "$T_DIR/$1"; }
# pair_diff [ARGS...]: "EXIT: OUTPUT" of the tool on rs (A) and rs2 (B), the
# masked lines left out; pair_json: its --json differences.
pair_diff() { differences "$@" --vtysh "$(vtysh_cmd rs)" "$(vtysh_cmd rs2)"; }
pair_json() { "$COMPARE" --json --vtysh "$(vtysh_cmd rs)" "$(vtysh_cmd rs2)" | jq -c .differences; }
pair_same() { [ "$(pair_diff)" = "0: same configuration" ]; }
# bgp_cfg_on NODE ARGS...: configuration commands in route server NODE's
# "router bgp 65515" (rs_cfg for either instance); prints what vtysh answers.
bgp_cfg_on() {
	local node=$1
	shift
	vtysh_on "$node" -c "configure terminal" -c "router bgp 65515" "$@" 2>&1
}
# saved NODE: what an operator saves of route server NODE, the tool's input.
saved() { vtysh_on "$1" -c "show running-config" -c "show bgp route-server json"; }

host=$(uname -n) # vtysh adds its own host's "hostname" line
same_out="masked: hostname route-server, $host (A) / route-server, $host (B)
masked: router bgp 65515: bgp router-id 10.0.0.1 (A) / 10.0.0.5 (B)
same configuration"
expect_eq "rs and rs2 (--vtysh): the same configuration, hostname and router-id masked" \
	"0: $same_out" "$(run --vtysh "$(vtysh_cmd rs)" "$(vtysh_cmd rs2)")"
expect_eq "rs and rs2 (--json): same, the masked lines" "$(expected_json compare/same.json)" \
	"$("$COMPARE" --json --vtysh "$(vtysh_cmd rs)" "$(vtysh_cmd rs2)" |
		jq -c '.masked |= map(select(.line != "hostname <masked>"))')"

saved rs >"$T_DIR/rs.txt"
saved rs2 >"$T_DIR/rs2.txt"
expect_eq "saved outputs: the same as --vtysh" "0: $same_out" "$(run "$T_DIR/rs.txt" "$T_DIR/rs2.txt")"
expect_eq "saved output of A from stdin" "0: $same_out" "$(run - "$T_DIR/rs2.txt" <"$T_DIR/rs.txt")"

# with_lines FILE AFTER LINES: FILE with LINES (\n between them) inserted after
# its line AFTER.
with_lines() { sed "/^$2\$/a\\$3" "$1"; }
with_lines "$T_DIR/rs.txt" ' bgp router-id 10.0.0.1' ' neighbor 10.0.0.12 password s3cret' >"$T_DIR/rs-pw.txt"
expect_eq "a password only in A: a difference, the password hidden" \
	"1: router bgp 65515: neighbor 10.0.0.12 password <hidden> only in A
1 difference" "$(differences "$T_DIR/rs-pw.txt" "$T_DIR/rs2.txt")"
expect_true "a password only in A: never printed" lacks "$(run "$T_DIR/rs-pw.txt" "$T_DIR/rs2.txt")" s3cret
for n in 1 5; do
	with_lines "$T_DIR/rs$([ $n = 1 ] || echo 2).txt" "service integrated-vtysh-config" \
		"!\ninterface eth0\n ip address 10.0.0.$n/24\n ipv6 address fd00::$n/64\nexit" >"$T_DIR/if-$n.txt"
done
expect_eq "interface addresses: masked and listed" "0: $(sed '1a\
masked: interface eth0: ip address 10.0.0.1/24 (A) / 10.0.0.5/24 (B)\
masked: interface eth0: ipv6 address fd00::1/64 (A) / fd00::5/64 (B)' <<<"$same_out")" \
	"$(run "$T_DIR/if-1.txt" "$T_DIR/if-5.txt")"
sed 's/^frr version .*/frr version 99.1/' "$T_DIR/rs2.txt" >"$T_DIR/rs2-version.txt"
expect_eq "another frr version (a rolling update): a note, not a difference" \
	"0: note: frr version $(sed -n 's/^frr version //p' "$T_DIR/rs.txt") (A) != 99.1 (B)
$same_out" "$(run "$T_DIR/rs.txt" "$T_DIR/rs2-version.txt")"
expect_eq "running configuration in A only: exit 2" "2: " "$(run "$T_DIR/rs.txt" "$F/rs1.json")"
expect_true "running configuration in A only: says so" \
	grep -q "^frr-routeserver-compare: B: no running configuration (\"end\" line) before the JSON, while A has one" "$T_ERR"
old_cmd="$(vtysh_cmd rs) -c 'show bgp route-server json'"
expect_eq "--vtysh with the command of 0.7.0 (-c 'show bgp route-server json' in it): exit 2" \
	"2: " "$(run --vtysh "$old_cmd" "$(vtysh_cmd rs2)")"
expect_true "--vtysh with the command of 0.7.0: says how it is given now" \
	grep -q "^frr-routeserver-compare: A: the output of the command has the JSON before the running configuration: --vtysh takes the command that runs vtysh, without -c (since 0.8.0)" "$T_ERR"
expect_eq "--vtysh: a bgpd without the module (nva1): exit 2" "2: " \
	"$(run --vtysh "$(vtysh_cmd nva1)" "$(vtysh_cmd rs2)")"
expect_true "--vtysh: without the module's command: shows what bgpd answered" \
	grep -q "^frr-routeserver-compare: A: command failed (exit 1): .*: % .*Unknown command: show bgp route-server json" "$T_ERR"

# --- (c) one drift a scenario ------------------------------------------------------
# expect_drift NAME EXPECTED: the tool finds exactly the differences EXPECTED
# (lines and count) and exits 1; its --json differences are
# expected/compare/NAME.json.
expect_drift() {
	expect_eq "$1: exit 1 and the difference lines" "1: $2" "$(pair_diff)"
	expect_eq "$1: --json differences" "$(expected_json "compare/$1.json")" "$(pair_json)"
}
# expect_reverted WHAT: after reverting WHAT, the pair compares equal again.
expect_reverted() { expect_eq "$1 reverted: the same configuration" "0: same configuration" "$(pair_diff)"; }

case_network() {
	bgp_cfg_on rs2 -c "address-family ipv4 unicast" -c "no network $P_VNET"
	expect_drift network "router bgp 65515 / address-family ipv4 unicast: network $P_VNET only in A
1 difference"
	bgp_cfg_on rs2 -c "address-family ipv4 unicast" -c "network $P_VNET"
	expect_reverted "network"
}

case_timer() {
	bgp_cfg_on rs2 -c "timers bgp 30 90"
	expect_drift timer "router bgp 65515: timers bgp 30 90 only in B
1 difference"
	bgp_cfg_on rs2 -c "no timers bgp"
	expect_reverted "timers bgp"
}

# route-map NVA-IN in both: equal; then a set line differs; then an entry
# is only in rs2.
case_route_map() {
	local node
	for node in rs rs2; do
		vtysh_on "$node" -c "configure terminal" -c "route-map NVA-IN permit 10" \
			-c "match ip address prefix-list NVA-NETS" -c "set local-preference 200"
	done
	expect_eq "route-map: the same entry in both, the same configuration" \
		"0: same configuration" "$(pair_diff)"
	vtysh_on rs -c "configure terminal" -c "route-map NVA-IN permit 10" -c "set local-preference 300"
	expect_drift route-map-set "route-map NVA-IN permit 10: set local-preference 300 only in A
route-map NVA-IN permit 10: set local-preference 200 only in B
2 differences"
	vtysh_on rs -c "configure terminal" -c "route-map NVA-IN permit 10" -c "set local-preference 200"
	vtysh_on rs2 -c "configure terminal" -c "route-map NVA-IN deny 20" \
		-c "match ip address prefix-list NVA-DENY"
	expect_drift route-map-entry "route-map NVA-IN deny 20: match ip address prefix-list NVA-DENY only in B
1 difference"
	for node in rs rs2; do
		vtysh_on "$node" -c "configure terminal" -c "no route-map NVA-IN"
	done
	expect_reverted "route-map NVA-IN"
}

case_role() {
	bgp_cfg_on rs2 -c "neighbor 10.0.0.12 route-server role vpn-gateway"
	expect_drift role "router bgp 65515: neighbor 10.0.0.12 route-server role nva only in A
router bgp 65515: neighbor 10.0.0.12 route-server role vpn-gateway only in B
neighbor 10.0.0.12: role nva (A) != vpn-gateway (B)
3 differences"
	bgp_cfg_on rs2 -c "neighbor 10.0.0.12 route-server role nva"
	expect_reverted "role"
}

# update-source: each instance's own address, masked (and listed).
case_own_address() {
	local node
	bgp_cfg_on rs -c "neighbor 10.0.0.2 update-source 10.0.0.1"
	bgp_cfg_on rs2 -c "neighbor 10.0.0.2 update-source $RS2_ADDR"
	expect_eq "own address: the same configuration" "0: same configuration" "$(pair_diff)"
	expect_true "own address: update-source masked and listed" grep -qx \
		"masked: router bgp 65515: neighbor 10.0.0.2 update-source 10.0.0.1 (A) / $RS2_ADDR (B)" \
		<<<"$("$COMPARE" --vtysh "$(vtysh_cmd rs)" "$(vtysh_cmd rs2)")"
	bgp_cfg_on rs2 -c "neighbor 10.0.0.2 update-source 10.0.0.1"
	expect_eq "own address: rs2 with rs's address is a drift (only each one's own is masked)" \
		"1: router bgp 65515: neighbor 10.0.0.2 update-source 10.0.0.1 only in B
1 difference" "$(pair_diff)"
	for node in rs rs2; do bgp_cfg_on "$node" -c "no neighbor 10.0.0.2 update-source"; done
	expect_reverted "update-source"
}

# --mask: descriptions may differ.
case_mask() {
	bgp_cfg_on rs2 -c "neighbor 10.0.0.11 description nva1 seen from rs2"
	expect_drift description "router bgp 65515: neighbor 10.0.0.11 description nva1 only in A
router bgp 65515: neighbor 10.0.0.11 description nva1 seen from rs2 only in B
2 differences"
	expect_eq "--mask 'description (.*)': the same configuration" "0: same configuration" \
		"$(pair_diff --mask 'description (.*)')"
	expect_true "--mask: the masked line listed" grep -qx \
		"masked: router bgp 65515: neighbor 10.0.0.11 description nva1 (A) / nva1 seen from rs2 (B)" \
		<<<"$("$COMPARE" --mask 'description (.*)' --vtysh "$(vtysh_cmd rs)" "$(vtysh_cmd rs2)")"
	bgp_cfg_on rs2 -c "neighbor 10.0.0.11 description nva1"
	expect_reverted "description"
}

scenario_baseline "a pair that compares equal" pair_same topo_restart
scenario network case_network
scenario timer case_timer
scenario route-map case_route_map
scenario role case_role
scenario own-address case_own_address
scenario mask case_mask

t_done

#!/bin/bash
# The audit ("show bgp route-server audit"): what bgpd really queued or sent
# to each role peer, judged again by the policy, on demand and by itself
# (route-server audit-interval). It must agree with bgpd's own count of what
# the role peers were sent, find nothing in the reference topology with the
# knob off or on, and find, or rather no longer find, what took a role peer
# out of the policy (issue 19, case 1).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topology.sh"

topo_start || { echo "not ok - topology did not come up"; exit 1; }
# bgpd's conditional-advertisement scanner every 5 s (default 60 s), the
# periodic audit every 2 s (default 300 s)
audit_setup() {
	rs_cfg -c "bgp conditional-advertisement timer 5" -c "route-server audit-interval 2" >/dev/null
}
audit_setup
scenario_baseline "the knob-off tables" "topo_settled off" "topo_restart audit_setup"

# What bgpd counts as sent to the role peers (IPv4 and IPv6 unicast).
advertised_total() { rs_json | jq '[.peers[].routesAdvertised] | add'; }
# A periodic audit ran in the last 3 s.
periodic_fresh() { [ "$(audit_json | jq '.lastPeriodicAudit.secondsAgo // 99')" -le 3 ]; }

# clean KNOB: the audit with the knob KNOB, on demand and periodic
clean() {
	local audit
	audit=$(audit_json)
	expect_eq "knob $1: the audit finds no violation" 0 "$(jq .violationCount <<<"$audit")"
	expect_eq "knob $1: the audit checked what bgpd counts as sent to the role peers" \
		"$(advertised_total)" "$(jq .routesChecked <<<"$audit")"
	expect_eq "knob $1: the audit saw the five role peers" 5 "$(jq .rolePeers <<<"$audit")"
	expect_true "knob $1: the periodic audit runs" wait_until 10 "a periodic audit" periodic_fresh
	expect_eq "knob $1: the periodic audit finds no violation" 0 \
		"$(audit_json | jq .lastPeriodicAudit.violationCount)"
}

case_clean() {
	clean off
	knob rs on
	expect_tables 30 "knob on" topology/knob-on
	clean on
	knob rs off
	expect_tables 30 "knob off again" topology/knob-off
	expect_eq "the JSON of every instance (vrf all) holds the default one's count" 0 \
		"$(vtysh_on rs -c "show bgp vrf all route-server audit json" | jq '.default.violationCount')"
	expect_true "the text names the count" grep -q "checked, 0 forbidden by the policy" \
		<<<"$(vtysh_on rs -c "show bgp route-server audit")"
}

# --- issue 19, case 1: a condition map left behind in the advertise-map slot ---
# A peer-group member without a role is given an advertise-map with a condition
# map, which is removed again: bgpd re-inherits the group's (no) map name but
# leaves the condition map. The role then given must own the whole slot;
# before 0.6.0 the scanner turned it to "advertise" and the VPN gateway got
# every forbidden route.
case_condition_left_behind() {
	vtysh_on rs -c "configure terminal" -c "ip prefix-list ERP seq 5 permit $P_ER" \
		-c "route-map ADV permit 10" -c "exit" \
		-c "route-map COND permit 10" -c "match ip address prefix-list ERP" >/dev/null
	rs_cfg -c "no neighbor VPNGW route-server role" >/dev/null
	rs_af -c "neighbor 10.0.0.4 advertise-map ADV exist-map COND" \
		-c "no neighbor 10.0.0.4 advertise-map ADV exist-map COND" >/dev/null
	rs_cfg -c "neighbor VPNGW route-server role vpn-gateway" >/dev/null
	# two scanner periods: the scanner acts on what it finds in the slot
	sleep 12
	expect_tables 30 "the role given after the condition map was left behind" topology/knob-off
	expect_eq "the audit finds no violation" 0 "$(audit_json | jq .violationCount)"
	expect_eq "the slot holds the module's map, no condition, withdraw mode" \
		'{"advertiseMap":"rs to-vpn","advertiseStatus":"Withdraw"}' \
		"$(vtysh_on rs -c "show bgp neighbors 10.0.0.4 json" | jq -c '
			."10.0.0.4".addressFamilyInfo.ipv4Unicast.advertiseMap
			| {advertiseMap, advertiseStatus}')"
	expect_eq "running-config names no advertise-map" "" \
		"$(running_config rs | grep advertise-map)"
	vtysh_on rs -c "configure terminal" -c "no route-map ADV" -c "no route-map COND" \
		-c "no ip prefix-list ERP" >/dev/null
}

# --- route-server-client: bgpd skips the well-known communities between two
# route-server clients ("transparent"); the role still honours them. nva1
# sends P_NVA1_NOADV with NO_ADVERTISE.
case_rs_client_no_advertise() {
	local before
	before=$(session_counts | jq '."10.0.0.12"')
	rs_af -c "neighbor 10.0.0.11 route-server-client" -c "neighbor 10.0.0.12 route-server-client" >/dev/null
	expect_true "nva2's session, reset for route-server-client, is Established again" \
		wait_until 60 "nva2 Established again" session_back 10.0.0.12 "$before"
	nva1_transparent() { table_gobgp nva2 | grep -q "^$P_NVA1 .* path=65001 "; }
	expect_true "nva2 gets nva1's routes as a route-server client (no AS 65515)" \
		wait_until 30 "nva1's route at nva2 without AS 65515" nva1_transparent
	expect_eq "nva2 does not get nva1's NO_ADVERTISE route" "" \
		"$(table_gobgp nva2 | grep "^$P_NVA1_NOADV ")"
	expect_eq "the audit finds no violation" 0 "$(audit_json | jq .violationCount)"
	rs_af -c "no neighbor 10.0.0.11 route-server-client" -c "no neighbor 10.0.0.12 route-server-client" >/dev/null
	topo_wait_established
}

# --- "no neighbor X": its routes stay in the table until bgpd's clearing
# queue gets to them, without the role that went with the neighbor. Read in
# the same vtysh call as the deletion, they are still there (with 0.5.0 each
# gateway's verdict for them was "advertise": a source without a role).
case_deleted_neighbor() {
	local explain
	explain=$(rs_cfg -c "no neighbor 10.0.0.11" -c "do show bgp route-server explain $P_NVA1 json")
	expect_eq "right after no neighbor: no gateway may get nva1's route" 0 \
		"$(jq '[.peers[]? | select(.role != "nva" and .verdict != "suppress")] | length' <<<"$explain")"
	rs_cfg -c "neighbor 10.0.0.11 remote-as 65001" -c "neighbor 10.0.0.11 description nva1" \
		-c "neighbor 10.0.0.11 route-server role nva" >/dev/null
	topo_wait_established
}

# --- right after a role change bgpd has still to decide the routes again (its
# announcement waits for a timer): the audit counts them as pending, not as
# violations. nva2 without a role is plain bgpd and gets every route.
case_right_after_a_role() {
	local audit
	rs_cfg -c "no neighbor 10.0.0.12 route-server role" >/dev/null
	nva2_has_er() { tbl_nva2 | grep -q "^$P_ER "; }
	expect_true "nva2 without a role gets the gateway's route" \
		wait_until 30 "the gateway's route at nva2" nva2_has_er
	audit=$(rs_cfg -c "neighbor 10.0.0.12 route-server role nva" -c "do show bgp route-server audit json")
	expect_eq "the audit in the same breath as the role: no violation" 0 \
		"$(jq .violationCount <<<"$audit")"
	expect_tables 30 "nva2 with its role again" topology/knob-off
}

scenario clean case_clean
scenario condition-left-behind case_condition_left_behind
scenario rs-client-no-advertise case_rs_client_no_advertise
scenario deleted-neighbor case_deleted_neighbor
scenario right-after-a-role case_right_after_a_role

t_done

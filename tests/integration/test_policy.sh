#!/bin/bash
# The route-server policy with real BGP speakers: each peer's OWN received
# table (prefix, next hop, AS path, communities) with the knob off, on and
# off again, live role changes (reflection included), an operator route-map
# on a role peer, none of them resetting a session, debug logging, and a
# restart of the route server from its saved configuration.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topology.sh"

topo_start || { echo "not ok - topology did not come up"; exit 1; }
# bgpd logs every session change with its reason (shown when a scenario
# finds a session reset)
log_neighbor_events() { vtysh_on rs -c "debug bgp neighbor-events" >/dev/null; }
log_neighbor_events
# Independent scenarios (lib.sh), each from the knob-off tables; after a
# failed one, the topology is restarted from its start configuration.
scenario_baseline "the knob-off tables" "topo_settled off" "topo_restart log_neighbor_events"

# ExpressRoute and VPN gateways are both iBGP route-reflector clients that
# bgpd would put in one update group; the verdict differs, so they must not.
# (This also runs "show bgp neighbors json" on bound peers: bgpd prints the
# slot's condition-map name, which the binding always sets: rs_bind.c.)
updgrp_of() {
	vtysh_on rs -c "show bgp neighbors json" |
		jq -r --arg p "$1" '.[$p].addressFamilyInfo.ipv4Unicast.updateGroupId'
}

# --- the knob off, on and off again -------------------------------------------
knob_off_on_off() {
	local before er_grp vpn_grp
	# the sessions as the changes find them (an FRR-to-FRR open collision at
	# start, seen once under valgrind, is not a change)
	before=$(session_counts)
	expect_true "all five sessions are up before the changes" \
		test "$(jq "[.[] | select(. >= 1)] | length" <<<"$before")" = 5
	expect_tables 30 "knob off" topology/knob-off
	er_grp=$(updgrp_of 10.0.0.2)
	vpn_grp=$(updgrp_of 10.0.0.3)
	expect_true "expressroute and vpn gateways are in different update groups ($er_grp vs $vpn_grp)" \
		test -n "$er_grp" -a "$er_grp" != null -a "$er_grp" != "$vpn_grp"
	expect_eq "both vpn gateway instances share one update group" "$vpn_grp" "$(updgrp_of 10.0.0.4)"
	expect_eq "neighbor JSON shows the binding" '"rs to-nva"' \
		"$(vtysh_on rs -c "show bgp neighbors 10.0.0.11 json" |
			jq -c '."10.0.0.11".addressFamilyInfo.ipv4Unicast.advertiseMap.advertiseMap')"
	expect_true "running-config has no advertise-map after JSON commands" \
		lacks "$(running_config)" "advertise-map"
	expect_true "bgpd is still running" kill -0 "$(rs_pid)"

	knob rs on
	expect_tables 30 "knob on" topology/knob-on
	knob rs off
	expect_tables 30 "knob off again" topology/knob-off
	expect_no_reset "knob off, on, off" "$before"
}

# --- live role change: nva2 -----------------------------------------------------
# nva2 loses its role, so plain bgpd rules apply to it in both directions
# (everything, with the route server as next hop: the role's implied
# attribute-unchanged next-hop goes with it); then it gets its role back.
nva2_role_removed() {
	local before
	before=$(session_counts)
	rs_cfg -c "no neighbor 10.0.0.12 route-server role" >/dev/null
	expect_tables 30 "nva2 without a role" policy/nva2-without-role
	rs_cfg -c "neighbor 10.0.0.12 route-server role nva" >/dev/null
	expect_tables 30 "nva2 role restored" topology/knob-off
	expect_no_reset "nva2's role removed and given back" "$before"
}

# --- a gateway's role and reflection ---------------------------------------------
# A gateway's role makes it a reflector client, so its routes reach the
# other iBGP gateways while they have no role; without a role it is not one
# (bgpd: nothing between non-clients). The expressroute gateway is given
# role vpn-gateway here: it has no weight (routing preference), whose change
# would have its routes sent again anyway.
gateway_roles() {
	local before vpn_all_but_er vpn_all
	before=$(session_counts)
	rs_cfg -c "no neighbor VPNGW route-server role vpn-gateway" \
		-c "neighbor 10.0.0.2 route-server role vpn-gateway" >/dev/null
	vpn_all_but_er=$(lines "$L_VNET_IBGP" "$L_NVA1_IBGP" "$L_NVA1C_IBGP" "$L_NVA2_IBGP")
	vpn_all=$(lines "$L_VNET_IBGP" "$L_ER_IBGP" "$L_NVA1_IBGP" "$L_NVA1C_IBGP" "$L_NVA2_IBGP")
	wait_table 30 "vpn gateways without a role: the other gateway's route reflected" bird vpn1 "$vpn_all"
	rs_cfg -c "no neighbor 10.0.0.2 route-server role vpn-gateway" >/dev/null
	wait_table 30 "the other gateway's role removed: its route no longer reflected" bird vpn1 "$vpn_all_but_er"
	rs_cfg -c "neighbor 10.0.0.2 route-server role vpn-gateway" >/dev/null
	wait_table 30 "the other gateway's role given back: its route reflected again" bird vpn1 "$vpn_all"
	rs_cfg -c "neighbor 10.0.0.2 route-server role expressroute-gateway" \
		-c "neighbor VPNGW route-server role vpn-gateway" >/dev/null
	expect_tables 30 "gateway roles restored" topology/knob-off
	expect_no_reset "gateway roles changed and restored" "$before"
}

# --- an operator's own outbound route-map on a role peer keeps applying -----------
operator_route_map() {
	local before
	before=$(session_counts)
	vtysh_on rs -c "configure terminal" \
		-c "ip prefix-list NO-NVA2 seq 5 deny $P_NVA2" \
		-c "ip prefix-list NO-NVA2 seq 10 permit 0.0.0.0/0 le 32" \
		-c "route-map TO-NVA1 permit 10" -c "match ip address prefix-list NO-NVA2" \
		-c "exit" -c "router bgp 65515" -c "address-family ipv4 unicast" \
		-c "neighbor 10.0.0.11 route-map TO-NVA1 out" >/dev/null
	wait_table 30 "operator route-map on nva1: its deny applies" frr nva1 "$(lines "$L_VNET_EBGP")"
	knob rs on
	wait_table 30 "operator route-map on nva1 with the knob on: both apply" frr nva1 \
		"$(lines "$L_VNET_EBGP" "$L_ER_EBGP" "$L_VPN_EBGP")"
	rs_cfg -c "address-family ipv4 unicast" -c "no neighbor 10.0.0.11 route-map TO-NVA1 out" >/dev/null
	expect_tables 30 "operator route-map removed, knob on" topology/knob-on
	expect_no_reset "operator route-map on a role peer" "$before"
	knob rs off
	vtysh_on rs -c "configure terminal" -c "no route-map TO-NVA1" -c "no ip prefix-list NO-NVA2" >/dev/null
}

# --- debug logging names the suppressed prefix, the source and the reason ---------
debug_log() {
	knob rs on
	expect_true "knob on: every peer's table" topo_settled on
	vtysh_on rs -c "debug bgp route-server" >/dev/null
	knob rs off
	wait_table 30 "knob off with debug on: nva1" frr nva1 "$exp_off_nva1"
	expect_true "debug log shows the verdict change the knob made" \
		grep -q "route-server: VRF default: verdict expressroute-gateway -> nva is now suppress (branch-to-branch is off)" \
		"$T_DIR/rs/bgpd.log"
	expect_true "debug log shows a suppression with its reason" \
		grep -q "route-server: $P_ER from 10.0.0.2 suppressed towards nva: branch-to-branch is off" \
		"$T_DIR/rs/bgpd.log"
	vtysh_on rs -c "no debug bgp route-server" >/dev/null
}

# --- restart the route server from its saved configuration: same tables ------------
restart_from_saved() {
	knob rs on
	save_running_config rs "$T_DIR/saved.conf"
	stop_bgpd rs
	if ! start_bgpd rs "$T_DIR/saved.conf" module; then
		expect_true "the route server starts from its saved configuration" false
		return
	fi
	log_neighbor_events
	topo_wait_established
	expect_tables 30 "after restart from saved config (knob on)" topology/knob-on
	knob rs off
}

# --- debug logging is rate-limited ------------------------------------------------
# 300 more gateway prefixes, suppressed towards three update groups at once,
# must not log more than 100 lines in any second.
gateway_prefixes() { # add|del: 300 more prefixes at the expressroute gateway
	local i nh=()
	[ "$1" = del ] || nh=(nexthop 10.0.0.2)
	for ((i = 0; i < 300; i++)); do
		gobgp_on er global rib "$1" -a ipv4 "198.$((18 + i / 256)).$((i % 256)).0/24" "${nh[@]}" >/dev/null
	done
}
debug_rate_limit() {
	local log=$T_DIR/rs/bgpd.log per_second last_line last_second
	gateway_prefixes add
	knob rs on
	_nva1_has_all() { [ "$(table_frr nva1 | grep -c '^198\.1[89]\.')" -eq 300 ]; }
	expect_true "300 more prefixes reach nva1 with the knob on" wait_until 60 "300 prefixes at nva1" _nva1_has_all
	vtysh_on rs -c "debug bgp route-server" >/dev/null
	: >"$log"
	knob rs off
	_nva1_has_none() { ! table_frr nva1 | grep -q '^198\.1[89]\.'; }
	expect_true "and are withdrawn with the knob off" wait_until 60 "withdrawal at nva1" _nva1_has_none
	per_second=$(grep "suppressed towards" "$log" | awk '{print $1, $2}' | uniq -c | sort -rn | head -n1 | awk '{print $1}')
	expect_true "debug logged suppressions (busiest second: ${per_second:-0} lines)" test "${per_second:-0}" -gt 0
	# (the limiter reads the clock just before the logger stamps the line: one
	# line can fall into the next second)
	expect_true "no second has more than 100 suppression lines" test "${per_second:-0}" -le 101
	# The last second of the burst dropped lines (it logged 100): they are summed
	# up although no suppression follows.
	last_line=$(grep -n "suppressed towards" "$log" | tail -n1)
	last_second=$(cut -d: -f2- <<<"$last_line" | cut -c1-19)
	_summed_after_last() {
		tail -n +"${last_line%%:*}" "$log" | grep -q "route-server: [0-9]* more suppressions not logged"
	}
	if [ "$(grep "suppressed towards" "$log" | grep -c "^$last_second")" -ge 100 ]; then
		expect_true "the last second's dropped lines are summed up without a later suppression" \
			wait_until 5 "the summary line" _summed_after_last
	else
		t_log "the burst's last second dropped nothing: summary check not exercised"
	fi
	vtysh_on rs -c "no debug bgp route-server" >/dev/null
	gateway_prefixes del
}

scenario knob knob_off_on_off
scenario nva2-role nva2_role_removed
scenario gateway-roles gateway_roles
scenario operator-route-map operator_route_map
scenario debug-log debug_log
scenario restart restart_from_saved
scenario debug-rate-limit debug_rate_limit

t_done

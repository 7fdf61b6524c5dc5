#!/bin/bash
# The tamper catalogue: ways an operator's commands could take a role peer
# out of the route-server policy. Fail closed, never silently open: each case
# starts from the reference topology with the knob off, tampers, asserts from
# the peers' OWN tables and from "show bgp route-server json", and undoes
# what it did; after a failing case the topology is restarted from its start
# configuration, so that it does not decide the next.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topology.sh"

topo_start || { echo "not ok - topology did not come up"; exit 1; }
# bgpd's conditional-advertisement scanner runs every 5 s here (default 60 s;
# a new period applies from the scan after the next one)
scan_every_5s() { rs_cfg -c "bgp conditional-advertisement timer 5" >/dev/null; }
scan_every_5s
# Every case is a scenario (lib.sh) that starts from the knob-off tables; after
# a failed one, the topology is restarted from its start configuration. With
# T_SCENARIOS set (a list of names), only those run, e.g. against an older
# build.
scenario_baseline "the knob-off tables" "topo_settled off" "topo_restart scan_every_5s"

rs_warnings() { rs_json | jq -c .warnings; }

# refused DESCRIPTION OUTPUT: a "%" error naming the route-server reason
refused() {
	expect_true "$1" grep -q "^% .*not supported on route-server role peers" <<<"$2"
}

# --- the module's route-maps are out of the operator's reach ------------------
case_route_maps() {
	local out
	out=$(vtysh_on rs -c "configure terminal" -c "route-map rs to-nva deny 10" 2>&1)
	expect_true "the module's route-map cannot be named on the CLI" grep -q "^% " <<<"$out"
	# the names of earlier versions are plain operator maps now, used by nobody
	# (0.4.0's, "route-server suppress-to-nva", cannot be typed at all)
	vtysh_on rs -c "configure terminal" -c "route-map rs-suppress-to-nva deny 10" \
		-c "route-map rs-suppress-to-nva permit 20" -c "route-map rs-suppress-to-nva-2 permit 5" >/dev/null
	vtysh_on rs -c "clear bgp * soft out" >/dev/null
	expect_tables 30 "maps with the old reserved names change nothing" topology/knob-off
	expect_eq "maps with the old reserved names: no warning" "[]" "$(rs_warnings)"
	vtysh_on rs -c "configure terminal" -c "no route-map rs-suppress-to-nva" \
		-c "no route-map rs-suppress-to-nva-2" >/dev/null
}

# ADV: the virtual network; COND: the ExpressRoute prefix exists.
adv_maps() {
	vtysh_on rs -c "configure terminal" -c "ip prefix-list VNET seq 5 permit $P_VNET" \
		-c "ip prefix-list ERP seq 5 permit $P_ER" \
		-c "route-map ADV permit 10" -c "match ip address prefix-list VNET" -c "exit" \
		-c "route-map COND permit 10" -c "match ip address prefix-list ERP" >/dev/null
}
no_adv_maps() {
	vtysh_on rs -c "configure terminal" -c "no route-map ADV" -c "no route-map COND" \
		-c "no ip prefix-list VNET" -c "no ip prefix-list ERP" >/dev/null
}

# --- advertise-map on role peers: refused, before bgpd sees it ------------------
case_advertise_map() {
	adv_maps
	refused "advertise-map on a role neighbor is refused" \
		"$(rs_af -c "neighbor 10.0.0.11 advertise-map ADV exist-map COND")"
	refused "advertise-map on a role peer-group is refused" \
		"$(rs_af -c "neighbor VPNGW advertise-map ADV non-exist-map COND")"
	refused "'no advertise-map' on a role neighbor is refused (the slot holds the policy)" \
		"$(rs_af -c "no neighbor 10.0.0.11 advertise-map ADV exist-map COND")"
	rs_cfg -c "neighbor ADVGRP peer-group" >/dev/null
	rs_af -c "neighbor ADVGRP advertise-map ADV exist-map COND" >/dev/null
	refused "a role neighbor cannot join a peer-group that has an advertise-map" \
		"$(rs_cfg -c "neighbor 10.0.0.12 peer-group ADVGRP")"
	expect_true "running-config: no role peer has an advertise-map" \
		lacks "$(running_config | grep advertise-map)" "10.0.0.11\|10.0.0.12\|VPNGW"
	vtysh_on rs -c "clear bgp * soft out" >/dev/null
	expect_tables 30 "after the refused advertise-maps" topology/knob-off
	expect_eq "after the refused advertise-maps: no warning" "[]" "$(rs_warnings)"
	rs_cfg -c "no neighbor ADVGRP peer-group" >/dev/null
	no_adv_maps
}

# --- a non-role peer's conditional advertisement is left alone ------------------
# nva2 loses its role and advertises the virtual network only while the
# ExpressRoute prefix exists; role peers are changed meanwhile.
case_condadv() {
	adv_maps
	rs_cfg -c "no neighbor 10.0.0.12 route-server role" >/dev/null
	rs_af -c "neighbor 10.0.0.12 advertise-map ADV exist-map COND" >/dev/null
	has_vnet() { table_gobgp nva2 | grep -q "^$P_VNET "; }
	lacks_vnet() { ! has_vnet; }
	expect_true "nva2 (no role) gets the virtual network while the condition holds" \
		wait_until 30 "vnet at nva2" has_vnet
	rs_af -c "neighbor 10.0.0.11 advertise-map ADV exist-map COND" \
		-c "no neighbor 10.0.0.11 advertise-map ADV exist-map COND" >/dev/null
	rs_cfg -c "no neighbor 10.0.0.11 route-server role" -c "neighbor 10.0.0.11 route-server role nva" \
		-c "route-server allow-branch-to-branch" -c "no route-server allow-branch-to-branch" >/dev/null
	gobgp_on er global rib del -a ipv4 "$P_ER" >/dev/null
	expect_true "the condition gone, nva2's conditional route is withdrawn" \
		wait_until 30 "vnet withdrawn at nva2" lacks_vnet
	gobgp_on er global rib add -a ipv4 "$P_ER" nexthop 10.0.0.2 aspath "12076,65100" >/dev/null
	expect_true "the condition back, nva2's conditional route is advertised again" \
		wait_until 30 "vnet back at nva2" has_vnet
	rs_af -c "no neighbor 10.0.0.12 advertise-map ADV exist-map COND" >/dev/null
	rs_cfg -c "neighbor 10.0.0.12 route-server role nva" >/dev/null
	expect_tables 30 "conditional advertisement removed, role back" topology/knob-off
	no_adv_maps
}

# --- add-path: each path decided by its own source -------------------------------
# The same prefix from nva2 (best: shorter AS path) and from the ExpressRoute
# gateway; nva1 (FRR) receives every path.
case_add_path() {
	P_AP=172.16.50.0/24
	rs_af -c "neighbor 10.0.0.11 addpath-tx-all-paths" >/dev/null
	gobgp_on nva2 global rib add -a ipv4 "$P_AP" nexthop 10.0.0.12 >/dev/null
	gobgp_on er global rib add -a ipv4 "$P_AP" nexthop 10.0.0.2 aspath "12076,65100" >/dev/null
	nva1_paths() {
		vtysh_on nva1 -c "show bgp ipv4 unicast $P_AP json" |
			jq -r '.paths[]? | "\(.nexthops[0].ip) \(.aspath.string | gsub(" "; ","))"' | sort
	}
	_paths_are() { [ "$(nva1_paths)" == "$1" ]; }
	wait_until 30 "nva1 paths (knob off)" _paths_are "10.0.0.12 65515,65002" || true
	expect_eq "knob off: nva1 gets nva2's path, not the gateway's non-best path" \
		"10.0.0.12 65515,65002" "$(nva1_paths)"
	rs_cfg -c "route-server allow-branch-to-branch" >/dev/null
	both=$(lines "10.0.0.12 65515,65002" "10.0.0.2 65515,12076,65100")
	wait_until 30 "nva1 paths (knob on)" _paths_are "$both" || true
	expect_eq "knob on: nva1 gets both paths, each with its own next hop" "$both" "$(nva1_paths)"
	rs_cfg -c "no route-server allow-branch-to-branch" >/dev/null
	wait_until 30 "nva1 paths (knob off again)" _paths_are "10.0.0.12 65515,65002" || true
	expect_eq "knob off again: the gateway's path is withdrawn" "10.0.0.12 65515,65002" "$(nva1_paths)"
	gobgp_on nva2 global rib del -a ipv4 "$P_AP" >/dev/null
	gobgp_on er global rib del -a ipv4 "$P_AP" >/dev/null
	rs_af -c "no neighbor 10.0.0.11 addpath-tx-all-paths" >/dev/null
}

# --- labeled-unicast is bound like unicast ----------------------------------------
case_labeled_unicast() {
	rs_af -c "no neighbor 10.0.0.12 activate" >/dev/null
	rs_cfg -c "address-family ipv4 labeled-unicast" -c "neighbor 10.0.0.12 activate" >/dev/null
	expect_eq "a role peer in labeled-unicast carries the policy and the implied next hop" \
		'{"advertiseMap":"rs to-nva","nextHopUnchanged":true}' \
		"$(vtysh_on rs -c "show bgp neighbors 10.0.0.12 json" | jq -c '
			."10.0.0.12".addressFamilyInfo.ipv4LabeledUnicast
			| {advertiseMap: .advertiseMap.advertiseMap,
			   nextHopUnchanged: .unchangedNextHopPropogatedToNbr}')"
	rs_cfg -c "address-family ipv4 labeled-unicast" -c "no neighbor 10.0.0.12 activate" >/dev/null
	rs_af -c "neighbor 10.0.0.12 activate" >/dev/null
}

# --- joining a peer-group: the binding follows --------------------------------------
# bgpd resets the session of a neighbor that joins a peer-group. Until it is
# back, the peers still hold what they held before (the withdrawals are on
# their way), which are the tables expected after the join: the tables are
# read once the session is Established again, so that they are the ones
# after it.
case_peer_group() {
	local before
	before=$(session_counts | jq '."10.0.0.12"')
	rs_cfg -c "neighbor NVAS peer-group" -c "neighbor NVAS route-server role nva" \
		-c "no neighbor 10.0.0.12 route-server role" -c "neighbor 10.0.0.12 peer-group NVAS" >/dev/null
	expect_eq "nva2 has the role of its new peer-group" '"nva"' \
		"$(rs_json | jq -c '.peers[] | select(.neighbor == "10.0.0.12") | .role')"
	expect_true "nva2's session, reset by the join, is Established again" \
		wait_until 60 "nva2's session Established again" session_back 10.0.0.12 "$before"
	expect_tables 30 "nva2 in a role peer-group" topology/knob-off
	rs_cfg -c "route-server allow-branch-to-branch" >/dev/null
	expect_tables 30 "nva2 in a role peer-group, knob on" topology/knob-on
	rs_cfg -c "no route-server allow-branch-to-branch" -c "no neighbor 10.0.0.12 peer-group NVAS" \
		-c "no neighbor NVAS peer-group" -c "neighbor 10.0.0.12 remote-as 65002" \
		-c "neighbor 10.0.0.12 route-server role nva" >/dev/null
	# nva2 deleted and configured again: its new session up before the
	# next scenario checks the tables
	topo_wait_established
}

# --- clear bgp *, and the instance deleted and configured again ----------------------
case_re_create() {
	vtysh_on rs -c "clear bgp *" >/dev/null
	topo_wait_established
	expect_tables 30 "after clear bgp *" topology/knob-off
	save_running_config rs "$T_DIR/again.conf"
	vtysh_on rs -c "configure terminal" -c "no router bgp 65515" >/dev/null
	vtysh_on rs -f "$T_DIR/again.conf" >/dev/null
	topo_wait_established
	expect_tables 30 "router bgp deleted and configured again from running-config" topology/knob-off
	expect_eq "router bgp configured again: no warning" "[]" "$(rs_warnings)"
}

# refused_with DESCRIPTION PATTERN OUTPUT: a "%" error that says PATTERN
refused_with() {
	expect_true "$1" grep -q -- "^% .*$2" <<<"$3"
}

# rs_role_peers [NODE]: how many role peers NODE's (rs's) "show bgp route-server json" counts
rs_role_peers() { rs_json "${1:-rs}" | jq .rolePeers; }

# expect_refusals_left_no_trace WHAT CONFIG SESSIONS ROLE_PEERS: after the
# refused commands, the running-config is CONFIG, no session was reset since
# SESSIONS (session_counts), the instance has ROLE_PEERS role peers and every
# peer holds its knob-off table.
expect_refusals_left_no_trace() {
	expect_eq "$1: running-config unchanged" "$2" "$(running_config)"
	expect_no_reset "$1" "$3"
	expect_eq "$1: $4 role peers" "$4" "$(rs_role_peers)"
	expect_tables 30 "$1" topology/knob-off
}

# --- the interface forms of a peer-group join: the same checks ------------------------
# (the interfaces do not exist: bgpd keeps the neighbors, without a session)
case_interface_join() {
	local before sessions
	rs_cfg -c "route-server maximum-role-peers 5" >/dev/null
	before=$(running_config) sessions=$(session_counts)
	refused_with "a 6th role peer through 'interface peer-group' is refused (maximum-role-peers 5)" \
		"maximum-role-peers" "$(rs_cfg -c "neighbor eth3 interface peer-group VPNGW")"
	refused_with "a 6th role peer through 'interface v6only peer-group' is refused" \
		"maximum-role-peers" "$(rs_cfg -c "neighbor eth3 interface v6only peer-group VPNGW")"
	expect_refusals_left_no_trace "role-peer limit, interface forms" "$before" "$sessions" 5
	adv_maps
	rs_cfg -c "no route-server maximum-role-peers" -c "neighbor NVAG peer-group" \
		-c "neighbor NVAG route-server role nva" -c "neighbor eth1 interface remote-as internal" \
		-c "neighbor eth2 interface remote-as 12076" -c "neighbor ADVG peer-group" \
		-c "neighbor eth4 interface remote-as 65040" -c "neighbor eth4 route-server role nva" \
		-c "address-family ipv4 unicast" -c "neighbor ADVG advertise-map ADV exist-map COND" >/dev/null
	before=$(running_config) sessions=$(session_counts)
	refused_with "an iBGP neighbor cannot join an nva group through 'interface peer-group'" \
		"role nva needs an eBGP neighbor" "$(rs_cfg -c "neighbor eth1 interface peer-group NVAG")"
	refused_with "a reserved AS cannot join an nva group through 'interface v6only peer-group'" \
		"refused for NVAs" "$(rs_cfg -c "neighbor eth2 interface v6only peer-group NVAG")"
	refused_with "a role neighbor cannot join a group with an advertise-map through 'interface peer-group'" \
		"advertise-map: not supported" "$(rs_cfg -c "neighbor eth4 interface peer-group ADVG")"
	expect_refusals_left_no_trace "checks of the interface forms" "$before" "$sessions" 6
	rs_cfg -c "no neighbor eth1 interface" -c "no neighbor eth2 interface" -c "no neighbor eth4 interface" \
		-c "no neighbor NVAG peer-group" -c "no neighbor ADVG peer-group" >/dev/null
	no_adv_maps
}

# --- address families the policy does not cover: no role peer in them -------------------
case_unbound_families() {
	local before sessions
	rs_cfg -c "neighbor 10.0.0.21 remote-as 65021" -c "neighbor VG peer-group" -c "neighbor VG remote-as 65030" \
		-c "address-family ipv4 vpn" -c "neighbor 10.0.0.21 activate" -c "neighbor VG activate" \
		-c "exit-address-family" -c "bgp default ipv6-vpn" -c "neighbor 10.0.0.22 remote-as 65022" >/dev/null
	before=$(running_config) sessions=$(session_counts)
	refused_with "a role neighbor cannot be activated in ipv4 vpn" "cannot be activated in IPv4 VPN" \
		"$(rs_cfg -c "address-family ipv4 vpn" -c "neighbor 10.0.0.11 activate")"
	refused_with "... nor in ipv6 vpn" "cannot be activated in IPv6 VPN" \
		"$(rs_cfg -c "address-family ipv6 vpn" -c "neighbor 10.0.0.12 activate")"
	refused_with "a role peer-group cannot be activated in l2vpn evpn" "cannot be activated in L2VPN EVPN" \
		"$(rs_cfg -c "address-family l2vpn evpn" -c "neighbor VPNGW activate")"
	refused_with "a member of a role group cannot be activated in ipv4 flowspec" "cannot be activated in IPv4 Flowspec" \
		"$(rs_cfg -c "address-family ipv4 flowspec" -c "neighbor 10.0.0.3 activate")"
	refused_with "a role neighbor cannot be activated in ipv6 flowspec" "cannot be activated in IPv6 Flowspec" \
		"$(rs_cfg -c "address-family ipv6 flowspec" -c "neighbor 10.0.0.2 activate")"
	refused_with "no role for a neighbor activated in ipv4 vpn" "is activated in IPv4 VPN" \
		"$(rs_cfg -c "neighbor 10.0.0.21 route-server role nva")"
	refused_with "no role for a peer-group activated in ipv4 vpn" "is activated in IPv4 VPN" \
		"$(rs_cfg -c "neighbor VG route-server role nva")"
	refused_with "no role for a neighbor that 'bgp default ipv6-vpn' activated in ipv6 vpn" \
		"is activated in IPv6 VPN (bgp default" "$(rs_cfg -c "neighbor 10.0.0.22 route-server role nva")"
	refused_with "a role neighbor cannot join a peer-group activated in ipv4 vpn" \
		"in peer-group VG, which is activated in IPv4 VPN" "$(rs_cfg -c "neighbor 10.0.0.11 peer-group VG")"
	expect_refusals_left_no_trace "VPN, EVPN and flowspec refused" "$before" "$sessions" 5
	rs_cfg -c "no bgp default ipv6-vpn" -c "no neighbor 10.0.0.21" -c "no neighbor 10.0.0.22" \
		-c "no neighbor VG peer-group" >/dev/null
}

# --- remote-as: a role peer's AS is a number or internal --------------------------------
case_remote_as() {
	local before sessions
	rs_cfg -c "neighbor NVAS peer-group" -c "neighbor NVAS remote-as 65030" -c "neighbor NVAS route-server role nva" \
		-c "neighbor NVAE peer-group" -c "neighbor NVAE route-server role nva" \
		-c "neighbor NVX peer-group" -c "neighbor 10.0.0.32 remote-as 65032" -c "neighbor 10.0.0.32 peer-group NVX" \
		-c "neighbor 10.0.0.32 route-server role nva" \
		-c "neighbor 10.0.0.30 remote-as internal" -c "neighbor 10.0.0.31 remote-as external" >/dev/null
	before=$(running_config) sessions=$(session_counts)
	refused_with "remote-as external on a role neighbor is refused" "a number or internal" \
		"$(rs_cfg -c "neighbor 10.0.0.12 remote-as external")"
	if [[ "$(rs_json | jq -r .frrVersion)" == 10.* ]]; then
		refused_with "remote-as auto on a role neighbor is refused" "a number or internal" \
			"$(rs_cfg -c "neighbor 10.0.0.12 remote-as auto")"
	fi
	refused_with "remote-as external on a role peer-group with members is refused" "a number or internal" \
		"$(rs_cfg -c "neighbor VPNGW remote-as external")"
	refused_with "remote-as external on a role peer-group without members is refused" "a number or internal" \
		"$(rs_cfg -c "neighbor NVAE remote-as external")"
	refused_with "remote-as external on a group whose member has a role is refused" \
		"member 10.0.0.32 has route-server role nva" "$(rs_cfg -c "neighbor NVX remote-as external")"
	refused_with "a neighbor that keeps 'remote-as internal' cannot join an nva group with an AS" \
		"role nva needs an eBGP neighbor" "$(rs_cfg -c "neighbor 10.0.0.30 peer-group NVAS")"
	refused_with "a neighbor that keeps 'remote-as external' cannot join an nva group with an AS" \
		"a number or internal" "$(rs_cfg -c "neighbor 10.0.0.31 peer-group NVAS")"
	refused_with "... nor one without" "a number or internal" "$(rs_cfg -c "neighbor 10.0.0.31 peer-group NVAE")"
	refused_with "no role for a neighbor with remote-as external" "a number or internal" \
		"$(rs_cfg -c "neighbor 10.0.0.31 route-server role vpn-gateway")"
	expect_refusals_left_no_trace "remote-as external, auto and internal kept" "$before" "$sessions" 6
	rs_cfg -c "no neighbor 10.0.0.30" -c "no neighbor 10.0.0.31" -c "no neighbor 10.0.0.32" \
		-c "no neighbor NVAS peer-group" -c "no neighbor NVAE peer-group" -c "no neighbor NVX peer-group" >/dev/null
}

# --- a guard not found at start: roles are refused, and the show says why ----------------
# A bgpd of its own, started with the test hook that leaves the interface
# form of the peer-group join unguarded, as if bgpd had no such command.
case_guard_missing() {
	local out
	node_create rsg 10.0.0.99/24
	printf '%s\n' "frr defaults traditional" "router bgp 65515" " bgp router-id 10.0.0.99" \
		" neighbor 10.0.0.40 remote-as 65040" " neighbor 10.0.0.40 route-server role nva" "exit" >"$T_DIR/rsg.conf"
	RS_TEST_GUARD_SKIP=interface-peer-group start_bgpd rsg "$T_DIR/rsg.conf" module || {
		expect_true "bgpd with a guard left out started" false
		return
	}
	local missing='"neighbor IF interface peer-group GROUP"'
	out=$(vtysh_on rsg -c "configure terminal" -c "router bgp 65515" \
		-c "neighbor 10.0.0.40 route-server role nva" 2>&1)
	refused_with "a guard missing: the role is refused, naming it" "roles are refused, bgpd's command $missing" "$out"
	expect_eq "a guard missing: no role peer, not even from the configuration file" 0 "$(rs_role_peers rsg)"
	warned() { rs_json rsg | jq -e --arg m "$1" '.warnings | any(contains($m))' >/dev/null; }
	expect_true "a guard missing: show bgp route-server json's warnings say why" warned "$missing"
	expect_true "a guard missing: show bgp route-server says why" \
		grep -q "roles are refused.*$missing" <<<"$(vtysh_on rsg -c "show bgp route-server")"
	stop_bgpd rsg
}

# --- a role refused to a new neighbor (as frr-reload adds one): held back ----
# nva2 deleted and configured again with one role peer too many: its role is
# refused, and it is not left to plain bgpd (which would send it every route).
case_held() {
	local out
	rs_cfg -c "no neighbor 10.0.0.12" -c "route-server maximum-role-peers 4" \
		-c "neighbor 10.0.0.12 remote-as 65002" >/dev/null
	out=$(rs_cfg -c "neighbor 10.0.0.12 route-server role nva")
	expect_true "the role beyond the limit is refused" \
		grep -q "^% Cannot give 10.0.0.12 role nva: the instance has 4 role peers" <<<"$out"
	expect_true "the new neighbor is held back, saying so" \
		grep -q "^% 10.0.0.12 is held back: nothing is advertised to it" <<<"$out"
	topo_wait_established
	sleep 5 # what bgpd would send, it sends within a second
	expect_eq "held: nva2 gets nothing" "" "$(tbl_nva2)"
	expect_eq "held: nva2's route goes to no role peer" "" \
		"$(for n in er vpn1 nva1; do tbl_$n; done | grep "^$P_NVA2 ")"
	expect_true "show bgp route-server warns of it" \
		grep -q "neighbor 10.0.0.12 is held back" <<<"$(rs_warnings)"
	# its slot is the module's: bgpd's no form would count off a condition
	# it never counted on, and stop the scanner for the others
	adv_maps
	out=$(rs_af -c "no neighbor 10.0.0.12 advertise-map ADV exist-map COND")
	out+=$'\n'$(rs_af -c "neighbor 10.0.0.12 advertise-map ADV exist-map COND")
	expect_eq "advertise-map on a held neighbor is refused, both forms" 2 \
		"$(grep -c "^% 10.0.0.12 is held back .*advertise-map is not supported" <<<"$out")"
	no_adv_maps
	# a role through a peer-group lets it go too
	rs_cfg -c "no route-server maximum-role-peers" -c "neighbor NVAS peer-group" \
		-c "neighbor NVAS route-server role nva" -c "neighbor 10.0.0.12 peer-group NVAS" >/dev/null
	topo_wait_established
	expect_tables 30 "nva2 in a role peer-group: no longer held" topology/knob-off
	expect_eq "no warning left" "[]" "$(rs_warnings)"
	rs_cfg -c "no neighbor 10.0.0.12 peer-group NVAS" -c "no neighbor NVAS peer-group" \
		-c "neighbor 10.0.0.12 remote-as 65002" -c "neighbor 10.0.0.12 description nva2" \
		-c "neighbor 10.0.0.12 route-server role nva" >/dev/null
	topo_wait_established
}

scenario route-maps case_route_maps
scenario advertise-map case_advertise_map
scenario condadv case_condadv
scenario add-path case_add_path
scenario labeled-unicast case_labeled_unicast
scenario peer-group case_peer_group
scenario re-create case_re_create
scenario interface-join case_interface_join
scenario unbound-families case_unbound_families
scenario remote-as case_remote_as
scenario guard-missing case_guard_missing
scenario held case_held

t_done

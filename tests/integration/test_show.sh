#!/bin/bash
# The operator's view against the real-peer topology: per-peer counts,
# learned and advertised routes with Azure's field names (matching what the
# peers themselves hold), the per-prefix explanation, text and JSON.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topology.sh"

topo_start || { echo "not ok - topology did not come up"; exit 1; }
# Independent scenarios (lib.sh), each from the knob-off tables; after a
# failed one, the topology is restarted from its start configuration.
scenario_baseline "the knob-off tables" "topo_settled off" topo_restart
rs() { vtysh_on rs -c "$*"; }

# --- show bgp route-server json: per-peer counts -----------------------------------
counts() {
	rs "show bgp route-server json" |
		jq -c --arg n "$1" '.peers[] | select(.neighbor == $n) | [.routesLearned, .routesAdvertised]'
}
# settled_counts NEIGHBOR EXPECTED: the counts once they equal EXPECTED, or
# after a bounded wait (each peer's adj-out fills on its own; slow under valgrind)
settled_counts() {
	_counts_equal() { [ "$(counts "$1")" == "$2" ]; }
	wait_until 30 "counts of $1" _counts_equal "$1" "$2"
	counts "$1"
}
counts_per_peer() {
	expect_eq "nva1: 3 learned (incl. NO_ADVERTISE), 4 in its adj-out" "[3,4]" "$(settled_counts 10.0.0.11 "[3,4]")"
	expect_eq "expressroute gateway: 1 learned, 1 advertised (VNet)" "[1,1]" "$(settled_counts 10.0.0.2 "[1,1]")"
	expect_eq "JSON router-id" '"10.0.0.1"' "$(rs "show bgp route-server json" | jq -c .routerId)"
}

# --- learned routes, Azure's field names ----------------------------------------
learned_routes() {
	expect_eq "learned-routes of nva1, Azure fields and values" \
		"$(expected_json show/learned-routes-nva1.json)" \
		"$(rs "show bgp route-server neighbor 10.0.0.11 learned-routes json" | jq -c '.routes')"
	expect_eq "learned-routes of the expressroute gateway (iBGP)" \
		"$(expected_json show/learned-routes-er.json)" \
		"$(rs "show bgp route-server neighbor 10.0.0.2 learned-routes json" |
			jq -c '[.routes[] | {network, nextHop, asPath, origin, sourcePeer}]')"
}

# --- advertised routes = what the peer really holds --------------------------------
# A peer drops routes that carry its own AS (its own routes coming back);
# everything else bgpd advertised must be in the peer's own table.
advertised_as_table() { # NEIGHBOR PEER_AS
	rs "show bgp route-server neighbor $1 advertised-routes json" | jq -r --arg peeras "$2" '
		.routes[] | select((.asPath | split("-")) | index($peeras) | not)
		| "\(.network) nh=\(.nextHop) path=\(.asPath | gsub("-"; ","))"' | sort
}
strip_comm() { sed 's/ comm=.*//'; }
check_advertised() {
	local phase=$1
	expect_eq "$phase: advertised-routes to the expressroute gateway = its table" \
		"$(table_gobgp er | strip_comm)" "$(advertised_as_table 10.0.0.2 65515)"
	expect_eq "$phase: advertised-routes to vpn gateway 1 = its table" \
		"$(table_bird vpn1 | strip_comm)" "$(advertised_as_table 10.0.0.3 65515)"
	expect_eq "$phase: advertised-routes to nva1 = its table" \
		"$(table_frr nva1 | strip_comm)" "$(advertised_as_table 10.0.0.11 65001)"
	expect_eq "$phase: advertised-routes to nva2 = its table" \
		"$(table_gobgp nva2 | strip_comm)" "$(advertised_as_table 10.0.0.12 65002)"
}
advertised_routes() {
	check_advertised "knob off"
	expect_eq "advertised route to an NVA: Azure fields, AS prepended, own next hop" \
		"$(expected_json show/advertised-route-to-nva.json)" \
		"$(rs "show bgp route-server neighbor 10.0.0.11 advertised-routes json" |
			jq -c '.routes[] | select(.network == "10.1.0.0/16")')"
}

# --- explain ---------------------------------------------------------------------
explain() { rs "show bgp route-server explain $1 json"; }
explain_prefixes() {
	expect_eq "explain a suppressed prefix: source and role" \
		'{"sourcePeer":"10.0.0.2","sourceRole":"expressroute-gateway","allowBranchToBranch":false}' \
		"$(explain "$P_ER" | jq -c '{sourcePeer, sourceRole, allowBranchToBranch}')"
	expect_eq "explain a suppressed prefix: verdict and reason for nva1" \
		"$(expected_json show/explain-suppressed-to-nva1.json)" \
		"$(explain "$P_ER" | jq -c '.peers[] | select(.neighbor == "10.0.0.11") | {verdict, reason, reasonCode, advertised}')"
	expect_eq "explain: never back to a gateway of the same kind" \
		'"never back to a gateway of the same kind: expressroute-gateway -> expressroute-gateway"' \
		"$(explain "$P_ER" | jq -c '.peers[] | select(.neighbor == "10.0.0.2") | .reason')"
	expect_eq "explain text names a gateway source by address and role" \
		"$P_ER: best path from 10.0.0.2 (expressroute-gateway), branch-to-branch off" \
		"$(rs "show bgp route-server explain $P_ER" | head -n1)"
	expect_eq "explain text names a local prefix once, as local" \
		"$P_VNET: best path originated here (local), branch-to-branch off" \
		"$(rs "show bgp route-server explain $P_VNET" | head -n1)"
	expect_eq "explain an allowed prefix: advertised to all five" \
		'[["advertise",true],["advertise",true],["advertise",true],["advertise",true],["advertise",true]]' \
		"$(explain "$P_VNET" | jq -c '[.peers[] | [.verdict, .advertised]]')"
	expect_eq "explain nva1's prefix: nva -> nva always" \
		'{"verdict":"advertise","reasonCode":"nvaToNva","advertised":true}' \
		"$(explain "$P_NVA1" | jq -c '.peers[] | select(.neighbor == "10.0.0.12") | {verdict, reasonCode, advertised}')"
	expect_true "explain in text names the reason" \
		grep -q "10.0.0.11 .*nva .*suppress .*no .*branch-to-branch is off: expressroute-gateway -> nva" \
		<(rs "show bgp route-server explain $P_ER")
}

# --- the knob on: explain and advertised routes follow ---------------------------------
knob_on() {
	knob rs on
	wait_table 30 "knob on: nva1 table" frr nva1 \
		"$(lines "$L_VNET_EBGP" "$L_NVA2_EBGP" "$L_ER_EBGP" "$L_VPN_EBGP")"
	expect_eq "explain after the knob is on: advertised, reason changed" \
		"$(expected_json show/explain-knob-on-to-nva1.json)" \
		"$(explain "$P_ER" | jq -c '.peers[] | select(.neighbor == "10.0.0.11") | {verdict, reason, advertised}')"
	wait_table 30 "knob on: vpn gateway 1 table" bird vpn1 \
		"$(lines "$L_VNET_IBGP" "$L_ER_IBGP" "$L_NVA1_IBGP" "$L_NVA1C_IBGP" "$L_NVA2_IBGP")"
	check_advertised "knob on"
	knob rs off
}

# --- an AS path longer than any fixed buffer: 21 ASNs, 125 characters ------------------
long_as_path() {
	local long_path
	long_path=$(seq -s, 64600 64620)
	knob rs on
	expect_true "knob on: every peer's table" topo_settled on
	gobgp_on er global rib add -a ipv4 192.168.77.0/24 nexthop 10.0.0.2 aspath "$long_path" >/dev/null
	_nva1_has_long() { table_frr nva1 | grep -q "^192.168.77.0/24 "; }
	wait_until 30 "the long-path route at nva1" _nva1_has_long || true
	expect_eq "learned-routes print a long AS path whole" "\"${long_path//,/-}\"" \
		"$(rs "show bgp route-server neighbor 10.0.0.2 learned-routes json" |
			jq -c '.routes[] | select(.network == "192.168.77.0/24") | .asPath')"
	expect_eq "advertised-routes print a long AS path whole, prepended" "\"65515-${long_path//,/-}\"" \
		"$(rs "show bgp route-server neighbor 10.0.0.11 advertised-routes json" |
			jq -c '.routes[] | select(.network == "192.168.77.0/24") | .asPath')"
	check_advertised "knob on, long AS path"
	gobgp_on er global rib del -a ipv4 192.168.77.0/24 >/dev/null
	knob rs off
}

# --- text output and errors --------------------------------------------------------
text_and_errors() {
	local cmd
	expect_true "text summary has the counts columns" \
		grep -q "^Neighbor .*Role .*AS .*State .*Learned .*Advertised" <(rs "show bgp route-server")
	expect_true "text learned-routes lists nva1's prefix with its AS path" \
		grep -qE "^172.16.1.0/24 +10.0.0.11 +EBgp +10.0.0.11 +0 65001$" \
		<(rs "show bgp route-server neighbor 10.0.0.11 learned-routes")
	expect_true "unknown neighbor: % error" \
		grep -q "^% No such neighbor" <(rs "show bgp route-server neighbor 10.0.0.99 learned-routes")
	expect_true "prefix not in the table: % error" \
		grep -q "^% 1.2.3.0/24 is not in the BGP table" <(rs "show bgp route-server explain 1.2.3.0/24")
	for cmd in "show bgp route-server json" \
		"show bgp route-server neighbor 10.0.0.2 learned-routes json" \
		"show bgp route-server neighbor 10.0.0.2 advertised-routes json" \
		"show bgp route-server explain $P_VNET json" \
		"show bgp route-server neighbor 10.0.0.99 learned-routes json" \
		"show bgp route-server explain 1.2.3.0/24 json"; do
		expect_true "JSON parses: $cmd" bash -c 'jq -e . >/dev/null <<<"$1"' _ "$(rs "$cmd")"
	done
}

# --- a dynamic (listen-range) neighbor: its group's role, the policy, listed -------
# (the last scenario: node nva3 and its session stay)
dynamic_neighbor() {
	rs_cfg -c "neighbor DYN peer-group" \
		-c "neighbor DYN remote-as 65003" -c "neighbor DYN route-server role nva" \
		-c "bgp listen range 10.0.0.13/32 peer-group DYN" >/dev/null
	node_create nva3 10.0.0.13/24
	gobgp_conf 65003 10.0.0.13 10.0.0.1 >"$T_DIR/nva3.toml"
	start_gobgpd nva3 "$T_DIR/nva3.toml" || t_log "gobgpd of nva3 did not start"
	wait_table 60 "dynamic nva3, knob off: an NVA's table" gobgp nva3 \
		"$(lines "$L_VNET_EBGP" "$L_NVA1_EBGP" "$L_NVA1C_EBGP" "$L_NVA2_EBGP")"
	expect_eq "dynamic nva3 listed with its group's role" \
		'{"role":"nva","state":"Established","peerGroup":"DYN","dynamic":true}' \
		"$(rs "show bgp route-server json" |
			jq -c '.peers[] | select(.neighbor == "10.0.0.13") | {role, state, peerGroup, dynamic}')"
	expect_eq "configured neighbors are not marked dynamic" "[]" \
		"$(rs "show bgp route-server json" | jq -c '[.peers[] | select(.neighbor != "10.0.0.13") | select(.dynamic)]')"
	knob rs on
	wait_table 30 "dynamic nva3, knob on: the gateways' routes too" gobgp nva3 \
		"$(lines "$L_VNET_EBGP" "$L_NVA1_EBGP" "$L_NVA1C_EBGP" "$L_NVA2_EBGP" "$L_ER_EBGP" "$L_VPN_EBGP")"
}

scenario counts counts_per_peer
scenario learned-routes learned_routes
scenario advertised-routes advertised_routes
scenario explain explain_prefixes
scenario knob-on knob_on
scenario long-as-path long_as_path
scenario text-and-errors text_and_errors
scenario dynamic-neighbor dynamic_neighbor

t_done

#!/bin/bash
# The configuration surface: every command and its "no" form as seen in
# "show bgp route-server json", bad input refused without change, the
# running-config round trip through bgpd's -f and through the built vtysh,
# and Debian's own vtysh refusing the module's commands.
source "$(dirname "$0")/lib.sh"

cat >"$T_DIR/base.conf" <<'CONF'
frr defaults traditional
hostname rs
!
router bgp 65515
 bgp router-id 10.0.0.1
 no bgp ebgp-requires-policy
 neighbor 10.0.0.2 remote-as internal
 neighbor 10.0.0.3 remote-as internal
 neighbor 10.0.0.11 remote-as 65001
 neighbor 10.0.0.12 remote-as 12076
 neighbor 10.0.0.13 remote-as 65003
 neighbor VPNGW peer-group
 neighbor VPNGW remote-as internal
 neighbor 10.0.0.4 peer-group VPNGW
 neighbor EXT peer-group
 neighbor 10.0.0.21 remote-as 65021
 neighbor 10.0.0.21 peer-group EXT
 neighbor 10.0.0.22 remote-as 65520
 neighbor 10.0.0.22 peer-group EXT
 neighbor fd00::31 remote-as 65031
 neighbor eth0 interface remote-as 65040
exit
!
router bgp 65515 vrf RED
 bgp router-id 10.9.0.1
 neighbor 10.9.0.2 remote-as 65009
exit
!
CONF

lan_create
node_create rs 10.0.0.1/24
start_bgpd rs "$T_DIR/base.conf" module || exit 1

# Independent scenarios (lib.sh), each from the start configuration; after a
# failed one, bgpd is restarted from it.
START_CONFIG=$(running_config)
config_as_at_start() { [ "$(running_config)" == "$START_CONFIG" ]; }
restart_rs() { stop_bgpd rs && start_bgpd rs "$T_DIR/base.conf" module; }
scenario_baseline "the start configuration" config_as_at_start restart_rs

jqr() { rs_json | jq -c "$1"; }
roles() { jqr '[.peers[] | [.neighbor, .role]] | sort'; }
# What configuration decides: session state is left out, since the FSM of these
# unreachable peers moves between Idle and Connect on its own timers.
rs_config() { rs_json | jq 'del(.peers[].state)'; }
# What a saved configuration must bring back.
rs_saved_state() { jqr '{allowBranchToBranch, routingPreference, peers: [.peers[] | {neighbor, role}] | sort_by(.neighbor)}'; }
# log_since_mark: what bgpd logged since mark_log.
mark_log() { LOG_MARK=$(wc -l <"$T_DIR/rs/bgpd.log"); }
log_since_mark() { tail -n +"$((LOG_MARK + 1))" "$T_DIR/rs/bgpd.log"; }

# The roles several scenarios start from: an expressroute gateway, an nva and
# the VPNGW peer-group (member 10.0.0.4) as vpn-gateway.
give_roles() {
	rs_cfg -c "neighbor 10.0.0.2 route-server role expressroute-gateway" \
		-c "neighbor 10.0.0.11 route-server role nva" -c "neighbor VPNGW route-server role vpn-gateway" >/dev/null
}
take_roles() {
	rs_cfg -c "no neighbor 10.0.0.2 route-server role" -c "no neighbor 10.0.0.11 route-server role" \
		-c "no neighbor VPNGW route-server role" >/dev/null
}

# --- the module, its JSON and the knob ----------------------------------------
defaults() {
	expect_true "show modules lists bgpd_routeserver" \
		grep -q bgpd_routeserver <(vtysh_on rs -c "show modules")
	expect_eq "knob off by default" false "$(jqr .allowBranchToBranch)"
	expect_eq "no role peers at start" "[]" "$(jqr .peers)"
	expect_eq "JSON names the instance" '"VRF default"' "$(jqr .vrfName)"
	expect_eq "JSON has the local AS" 65515 "$(jqr .localAs)"
	expect_eq "JSON names the FRR version bgpd runs" \
		"\"$(/usr/lib/frr/bgpd --version | sed -n '1s/.*version \([^ ]*\).*/\1/p')\"" "$(jqr .frrVersion)"

	rs_cfg -c "route-server allow-branch-to-branch" >/dev/null
	expect_eq "knob on" true "$(jqr .allowBranchToBranch)"
	rs_cfg -c "no route-server allow-branch-to-branch" >/dev/null
	expect_eq "knob off again" false "$(jqr .allowBranchToBranch)"
}

# --- roles and the settings they imply -------------------------------------------
# A role implies bgpd's reflector and next-hop settings: in effect (bgpd's
# own neighbor JSON), never in running-config, gone with the role; an
# operator's own line stays when the role goes.
implied() {
	vtysh_on rs -c "show bgp neighbors $1 json" | jq -c --arg p "$1" '
		.[$p].addressFamilyInfo.ipv4Unicast
		| {rrClient: (.routeReflectorClient // false),
		   nextHopUnchanged: (.unchangedNextHopPropogatedToNbr // false)}'
}
roles_implied() {
	mark_log
	rs_cfg -c "neighbor 10.0.0.2 route-server role expressroute-gateway" \
		-c "neighbor 10.0.0.3 route-server role vpn-gateway" \
		-c "neighbor 10.0.0.11 route-server role nva" >/dev/null
	expect_eq "three roles recorded" \
		'[["10.0.0.11","nva"],["10.0.0.2","expressroute-gateway"],["10.0.0.3","vpn-gateway"]]' \
		"$(roles)"
	expect_eq "peer entry carries remoteAs and state" \
		'{"neighbor":"10.0.0.11","role":"nva","remoteAs":65001,"state":"Active"}' \
		"$(jqr '.peers[] | select(.neighbor == "10.0.0.11") | {neighbor, role, remoteAs, state}' |
			sed 's/"state":"[A-Za-z]*"/"state":"Active"/')"
	expect_true "a lone vpn-gateway is warned about (not active-active)" \
		grep -q "active-active" <(jqr .warnings)
	expect_true "the warning was logged" grep -q "active-active" <(log_since_mark)

	expect_eq "an iBGP gateway's role makes it a route-reflector client" \
		'{"rrClient":true,"nextHopUnchanged":false}' "$(implied 10.0.0.2)"
	expect_eq "an nva's role keeps learned routes' next hops" \
		'{"rrClient":false,"nextHopUnchanged":true}' "$(implied 10.0.0.11)"
	expect_true "running-config holds neither implied setting" \
		lacks "$(running_config)" "route-reflector-client\|attribute-unchanged"
	rs_cfg -c "address-family ipv4 unicast" -c "neighbor 10.0.0.11 attribute-unchanged next-hop" >/dev/null
	rs_cfg -c "no neighbor 10.0.0.2 route-server role" -c "no neighbor 10.0.0.11 route-server role" >/dev/null
	expect_eq "without its role the gateway is plain bgpd again" \
		'{"rrClient":false,"nextHopUnchanged":false}' "$(implied 10.0.0.2)"
	expect_eq "without its role the nva keeps the operator's own attribute-unchanged" \
		'{"rrClient":false,"nextHopUnchanged":true}' "$(implied 10.0.0.11)"
	expect_true "and running-config still has the operator's line" \
		grep -q "neighbor 10.0.0.11 attribute-unchanged next-hop" <(running_config)
	rs_cfg -c "neighbor 10.0.0.2 route-server role expressroute-gateway" \
		-c "neighbor 10.0.0.11 route-server role nva" \
		-c "address-family ipv4 unicast" -c "no neighbor 10.0.0.11 attribute-unchanged next-hop" \
		-c "no neighbor 10.0.0.2 route-reflector-client" >/dev/null
	# bgpd clears them; the module's re-check (every second) sets them again
	implied_is() { [ "$(implied "$1")" = "$2" ]; }
	wait_until 5 "the gateway's implied setting back" \
		implied_is 10.0.0.2 '{"rrClient":true,"nextHopUnchanged":false}'
	expect_eq "an operator's 'no' of an implied setting: the role keeps it (nva)" \
		'{"rrClient":false,"nextHopUnchanged":true}' "$(implied 10.0.0.11)"
	expect_eq "an operator's 'no' of an implied setting: the role keeps it (gateway)" \
		'{"rrClient":true,"nextHopUnchanged":false}' "$(implied 10.0.0.2)"
	expect_true "running-config again holds neither" \
		lacks "$(running_config)" "route-reflector-client\|attribute-unchanged"
	rs_cfg -c "no neighbor 10.0.0.2 route-server role" -c "no neighbor 10.0.0.3 route-server role" \
		-c "no neighbor 10.0.0.11 route-server role" >/dev/null
}

# --- bgpd's RFC 8212 default would silently block eBGP role peers ------------------
ebgp_requires_policy() {
	mark_log
	rs_cfg -c "neighbor 10.0.0.11 route-server role nva" -c "bgp ebgp-requires-policy" >/dev/null
	expect_eq "ebgp-requires-policy blocking an nva is warned about, in one sentence" \
		"$(expected_json config/ebgp-requires-policy-warning.json)" \
		"$(jqr '[.warnings[] | select(test("ebgp-requires-policy"))]')"
	logged() { grep -q "neighbor 10.0.0.11 (nva) is eBGP and 'bgp ebgp-requires-policy' is on" <(log_since_mark); }
	expect_true "the ebgp-requires-policy warning was logged (within a second)" \
		wait_until 5 "the warning in the log" logged
	rs_cfg -c "no bgp ebgp-requires-policy" >/dev/null
	expect_eq "and is gone with 'no bgp ebgp-requires-policy'" 0 \
		"$(jqr '[.warnings[] | select(test("ebgp-requires-policy"))] | length')"
	rs_cfg -c "no neighbor 10.0.0.11 route-server role" >/dev/null
}

# --- a peer-group's role --------------------------------------------------------------
peer_group_role() {
	mark_log
	rs_cfg -c "neighbor 10.0.0.2 route-server role expressroute-gateway" \
		-c "neighbor 10.0.0.3 route-server role vpn-gateway" >/dev/null
	rs_cfg -c "neighbor VPNGW route-server role vpn-gateway" >/dev/null
	expect_eq "peer-group members inherit the group's role" \
		'{"neighbor":"10.0.0.4","role":"vpn-gateway","peerGroup":"VPNGW"}' \
		"$(jqr '.peers[] | select(.neighbor == "10.0.0.4") | {neighbor, role, peerGroup}')"
	expect_eq "two vpn-gateway peers: no active-active warning" 0 \
		"$(jqr '[.warnings[] | select(test("active-active"))] | length')"
	expect_eq "the warning was logged once (for the lone one)" 1 "$(log_since_mark | grep -c 'active-active')"

	rs_cfg -c "neighbor 10.0.0.2 route-server role vpn-gateway" >/dev/null
	expect_eq "changing a role replaces it" '"vpn-gateway"' \
		"$(jqr '.peers[] | select(.neighbor == "10.0.0.2") | .role')"
	rs_cfg -c "no neighbor 10.0.0.2 route-server role" -c "no neighbor 10.0.0.3 route-server role" \
		-c "no neighbor VPNGW route-server role" >/dev/null
}

# --- bad input: a % error and no change -------------------------------------
bad() {
	local what=$1 out
	shift
	out=$(rs_cfg -c "$*")
	expect_true "$what: % error" grep -q "^%" <<<"$out"
	expect_eq "$what: nothing changed" "$before" "$(rs_config | jq 'del(.warnings)')"
}
bad_input() {
	give_roles
	before=$(rs_config | jq 'del(.warnings)')
	bad "unknown neighbor" "neighbor 10.0.0.99 route-server role nva"
	bad "unknown peer-group" "neighbor NOGROUP route-server role nva"
	bad "unknown role" "neighbor 10.0.0.13 route-server role firewall"
	bad "nva on an iBGP neighbor" "neighbor 10.0.0.2 route-server role nva"
	bad "nva with an ASN Azure refuses (12076)" "neighbor 10.0.0.12 route-server role nva"
	bad "nva on a peer-group with a member in a refused AS" "neighbor EXT route-server role nva"
	bad "no-form naming the wrong role" "no neighbor 10.0.0.2 route-server role nva"
	bad "removing a role from an unknown neighbor" "no neighbor 10.0.0.99 route-server role"
	expect_true "nva error names the reason" \
		grep -q "eBGP" <<<"$(rs_cfg -c "neighbor 10.0.0.2 route-server role nva")"
	expect_true "refused-ASN error names the reason" \
		grep -q "refused" <<<"$(rs_cfg -c "neighbor 10.0.0.12 route-server role nva")"
	# 10.0.0.12 has no session: refused its role, it is held back (rs_held.h)
	expect_eq "the neighbor without a session refused a role is held back" 1 \
		"$(jqr '[.warnings[] | select(test("^neighbor 10.0.0.12 is held back"))] | length')"
	rs_cfg -c "no neighbor 10.0.0.12 route-server role" >/dev/null
	expect_eq "and let go by the no form" 0 "$(jqr '[.warnings[] | select(test("held back"))] | length')"
	take_roles
}

# --- IPv6 and interface neighbors ---------------------------------------------------
ipv6_and_interface() {
	rs_cfg -c "neighbor fd00::31 route-server role nva" -c "neighbor eth0 route-server role nva" >/dev/null
	expect_eq "IPv6 and interface neighbors take a role" '[["eth0","nva"],["fd00::31","nva"]]' \
		"$(jqr '[.peers[] | select(.neighbor == "fd00::31" or .neighbor == "eth0") | [.neighbor, .role]] | sort')"
	expect_true "they are written back by their own names" \
		grep -q "^ neighbor eth0 route-server role nva$" <(running_config)
	rs_cfg -c "no neighbor fd00::31 route-server role" -c "no neighbor eth0 route-server role" >/dev/null
	expect_eq "and their no forms remove them" 0 \
		"$(jqr '[.peers[] | select(.neighbor == "fd00::31" or .neighbor == "eth0")] | length')"
}

# --- limits and routing preference ---------------------------------------------------
settings() { jqr '[.routingPreference, .receivedRouteLimit, .receivedRouteRestartMinutes, .expressrouteAdvertisedLimit, .maximumRolePeers]'; }
limit_of() { jqr ".peers[] | select(.neighbor == \"$1\") | [.receivedRouteLimit, .receivedRouteLimitBy]"; }
bgpd_limit() { # bgpd's own view: the maximum-prefix in effect
	vtysh_on rs -c "show bgp neighbors $1 json" | jq -c --arg p "$1" '.[$p].addressFamilyInfo.ipv4Unicast.prefixAllowedMax'
}
limits_and_preference() {
	give_roles
	expect_eq "Azure's defaults" '["expressroute",4000,1,1000,8]' "$(settings)"
	expect_eq "a role peer gets bgpd's maximum-prefix 4000" 4000 "$(bgpd_limit 10.0.0.11)"
	rs_cfg -c "route-server routing-preference as-path" -c "route-server maximum-prefix 100 restart 5" \
		-c "neighbor 10.0.0.11 route-server maximum-prefix 7" -c "route-server expressroute-advertise-limit 50" \
		-c "route-server maximum-role-peers 6" >/dev/null
	expect_eq "settings in JSON" '["as-path",100,5,50,6]' "$(settings)"
	expect_eq "the neighbor's own limit" '[7,"routeServer"]' "$(limit_of 10.0.0.11)"
	expect_eq "in effect in bgpd" 7 "$(bgpd_limit 10.0.0.11)"
	expect_eq "the instance's limit for the others" '[100,"routeServer"]' "$(limit_of 10.0.0.2)"
	expect_eq "running-config holds them once, in the route-server lines" \
		"$(expected_text config/limits.running-config)" \
		"$(running_config | grep -E '^ (route-server|neighbor .* route-server (max|rout))')"
	expect_true "and no implied maximum-prefix or weight" lacks "$(running_config)" "^  neighbor .* \(maximum-prefix\|weight\)"
	limit_is() { [ "$(limit_of "$1")" = "$2" ]; }
	rs_cfg -c "address-family ipv4 unicast" -c "neighbor 10.0.0.11 maximum-prefix 20" >/dev/null
	expect_eq "the operator's own maximum-prefix is in effect at once" 20 "$(bgpd_limit 10.0.0.11)"
	expect_true "and shown as the operator's (within a second)" \
		wait_until 5 "the limit shown as the operator's" limit_is 10.0.0.11 '[20,"neighborMaximumPrefix"]' 
	rs_cfg -c "address-family ipv4 unicast" -c "no neighbor 10.0.0.11 maximum-prefix" >/dev/null
	# bgpd removes it; the module's re-check (every second) gives its own again
	expect_true "without it the route server's again (within a second)" \
		wait_until 5 "the route server's limit back" limit_is 10.0.0.11 '[7,"routeServer"]' 
	before=$(rs_config | jq 'del(.warnings)')
	bad "unknown routing preference" "route-server routing-preference fastest"
	bad "a limit of 0" "route-server maximum-prefix 0"
	bad "a limit on an unknown neighbor" "neighbor 10.0.0.99 route-server maximum-prefix 5"
	bad "a role-peer limit below the role peers there are" "route-server maximum-role-peers 2"
	rs_cfg -c "no route-server maximum-prefix" -c "no neighbor 10.0.0.11 route-server maximum-prefix" \
		-c "no route-server expressroute-advertise-limit" -c "no route-server maximum-role-peers" >/dev/null
	expect_eq "no forms: the defaults (the preference aside)" '["as-path",4000,1,1000,8]' "$(settings)"
	expect_eq "and bgpd's maximum-prefix is 4000 again" 4000 "$(bgpd_limit 10.0.0.11)"
	rs_cfg -c "no route-server routing-preference" >/dev/null
	take_roles
}

# --- running-config, and the round trips through a saved file --------------------------
running_config_round_trips() {
	local state after
	give_roles
	rs_cfg -c "route-server allow-branch-to-branch" -c "route-server routing-preference as-path" >/dev/null
	expect_eq "running-config holds the module's lines (groups first, as bgpd)" \
		"$(expected_text config/module.running-config)" \
		"$(running_config | grep -E '^ (route-server|neighbor .* route-server)')"
	expect_true "running-config shows no module route-map" \
		lacks "$(running_config)" "route-map rs to-"

	state=$(rs_saved_state)
	save_running_config rs "$T_DIR/saved.conf"

	# round trip 1: bgpd reads the saved file itself
	stop_bgpd rs
	start_bgpd rs "$T_DIR/saved.conf" module
	after=$(rs_saved_state)
	expect_eq "state survives a restart from the saved config (bgpd -f)" "$state" "$after"

	# round trip 2: the built vtysh applies the saved file to a bare bgpd
	stop_bgpd rs
	start_bgpd rs "$T_DIR/base.conf" module
	vtysh_on rs -f "$T_DIR/saved.conf" >"$T_DIR/vtysh-f.out" 2>&1
	after=$(rs_saved_state)
	expect_eq "state recreated by the built vtysh from the saved config" "$state" "$after"

	# Debian's own vtysh does not know the module's commands
	out=$(/usr/bin/vtysh --vty_socket "$T_DIR/rs" -c "configure terminal" \
		-c "router bgp 65515" -c "no route-server allow-branch-to-branch" 2>&1)
	expect_true "Debian's /usr/bin/vtysh rejects the module's commands" \
		grep -q "Unknown command" <<<"$out"
	expect_eq "and nothing changed" true "$(jqr .allowBranchToBranch)"
	restart_rs
}

# --- removing a neighbor removes its role ----------------------------------------
removal() {
	rs_cfg -c "neighbor 10.0.0.11 route-server role nva" -c "neighbor VPNGW route-server role vpn-gateway" >/dev/null
	rs_cfg -c "no neighbor 10.0.0.11" >/dev/null
	expect_eq "deleted neighbor's role is gone from JSON" 0 \
		"$(jqr '[.peers[] | select(.neighbor == "10.0.0.11")] | length')"
	expect_true "and from running-config" \
		lacks "$(running_config)" "10.0.0.11 route-server"
	rs_cfg -c "neighbor 10.0.0.11 remote-as 65001" >/dev/null
	expect_eq "a re-created neighbor does not get the old role back" 0 \
		"$(jqr '[.peers[] | select(.neighbor == "10.0.0.11")] | length')"
	rs_cfg -c "no neighbor VPNGW peer-group" >/dev/null
	expect_true "deleting a peer-group removes its role line" \
		lacks "$(running_config)" "VPNGW route-server"
	restart_rs
}

# --- VRF instances -------------------------------------------------------------
vrf_instances() {
	vtysh_on rs -c "configure terminal" -c "router bgp 65515 vrf RED" \
		-c "neighbor 10.9.0.2 route-server role nva" >/dev/null
	expect_eq "role in a VRF instance" '[["10.9.0.2","nva"]]' \
		"$(vtysh_on rs -c "show bgp vrf RED route-server json" | jq -c '[.peers[] | [.neighbor, .role]]')"
	expect_eq "the default instance is not affected" 0 \
		"$(jqr '[.peers[] | select(.neighbor == "10.9.0.2")] | length')"
	expect_true "unknown VRF: % error" \
		grep -q "^% No BGP instance" <(vtysh_on rs -c "show bgp vrf NOPE route-server")
	vtysh_on rs -c "configure terminal" -c "router bgp 65515 vrf RED" \
		-c "no neighbor 10.9.0.2 route-server role nva" >/dev/null
}

# --- debug and memory accounting ------------------------------------------------
debug_and_memory() {
	give_roles
	rs_cfg -c "route-server allow-branch-to-branch" >/dev/null
	expect_eq "debug command accepted in enable mode" "" \
		"$(vtysh_on rs -c "debug bgp route-server" 2>&1)"
	expect_eq "its no form too" "" "$(vtysh_on rs -c "no debug bgp route-server" 2>&1)"
	expect_true "debug from enable mode is not configuration" \
		lacks "$(running_config)" "^debug bgp route-server"
	expect_eq "debug in configure mode accepted" "" \
		"$(vtysh_on rs -c "configure terminal" -c "debug bgp route-server" 2>&1)"
	expect_true "debug from configure mode is written to running-config" \
		grep -q "^debug bgp route-server$" <(running_config)
	vtysh_on rs -c "configure terminal" -c "no debug bgp route-server" >/dev/null
	expect_true "its no form removes it" \
		lacks "$(running_config)" "^debug bgp route-server"
	expect_true "module allocations visible in show memory" \
		grep -q "Route-server neighbor role" <(vtysh_on rs -c "show memory bgpd")
	expect_true "text show command prints the knob" \
		grep -q "Branch-to-branch: allowed" <(vtysh_on rs -c "show bgp route-server")
	rs_cfg -c "no route-server allow-branch-to-branch" >/dev/null
	take_roles
}

scenario defaults defaults
scenario roles roles_implied
scenario ebgp-requires-policy ebgp_requires_policy
scenario peer-group-role peer_group_role
scenario bad-input bad_input
scenario ipv6-and-interface ipv6_and_interface
scenario limits-and-preference limits_and_preference
scenario running-config running_config_round_trips
scenario removal removal
scenario vrf vrf_instances
scenario debug-and-memory debug_and_memory

t_done

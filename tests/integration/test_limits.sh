#!/bin/bash
# Azure Route Server's limits with real peers: role peers per instance; routes
# advertised to the ExpressRoute gateway (withheld above the limit, added
# back when room frees up); routes accepted from a role peer (BIRD sends one
# too many: the session is closed with Cease "maximum number of prefixes
# reached", its routes are withdrawn from everyone, it comes back after the
# restart time and is closed again until BIRD sends fewer).
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topology.sh"

topo_start || { echo "not ok - topology did not come up"; exit 1; }
knob rs on
# Independent scenarios (lib.sh), each from the knob-on tables; after a
# failed one, the topology is restarted from its start configuration.
scenario_baseline "the knob-on tables" "topo_settled on" "topo_restart knob rs on"

peer_json() { rs_json | jq -c --arg n "$1" ".peers[] | select(.neighbor == \$n) | $2"; }

# --- role peers per instance ------------------------------------------------
role_peers() {
	expect_eq "Azure's defaults in JSON" '[8,5,4000,1,1000]' \
		"$(rs_json | jq -c '[.maximumRolePeers, .rolePeers, .receivedRouteLimit, .receivedRouteRestartMinutes, .expressrouteAdvertisedLimit]')"
	rs_cfg -c "route-server maximum-role-peers 5" -c "neighbor 10.0.0.13 remote-as 65003" >/dev/null
	state=$(rs_json | jq -c '[.maximumRolePeers, [.peers[] | [.neighbor, .role]]]')
	config=$(running_config)
	expect_true "a 6th role peer is refused while the limit is 5" \
		grep -q "^% Cannot give 10.0.0.13 role nva: the instance has 5 role peers" \
		<(rs_cfg -c "neighbor 10.0.0.13 route-server role nva")
	expect_true "so is joining a peer-group that has a role" \
		grep -q "^% 10.0.0.13 would have route-server role vpn-gateway in peer-group VPNGW: the instance has 5 role peers" \
		<(rs_cfg -c "neighbor 10.0.0.13 peer-group VPNGW")
	expect_true "and a limit below the role peers there are" \
		grep -q "^% The instance has 5 role peers, more than 4" <(rs_cfg -c "route-server maximum-role-peers 4")
	expect_eq "nothing changed: roles and limit" "$state" \
		"$(rs_json | jq -c '[.maximumRolePeers, [.peers[] | [.neighbor, .role]]]')"
	expect_eq "nothing changed: running-config" "$config" "$(running_config)"
	expect_true "a role change within the limit is accepted" \
		test -z "$(rs_cfg -c "neighbor 10.0.0.12 route-server role nva")"
	rs_cfg -c "no route-server maximum-role-peers" -c "no neighbor 10.0.0.13" >/dev/null
}

# --- routes advertised to the ExpressRoute gateway --------------------------
# Knob on, the gateway would get 5: the virtual network, NVA 1's two, NVA 2's,
# the VPN gateway's. With 3, a re-announce decides in table order.
audit_withheld() {
	vtysh_on rs -c "show bgp route-server audit json" | jq -c '[.withheldRoutes, .violationCount]'
}
er_settles() { # EXPECTED: the gateway's adj-in settles to it (bounded)
	_er_is() { [ "$(tbl_er_adjin)" == "$1" ]; }
	wait_until 30 "expressroute gateway's adj-in" _er_is "$1" || true
	tbl_er_adjin
}
advertise_limit() {
	rs_cfg -c "route-server expressroute-advertise-limit 3" >/dev/null
	want=$(lines "$L_VNET_IBGP" "$L_NVA1_IBGP" "$L_NVA2_IBGP")
	expect_eq "limit 3: the virtual network and the first two learned routes" "$want" "$(er_settles "$want")"
	expect_eq "JSON: limit and reached" '[3,true]' \
		"$(peer_json 10.0.0.2 '[.advertisedRouteLimit, .advertisedRouteLimitReached]')"
	expect_eq "the audit counts the 2 routes the limit withholds, and no violation" '[2,0]' \
		"$(audit_withheld)"
	expect_true "its text says so" grep -qx \
		"2 withheld from the ExpressRoute gateways by their advertised-route limit (per gateway)" \
		<(vtysh_on rs -c "show bgp route-server audit")
	expect_eq "explain names the limit for a withheld route" \
		'{"verdict":"suppress","reasonCode":"expressrouteAdvertisedLimit","advertised":false}' \
		"$(vtysh_on rs -c "show bgp route-server explain $P_VPN json" |
			jq -c '.peers[] | select(.neighbor == "10.0.0.2") | {verdict, reasonCode, advertised}')"
	expect_true "the text view says the limit is reached" \
		grep -q "advertised-route limit 3 reached" <(vtysh_on rs -c "show bgp route-server")
	expect_eq "logged once" 1 "$(grep -c 'advertised-route limit 3 reached' "$T_DIR/rs/bgpd.log")"
	expect_eq "the other peers are not limited: nva2" "$exp_on_nva2" "$(tbl_nva2)"

	# NVA 1 withdraws a route the gateway has: the room is filled (rechecked
	# every 5 s) with the next route in table order
	vtysh_on nva1 -c "configure terminal" -c "router bgp 65001" -c "address-family ipv4 unicast" \
		-c "no network $P_NVA1" >/dev/null
	want=$(lines "$L_VNET_IBGP" "$L_NVA2_IBGP" "$L_NVA1C_IBGP")
	expect_eq "room freed: the next learned route is added" "$want" "$(er_settles "$want")"
	vtysh_on nva1 -c "configure terminal" -c "router bgp 65001" -c "address-family ipv4 unicast" \
		-c "network $P_NVA1" >/dev/null

	rs_cfg -c "no route-server expressroute-advertise-limit" >/dev/null
	expect_eq "default limit again: everything the knob allows" "$exp_on_er" "$(er_settles "$exp_on_er")"
	expect_eq "JSON: not reached" '[1000,false]' \
		"$(peer_json 10.0.0.2 '[.advertisedRouteLimit, .advertisedRouteLimitReached]')"
	below_logged() { grep -c 'below the advertised-route limit 1000 again' "$T_DIR/rs/bgpd.log"; }
	_below() { [ "$(below_logged)" -ge 1 ]; }
	wait_until 15 "the log says nothing is withheld (rechecked every 5 s)" _below || true
	expect_eq "logged once that nothing is withheld any more" 1 "$(below_logged)"
	expect_eq "the audit counts none withheld" '[0,0]' "$(audit_withheld)"
}

# --- routes accepted from a role peer ---------------------------------------
# VPN gateway 1 (BIRD) gets a limit of 3 of its own and sends 3, then 4.
vpn1_sends() { # N: its on-premises route and N-1 more
	local routes="" i
	for ((i = 1; i < $1; i++)); do routes+="\troute 192.168.4$i.0/24 unreachable;\n"; done
	sed -e "s|route 192.168.20.0/24 unreachable;|&\n$routes|" \
		-e "s|^router id|log stderr all;\n&|" \
		-e "s|connect retry time 2;|&\n\terror wait time 2, 4;|" \
		"$T_DIR/vpn-3.conf" >"$T_DIR/vpn1/bird.conf"
	birdc_on vpn1 configure >/dev/null
}
vpn1_state() { birdc_on vpn1 show protocols all routeserver; }
closed_count() { grep -c "Received: Maximum number of prefixes reached" "$T_DIR/vpn1/bird.log"; }
nva1_40s() { tbl_nva1 | grep -c '^192\.168\.4' || true; }

received_limit() {
	rs_cfg -c "neighbor 10.0.0.3 route-server maximum-prefix 3" >/dev/null
	expect_eq "JSON: the neighbor's own limit, set by the route server" '[3,"routeServer",false]' \
		"$(peer_json 10.0.0.3 '[.receivedRouteLimit, .receivedRouteLimitBy, .receivedRouteLimitExceeded]')"
	vpn1_sends 3
	_nva1_has() { [ "$(nva1_40s)" = "$1" ]; }
	wait_until 30 "nva1 gets vpn1's two extra routes" _nva1_has 2 || true
	expect_eq "at the limit: nva1 has vpn1's routes" 2 "$(nva1_40s)"

	vpn1_sends 4
	_closed() { [ "$(closed_count)" -ge "$1" ]; }
	wait_until 30 "BIRD's session closed for the limit" _closed 1 || true
	expect_true "BIRD itself says the session was closed with maximum-prefix" \
		grep -q "Received: Maximum number of prefixes reached" <(vpn1_state)
	expect_true "bgpd logged it" grep -q "MAXPFXEXCEED.*10.0.0.3" "$T_DIR/rs/bgpd.log"
	expect_eq "JSON: limit exceeded" true "$(peer_json 10.0.0.3 .receivedRouteLimitExceeded)"
	expect_true "the text view marks it" grep -q "10.0.0.3 .* 3 EXCEEDED" <(vtysh_on rs -c "show bgp route-server")
	wait_until 30 "vpn1's routes withdrawn from nva1" _nva1_has 0 || true
	expect_eq "its routes were withdrawn from the other peers (nva1)" 0 "$(nva1_40s)"
	expect_eq "the on-premises route stays, through VPN instance 2" \
		"${exp_on_nva1/$L_VPN_EBGP/${L_VPN_EBGP/10.0.0.3/10.0.0.4}}" "$(tbl_nva1)"

	# the restart timer (1 minute) lets it back; it still sends 4: closed again
	wait_until 100 "the session came back and was closed again" _closed 2 || true
	expect_eq "closed a second time after the restart time" 2 "$(closed_count)"

	vpn1_sends 3
	_up() { grep -q "BGP state: *Established" <(vpn1_state); }
	wait_until 100 "the session is back with 3 routes" _up || true
	wait_until 30 "nva1 gets vpn1's routes again" _nva1_has 2 || true
	expect_eq "recovered: nva1 has vpn1's routes again" 2 "$(nva1_40s)"
	expect_eq "JSON: no longer exceeded" false "$(peer_json 10.0.0.3 .receivedRouteLimitExceeded)"
	expect_eq "closed no more" 2 "$(closed_count)"
}

scenario role-peers role_peers
scenario advertise-limit advertise_limit
scenario received-limit received_limit

t_done

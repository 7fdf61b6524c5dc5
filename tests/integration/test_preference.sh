#!/bin/bash
# Routing preference (Azure's hub routing preference) with real peers: the
# same prefixes from the ExpressRoute gateway (GoBGP), VPN gateway 1 (BIRD)
# and NVA 2 (GoBGP) with different AS-path lengths; each receiver's own
# table shows the path the preference chose, or, where the decision table
# forbids bgpd's best path to it (a gateway's own kind: suppress), the best
# path it may have (issue 20: no path hiding), "explain" names why, a live
# change resets no session, and the operator's own weight still wins.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topology.sh"

topo_start || { echo "not ok - topology did not come up"; exit 1; }

# AS paths as sent:  expressroute        vpn gateway 1       nva2
P1=192.168.51.0/24 # 12076 65100 (2)     65200 (1)           65002 65010 65011 (3)
P2=192.168.52.0/24 # 12076 65100 (2)     65200 65201 65202   65002 (1)
P3=192.168.53.0/24 # 12076 65100 (2)     65200 65201 65202   65002 65010 65011
# announce_prefixes: the three from each source, as above; branch-to-branch on.
announce_prefixes() {
	local p
	for p in $P1 $P2 $P3; do
		gobgp_on er global rib add -a ipv4 "$p" nexthop 10.0.0.2 aspath "12076,65100"
	done
	gobgp_on nva2 global rib add -a ipv4 "$P1" nexthop 10.0.0.12 aspath "65010,65011"
	gobgp_on nva2 global rib add -a ipv4 "$P2" nexthop 10.0.0.12
	gobgp_on nva2 global rib add -a ipv4 "$P3" nexthop 10.0.0.12 aspath "65010,65011"
	# VPN gateway 1 also announces the three, P2 and P3 with two more ASes
	sed -e "s|route 192.168.20.0/24 unreachable;|&\n\troute $P1 unreachable;\n\troute $P2 unreachable;\n\troute $P3 unreachable;|" \
		-e "s|bgp_path.prepend(65200);|if net != $P1 then { bgp_path.prepend(65202); bgp_path.prepend(65201); }\n\t\t\t\t&|" \
		"$T_DIR/vpn-3.conf" >"$T_DIR/vpn1/bird.conf"
	birdc_on vpn1 configure >/dev/null
	knob rs on
}
announce_prefixes

# The three prefixes in a receiver's own table (tbl_* of topology.sh); the
# expressroute gateway's adj-in, since its own paths may be its best ones.
tbl5() { "tbl_$1" | grep '^192\.168\.5[123]\.' || true; }
# prefs_are NODE EXPECTED...: NODE's table of the three is EXPECTED's lines.
prefs_are() {
	local node=$1
	shift
	[ "$(tbl5 "$node")" == "$(lines "$@" | sed '/^$/d')" ]
}
# wait_prefs PHASE NODE EXPECTED...: NODE's table of the three settles.
wait_prefs() {
	local phase=$1 node=$2
	shift 2
	wait_until 30 "$phase: $node" prefs_are "$node" "$@" || true
	expect_eq "$phase: $node's own table" "$(lines "$@" | sed '/^$/d')" "$(tbl5 "$node")"
}
# explain_of PREFIX: the candidate paths (source, weight, AS-path length,
# best) and the preference, as explain shows them
explain_of() {
	vtysh_on rs -c "show bgp route-server explain $1 json" | jq -c '
		[.routingPreference, (.paths | map([.sourcePeer, .weight, .asPathLength, .best]) | sort)]'
}

ER="nh=10.0.0.2 path=65515,12076,65100 comm="
VPN1="nh=10.0.0.3 path=65515,65200 comm="
NVA2="nh=10.0.0.12 path=65515,65002 comm="
ER_VPN2="nh=10.0.0.2 path=12076,65100 comm="
# iBGP receivers (the gateways) see the paths as sent
VPN1_I="nh=10.0.0.3 path=65200 comm="
VPN1_LONG_I="nh=10.0.0.3 path=65200,65201,65202 comm="
NVA2_I="nh=10.0.0.12 path=65002 comm="
NVA2_LONG_I="nh=10.0.0.12 path=65002,65010,65011 comm="
# The expressroute gateway never gets its own kind's paths (suppress), so
# while its path is bgpd's best it gets the best of the others, all allowed
# with the knob on. Under expressroute and vpn-gateway alike (the VPN and
# NVA paths' weights equal), bgpd's order among those: P1 the VPN gateway's
# (the shorter AS path), P2 NVA 2's (the shorter), P3 the VPN gateway's
# (equal AS paths; origin IGP over incomplete).
ER_ALT=("$P1 $VPN1_I" "$P2 $NVA2_I" "$P3 $VPN1_LONG_I")

# Independent scenarios (lib.sh), each from the default preference
# (expressroute: the gateway's paths win everywhere); after a failed one,
# the topology is restarted and the prefixes announced again.
expressroute_preferred() {
	prefs_are nva1 "$P1 $ER" "$P2 $ER" "$P3 $ER" &&
		prefs_are vpn2 "$P1 $ER_VPN2" "$P2 $ER_VPN2" "$P3 $ER_VPN2" && prefs_are er_adjin "${ER_ALT[@]}"
}
expressroute_settled() { wait_until 30 "the expressroute preference's tables" expressroute_preferred; }
scenario_baseline "the expressroute preference's tables" expressroute_settled "topo_restart announce_prefixes"

# --- expressroute (the default): the gateway's paths win everywhere ---------
# (but at the gateway itself: it gets the best path it may have, ER_ALT)
expressroute() {
	wait_prefs "expressroute" nva1 "$P1 $ER" "$P2 $ER" "$P3 $ER"
	wait_prefs "expressroute" vpn2 "$P1 $ER_VPN2" "$P2 $ER_VPN2" "$P3 $ER_VPN2"
	wait_prefs "expressroute" er_adjin "${ER_ALT[@]}"
	expect_eq "expressroute: explain shows the gateway's path best by its weight" \
		'["expressroute",[["10.0.0.12",0,3,false],["10.0.0.2",1,2,true],["10.0.0.3",0,1,false]]]' \
		"$(explain_of $P1)"
	expect_eq "expressroute: the gateway's routes carry the preference's weight" 1 \
		"$(rs_json | jq '.peers[] | select(.neighbor == "10.0.0.2") | .weight')"
}

# --- vpn-gateway: VPN and NVA routes first, the shorter AS path among them --
vpn_gateway() {
	local before
	before=$(session_counts)
	rs_cfg -c "route-server routing-preference vpn-gateway" >/dev/null
	# P3: equal AS paths; bgpd's next criterion (origin: IGP over incomplete)
	wait_prefs "vpn-gateway" nva1 "$P1 $VPN1" "$P2 $NVA2" "$P3 nh=10.0.0.3 path=65515,65200,65201,65202 comm="
	wait_prefs "vpn-gateway" er_adjin "${ER_ALT[@]}"
	# vpn2 never gets a VPN gateway's path (suppress): for P1 and P3, where
	# that is bgpd's best, it gets NVA 2's, which the preference's weight
	# puts before the expressroute gateway's
	wait_prefs "vpn-gateway" vpn2 "$P1 $NVA2_LONG_I" "$P2 $NVA2_I" "$P3 $NVA2_LONG_I"
	expect_eq "vpn-gateway: P1 from the vpn gateway, the shorter path of the two preferred" \
		'["vpn-gateway",[["10.0.0.12",1,3,false],["10.0.0.2",0,2,false],["10.0.0.3",1,1,true]]]' \
		"$(explain_of $P1)"
	expect_eq "vpn-gateway: P2 from the nva, the shorter path of the two preferred" \
		'["vpn-gateway",[["10.0.0.12",1,1,true],["10.0.0.2",0,2,false],["10.0.0.3",1,3,false]]]' \
		"$(explain_of $P2)"
	expect_no_reset "vpn-gateway, the preference changed" "$before"
	rs_cfg -c "no route-server routing-preference" >/dev/null
}

# --- as-path: the shortest AS path, whatever the source ---------------------
as_path() {
	local before
	before=$(session_counts)
	rs_cfg -c "route-server routing-preference as-path" >/dev/null
	wait_prefs "as-path" nva1 "$P1 $VPN1" "$P2 $NVA2" "$P3 $ER"
	# P3's best is the gateway's own: it gets the best of the others, the VPN
	# gateway's (equal AS paths; origin IGP over incomplete)
	wait_prefs "as-path" er_adjin "$P1 $VPN1_I" "$P2 $NVA2_I" "$P3 $VPN1_LONG_I"
	# P1's best is the VPN gateway's: vpn2 gets the best of the others, the
	# expressroute gateway's (the shorter AS path)
	wait_prefs "as-path" vpn2 "$P1 $ER_VPN2" "$P2 $NVA2_I" "$P3 $ER_VPN2"
	expect_eq "as-path: P3 from the expressroute gateway, the shortest path" \
		'["as-path",[["10.0.0.12",0,3,false],["10.0.0.2",0,2,true],["10.0.0.3",0,3,false]]]' \
		"$(explain_of $P3)"
	expect_true "explain's text names bgpd's deciding criterion" \
		grep -q "Chosen by bgpd's best-path selection (last criterion: AS Path), routing preference as-path" \
		<(vtysh_on rs -c "show bgp route-server explain $P3")
	expect_no_reset "as-path, the preference changed" "$before"
	rs_cfg -c "no route-server routing-preference" >/dev/null
}

# --- the operator's own weight wins over the preference ----------------------
operator_weight() {
	local before
	before=$(session_counts)
	rs_cfg -c "address-family ipv4 unicast" -c "neighbor 10.0.0.12 weight 100" >/dev/null
	wait_prefs "expressroute, nva2 weight 100" nva1 "$P1 nh=10.0.0.12 path=65515,65002,65010,65011 comm=" \
		"$P2 $NVA2" "$P3 nh=10.0.0.12 path=65515,65002,65010,65011 comm="
	wait_prefs "expressroute, nva2 weight 100" er_adjin "$P1 nh=10.0.0.12 path=65002,65010,65011 comm=" \
		"$P2 nh=10.0.0.12 path=65002 comm=" "$P3 nh=10.0.0.12 path=65002,65010,65011 comm="
	expect_eq "show bgp route-server json shows the operator's weight" 100 \
		"$(rs_json | jq '.peers[] | select(.neighbor == "10.0.0.12") | .weight')"
	expect_true "running-config has the operator's weight, not the module's" \
		test "$(running_config | grep -c ' weight ')" = 1
	expect_no_reset "nva2 weight 100" "$before"
	rs_cfg -c "address-family ipv4 unicast" -c "no neighbor 10.0.0.12 weight 100" >/dev/null
}

scenario expressroute expressroute
scenario vpn-gateway vpn_gateway
scenario as-path as_path
scenario operator-weight operator_weight

t_done

#!/bin/bash
# The reference topology: a route server (Debian's bgpd + the module) on a LAN
# with an ExpressRoute gateway (GoBGP), an active-active VPN gateway (two BIRD
# instances), NVA 1 (Debian's bgpd) and NVA 2 (GoBGP). Sourced after lib.sh.
#
# TOPO_RS2=1 (set before topo_start) adds a second route server, as Azure
# runs two instances: node rs2 at 10.0.0.5 with the same configuration apart
# from its router-id, and every peer sessions with both.

TOPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RS_SRCDIR=${RS_SRCDIR:-$(cd "$TOPO_DIR/../.." && pwd)}
RS_CONF=${RS_CONF:-$RS_SRCDIR/doc/examples/routeserver.conf}
RS2_ADDR=10.0.0.5

# Prefixes each peer originates.
P_VNET=10.1.0.0/16
P_ER=192.168.10.0/24
P_VPN=192.168.20.0/24
P_NVA1=172.16.1.0/24
P_NVA1_COMM=172.16.99.0/24
P_NVA1_NOADV=172.16.98.0/24
P_NVA2=172.16.2.0/24

# Expected table lines (see table_* in lib.sh), as each kind of peer sees them.
# eBGP receivers (NVAs) see the route server's AS prepended.
L_VNET_EBGP="$P_VNET nh=10.0.0.1 path=65515 comm="
L_VNET_IBGP="$P_VNET nh=10.0.0.1 path= comm="
L_ER_EBGP="$P_ER nh=10.0.0.2 path=65515,12076,65100 comm="
L_ER_IBGP="$P_ER nh=10.0.0.2 path=12076,65100 comm="
L_VPN_EBGP="$P_VPN nh=10.0.0.3 path=65515,65200 comm="
L_VPN_IBGP="$P_VPN nh=10.0.0.3 path=65200 comm="
L_NVA1_EBGP="$P_NVA1 nh=10.0.0.11 path=65515,65001 comm="
L_NVA1_IBGP="$P_NVA1 nh=10.0.0.11 path=65001 comm="
L_NVA1C_EBGP="$P_NVA1_COMM nh=10.0.0.11 path=65515,65001 comm=65001:99"
L_NVA1C_IBGP="$P_NVA1_COMM nh=10.0.0.11 path=65001 comm=65001:99"
L_NVA2_EBGP="$P_NVA2 nh=10.0.0.12 path=65515,65002 comm="
L_NVA2_IBGP="$P_NVA2 nh=10.0.0.12 path=65002 comm="

# knob off: virtual network to everyone, NVA <-> NVA, nothing else
exp_off_er=$(lines "$L_VNET_IBGP")
exp_off_vpn=$(lines "$L_VNET_IBGP")
exp_off_nva1=$(lines "$L_VNET_EBGP" "$L_NVA2_EBGP")
exp_off_nva2=$(lines "$L_VNET_EBGP" "$L_NVA1_EBGP" "$L_NVA1C_EBGP")
# knob on: gateways and NVAs learn each other's routes; never a gateway's
# routes back to a gateway of the same kind; NO_ADVERTISE to nobody
exp_on_er=$(lines "$L_VNET_IBGP" "$L_VPN_IBGP" "$L_NVA1_IBGP" "$L_NVA1C_IBGP" "$L_NVA2_IBGP")
exp_on_vpn=$(lines "$L_VNET_IBGP" "$L_ER_IBGP" "$L_NVA1_IBGP" "$L_NVA1C_IBGP" "$L_NVA2_IBGP")
exp_on_nva1=$(lines "$L_VNET_EBGP" "$L_NVA2_EBGP" "$L_ER_EBGP" "$L_VPN_EBGP")
exp_on_nva2=$(lines "$L_VNET_EBGP" "$L_NVA1_EBGP" "$L_NVA1C_EBGP" "$L_ER_EBGP" "$L_VPN_EBGP")

topo_start() {
	lan_create
	node_create rs 10.0.0.1/24
	! topo_rs2 || node_create rs2 "$RS2_ADDR/24"
	node_create er 10.0.0.2/24
	node_create vpn1 10.0.0.3/24
	node_create vpn2 10.0.0.4/24
	node_create nva1 10.0.0.11/24
	node_create nva2 10.0.0.12/24

	start_gobgpd er "$TOPO_DIR/peers/er-gobgp.toml" || return 1
	gobgp_on er global rib add -a ipv4 "$P_ER" nexthop 10.0.0.2 aspath "12076,65100" || return 1
	local id
	for id in 3 4; do
		vpn_bird_conf "$id" >"$T_DIR/vpn-$id.conf"
	done
	start_bird vpn1 "$T_DIR/vpn-3.conf" || return 1
	start_bird vpn2 "$T_DIR/vpn-4.conf" || return 1
	start_bgpd nva1 "$TOPO_DIR/peers/nva1-frr.conf" || return 1
	start_gobgpd nva2 "$TOPO_DIR/peers/nva2-gobgp.toml" || return 1
	gobgp_on nva2 global rib add -a ipv4 "$P_NVA2" nexthop 10.0.0.12 || return 1
	! topo_rs2 || peers_add_rs2 || return 1

	start_bgpd rs "$RS_CONF" module || return 1
	! topo_rs2 || start_rs2 || return 1
	topo_wait_established
}

# topo_rs2: the topology has the second route server (TOPO_RS2=1).
topo_rs2() { [ "${TOPO_RS2:-}" = 1 ]; }

# vpn_bird_conf ID: the BIRD configuration of VPN gateway instance 10.0.0.ID;
# with the second route server also "protocol bgp routeserver2", a copy of
# "routeserver" with neighbor 10.0.0.5.
vpn_bird_conf() {
	local tmpl="$TOPO_DIR/peers/vpn-bird.conf.in"
	sed "s/@ID@/$1/g" "$tmpl"
	topo_rs2 || return 0
	echo
	sed -n '/^protocol bgp routeserver {/,/^}/p' "$tmpl" |
		sed -e "s/@ID@/$1/g" -e 's/^protocol bgp routeserver {/protocol bgp routeserver2 {/' \
			-e "s/^\(\tneighbor\) 10\.0\.0\.1 /\1 $RS2_ADDR /"
}

# peers_add_rs2: the ExpressRoute gateway and the NVAs also peer with the
# second route server (the VPN gateways have it in their configuration).
peers_add_rs2() {
	gobgp_on er neighbor add "$RS2_ADDR" as 65515 || return 1
	gobgp_on nva2 neighbor add "$RS2_ADDR" as 65515 || return 1
	vtysh_on nva1 -c "configure terminal" -c "router bgp 65001" \
		-c "neighbor $RS2_ADDR remote-as 65515" -c "neighbor $RS2_ADDR timers connect 2" \
		-c "address-family ipv4 unicast" -c "neighbor $RS2_ADDR route-map NVA1-OUT out"
}

# start_rs2: the second route server, with rs's configuration file and its
# own router-id.
start_rs2() {
	sed "s/^ bgp router-id 10\.0\.0\.1\$/ bgp router-id $RS2_ADDR/" "$RS_CONF" >"$T_DIR/rs2.conf"
	grep -q "^ bgp router-id $RS2_ADDR\$" "$T_DIR/rs2.conf" || {
		t_log "no \"bgp router-id 10.0.0.1\" in $RS_CONF to rewrite for rs2"
		return 1
	}
	start_bgpd rs2 "$T_DIR/rs2.conf" module
}

rs_json() { vtysh_on rs -c "show bgp route-server json"; }

# _all_established [NODE]: the five sessions of route server NODE (rs) are up.
_all_established() {
	[ "$(vtysh_on "${1:-rs}" -c 'show bgp summary json' |
		jq '[.ipv4Unicast.peers[] | select(.state == "Established")] | length')" = 5 ]
}

topo_wait_established() {
	wait_until 60 "all five sessions of the route server Established" _all_established || return 1
	topo_rs2 || return 0
	wait_until 60 "all five sessions of the second route server Established" _all_established rs2
}

# topo_settled on|off: every peer holds what the decision table says (bounded).
_tables_are() {
	local k=$1
	local er="exp_${k}_er" vpn="exp_${k}_vpn" nva1="exp_${k}_nva1" nva2="exp_${k}_nva2"
	[ "$(tbl_er | vnet_nh_as_rs)" == "${!er}" ] && [ "$(tbl_vpn1 | vnet_nh_as_rs)" == "${!vpn}" ] &&
		[ "$(tbl_vpn2 | vnet_nh_as_rs)" == "${!vpn}" ] && [ "$(tbl_nva1 | vnet_nh_as_rs)" == "${!nva1}" ] &&
		[ "$(tbl_nva2 | vnet_nh_as_rs)" == "${!nva2}" ]
}
topo_settled() { wait_until 60 "every peer's table with the knob $1" _tables_are "$1"; }

# Each peer's own received table: what it learned from rs, or with the second
# route server its best path for each route, from either instance.
tbl() { if topo_rs2; then "table_best_$1" "$2"; else "table_$1" "$2"; fi; }
tbl_er() { tbl gobgp er; }
tbl_vpn1() { tbl bird vpn1; }
tbl_vpn2() { tbl bird vpn2; }
tbl_nva1() { tbl frr nva1; }
tbl_nva2() { tbl gobgp nva2; }

# vnet_nh_as_rs: table lines with the virtual network's next hop written as
# rs's. With two instances it is the instance a peer's best path came from,
# the only line of a table that differs between them; the exp_* tables have
# rs's. Without the second route server the lines pass unchanged.
vnet_nh_as_rs() {
	if topo_rs2; then
		sed "s#^$P_VNET nh=$RS2_ADDR #$P_VNET nh=10.0.0.1 #"
	else
		cat
	fi
}

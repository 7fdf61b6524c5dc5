#!/bin/bash
# The reference topology: a route server (Debian's bgpd + the module) on a LAN
# with an ExpressRoute gateway (GoBGP), an active-active VPN gateway (two BIRD
# instances), NVA 1 (Debian's bgpd) and NVA 2 (GoBGP). Sourced after lib.sh.

TOPO_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RS_SRCDIR=${RS_SRCDIR:-$(cd "$TOPO_DIR/../.." && pwd)}
RS_CONF=${RS_CONF:-$RS_SRCDIR/doc/examples/routeserver.conf}

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
	node_create er 10.0.0.2/24
	node_create vpn1 10.0.0.3/24
	node_create vpn2 10.0.0.4/24
	node_create nva1 10.0.0.11/24
	node_create nva2 10.0.0.12/24

	start_gobgpd er "$TOPO_DIR/peers/er-gobgp.toml" || return 1
	gobgp_on er global rib add -a ipv4 "$P_ER" nexthop 10.0.0.2 aspath "12076,65100" || return 1
	local id
	for id in 3 4; do
		sed "s/@ID@/$id/g" "$TOPO_DIR/peers/vpn-bird.conf.in" >"$T_DIR/vpn-$id.conf"
	done
	start_bird vpn1 "$T_DIR/vpn-3.conf" || return 1
	start_bird vpn2 "$T_DIR/vpn-4.conf" || return 1
	start_bgpd nva1 "$TOPO_DIR/peers/nva1-frr.conf" || return 1
	start_gobgpd nva2 "$TOPO_DIR/peers/nva2-gobgp.toml" || return 1
	gobgp_on nva2 global rib add -a ipv4 "$P_NVA2" nexthop 10.0.0.12 || return 1

	start_bgpd rs "$RS_CONF" module || return 1
	topo_wait_established
}

rs_json() { vtysh_on rs -c "show bgp route-server json"; }

_all_established() {
	[ "$(vtysh_on rs -c 'show bgp summary json' |
		jq '[.ipv4Unicast.peers[] | select(.state == "Established")] | length')" = 5 ]
}

topo_wait_established() {
	wait_until 60 "all five sessions of the route server Established" _all_established
}

# topo_settled on|off: every peer holds what the decision table says (bounded).
_tables_are() {
	local k=$1
	local er="exp_${k}_er" vpn="exp_${k}_vpn" nva1="exp_${k}_nva1" nva2="exp_${k}_nva2"
	[ "$(tbl_er)" == "${!er}" ] && [ "$(tbl_vpn1)" == "${!vpn}" ] &&
		[ "$(tbl_vpn2)" == "${!vpn}" ] && [ "$(tbl_nva1)" == "${!nva1}" ] &&
		[ "$(tbl_nva2)" == "${!nva2}" ]
}
topo_settled() { wait_until 60 "every peer's table with the knob $1" _tables_are "$1"; }

# Each peer's own received table.
tbl_er() { table_gobgp er; }
tbl_vpn1() { table_bird vpn1; }
tbl_vpn2() { table_bird vpn2; }
tbl_nva1() { table_frr nva1; }
tbl_nva2() { table_gobgp nva2; }

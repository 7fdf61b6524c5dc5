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

# The peers; each one's own table is read by topo_table (below).
TOPO_PEERS=(er vpn1 vpn2 nva1 nva2)
# TOPO_KIND[NODE]: the table_KIND that reads the peer's table (lib.sh).
declare -A TOPO_KIND=([er]=gobgp [vpn1]=bird [vpn2]=bird [nva1]=frr [nva2]=gobgp)
for _n in "${TOPO_PEERS[@]}"; do PEER_KIND[$_n]=topo; done
unset _n

# Every peer's own table with the knob off and on: expected/topology/knob-off
# and knob-on, the virtual network's next hop written as rs's. exp_KNOB_PEER,
# the same tables, for the tests that compose from them (vpn: both instances).
for _k in off on; do
	for _n in er vpn nva1 nva2; do
		printf -v "exp_${_k}_$_n" '%s' "$(expected_table "topology/knob-$_k" "${_n/#vpn/vpn1}")"
	done
done
unset _k _n

topo_start() {
	lan_create
	node_create rs 10.0.0.1/24
	! topo_rs2 || node_create rs2 "$RS2_ADDR/24"
	node_create er 10.0.0.2/24
	node_create vpn1 10.0.0.3/24
	node_create vpn2 10.0.0.4/24
	node_create nva1 10.0.0.11/24
	node_create nva2 10.0.0.12/24
	topo_start_daemons
}

# topo_start_peers: the peers, each from its start configuration.
topo_start_peers() {
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
	! topo_rs2 || peers_add_rs2
}

# topo_start_daemons: the peers, then the route server(s), each from its
# start configuration; waits for every session.
topo_start_daemons() {
	topo_start_peers || return 1
	start_bgpd rs "$RS_CONF" module || return 1
	! topo_rs2 || start_rs2 || return 1
	topo_wait_established
}

# topo_restart [COMMAND...]: every daemon the script started stopped, and
# the topology's started again from their start configurations: the peers'
# routes and the route server's configuration as topo_start left them (a
# daemon a test added is not started again); then COMMAND, the test's own
# set-up after topo_start. The stopped daemons' logs are kept as NAME.log.N.
TOPO_RESTARTS=0
# what topo_restart starts (a test that starts other daemons names its own)
TOPO_DAEMONS=topo_start_daemons
topo_restart() {
	local pid f
	for pid in "${T_PIDS[@]}"; do
		stop_pid "$pid"
	done
	TOPO_RESTARTS=$((TOPO_RESTARTS + 1))
	for f in "$T_DIR"/*/*.log; do
		[ ! -e "$f" ] || mv "$f" "$f.$TOPO_RESTARTS"
	done
	rm -f "$T_DIR"/*/bird.ctl "$T_DIR"/*/*.pid "$T_DIR"/*/*.vty "$T_DIR"/*/zserv.api
	"$TOPO_DAEMONS" || return 1
	[ $# -eq 0 ] || "$@"
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

# topo_settled on|off: every peer holds its table with the knob on or off
# (bounded).
topo_settled() {
	wait_until 60 "every peer's table with the knob $1" tables_hold "topology/knob-$1"
}

# topo_table NODE: the peer's own table: what it learned from rs, or with the
# second route server its best path for each route, from either instance.
topo_table() {
	if topo_rs2; then "table_best_${TOPO_KIND[$1]}" "$1"; else "table_${TOPO_KIND[$1]}" "$1"; fi
}
tbl_er() { topo_table er; }
tbl_vpn1() { topo_table vpn1; }
tbl_vpn2() { topo_table vpn2; }
tbl_nva1() { topo_table nva1; }
tbl_nva2() { topo_table nva2; }
# tbl_er_adjin: every path the ExpressRoute gateway received from rs, best or
# not (its own path for a prefix may be its best one).
tbl_er_adjin() { table_gobgp_adjin er; }

# table_topo NODE: topo_table as the expected tables spell it (PEER_KIND
# topo), the virtual network's next hop written as rs's.
table_topo() { topo_table "$1" | vnet_nh_as_rs; }

# vnet_nh_as_rs: table lines with the virtual network's next hop written as
# rs's. With two instances it is the instance a peer's best path came from,
# the only line of a table that differs between them; the expected tables
# have rs's. Without the second route server the lines pass unchanged.
vnet_nh_as_rs() {
	if topo_rs2; then
		sed "s#^$P_VNET nh=$RS2_ADDR #$P_VNET nh=10.0.0.1 #"
	else
		cat
	fi
}

#!/bin/bash
# The route-server policy over IPv6 sessions with IPv6 prefixes, from each
# peer's OWN table: an ExpressRoute gateway and a VPN gateway instance
# (GoBGP, iBGP), NVA 1 (Debian's bgpd) and NVA 2 (GoBGP); roles only,
# knob off, on and off again. Learned routes keep their (global) next hop.
T_AFI=ipv6
RS_ADDR=fd00::1
source "$(dirname "$0")/lib.sh"

cat >"$T_DIR/rs.conf" <<'CONF'
frr defaults traditional
hostname rs
router bgp 65515
 bgp router-id 10.0.0.1
 no bgp default ipv4-unicast
 no bgp ebgp-requires-policy
 no bgp network import-check
 neighbor fd00::2 remote-as internal
 neighbor fd00::3 remote-as internal
 neighbor fd00::11 remote-as 65001
 neighbor fd00::12 remote-as 65002
 address-family ipv6 unicast
  network fd00:1::/48
  neighbor fd00::2 activate
  neighbor fd00::3 activate
  neighbor fd00::11 activate
  neighbor fd00::12 activate
 exit-address-family
 neighbor fd00::2 route-server role expressroute-gateway
 neighbor fd00::3 route-server role vpn-gateway
 neighbor fd00::11 route-server role nva
 neighbor fd00::12 route-server role nva
exit
CONF

gobgp_conf 65515 10.0.0.2 fd00::1 ipv6-unicast >"$T_DIR/er.toml"
gobgp_conf 65515 10.0.0.3 fd00::1 ipv6-unicast >"$T_DIR/vpn.toml"
gobgp_conf 65002 10.0.0.12 fd00::1 ipv6-unicast >"$T_DIR/nva2.toml"

cat >"$T_DIR/nva1.conf" <<'CONF'
frr defaults traditional
hostname nva1
router bgp 65001
 bgp router-id 10.0.0.11
 no bgp default ipv4-unicast
 no bgp ebgp-requires-policy
 no bgp network import-check
 neighbor fd00::1 remote-as 65515
 neighbor fd00::1 timers connect 2
 address-family ipv6 unicast
  network fd00:11::/48
  neighbor fd00::1 activate
 exit-address-family
exit
CONF

# v6_node NODE N: a node with 10.0.0.N/24 and fd00::N/64 (no DAD delay)
v6_node() {
	node_create "$1" "10.0.0.$2/24"
	in_ns "$1" ip addr add "fd00::$2/64" dev eth0 nodad
}
lan_create
v6_node rs 1
v6_node er 2
v6_node vpn1 3
v6_node nva1 11
v6_node nva2 12
start_gobgpd er "$T_DIR/er.toml" || exit 1
gobgp_on er global rib add -a ipv6 fd00:10::/48 nexthop fd00::2 aspath "12076,65100" >/dev/null
start_gobgpd vpn1 "$T_DIR/vpn.toml" || exit 1
gobgp_on vpn1 global rib add -a ipv6 fd00:20::/48 nexthop fd00::3 aspath 65200 >/dev/null
start_bgpd nva1 "$T_DIR/nva1.conf" || exit 1
start_gobgpd nva2 "$T_DIR/nva2.toml" || exit 1
gobgp_on nva2 global rib add -a ipv6 fd00:12::/48 nexthop fd00::12 >/dev/null
start_bgpd rs "$T_DIR/rs.conf" module || exit 1

_v6_established() {
	[ "$(vtysh_on rs -c 'show bgp summary json' |
		jq '[.ipv6Unicast.peers[] | select(.state == "Established")] | length')" = 4 ]
}
wait_until 60 "four IPv6 sessions Established" _v6_established

# Each peer's own table (expected/ipv6/STEP/NODE.table).
PEER_KIND=([er]=gobgp [vpn1]=gobgp [nva1]=frr [nva2]=gobgp)
expect_tables 60 "IPv6, knob off" ipv6/knob-off
rs_cfg -c "route-server allow-branch-to-branch" >/dev/null
expect_tables 60 "IPv6, knob on" ipv6/knob-on
rs_cfg -c "no route-server allow-branch-to-branch" >/dev/null
expect_tables 60 "IPv6, knob off again" ipv6/knob-off

expect_eq "no IPv6 session was reset (each established once)" \
	'{"fd00::11":1,"fd00::12":1,"fd00::2":1,"fd00::3":1}' "$(session_counts)"

expect_eq "advertised-routes show the IPv6 next hop bgpd encodes, not ::" \
	'[["fd00:12::/48","fd00::12"],["fd00:1::/48","fd00::1"]]' \
	"$(vtysh_on rs -c "show bgp route-server neighbor fd00::11 advertised-routes json" |
		jq -c '[.routes[] | select(.asPath != "65515-65001") | [.network, .nextHop]] | sort')"

# bgpd's ebgp-requires-policy is judged per address family: nva2 has IPv6
# route-maps in and out, nva1 has none
vtysh_on rs -c "configure terminal" -c "route-map ALL permit 10" -c "exit" \
	-c "router bgp 65515" -c "bgp ebgp-requires-policy" -c "address-family ipv6 unicast" \
	-c "neighbor fd00::12 route-map ALL in" -c "neighbor fd00::12 route-map ALL out" >/dev/null
expect_eq "ebgp-requires-policy: warned for the IPv6 nva without IPv6 policies only" \
	'["fd00::11"]' \
	"$(rs_json | jq -c '[.warnings[] | select(test("ebgp-requires-policy")) | capture("neighbor (?<n>[^ ]+)").n]')"
rs_cfg -c "no bgp ebgp-requires-policy" >/dev/null

t_done

#!/bin/bash
# A gateway may also be an eBGP peer: an ExpressRoute gateway in AS 12076
# (GoBGP) and an NVA (Debian's bgpd), knob off then on, as each peer sees it.
source "$(dirname "$0")/lib.sh"

cat >"$T_DIR/rs.conf" <<'CONF'
frr defaults traditional
hostname rs
router bgp 65515
 bgp router-id 10.0.0.1
 no bgp ebgp-requires-policy
 no bgp network import-check
 neighbor 10.0.0.2 remote-as 12076
 neighbor 10.0.0.11 remote-as 65001
 address-family ipv4 unicast
  network 10.1.0.0/16
 exit-address-family
 neighbor 10.0.0.2 route-server role expressroute-gateway
 neighbor 10.0.0.11 route-server role nva
exit
CONF
gobgp_conf 12076 10.0.0.2 10.0.0.1 >"$T_DIR/er.toml"
frr_nva_conf 65001 10.0.0.11 172.16.1.0/24 >"$T_DIR/nva.conf"

lan_create
node_create rs 10.0.0.1/24
node_create er 10.0.0.2/24
node_create nva1 10.0.0.11/24
start_gobgpd er "$T_DIR/er.toml" || exit 1
gobgp_on er global rib add -a ipv4 192.168.10.0/24 nexthop 10.0.0.2 aspath 65100 >/dev/null
start_bgpd nva1 "$T_DIR/nva.conf" || exit 1
start_bgpd rs "$T_DIR/rs.conf" module || exit 1

expect_eq "the eBGP gateway took its role" '"expressroute-gateway"' \
	"$(vtysh_on rs -c "show bgp route-server json" | jq -c '.peers[] | select(.neighbor == "10.0.0.2") | .role')"

wait_table 60 "knob off: eBGP expressroute gateway gets the VNet only" gobgp er \
	"10.1.0.0/16 nh=10.0.0.1 path=65515 comm="
wait_table 60 "knob off: nva gets the VNet only" frr nva1 \
	"10.1.0.0/16 nh=10.0.0.1 path=65515 comm="

rs_cfg -c "route-server allow-branch-to-branch" >/dev/null
wait_table 30 "knob on: the gateway gets the nva's route, AS prepended, next hop kept" gobgp er \
	"$(lines "10.1.0.0/16 nh=10.0.0.1 path=65515 comm=" \
		"172.16.1.0/24 nh=10.0.0.11 path=65515,65001 comm=")"
wait_table 30 "knob on: the nva gets the gateway's route" frr nva1 \
	"$(lines "10.1.0.0/16 nh=10.0.0.1 path=65515 comm=" \
		"192.168.10.0/24 nh=10.0.0.2 path=65515,12076,65100 comm=")"

t_done

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


# --- as-set multipath: bgpd announces the best path with its multipaths'
# AS paths merged (bgp bestpath as-path multipath-relax as-set). A second NVA
# (GoBGP, AS 65002, router-id 1.1.1.1: with compare-routerid its path is the
# best) and the eBGP gateway send P_MP with as long an AS path: with the knob off
# nothing of the gateway's may reach nva1, also not its AS in an AS_SET.
rs_cfg -c "no route-server allow-branch-to-branch" -c "route-server routing-preference as-path" \
	-c "bgp bestpath as-path multipath-relax as-set" -c "bgp bestpath compare-routerid" \
	-c "neighbor 10.0.0.12 remote-as 65002" \
	-c "neighbor 10.0.0.12 route-server role nva" -c "address-family ipv4 unicast" -c "maximum-paths 4" >/dev/null
gobgp_conf 65002 1.1.1.1 10.0.0.1 >"$T_DIR/nva2.toml"
node_create nva2 10.0.0.12/24
start_gobgpd nva2 "$T_DIR/nva2.toml" || exit 1
P_MP=172.16.60.0/24
gobgp_on nva2 global rib add -a ipv4 "$P_MP" nexthop 10.0.0.12 aspath 65099 >/dev/null
_mp_paths() {
	[ "$(vtysh_on rs -c "show bgp ipv4 unicast $P_MP json" | jq '.paths | length')" = "$1" ]
}
wait_until 60 "nva2's path at the route server" _mp_paths 1
gobgp_on er global rib add -a ipv4 "$P_MP" nexthop 10.0.0.2 aspath 65100 >/dev/null
wait_until 30 "the gateway's path at the route server too" _mp_paths 2
_mp_best() {
	vtysh_on rs -c "show bgp ipv4 unicast $P_MP json" |
		jq -c '[.paths[] | select(.multipath and .bestpath.overall) | .peer.peerId]'
}
_mp_best_is() { [ "$(_mp_best)" = "$1" ]; }
# (best path and multipaths are decided after both paths are in: a moment
# under valgrind)
wait_until 30 "nva2's path the best of the multipaths" _mp_best_is '["10.0.0.12"]'
expect_eq "the route server holds both paths as multipaths, nva2's the best" '["10.0.0.12"]' "$(_mp_best)"
_nva1_mp_settled() { [ "$(vtysh_on rs -c "show bgp route-server audit json" | jq .pending)" = 0 ]; }
wait_until 10 "nothing pending at the route server" _nva1_mp_settled
sleep 3
expect_eq "knob off: nva1 gets nothing carrying the gateway's AS" "" \
	"$(table_frr nva1 | grep "^$P_MP .*12076")"
expect_eq "the audit finds no violation" 0 "$(audit_json | jq .violationCount)"
# the merge is real: with the knob on nva1 gets the gateway's AS in it
rs_cfg -c "route-server allow-branch-to-branch" >/dev/null
_nva1_merged() { table_frr nva1 | grep -q "^$P_MP .*12076"; }
expect_true "knob on: nva1 gets the route with the gateway's AS merged into it" \
	wait_until 30 "the merged route at nva1" _nva1_merged

t_done

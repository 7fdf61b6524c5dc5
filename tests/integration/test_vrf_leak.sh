#!/bin/bash
# Routes leaked from another VRF ("import vrf") are decided by the role of
# the peer they were learned from in their own VRF. The route server runs
# with Debian's zebra here, which knows VRFs (VRF leaking needs their ids);
# the VRF is a network namespace (zebra -n: the kernels this runs on may
# lack VRF devices). An ExpressRoute gateway (GoBGP) peers in the VRF, an
# NVA (Debian's bgpd) in the default VRF, which imports the VRF's routes.
source "$(dirname "$0")/lib.sh"
RED=$(ns_name red)

cat >"$T_DIR/rs.conf" <<CONF
frr defaults traditional
hostname rs
router bgp 65515
 bgp router-id 10.0.0.1
 no bgp ebgp-requires-policy
 no bgp network import-check
 neighbor 10.0.0.11 remote-as 65001
 address-family ipv4 unicast
  network 10.1.0.0/16
  import vrf $RED
 exit-address-family
 neighbor 10.0.0.11 route-server role nva
exit
router bgp 65515 vrf $RED
 bgp router-id 10.9.0.1
 no bgp ebgp-requires-policy
 no bgp network import-check
 neighbor 10.9.0.2 remote-as internal
 neighbor 10.9.0.2 route-server role expressroute-gateway
exit
CONF
gobgp_conf 65515 10.9.0.2 10.9.0.1 >"$T_DIR/er.toml"
frr_nva_conf 65001 10.0.0.11 >"$T_DIR/nva.conf"

lan_create
node_create rs 10.0.0.1/24
node_create nva1 10.0.0.11/24
# the gateway's own link, inside the route server's VRF (a namespace)
ns_er=$(ns_name er)
ip netns add "$ns_er"
ip netns add "$RED"
T_NETNS+=("$ns_er" "$RED")
mkdir -p "$T_DIR/er"
in_ns er ip link set lo up
ip -n "$RED" link set lo up
ip -n "$RED" link add red0 type veth peer name eth0 netns "$ns_er"
ip -n "$RED" addr add 10.9.0.1/24 dev red0
ip -n "$RED" link set red0 up
in_ns er ip addr add 10.9.0.2/24 dev eth0
in_ns er ip link set eth0 up

start_gobgpd er "$T_DIR/er.toml" || exit 1
gobgp_on er global rib add -a ipv4 192.168.10.0/24 nexthop 10.9.0.2 aspath "12076,65100" >/dev/null
start_bgpd nva1 "$T_DIR/nva.conf" || exit 1
start_zebra rs -n || exit 1
start_bgpd rs "$T_DIR/rs.conf" module zebra || exit 1

_red_up() {
	vtysh_on rs -c "show bgp vrf $RED summary json" |
		jq -e '.ipv4Unicast.peers["10.9.0.2"].state == "Established"'
}
wait_until 60 "the gateway's session in the VRF" _red_up
_leaked() {
	vtysh_on rs -c "show bgp ipv4 unicast 192.168.10.0/24 json" | jq -e '.paths | length > 0'
}
expect_true "the gateway's route is leaked into the default VRF" \
	wait_until 60 "the leaked route" _leaked

# (bgpd itself does not advertise the VRF's own leaked network, whose next
# hop it finds inaccessible: not the module's doing, so not tested here)
VNET="10.1.0.0/16 nh=10.0.0.1 path=65515 comm="
wait_table 60 "knob off: the nva gets no leaked gateway route" frr nva1 "$VNET"
expect_eq "explain names the gateway in the other VRF as the source" \
	'{"sourcePeer":"10.9.0.2","sourceRole":"expressroute-gateway"}' \
	"$(vtysh_on rs -c "show bgp route-server explain 192.168.10.0/24 json" | jq -c '{sourcePeer, sourceRole}')"
rs_cfg -c "route-server allow-branch-to-branch" >/dev/null
_nva_has_leak() { table_frr nva1 | grep -q "^192.168.10.0/24 "; }
expect_true "knob on: the nva gets the leaked gateway route" \
	wait_until 30 "leaked route at nva1" _nva_has_leak
expect_true "knob on: it is the gateway's route (its AS path)" \
	grep -q "^192.168.10.0/24 .*path=65515,12076,65100 " <<<"$(table_frr nva1)"
rs_cfg -c "no route-server allow-branch-to-branch" >/dev/null
wait_table 30 "knob off again: withdrawn" frr nva1 "$VNET"

# A role changed in the VRF is a new verdict in the instances importing from
# it: without its role the gateway's leaked route is plain bgpd's (to the
# nva), with it back suppressed again. (With the as-path preference no
# weight changes with the role: bgpd would have the gateway's routes sent
# again, and leaked again, which would hide a missing re-announcement.)
red_cfg() { vtysh_on rs -c "configure terminal" -c "router bgp 65515 vrf $RED" -c "$1" >/dev/null; }
red_role() { red_cfg "$1neighbor 10.9.0.2 route-server role expressroute-gateway"; }
red_cfg "route-server routing-preference as-path"
sleep 3 # the preference's weight gone, the route re-learned and leaked
wait_table 30 "as-path preference in the VRF: still nothing leaked to the nva" frr nva1 "$VNET"
red_role "no "
expect_true "the gateway's role removed in its VRF: the nva gets the leaked route" \
	wait_until 30 "leaked route at nva1" _nva_has_leak
red_role ""
wait_table 30 "the gateway's role back in its VRF: withdrawn from the nva" frr nva1 "$VNET"

t_done

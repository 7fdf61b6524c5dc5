#!/bin/bash
# The reference topology as deployed (doc/routeserver.md, "Production
# settings"): the route server's bgpd runs with Debian's zebra beside it (no
# -Z), both configured from doc/examples/routeserver-production.conf as it is
# (bgp no-rib, ip nht resolve-via-default, no bgp network import-check), on
# a host that has its subnet and a default route only, as a cloud VM. NVA 3
# (Debian's bgpd, AS 65003) sits in another subnet behind a router namespace
# and peers over eBGP multihop; it advertises a prefix with a third-party
# next hop, a load balancer's frontend in its subnet, which the route server
# resolves (zebra's next-hop tracking, through the default route) and passes
# unchanged.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topology.sh"
RS_CONF=$RS_SRCDIR/doc/examples/routeserver-production.conf

ROUTER=10.0.0.254
NVA3=10.1.1.4
NVA3_GW=10.1.1.1
LB=10.1.1.100
P_NVA3=172.16.3.0/24
TOPO_KIND[nva3]=frr
PEER_KIND[nva3]=topo
PEERS=(10.0.0.2 10.0.0.3 10.0.0.4 10.0.0.11 10.0.0.12 "$NVA3")

# NVA 3: eBGP multihop to the route server (one router between them), its
# prefix sent with the load balancer's frontend as next hop.
cat >"$T_DIR/nva3.conf" <<CONF
frr defaults traditional
hostname nva3
route-map NVA3-OUT permit 10
 match ip address prefix-list LB-ROUTE
 set ip next-hop $LB
route-map NVA3-OUT permit 20
ip prefix-list LB-ROUTE seq 5 permit $P_NVA3
router bgp 65003
 bgp router-id $NVA3
 no bgp ebgp-requires-policy
 no bgp network import-check
 neighbor 10.0.0.1 remote-as 65515
 neighbor 10.0.0.1 ebgp-multihop 2
 neighbor 10.0.0.1 timers connect 2
 address-family ipv4 unicast
  network $P_NVA3
  neighbor 10.0.0.1 route-map NVA3-OUT out
 exit-address-family
exit
CONF

# prod_net: the LAN with the route server (its subnet and a default route
# via the router), the gateways and NVAs 1 and 2 as in the reference
# topology, the router (ip_forward) and NVA 3 in its subnet behind it.
prod_net() {
	lan_create
	node_create rs 10.0.0.1/24
	in_ns rs ip route add default via "$ROUTER"
	node_create er 10.0.0.2/24
	node_create vpn1 10.0.0.3/24
	node_create vpn2 10.0.0.4/24
	node_create nva1 10.0.0.11/24
	node_create nva2 10.0.0.12/24
	node_create router "$ROUTER/24"
	in_ns router sysctl -qw net.ipv4.ip_forward=1
	ip netns add "$(ns_name nva3)"
	T_NETNS+=("$(ns_name nva3)")
	mkdir -p "$T_DIR/nva3"
	in_ns nva3 ip link set lo up
	in_ns router ip link add eth1 type veth peer name eth0 netns "$(ns_name nva3)"
	in_ns router ip addr add "$NVA3_GW/24" dev eth1
	in_ns router ip link set eth1 up
	in_ns nva3 ip addr add "$NVA3/24" dev eth0
	in_ns nva3 ip link set eth0 up
	in_ns nva3 ip route add default via "$NVA3_GW"
}

# prod_daemons: the peers as topology.sh starts them, NVA 3, then zebra and
# the route server's bgpd (with the module), both from the example file;
# waits for every session.
prod_daemons() {
	topo_start_peers || return 1
	start_bgpd nva3 "$T_DIR/nva3.conf" || return 1
	# (start_zebra's own -f names an empty file; the later -f wins)
	start_zebra rs -f "$RS_CONF" || return 1
	start_bgpd rs "$RS_CONF" module zebra || return 1
	wait_until 90 "all six sessions of the route server Established" all_established
}
# topo_restart (topology.sh) starts these again
TOPO_DAEMONS=prod_daemons

# established_count: how many of rs's sessions are Established.
established_count() {
	vtysh_on rs -c 'show bgp summary json' |
		jq '[.ipv4Unicast.peers[] | select(.state == "Established")] | length'
}
all_established() { [ "$(established_count)" = "${#PEERS[@]}" ]; }

# nva3_state: rs's session state with NVA 3.
nva3_state() {
	vtysh_on rs -c "show bgp neighbors $NVA3 json" | jq -r --arg n "$NVA3" '.[$n].bgpState'
}

# warnings: show bgp route-server json's warnings, one a line; warnings_json:
# the array, compact.
warnings() { rs_json | jq -r '.warnings[]'; }
warnings_json() { rs_json | jq -c '.warnings'; }

# rs_kernel_routes: the route server namespace's kernel table (IPv4 main).
rs_kernel_routes() { in_ns rs ip -4 route show table main | sed 's/ *$//'; }

# zebra_cfg ARGS...: configuration commands in rs's zebra.
zebra_cfg() { vtysh_on rs -c "configure terminal" "$@" 2>&1; }

# nva3_path: rs's path for NVA 3's prefix: "NEXTHOP accessible=BOOL" (bgpd's
# next-hop tracking), empty without one.
nva3_path() {
	vtysh_on rs -c "show bgp ipv4 unicast $P_NVA3 json" |
		jq -r '.paths[]? | "\(.nexthops[0].ip) accessible=\(.nexthops[0].accessible)"'
}

# nva3_path_is TEXT: nva3_path prints TEXT.
nva3_path_is() { [ "$(nva3_path)" = "$1" ]; }

# nva3_route_gone: NVA 1 has a table without NVA 3's prefix.
nva3_route_gone() { lacks "$(table_frr nva1)" "^$P_NVA3 "; }

# baseline: every session Established and every peer's knob-off table
# (bounded waits).
baseline() {
	wait_until 60 "every session Established" all_established &&
		wait_until 30 "every peer's knob-off table" tables_hold production/knob-off
}
scenario_baseline "every session Established and the knob-off tables" baseline topo_restart

MULTIHOP_WARNING="neighbor $NVA3 (nva) is eBGP and on no connected network: bgpd does not connect to it (it waits for a connected route) and sends with TTL 1; add 'neighbor $NVA3 ebgp-multihop 2' (2 hops: one router between them; or ttl-security hops N)"

# --- scenarios ---------------------------------------------------------------

sc_deployed() {
	expect_eq "every session Established (NVA 3 over eBGP multihop)" "${#PEERS[@]}" "$(established_count)"
	expect_tables 30 "deployed, knob off" production/knob-off
	expect_eq "rs resolved NVA 3's third-party next hop through the default route (NHT)" \
		"$LB accessible=true" "$(nva3_path)"
	expect_eq "no configuration warning" "[]" "$(warnings_json)"
	# bgp no-rib: bgpd's routes stay out of zebra and the kernel
	expect_eq "rs's kernel table: its subnet and the default route only (bgp no-rib)" \
		"$(expected_text production/kernel-routes)" "$(rs_kernel_routes)"
	expect_eq "zebra has no BGP route (bgp no-rib)" "{}" \
		"$(vtysh_on rs -c "show ip route bgp json" | jq -c .)"
	expect_true "bgp no-rib is in the running-config" \
		grep -qx "bgp no-rib" <<<"$(running_config)"
}

# advertised_line NEIGHBOR PREFIX: what rs's adjacency-out towards NEIGHBOR
# holds for PREFIX: "PREFIX nh=NEXTHOP path=ASPATH".
advertised_line() {
	vtysh_on rs -c "show bgp route-server neighbor $1 advertised-routes json" |
		jq -r --arg p "$2" '.routes[] | select(.network == $p) | "\(.network) nh=\(.nextHop) path=\(.asPath)"'
}

sc_knob() {
	local vpn
	knob rs on
	expect_tables 30 "knob on" production/knob-on
	# BIRD drops a next hop outside its subnet on a direct session (its
	# table has no line for it): what the route server sent it is checked
	for vpn in 10.0.0.3 10.0.0.4; do
		expect_eq "knob on: NVA 3's route to VPN gateway $vpn with the third-party next hop" \
			"$P_NVA3 nh=$LB path=65003" "$(advertised_line "$vpn" "$P_NVA3")"
	done
	knob rs off
	expect_tables 30 "knob off again" production/knob-off
}

sc_multihop_warning() {
	local before
	rs_cfg -c "no neighbor $NVA3 ebgp-multihop" >/dev/null
	expect_true "without ebgp-multihop: show bgp route-server names the missing line" \
		wait_until 10 "the multihop warning" grep -qxF "$MULTIHOP_WARNING" <(warnings)
	expect_eq "the warning in JSON, exactly" "$MULTIHOP_WARNING" "$(warnings)"
	expect_true "and in text, under Warnings" \
		grep -qF "  $MULTIHOP_WARNING" <<<"$(vtysh_on rs -c "show bgp route-server")"
	expect_true "NVA 3's route is gone from NVA 1" wait_until 30 "no $P_NVA3 at nva1" nva3_route_gone
	expect_true "NVA 3's session is not Established" test "$(nva3_state)" != Established
	before=$(session_counts | jq --arg n "$NVA3" '.[$n]')
	rs_cfg -c "neighbor $NVA3 ebgp-multihop 2" >/dev/null
	expect_eq "with the line: no warning" "[]" "$(warnings_json)"
	expect_true "NVA 3's session comes up" wait_until 60 "NVA 3 Established" session_back "$NVA3" "$before"
	expect_tables 30 "ebgp-multihop 2 back" production/knob-off
	# ttl-security sets the TTL (255) as ebgp-multihop does: no warning
	rs_cfg -c "no neighbor $NVA3 ebgp-multihop" -c "neighbor $NVA3 ttl-security hops 2" >/dev/null
	expect_eq "ttl-security hops instead: no warning" "[]" "$(warnings_json)"
	rs_cfg -c "no neighbor $NVA3 ttl-security hops 2" -c "neighbor $NVA3 ebgp-multihop 2" >/dev/null
	wait_until 60 "NVA 3 Established" all_established || true
}

sc_import_check() {
	rs_cfg -c "bgp network import-check" >/dev/null
	wait_table 30 "import-check on: zebra has no route for the virtual network, NVA 1 loses it" \
		frr nva1 "$(expected_table production/knob-off nva1 | grep -v "^$P_VNET ")"
	rs_cfg -c "no bgp network import-check" >/dev/null
	expect_tables 30 "import-check off again" production/knob-off
}

# Without ip nht resolve-via-default, zebra resolves no next hop through the
# default route: NVA 3's (its subnet is known only through it) becomes
# inaccessible and its route is withdrawn; the established session stays
# (a bgpd starting so would wait for its address to resolve: "Waiting for
# NHT"). FRR 10.3's zebra takes the command through mgmtd, which the test
# does not start (its sockets are the machine's); there the traditional
# profile has it on by default, which zebra's "show ip nht" says.
sc_resolve_via_default() {
	if [ "$(rs_json | jq -r .frrVersion)" != 8.4.4 ]; then
		expect_true "FRR 10.3's zebra resolves via the default route by default" \
			grep -q "Resolve via default: on" <<<"$(vtysh_on rs -c "show ip nht")"
		expect_skip "resolve-via-default turned off" "zebra 10.3 takes it through mgmtd, not started here"
		return 0
	fi
	zebra_cfg -c "no ip nht resolve-via-default" >/dev/null
	expect_true "without ip nht resolve-via-default: rs finds NVA 3's next hop inaccessible" \
		wait_until 30 "$LB inaccessible" nva3_path_is "$LB accessible=false"
	expect_true "and NVA 1 no longer gets NVA 3's route" \
		wait_until 30 "no $P_NVA3 at nva1" nva3_route_gone
	zebra_cfg -c "ip nht resolve-via-default" >/dev/null
	expect_true "with it back: accessible again" \
		wait_until 30 "$LB accessible" nva3_path_is "$LB accessible=true"
	expect_tables 30 "ip nht resolve-via-default back" production/knob-off
}

prod_net
prod_daemons || {
	expect_true "the production topology started" false
	t_done
	exit 1
}
scenario deployed sc_deployed
scenario knob sc_knob
scenario multihop-warning sc_multihop_warning
scenario import-check sc_import_check
scenario resolve-via-default sc_resolve_via_default

t_done

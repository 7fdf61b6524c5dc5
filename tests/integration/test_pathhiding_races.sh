#!/bin/bash
# Path hiding (issue 20), the red team's cases: where the module's choice of
# path for a role peer (rs_alt.c) meets bgpd's own update queue. Each one
# leaked or miscounted in the first version of rs_alt.c (edcb714):
#  - knob-off-queued: the knob turned off while an NVA's update waits for its
#    advertisement interval: bgpd's duplicate check took the NVA's path for
#    one already sent, and the NVA kept the gateway's route;
#  - er-limit-count: a best path the ExpressRoute gateway may have, withdrawn
#    where only forbidden paths remain, was counted out twice: the gateway got
#    more routes than its advertised-route limit;
#  - addpath-not-negotiated: add-path transmit set towards a peer that did
#    not negotiate it keys bgpd's entries by path: the module's withdrawal
#    missed them and the NVA kept a route whose source had withdrawn it.
# Each starts from the knob-off tables and undoes what it did.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topology.sh"

topo_start || { echo "not ok - topology did not come up"; exit 1; }
scenario_baseline "the knob-off tables" "topo_settled off" "topo_restart"

Z=10.220.0.0/24
NVA1_Z="$Z nh=10.0.0.11 path=65515,65001 comm="
ER_Z="$Z nh=10.0.0.2 path=65515,12076,65100 comm="

# nva1_network [no] PREFIX: NVA 1 (FRR) originates PREFIX, or stops.
nva1_network() {
	local no=
	[ "$1" != no ] || { no="no " && shift; }
	vtysh_on nva1 -c "configure terminal" -c "router bgp 65001" \
		-c "address-family ipv4 unicast" -c "${no}network $1" >/dev/null
}
# z_at NODE: NODE's own table line for Z (empty: none)
z_at() { table_gobgp "$1" | grep "^$Z " || true; }
z_is() { [ "$(z_at "$1")" == "$2" ]; }
audit_clean() { audit_json | jq -e '.violationCount == 0 and .hiddenPaths == 0' >/dev/null; }

# --- knob off while an NVA's update waits for its advertisement interval ------
case_knob_off_queued() {
	local i
	gobgp_on er global rib add -a ipv4 "$Z" nexthop 10.0.0.2 aspath "12076,65100" >/dev/null
	nva1_network "$Z"
	knob rs on
	wait_until 30 "nva2 gets the gateway's Z" z_is nva2 "$ER_Z" || true
	expect_eq "knob on: nva2 has the gateway's path (bgpd's best)" "$ER_Z" "$(z_at nva2)"
	rs_cfg -c "neighbor 10.0.0.12 advertisement-interval 5" >/dev/null
	for i in 1 2 3; do
		knob rs off
		wait_until 30 "nva2 gets nva1's Z" z_is nva2 "$NVA1_Z" || true
		expect_eq "knob off ($i): nva2 has nva1's path, not the gateway's" "$NVA1_Z" "$(z_at nva2)"
		expect_true "knob off ($i): the audit finds nothing" audit_clean
		knob rs on
		wait_until 30 "nva2 gets the gateway's Z" z_is nva2 "$ER_Z" || true
	done
	rs_cfg -c "no neighbor 10.0.0.12 advertisement-interval" >/dev/null
	knob rs off
	nva1_network no "$Z"
	gobgp_on er global rib del -a ipv4 "$Z" >/dev/null
}
scenario knob-off-queued case_knob_off_queued

# --- Azure's ExpressRoute limit counts what the gateway really has -------------
er_routes() { table_gobgp er | wc -l; }
er_has() { [ "$(table_gobgp_adjin er | grep -c "^$1 ")" = 1 ]; }
case_er_limit_count() {
	local n0 limit i j X=10.200.0.0/24
	knob rs on
	rs_cfg -c "route-server routing-preference as-path" >/dev/null
	wait_until 30 "the gateway's table with the knob on" topo_settled on || true
	n0=$(er_routes)
	limit=$((n0 + 1))
	rs_cfg -c "route-server expressroute-advertise-limit $limit" >/dev/null
	# the gateway's own X: its path is never sent back to it; nva2's shorter
	# one is, while it is there (as-path preference: the best path)
	gobgp_on er global rib add -a ipv4 "$X" nexthop 10.0.0.2 aspath "12076,65100,65101,65102" >/dev/null
	for i in 1 2 3; do
		gobgp_on nva2 global rib add -a ipv4 "$X" nexthop 10.0.0.12 >/dev/null
		wait_until 20 "the gateway gets nva2's X" er_has "$X" || true
		gobgp_on nva2 global rib del -a ipv4 "$X" >/dev/null
		sleep 1
	done
	for j in 1 2 3 4; do
		gobgp_on nva2 global rib add -a ipv4 "10.210.$j.0/24" nexthop 10.0.0.12 >/dev/null
	done
	sleep 3
	expect_true "the gateway holds no more routes than its limit ($limit)" \
		[ "$(table_gobgp_adjin er | wc -l)" -le "$limit" ]
	expect_eq "show bgp route-server counts as many advertised as the limit" "$limit" \
		"$(rs_json | jq '.peers[] | select(.neighbor == "10.0.0.2") | .routesAdvertised')"
	for j in 1 2 3 4; do
		gobgp_on nva2 global rib del -a ipv4 "10.210.$j.0/24" >/dev/null
	done
	gobgp_on er global rib del -a ipv4 "$X" >/dev/null
	rs_cfg -c "no route-server expressroute-advertise-limit" \
		-c "no route-server routing-preference" >/dev/null
	knob rs off
}
scenario er-limit-count case_er_limit_count

# --- add-path transmit set, not negotiated (GoBGP nva2 does not receive it) ----
addpath_warnings() { rs_json | jq '.warnings | map(select(test("10.0.0.12 .*add-path"))) | length'; }
addpath_warned() { [ "$(addpath_warnings)" = 1 ]; }
no_addpath_warning() { [ "$(addpath_warnings)" = 0 ]; }
case_addpath_not_negotiated() {
	rs_af -c "neighbor 10.0.0.12 addpath-tx-all-paths" >/dev/null
	gobgp_on er global rib add -a ipv4 "$Z" nexthop 10.0.0.2 aspath "12076,65100" >/dev/null
	nva1_network "$Z"
	wait_until 20 "the add-path warning" addpath_warned || true
	expect_true "a warning names nva2's add-path that was not negotiated" addpath_warned
	sleep 2
	nva1_network no "$Z"
	wait_until 20 "nva2 has no Z" z_is nva2 "" || true
	expect_eq "nva1 withdrew Z: nva2 keeps nothing" "" "$(z_at nva2)"
	expect_true "the audit finds nothing" audit_clean
	rs_af -c "no neighbor 10.0.0.12 addpath-tx-all-paths" >/dev/null
	gobgp_on er global rib del -a ipv4 "$Z" >/dev/null
	wait_until 20 "the warning goes" no_addpath_warning || true
	expect_true "add-path removed: the warning goes" no_addpath_warning
}
scenario addpath-not-negotiated case_addpath_not_negotiated

t_done

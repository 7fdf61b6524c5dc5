#!/bin/bash
# The route-server policy with real BGP speakers: each peer's OWN received
# table (prefix, next hop, AS path, communities) with the knob off, on and
# off again, live role changes (reflection included), an operator route-map on a role peer, and a
# restart of the route server from its saved configuration.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topology.sh"

topo_start || { echo "not ok - topology did not come up"; exit 1; }


check_all() {
	local phase=$1 er=$2 vpn=$3 nva1=$4 nva2=$5
	wait_table 30 "$phase: expressroute gateway (GoBGP) table" gobgp er "$er"
	wait_table 30 "$phase: vpn gateway 1 (BIRD) table" bird vpn1 "$vpn"
	wait_table 30 "$phase: vpn gateway 2 (BIRD) table" bird vpn2 "$vpn"
	wait_table 30 "$phase: nva1 (FRR) table" frr nva1 "$nva1"
	wait_table 30 "$phase: nva2 (GoBGP) table" gobgp nva2 "$nva2"
}

sessions() {
	vtysh_on rs -c "show bgp neighbors json" |
		jq -cS '[to_entries[] | {(.key): .value.connectionsEstablished}] | add'
}

check_all "knob off" "$exp_off_er" "$exp_off_vpn" "$exp_off_nva1" "$exp_off_nva2"
# the sessions as the changes below find them (an FRR-to-FRR open collision
# at start, seen once under valgrind, is not a change); any later reset is
# logged with its reason
sessions_before=$(sessions)
vtysh_on rs -c "debug bgp neighbor-events" >/dev/null

# ExpressRoute and VPN gateways are both iBGP route-reflector clients that
# bgpd would put in one update group; the verdict differs, so they must not.
# (This also runs "show bgp neighbors json" on bound peers: bgpd must not
# crash on the binding, see rs_jsonguard.c.)
updgrp_of() {
	vtysh_on rs -c "show bgp neighbors json" |
		jq -r --arg p "$1" '.[$p].addressFamilyInfo.ipv4Unicast.updateGroupId'
}
er_grp=$(updgrp_of 10.0.0.2)
vpn_grp=$(updgrp_of 10.0.0.3)
expect_true "expressroute and vpn gateways are in different update groups ($er_grp vs $vpn_grp)" \
	test -n "$er_grp" -a "$er_grp" != null -a "$er_grp" != "$vpn_grp"
expect_eq "both vpn gateway instances share one update group" "$vpn_grp" "$(updgrp_of 10.0.0.4)"
expect_eq "neighbor JSON shows the binding" '"rs to-nva"' \
	"$(vtysh_on rs -c "show bgp neighbors 10.0.0.11 json" |
		jq -c '."10.0.0.11".addressFamilyInfo.ipv4Unicast.advertiseMap.advertiseMap')"
expect_true "running-config has no advertise-map after JSON commands" \
	lacks "$(vtysh_on rs -c "show running-config")" "advertise-map"
expect_true "bgpd is still running" kill -0 "$(cat "$T_DIR/rs/bgpd.pid")"

rs_cfg -c "route-server allow-branch-to-branch" >/dev/null
check_all "knob on" "$exp_on_er" "$exp_on_vpn" "$exp_on_nva1" "$exp_on_nva2"

rs_cfg -c "no route-server allow-branch-to-branch" >/dev/null
check_all "knob off again" "$exp_off_er" "$exp_off_vpn" "$exp_off_nva1" "$exp_off_nva2"

# live role change: nva2 loses its role, so plain bgpd rules apply to it in
# both directions (everything, with the route server as next hop: the
# role's implied attribute-unchanged next-hop goes with it); then it gets
# its role back
rs_cfg -c "no neighbor 10.0.0.12 route-server role" >/dev/null
wait_table 30 "nva2 without a role: gets everything, next hop self (plain bgpd)" gobgp nva2 \
	"$(lines "$L_VNET_EBGP" "$P_NVA1 nh=10.0.0.1 path=65515,65001 comm=" \
		"$P_NVA1_COMM nh=10.0.0.1 path=65515,65001 comm=65001:99" \
		"$P_ER nh=10.0.0.1 path=65515,12076,65100 comm=" \
		"$P_VPN nh=10.0.0.1 path=65515,65200 comm=")"
wait_table 30 "nva2 without a role: its route reaches the expressroute gateway" gobgp er \
	"$(lines "$L_VNET_IBGP" "$L_NVA2_IBGP")"
rs_cfg -c "neighbor 10.0.0.12 route-server role nva" >/dev/null
check_all "nva2 role restored" "$exp_off_er" "$exp_off_vpn" "$exp_off_nva1" "$exp_off_nva2"

# a gateway's role makes it a reflector client, so its routes reach the
# other iBGP gateways while they have no role; without a role it is not one
# (bgpd: nothing between non-clients). The expressroute gateway is given
# role vpn-gateway here: it has no weight (routing preference), whose change
# would have its routes sent again anyway. No session reset (checked below).
rs_cfg -c "no neighbor VPNGW route-server role vpn-gateway" \
	-c "neighbor 10.0.0.2 route-server role vpn-gateway" >/dev/null
vpn_all_but_er=$(lines "$L_VNET_IBGP" "$L_NVA1_IBGP" "$L_NVA1C_IBGP" "$L_NVA2_IBGP")
vpn_all=$(lines "$L_VNET_IBGP" "$L_ER_IBGP" "$L_NVA1_IBGP" "$L_NVA1C_IBGP" "$L_NVA2_IBGP")
wait_table 30 "vpn gateways without a role: the other gateway's route reflected" bird vpn1 "$vpn_all"
rs_cfg -c "no neighbor 10.0.0.2 route-server role vpn-gateway" >/dev/null
wait_table 30 "the other gateway's role removed: its route no longer reflected" bird vpn1 "$vpn_all_but_er"
rs_cfg -c "neighbor 10.0.0.2 route-server role vpn-gateway" >/dev/null
wait_table 30 "the other gateway's role given back: its route reflected again" bird vpn1 "$vpn_all"
rs_cfg -c "neighbor 10.0.0.2 route-server role expressroute-gateway" \
	-c "neighbor VPNGW route-server role vpn-gateway" >/dev/null
check_all "gateway roles restored" "$exp_off_er" "$exp_off_vpn" "$exp_off_nva1" "$exp_off_nva2"

# an operator's own outbound route-map on a role peer keeps applying
vtysh_on rs -c "configure terminal" \
	-c "ip prefix-list NO-NVA2 seq 5 deny $P_NVA2" \
	-c "ip prefix-list NO-NVA2 seq 10 permit 0.0.0.0/0 le 32" \
	-c "route-map TO-NVA1 permit 10" -c "match ip address prefix-list NO-NVA2" \
	-c "exit" -c "router bgp 65515" -c "address-family ipv4 unicast" \
	-c "neighbor 10.0.0.11 route-map TO-NVA1 out" >/dev/null
wait_table 30 "operator route-map on nva1: its deny applies" frr nva1 "$(lines "$L_VNET_EBGP")"
rs_cfg -c "route-server allow-branch-to-branch" >/dev/null
wait_table 30 "operator route-map on nva1 with the knob on: both apply" frr nva1 \
	"$(lines "$L_VNET_EBGP" "$L_ER_EBGP" "$L_VPN_EBGP")"
rs_cfg -c "address-family ipv4 unicast" -c "no neighbor 10.0.0.11 route-map TO-NVA1 out" >/dev/null
check_all "operator route-map removed, knob on" "$exp_on_er" "$exp_on_vpn" "$exp_on_nva1" "$exp_on_nva2"

expect_true "all five sessions were up before the changes" \
	bash -c '[ "$(jq "[.[] | select(. >= 1)] | length" <<<"$1")" = 5 ]' _ "$sessions_before"
sessions_after=$(sessions)
expect_eq "no session was reset by any of the changes" "$sessions_before" "$sessions_after"
[ "$sessions_after" = "$sessions_before" ] ||
	grep -E "went from|NOTIFICATION" "$T_DIR/rs/bgpd.log" | tail -n 20 | sed 's/^/#   /'
vtysh_on rs -c "no debug bgp neighbor-events" >/dev/null

# debug logging names the suppressed prefix, the source and the reason
vtysh_on rs -c "debug bgp route-server" >/dev/null
rs_cfg -c "no route-server allow-branch-to-branch" >/dev/null
wait_table 30 "knob off with debug on: nva1" frr nva1 "$exp_off_nva1"
expect_true "debug log shows the verdict change the knob made" \
	grep -q "route-server: VRF default: verdict expressroute-gateway -> nva is now suppress (branch-to-branch is off)" \
	"$T_DIR/rs/bgpd.log"
expect_true "debug log shows a suppression with its reason" \
	grep -q "route-server: $P_ER from 10.0.0.2 suppressed towards nva: branch-to-branch is off" \
	"$T_DIR/rs/bgpd.log"

# restart the route server from its saved configuration: same tables
rs_cfg -c "route-server allow-branch-to-branch" >/dev/null
vtysh_on rs -c "show running-config" | sed -n '/^frr defaults/,$p' |
	grep -v '^bgp no-rib' >"$T_DIR/saved.conf"
stop_bgpd rs
start_bgpd rs "$T_DIR/saved.conf" module || exit 1
topo_wait_established
check_all "after restart from saved config (knob on)" \
	"$exp_on_er" "$exp_on_vpn" "$exp_on_nva1" "$exp_on_nva2"

# debug logging is rate-limited: 300 more gateway prefixes, suppressed
# towards three update groups at once, must not log more than 100 lines in
# any second
for ((i = 0; i < 300; i++)); do
	gobgp_on er global rib add -a ipv4 "198.$((18 + i / 256)).$((i % 256)).0/24" \
		nexthop 10.0.0.2 >/dev/null
done
_nva1_has_all() { [ "$(table_frr nva1 | grep -c '^198\.1[89]\.')" -eq 300 ]; }
expect_true "300 more prefixes reach nva1 with the knob on" wait_until 60 "300 prefixes at nva1" _nva1_has_all
vtysh_on rs -c "debug bgp route-server" >/dev/null
: >"$T_DIR/rs/bgpd.log"
rs_cfg -c "no route-server allow-branch-to-branch" >/dev/null
_nva1_has_none() { ! table_frr nva1 | grep -q '^198\.1[89]\.'; }
expect_true "and are withdrawn with the knob off" wait_until 60 "withdrawal at nva1" _nva1_has_none
per_second=$(grep "suppressed towards" "$T_DIR/rs/bgpd.log" | awk '{print $1, $2}' | uniq -c | sort -rn | head -n1 | awk '{print $1}')
expect_true "debug logged suppressions (busiest second: ${per_second:-0} lines)" test "${per_second:-0}" -gt 0
# (the limiter reads the clock just before the logger stamps the line: one
# line can fall into the next second)
expect_true "no second has more than 100 suppression lines" test "${per_second:-0}" -le 101
# The last second of the burst dropped lines (it logged 100): they are summed
# up although no suppression follows.
log=$T_DIR/rs/bgpd.log
last_line=$(grep -n "suppressed towards" "$log" | tail -n1)
last_second=$(cut -d: -f2- <<<"$last_line" | cut -c1-19)
_summed_after_last() {
	tail -n +"${last_line%%:*}" "$log" | grep -q "route-server: [0-9]* more suppressions not logged"
}
if [ "$(grep "suppressed towards" "$log" | grep -c "^$last_second")" -ge 100 ]; then
	expect_true "the last second's dropped lines are summed up without a later suppression" \
		wait_until 5 "the summary line" _summed_after_last
else
	t_log "the burst's last second dropped nothing: summary check not exercised"
fi

t_done

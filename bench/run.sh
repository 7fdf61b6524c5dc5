#!/bin/bash
# Benchmark at Azure's full size: the route server with its 8 role peers (an
# ExpressRoute gateway, a VPN gateway's 2 instances, 5 NVAs of different
# ASNs), PREFIXES routes, and three route servers in one run, alternating:
#   floor     Debian's bgpd, no policy at all (everything goes everywhere)
#   routemap  Debian's bgpd with the hand-written community + route-map
#             policy users write today for this scenario
#   module    Debian's bgpd with the module (the roles and the knob)
# Phases: learn, knob off, knob on, role change, role back, session flap
# (down, up); for the module also its audit (show bgp route-server audit)
# after learn and after knob off, and the periodic audit's cost while idle.
# Per phase: wall time until every receiver holds its expected route count,
# the route server's CPU seconds and peak RSS. Raw rows go to a CSV file;
# bench/results.py prints the table of medians and ratios (and plots).
#   bench/run.sh [PREFIXES...] [--reps N] [--out FILE]   (root)
#   default: 100000 500000 1000000, 3 repetitions, bench/results.csv
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

SIZES=()
REPS=3
OUT=$top/bench/results.csv
while [ $# -gt 0 ]; do
	case $1 in
	--reps) REPS=$2 && shift ;;
	--out) OUT=$2 && shift ;;
	[0-9]*) SIZES+=("$1") ;;
	*) echo "usage: $0 [PREFIXES...] [--reps N] [--out FILE]" >&2 && exit 2 ;;
	esac
	shift
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100000 500000 1000000)
# BENCH_MODES: which route servers (all three by default)
read -ra MODES <<<"${BENCH_MODES:-floor routemap module}"

builddir=$("$top/tools/setup.sh" | tail -n1)
export RS_BUILDDIR=$builddir RS_SRCDIR=$top
export T_ID=${T_ID:-bench$$}
# bgpd without zebra logs "sendmsg_nexthop: zclient_send_message() failed"
# (an error) for every route it learns: writing that would cost the route
# servers more CPU than the policy; log only what is critical
export BGPD_LOG_LEVEL=${BGPD_LOG_LEVEL:-critical}
source "$top/tests/integration/lib.sh"
set +u

# --- the topology -----------------------------------------------------------
# The 8 role peers, all BIRD 2 (each one both a prefix source and a
# receiver): node address AS role
PEERS=(er vpn1 vpn2 nva1 nva2 nva3 nva4 nva5)
declare -A ADDR=([er]=10.0.0.2 [vpn1]=10.0.0.3 [vpn2]=10.0.0.4)
declare -A ASN=([er]=65515 [vpn1]=65515 [vpn2]=65515)
declare -A ROLE=([er]=er [vpn1]=vpn [vpn2]=vpn)
for i in 1 2 3 4 5; do
	ADDR[nva$i]=10.0.0.1$i ASN[nva$i]=6500$i ROLE[nva$i]=nva
done
# Prefix sets (the /24s from 20.0.0.0 on, in blocks): the ExpressRoute
# gateway sends half, both VPN instances the same quarter (active-active),
# each NVA a twentieth. SET[node] names the block a node originates.
declare -A SET=([er]=er [vpn1]=vpn [vpn2]=vpn)
for i in 1 2 3 4 5; do SET[nva$i]=nva$i; done
SETS=(er vpn nva1 nva2 nva3 nva4 nva5)
declare -A SET_SIZE SET_FIRST SET_ROLE=([er]=er [vpn]=vpn)
for i in 1 2 3 4 5; do SET_ROLE[nva$i]=nva; done

set_sizes() {
	local n=$1 first=0 s
	SET_SIZE[er]=$((n / 2))
	SET_SIZE[vpn]=$((n / 4))
	for i in 1 2 3 4; do SET_SIZE[nva$i]=$((n / 20)); done
	# the last NVA takes the rounding, so the sets add up to n
	SET_SIZE[nva5]=$((n - n / 2 - n / 4 - 4 * (n / 20)))
	for s in "${SETS[@]}"; do
		SET_FIRST[$s]=$first
		first=$((first + SET_SIZE[$s]))
	done
}

# bird_conf NODE: the peer's BIRD configuration. Its prefixes are in a
# static protocol that starts disabled (the learn phase enables it); the
# BGP session exports only those and imports everything (its count is the
# receiver's measure).
bird_conf() {
	local node=$1 s=${SET[$1]}
	cat <<CONF
router id ${ADDR[$node]};
protocol device { scan time 60; }
protocol bgp routeserver {
	local ${ADDR[$node]} as ${ASN[$node]};
	neighbor 10.0.0.1 as 65515;
	direct;
	connect retry time 2;
	error wait time 1, 2;
	ipv4 {
		gateway direct;
		import all;
		export where proto = "prefixes";
	};
}
protocol static prefixes {
	disabled;
	ipv4;
CONF
	awk -v first="${SET_FIRST[$s]}" -v n="${SET_SIZE[$s]}" 'BEGIN {
		for (i = first; i < first + n; i++)
			printf "\troute %d.%d.%d.0/24 blackhole;\n",
				20 + int(i / 65536), int(i / 256) % 256, i % 256 }'
	echo "}"
}

# The route servers' configurations share the neighbors; the plain ones
# spell out what the roles imply (doc/routeserver.md, "What a role sets"),
# so all three do the same work apart from the policy: route-reflector-client
# on the iBGP gateways, next hop unchanged towards the eBGP NVAs, the limit
# on received routes (raised above the benchmark's sizes everywhere), and
# the ExpressRoute routing preference's weight 1 on the ExpressRoute gateway.
LIMIT=10000000
rs_conf() {
	local mode=$1 i
	cat <<CONF
frr defaults traditional
hostname rs
router bgp 65515
 bgp router-id 10.0.0.1
 no bgp ebgp-requires-policy
 no bgp network import-check
 timers bgp 60 180
 neighbor 10.0.0.2 remote-as internal
 neighbor 10.0.0.2 timers connect 2
 neighbor VPNGW peer-group
 neighbor VPNGW remote-as internal
 neighbor VPNGW timers connect 2
 neighbor 10.0.0.3 peer-group VPNGW
 neighbor 10.0.0.4 peer-group VPNGW
CONF
	for i in 1 2 3 4 5; do
		printf ' neighbor 10.0.0.1%d remote-as 6500%d\n neighbor 10.0.0.1%d timers connect 2\n' "$i" "$i" "$i"
	done
	echo " address-family ipv4 unicast"
	echo "  network 10.1.0.0/16"
	if [ "$mode" != module ]; then
		printf '  neighbor %s route-reflector-client\n' 10.0.0.2 VPNGW
		printf "  neighbor %s maximum-prefix $LIMIT restart 1\n" 10.0.0.2 VPNGW 10.0.0.1{1..5}
		printf '  neighbor %s attribute-unchanged next-hop\n' 10.0.0.1{1..5}
		echo "  neighbor 10.0.0.2 weight 1"
	fi
	if [ "$mode" = routemap ]; then
		printf '  neighbor 10.0.0.2 route-map FROM-ER in\n'
		printf '  neighbor VPNGW route-map FROM-VPN in\n'
		printf '  neighbor 10.0.0.1%d route-map FROM-NVA in\n' 1 2 3 4 5
		rmap_out on vpn | sed 's/^/  /'
	fi
	echo " exit-address-family"
	if [ "$mode" = module ]; then
		cat <<CONF
 route-server allow-branch-to-branch
 route-server maximum-prefix $LIMIT
 route-server expressroute-advertise-limit $LIMIT
 route-server audit-interval 0
 neighbor 10.0.0.2 route-server role expressroute-gateway
 neighbor VPNGW route-server role vpn-gateway
CONF
		printf ' neighbor 10.0.0.1%d route-server role nva\n' 1 2 3 4 5
	fi
	echo "exit"
	[ "$mode" != routemap ] || routemap_policy
}

# The hand-written policy: an inbound route-map per role tags the routes
# with the role's community; outbound route-maps per destination role match
# the tags with community-lists and strip them. Each has an ON and an OFF
# variant (branch-to-branch); the knob swaps them on every neighbor.
routemap_policy() {
	cat <<'CONF'
bgp community-list standard ROLE-ER seq 5 permit 65515:2
bgp community-list standard ROLE-VPN seq 5 permit 65515:3
bgp community-list standard ROLE-GW seq 5 permit 65515:2
bgp community-list standard ROLE-GW seq 10 permit 65515:3
bgp community-list standard ROLE-ANY seq 5 permit 65515:2
bgp community-list standard ROLE-ANY seq 10 permit 65515:3
bgp community-list standard ROLE-ANY seq 15 permit 65515:4
route-map FROM-ER permit 10
 set community 65515:2 additive
route-map FROM-VPN permit 10
 set community 65515:3 additive
route-map FROM-NVA permit 10
 set community 65515:4 additive
route-map TO-NVA-ON permit 10
 set comm-list ROLE-ANY delete
route-map TO-NVA-OFF deny 10
 match community ROLE-GW
route-map TO-NVA-OFF permit 20
 set comm-list ROLE-ANY delete
route-map TO-ER-ON deny 10
 match community ROLE-ER
route-map TO-ER-ON permit 20
 set comm-list ROLE-ANY delete
route-map TO-ER-OFF deny 10
 match community ROLE-ANY
route-map TO-ER-OFF permit 20
route-map TO-VPN-ON deny 10
 match community ROLE-VPN
route-map TO-VPN-ON permit 20
 set comm-list ROLE-ANY delete
route-map TO-VPN-OFF deny 10
 match community ROLE-ANY
route-map TO-VPN-OFF permit 20
CONF
}

# rmap_out on|off VPN-ROLE: the outbound route-map lines for every role
# peer, for the knob's state and the VPN gateway's role (vpn or er).
rmap_out() {
	local k=${1^^} vpnrole=${2^^}
	echo "neighbor 10.0.0.2 route-map TO-ER-$k out"
	echo "neighbor VPNGW route-map TO-$vpnrole-$k out"
	printf "neighbor 10.0.0.1%d route-map TO-NVA-$k out\n" 1 2 3 4 5
}

# --- the expected tables ----------------------------------------------------
# KNOB (on|off), VPNROLE (vpn|er), DOWN (a node whose session is shut) and
# SENDING (whether the peers send their prefixes yet) describe the state; expected NODE is the route count NODE should hold.

# allowed SRC-ROLE DST-ROLE: the module's table (doc/routeserver.md)
allowed() {
	[ "$MODE" = floor ] && return 0
	case $1.$2 in
	nva.nva) return 0 ;;
	er.er | vpn.vpn) return 1 ;;
	*) [ "$KNOB" = on ] ;;
	esac
}
node_role() { if [ "${ROLE[$1]}" = vpn ]; then echo "$VPNROLE"; else echo "${ROLE[$1]}"; fi; }
expected() {
	local node=$1 s n=1 srole gone='' # n: the virtual network's prefix
	[ "$SENDING" = yes ] || {
		echo "$n"
		return
	}
	# a shut session's set is gone (both VPN instances send theirs)
	[ -z "$DOWN" ] || [ "${ROLE[$DOWN]}" = vpn ] || gone=${SET[$DOWN]}
	for s in "${SETS[@]}"; do
		[ "$s" != "${SET[$node]}" ] || continue
		[ "$s" != "$gone" ] || continue
		srole=${SET_ROLE[$s]}
		[ "$srole" != vpn ] || srole=$VPNROLE
		allowed "$srole" "$(node_role "$node")" || continue
		n=$((n + SET_SIZE[$s]))
	done
	# without policy the VPN instances' group gets the VPN prefixes too:
	# the best path (vpn1's, the lower router-id) comes back to vpn1 with
	# its own ORIGINATOR_ID, which BIRD drops (RFC 4456); vpn2 takes it
	if [ "$MODE" = floor ] && [ "$node" = vpn2 ] && [ "$DOWN" != vpn1 ]; then
		n=$((n + SET_SIZE[vpn]))
	fi
	echo "$n"
}

# imported NODE: the routes NODE's BIRD imported from the route server
imported() {
	birdc_on "$1" show protocols all routeserver |
		awk '/Routes:/ { n = $2 } END { print n + 0 }'
}
converged() {
	local node
	for node in "${PEERS[@]}"; do
		[ "$node" != "$DOWN" ] || continue
		[ "$(imported "$node")" -eq "$(expected "$node")" ] || return 1
	done
}
# show_counts: what each receiver holds and should hold (after a timeout)
show_counts() {
	local node
	for node in "${PEERS[@]}"; do
		t_log "  $node: $(imported "$node") imported, $(expected "$node") expected"
	done
}

# --- measuring the route server ----------------------------------------------
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
peak_rss_mib() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
load1() { cut -d' ' -f1 /proc/loadavg; }
HZ=$(getconf CLK_TCK)

# With BENCH_PERF="PHASE...", perf records the route server (call graphs)
# during those phases, into $BENCH_PERF_DIR (default /tmp), one file a mode,
# size, repetition and phase.
perf_wanted() { [[ " ${BENCH_PERF:-} " == *" $1 "* ]]; }
perf_start() {
	local out=${BENCH_PERF_DIR:-/tmp}/perf-$N-$MODE-$REP-$2.data
	perf record -q -F 999 -g -p "$1" -o "$out" >/dev/null 2>&1 &
	PERF_PID=$!
	sleep 0.5 # perf attaches
	t_log "perf recording into $out"
}
perf_stop() {
	kill -INT "$PERF_PID"
	wait "$PERF_PID" || true
}

# settle PID: waits until the route server is idle (at most one clock tick
# of CPU in a second; bounded). Some work shows in no receiver's count: a
# route refresh after a role change re-sends routes the peers already have.
# A phase's CPU therefore runs until the route server is idle again, and the
# next phase starts from rest.
settle() {
	local i a b
	for ((i = 0; i < WAIT; i++)); do
		a=$(cpu_ticks "$1")
		sleep 1
		b=$(cpu_ticks "$1")
		[ $((b - a)) -gt 1 ] || return 0
	done
	t_log "the route server did not become idle in ${WAIT}s"
}

# phase NAME COMMAND...: runs COMMAND (which changes the state variables and
# the route server or peers), waits until every receiver holds its expected
# count (the wall time), then until the route server is idle, and records
# the wall time, the route server's CPU (until idle) and its peak RSS during
# the phase (VmHWM reset before it: clear_refs 5).
phase() {
	local name=$1 pid t0 c0 wall cpu
	shift
	pid=$(rs_pid)
	echo 5 >"/proc/$pid/clear_refs"
	! perf_wanted "$name" || perf_start "$pid" "$name"
	c0=$(cpu_ticks "$pid")
	t0=$(now)
	"$@"
	if ! wait_until "$WAIT" "$name: every receiver converged" converged; then
		show_counts
		return 1
	fi
	wall=$(echo "$(now) - $t0" | bc)
	settle "$pid"
	cpu=$(echo "scale=2; ($(cpu_ticks "$pid") - $c0) / $HZ" | bc)
	! perf_wanted "$name" || perf_stop
	row "$name" "$wall" "$cpu" "$(peak_rss_mib "$pid")"
	t_log "$MODE $name: ${wall}s wall, ${cpu}s CPU"
}

# row PHASE WALL CPU RSS [ROUTES_CHECKED VIOLATIONS PROBE]: a CSV row
CSV_HEADER=prefixes,rep,mode,phase,wall_s,cpu_s,peak_rss_mib,load1,load1_end,time,routes_checked,violations,probe_s
row() {
	printf '%s,%s,%s,%s,%.2f,%.2f,%s,%s,%s,%s,%s,%s,%s\n' "$N" "$REP" "$MODE" \
		"$1" "$2" "$3" "$4" "$LOAD0" "$(load1)" "$(date -u +%FT%TZ)" \
		"${5:-}" "${6:-}" "${7:-}" >>"$OUT"
}

# --- the module's audit ---------------------------------------------------------
# audit_phase NAME: AUDITS runs (default 3) of "show bgp route-server audit
# json", each timed end to end (wall clock, vtysh included) with the route
# server's CPU ticks and peak RSS around it; routesChecked and
# violationCount (which must be 0) go into the row. The audit runs in one
# pass of bgpd's event loop: a probe ("show bgp ipv4 unicast summary json")
# sent PROBE_DELAY (0.2 s) into each run is answered only when the loop is
# free again; its response time is the row's probe_s (an idle probe's is
# logged for comparison).
AUDITS=${BENCH_AUDITS:-3}
PROBE_DELAY=0.2
probe() {
	local t0
	t0=$(now)
	vtysh_on rs -c "show bgp ipv4 unicast summary json" >/dev/null
	echo "$(now) - $t0" | bc
}
audit_phase() {
	local name=$1 pid i t0 c0 apid wall cpu pr checked viol json
	pid=$(rs_pid)
	t_log "$MODE $name: idle probe $(probe)s"
	for ((i = 1; i <= AUDITS; i++)); do
		echo 5 >"/proc/$pid/clear_refs"
		c0=$(cpu_ticks "$pid")
		t0=$(now)
		{
			audit_json rs >"$T_DIR/audit.json"
			now >"$T_DIR/audit.end"
		} &
		apid=$!
		sleep "$PROBE_DELAY"
		pr=$(probe)
		wait "$apid"
		wall=$(echo "$(cat "$T_DIR/audit.end") - $t0" | bc)
		cpu=$(echo "scale=2; ($(cpu_ticks "$pid") - $c0) / $HZ" | bc)
		json=$(cat "$T_DIR/audit.json")
		checked=$(jq -r .routesChecked <<<"$json")
		viol=$(jq -r .violationCount <<<"$json")
		row "$name" "$wall" "$cpu" "$(peak_rss_mib "$pid")" "$checked" "$viol" "$pr"
		t_log "$MODE $name $i: ${wall}s wall, ${cpu}s CPU, $checked routes checked," \
			"$viol violations, pending $(jq -r .pending <<<"$json")," \
			"unmatched $(jq -r .unmatched <<<"$json"), role peers" \
			"$(jq -r .rolePeers <<<"$json"); probe after ${PROBE_DELAY}s: ${pr}s"
		[ "$viol" = 0 ] || t_log "$MODE $name: VIOLATIONS: $(jq -c '.violations[:5]' <<<"$json")"
	done
}
# idle_phase INTERVAL: the route server idle for IDLE_SECS (60) with
# "route-server audit-interval INTERVAL" (0: off), its CPU seconds over the
# window (the timer is set at the window's start: the first periodic audit
# runs INTERVAL seconds in)
IDLE_SECS=${BENCH_IDLE_SECS:-60}
idle_phase() {
	local pid t0 c0 wall cpu
	pid=$(rs_pid)
	echo 5 >"/proc/$pid/clear_refs"
	rs_cfg -c "route-server audit-interval $1" >/dev/null
	c0=$(cpu_ticks "$pid")
	t0=$(now)
	sleep "$IDLE_SECS"
	cpu=$(echo "scale=2; ($(cpu_ticks "$pid") - $c0) / $HZ" | bc)
	wall=$(echo "$(now) - $t0" | bc)
	row "idle-audit-$1" "$wall" "$cpu" "$(peak_rss_mib "$pid")"
	t_log "$MODE idle, audit-interval $1: ${cpu}s CPU in ${wall}s"
}

# --- the phases' actions -------------------------------------------------------
vtysh_lines() {
	local l args=()
	while read -r l; do args+=(-c "$l"); done
	rs_af "${args[@]}" >/dev/null
}

learn() {
	local node
	SENDING=yes
	for node in "${PEERS[@]}"; do birdc_on "$node" enable prefixes >/dev/null; done
}
# policy_knob on|off: branch-to-branch in the policy MODE runs (lib.sh's knob
# for the module, the route-maps' variant for the hand-written policy)
policy_knob() {
	KNOB=$1
	case $MODE in
	module) knob rs "$KNOB" ;;
	routemap) rmap_out "$KNOB" "$VPNROLE" | vtysh_lines ;;
	esac
}
# role ROLE: the VPN gateway's peer-group gets ROLE (vpn or er); the
# route-map policy does the same with its tagging, outbound map and the
# ExpressRoute weight
role() {
	VPNROLE=$1
	case $MODE in
	module)
		rs_cfg -c "neighbor VPNGW route-server role $([ "$VPNROLE" = er ] &&
			echo expressroute-gateway || echo vpn-gateway)" >/dev/null
		;;
	routemap)
		{
			echo "neighbor VPNGW route-map FROM-${VPNROLE^^} in"
			echo "$([ "$VPNROLE" = vpn ] && echo no) neighbor VPNGW weight 1"
			rmap_out "$KNOB" "$VPNROLE" | grep VPNGW
		} | vtysh_lines
		;;
	esac
}
# shut NODE / unshut NODE: the route server's session to NODE (the session
# flap: its routes go from every receiver, then come back)
shut() {
	DOWN=$1
	rs_cfg -c "neighbor ${ADDR[$1]} shutdown" >/dev/null
}
unshut() {
	DOWN=''
	rs_cfg -c "no neighbor ${ADDR[$1]} shutdown" >/dev/null
}

# update_groups: the route server's IPv4 update groups, their peers
update_groups() {
	vtysh_on rs -c "show bgp ipv4 unicast update-groups" |
		awk '/Update-group/ { printf "%s[", sep; sep = "] " }
			/^ +- 10\.0\.0\./ { printf " %s", $2 } END { print "]" }'
}

run_mode() {
	local node
	MODE=$1 KNOB=on VPNROLE=vpn DOWN='' SENDING=no
	LOAD0=$(load1)
	t_log "== $N prefixes, repetition $REP: $MODE (load $LOAD0)"
	rs_conf "$MODE" >"$T_DIR/rs-$MODE.conf"
	if [ "$MODE" = module ]; then
		start_bgpd rs "$T_DIR/rs-$MODE.conf" module
	else
		start_bgpd rs "$T_DIR/rs-$MODE.conf"
	fi
	for node in "${PEERS[@]}"; do start_bird "$node" "$T_DIR/bird-$node.conf"; done
	wait_until 120 "every session up with the virtual network's prefix" converged || {
		show_counts
		return 1
	}
	settle "$(rs_pid)"
	phase learn learn
	t_log "$MODE update groups: $(update_groups)"
	if [ "$MODE" = module ]; then
		audit_phase audit-on
		idle_phase 0
		idle_phase 10
		rs_cfg -c "route-server audit-interval 0" >/dev/null
		settle "$(rs_pid)"
	fi
	if [ "$MODE" != floor ]; then
		phase knob-off policy_knob off
		[ "$MODE" != module ] || audit_phase audit-off
		phase knob-on policy_knob on
		phase role-change role er
		phase role-back role vpn
	fi
	phase flap-down shut er
	phase flap-up unshut er
	for node in "${PEERS[@]}"; do stop_bird "$node"; done
	stop_bgpd rs
}

lan_create
node_create rs 10.0.0.1/24
for node in "${PEERS[@]}"; do node_create "$node" "${ADDR[$node]}/24"; done

if [ ! -s "$OUT" ]; then
	echo "$CSV_HEADER" >"$OUT"
elif [ "$(head -n1 "$OUT")" != "$CSV_HEADER" ]; then
	# a file from before the audit columns: its rows stay valid (the
	# columns they lack are empty)
	sed -i "1s/.*/$CSV_HEADER/" "$OUT"
fi
t_log "load before: $(cat /proc/loadavg)"
for N in "${SIZES[@]}"; do
	set_sizes "$N"
	WAIT=$((120 + N / 2000))
	for node in "${PEERS[@]}"; do bird_conf "$node" >"$T_DIR/bird-$node.conf"; done
	for ((REP = 1; REP <= REPS; REP++)); do
		for m in "${MODES[@]}"; do run_mode "$m"; done
	done
done
t_log "load after: $(cat /proc/loadavg)"
/usr/bin/python3 "$top/bench/results.py" table "$OUT"

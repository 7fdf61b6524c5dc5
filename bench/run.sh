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
# With --overlap PCT, PCT % of the prefixes are sent by both the ExpressRoute
# gateway and an NVA (issue 20), and two phases more: the gateway withdraws
# its copies of them and sends them again.
# Per phase: wall time until every receiver holds its expected routes,
# the route server's CPU seconds and peak RSS; with BENCH_CALLGRIND="PHASE..."
# the route server runs under valgrind's callgrind and those phases count
# its instructions instead (a separate run: under valgrind the times mean
# nothing). Raw rows go to a CSV file; bench/results.py prints the table of
# medians and ratios (and plots).
# BENCH_CALLGRIND_KEEP=DIR keeps each counted phase's callgrind file there
# (callgrind.MODE.PHASE), for callgrind_annotate.
#   bench/run.sh [PREFIXES...] [--reps N] [--out FILE] [--overlap PCT]  (root)
#   default: 100000 500000 1000000, 3 repetitions, bench/results.csv, 0 %
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

SIZES=()
REPS=3
OUT=$top/bench/results.csv
OVERLAP=${BENCH_OVERLAP:-0}
while [ $# -gt 0 ]; do
	case $1 in
	--reps) REPS=$2 && shift ;;
	--out) OUT=$2 && shift ;;
	--overlap) OVERLAP=$2 && shift ;;
	[0-9]*) SIZES+=("$1") ;;
	*) echo "usage: $0 [PREFIXES...] [--reps N] [--out FILE] [--overlap PCT]" >&2 && exit 2 ;;
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
# each NVA a twentieth. SET[node] names the block a node originates (its
# static protocol "prefixes"); SET_SRC[set] lists the nodes that send it,
# in bgpd's order of preference (the first one's path is bgpd's best).
declare -A SET=([er]=er [vpn1]=vpn [vpn2]=vpn)
for i in 1 2 3 4 5; do SET[nva$i]=nva$i; done
SETS=(er vpn nva1 nva2 nva3 nva4 nva5)
declare -A SET_SIZE SET_FIRST SET_SRC=([er]=er [vpn]="vpn1 vpn2")
for i in 1 2 3 4 5; do SET_SRC[nva$i]=nva$i; done
# With --overlap PCT (issue 20), PCT % of all prefixes (taken from the
# ExpressRoute gateway's half, which stays half) are sent by the gateway
# and by an NVA too: sets ov1-ov5, one per NVA, after the others. The
# gateway's copies carry AS path 12076 65100 (an on-premises network
# behind Microsoft's edge, 2 ASes), the NVA's its own AS (1): bgpd's best is
# still the gateway's, by the weight 1 of the ExpressRoute routing
# preference. Both send them from a static protocol "overlap" of their own,
# so the gateway can withdraw its copies alone (the gw-withdraw phase).
if [ "$OVERLAP" -gt 0 ]; then
	for i in 1 2 3 4 5; do
		SETS+=("ov$i")
		SET_SRC[ov$i]="er nva$i"
	done
fi
GW_MARK=12076 # the AS only the gateway's copies carry

set_sizes() {
	local n=$1 first=0 s ov=$(($1 * OVERLAP / 100))
	SET_SIZE[er]=$((n / 2 - ov))
	SET_SIZE[vpn]=$((n / 4))
	for i in 1 2 3 4; do SET_SIZE[nva$i]=$((n / 20)); done
	# the last NVA takes the rounding, so the sets add up to n
	SET_SIZE[nva5]=$((n - n / 2 - n / 4 - 4 * (n / 20)))
	if [ "$OVERLAP" -gt 0 ]; then
		for i in 1 2 3 4; do SET_SIZE[ov$i]=$((ov / 5)); done
		SET_SIZE[ov5]=$((ov - 4 * (ov / 5)))
	fi
	for s in "${SETS[@]}"; do
		SET_FIRST[$s]=$first
		first=$((first + SET_SIZE[$s]))
	done
}

# overlap_range NODE: "FIRST COUNT" of the shared prefixes NODE sends (the
# gateway all of ov1-ov5, NVA i ov<i>), nothing when it sends none
overlap_range() {
	[ "$OVERLAP" -gt 0 ] || return 0
	case $1 in
	er) echo "${SET_FIRST[ov1]} $((SET_FIRST[ov5] + SET_SIZE[ov5] - SET_FIRST[ov1]))" ;;
	nva?) echo "${SET_FIRST[ov${1#nva}]} ${SET_SIZE[ov${1#nva}]}" ;;
	esac
}

# bird_conf NODE: the peer's BIRD configuration. Its prefixes are in a
# static protocol that starts disabled (the learn phase enables it); the
# BGP session exports only those and imports everything (its count is the
# receiver's measure).
bird_conf() {
	local node=$1 s=${SET[$1]} ov export='export where proto = "prefixes";'
	ov=$(overlap_range "$node")
	if [ -n "$ov" ]; then
		export='export where proto = "prefixes" || proto = "overlap";'
		# the gateway's copies: 2 ASes (iBGP: BIRD adds none of its own)
		[ "$node" != er ] || export="export filter {
			if proto = \"overlap\" then { bgp_path.prepend(65100); bgp_path.prepend($GW_MARK); }
			if proto = \"prefixes\" || proto = \"overlap\" then accept;
			reject;
		};"
	fi
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
		$export
	};
}
CONF
	static_conf prefixes "${SET_FIRST[$s]}" "${SET_SIZE[$s]}"
	# shellcheck disable=SC2086
	[ -z "$ov" ] || static_conf overlap $ov
}
# static_conf NAME FIRST COUNT: a disabled static protocol of COUNT /24s
static_conf() {
	printf 'protocol static %s {\n\tdisabled;\n\tipv4;\n' "$1"
	awk -v first="$2" -v n="$3" 'BEGIN {
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
# KNOB (on|off), VPNROLE (vpn|er), DOWN (a node whose session is shut),
# SENDING (whether the peers send their prefixes yet) and GWGONE (yes: the
# gateway withdrew its copies of the shared prefixes) describe the state;
# expect_all computes from it EXP[node], the route count NODE should hold,
# and EXP_GW[node], how many of them are the gateway's copies of shared
# prefixes (overlap only). ALT (yes|no): whether the module hands a role the
# best path it may have when bgpd's best is forbidden to it (issue 20's
# path hiding; found out per module run, or BENCH_ALT).

# allowed SRC-ROLE DST-ROLE: the module's table (doc/routeserver.md)
allowed() {
	[ "$MODE" = floor ] && return 0
	case $1.$2 in
	nva.nva) return 0 ;;
	er.er | vpn.vpn) return 1 ;;
	*) [ "$KNOB" = on ] ;;
	esac
}
# node_role NODE: sets R to NODE's role now
node_role() { if [ "${ROLE[$1]}" = vpn ]; then R=$VPNROLE; else R=${ROLE[$1]}; fi; }
# path_there NODE SET: NODE's path for SET is at the route server
path_there() {
	[ "$1" != "$DOWN" ] && { [ "$1" != er ] || [ "${2#ov}" = "$2" ] || [ "$GWGONE" != yes ]; }
}
# chosen NODE SET: sets FROM to the node whose path for SET the route
# server sends NODE, or to nothing. Without policy (floor) bgpd's best path,
# the first source there; with the route-maps, and the module without ALT,
# the best path if the table allows it to NODE's role, else nothing (the
# policy hides the others); the module with ALT the first source there whose
# path the table allows. NODE's own path does not count (bgpd does not send
# it back to the one ExpressRoute gateway; the VPN instances drop it by
# ORIGINATOR_ID, the NVAs by their AS in the path): without policy vpn2 gets
# vpn1's VPN prefixes, vpn1 none.
chosen() {
	local node=$1 src drole
	FROM=''
	node_role "$node"
	drole=$R
	for src in ${SET_SRC[$2]}; do
		path_there "$src" "$2" || continue
		node_role "$src"
		if allowed "$R" "$drole"; then
			FROM=$src
			break
		fi
		[ "$ALT" = yes ] || break
	done
	[ "$FROM" != "$node" ] || FROM=''
}
declare -A EXP EXP_GW
expect_all() {
	local node s
	for node in "${PEERS[@]}"; do
		EXP[$node]=1 EXP_GW[$node]=0 # the virtual network's prefix
		[ "$SENDING" = yes ] || continue
		for s in "${SETS[@]}"; do
			chosen "$node" "$s"
			[ -n "$FROM" ] || continue
			EXP[$node]=$((EXP[$node] + SET_SIZE[$s]))
			[ "${s#ov}" = "$s" ] || [ "$FROM" != er ] ||
				EXP_GW[$node]=$((EXP_GW[$node] + SET_SIZE[$s]))
		done
	done
}

# imported NODE: the routes NODE's BIRD imported from the route server
imported() {
	birdc_on "$1" show protocols all routeserver |
		awk '/Routes:/ { n = $2 } END { print n + 0 }'
}
# from_gw NODE: how many of NODE's imported routes are the gateway's copies
# of shared prefixes (its AS path has GW_MARK)
from_gw() {
	birdc_on "$1" show route protocol routeserver where "bgp_path ~ [= * $GW_MARK * =]" count |
		awk '/ of .* routes/ { n = $1 } END { print n + 0 }'
}
# converged: every receiver holds its expected count, and with overlap as
# many of the gateway's copies as expected (a path replaced by another for
# the same prefix changes no count). The counts are read first: the
# filtered count takes BIRD longer.
converged() {
	local node
	for node in "${PEERS[@]}"; do
		[ "$node" != "$DOWN" ] || continue
		[ "$(imported "$node")" -eq "${EXP[$node]}" ] || return 1
	done
	[ "$OVERLAP" -gt 0 ] || return 0
	for node in "${PEERS[@]}"; do
		[ "$node" != "$DOWN" ] || continue
		[ "$(from_gw "$node")" -eq "${EXP_GW[$node]}" ] || return 1
	done
}
# show_counts: what each receiver holds and should hold (after a timeout)
show_counts() {
	local node
	for node in "${PEERS[@]}"; do
		t_log "  $node: $(imported "$node") imported, ${EXP[$node]} expected;" \
			"$(from_gw "$node") of the gateway's shared copies, ${EXP_GW[$node]} expected"
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

# With BENCH_CALLGRIND="PHASE...", the route server's bgpd (all three
# modes) runs under valgrind's callgrind with its instrumentation off
# (--instr-atstart=no: starting, loading the configuration and bringing the
# sessions up run at valgrind's plain speed and count nothing). For each
# PHASE, callgrind_control switches the instrumentation on just before the
# phase's command (and zeroes the counters), and when the phase is over
# (every receiver converged and the route server idle again, as for the CPU
# seconds) dumps the counters and switches it off again: the dump's totals
# are the instructions (Ir) bgpd executed in the phase, in all its threads
# (the I/O thread's reading and writing included). The other phases run
# uninstrumented, not counted.
CALLGRIND=${BENCH_CALLGRIND:-}
cg_wanted() { [[ " $CALLGRIND " == *" $1 "* ]]; }
cg_start() {
	callgrind_control -i on "$1" >/dev/null 2>&1
	callgrind_control -z "$1" >/dev/null 2>&1
}
# cg_stop PID PHASE: prints the instructions counted since cg_start
cg_stop() {
	local f
	callgrind_control --dump="$2" "$1" >/dev/null 2>&1
	callgrind_control -i off "$1" >/dev/null 2>&1
	f=$(grep -l "^desc: Trigger: dump $2\$" "$T_DIR"/rs/callgrind.out.* | tail -n1)
	[ -n "$f" ] || {
		t_log "callgrind: no dump for $2"
		return 1
	}
	[ -z "${BENCH_CALLGRIND_KEEP:-}" ] || cp "$f" "$BENCH_CALLGRIND_KEEP/callgrind.$MODE.$2"
	awk '/^(summary|totals):/ { n = $2 } END { print n }' "$f"
}
# start_rs_callgrind CONFIG [module]: start_bgpd's route server under
# callgrind (start_bgpd runs Debian's bgpd itself without the module). In
# the foreground (no -d), as our child: a daemonized bgpd's forked child is
# out of callgrind_control's reach (vgdb does not find it).
start_rs_callgrind() {
	local dir=$T_DIR/rs mod=()
	[ "${2:-}" != module ] || mod=(-M "$RS_MODULE")
	cp "$1" "$dir/bgpd.conf"
	rm -f "$dir/bgpd.pid" "$dir"/callgrind.out.*
	in_ns rs valgrind -q --tool=callgrind --instr-atstart=no \
		--callgrind-out-file="$dir/callgrind.out.%p" /usr/lib/frr/bgpd "${mod[@]}" \
		-Z -S -P 0 -f "$dir/bgpd.conf" -i "$dir/bgpd.pid" --vty_socket "$dir" \
		--log "file:$dir/bgpd.log" --log-level "$BGPD_LOG_LEVEL" \
		</dev/null >>"$dir/bgpd.stderr" 2>&1 &
	wait_until 120 "callgrind bgpd pid file" test -s "$dir/bgpd.pid" || {
		cat "$dir/bgpd.stderr" >&2
		return 1
	}
	T_PIDS+=("$(cat "$dir/bgpd.pid")")
	wait_until 120 "callgrind bgpd vty" test -S "$dir/bgpd.vty"
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
	local name=$1 pid t0 c0 wall cpu instr=''
	shift
	# under callgrind, a mode ends with the last phase counted (nothing
	# after it is measured)
	[ -z "$CALLGRIND" ] || [ "$CG_LEFT" -gt 0 ] || return 0
	! cg_wanted "$name" || CG_LEFT=$((CG_LEFT - 1))
	pid=$(rs_pid)
	echo 5 >"/proc/$pid/clear_refs"
	! perf_wanted "$name" || perf_start "$pid" "$name"
	! cg_wanted "$name" || cg_start "$pid"
	c0=$(cpu_ticks "$pid")
	t0=$(now)
	"$@"
	expect_all
	if ! wait_until "$WAIT" "$name: every receiver converged" converged; then
		show_counts
		[ "$MODE" != module ] || t_log "module's audit: $(audit_json rs |
			jq -c '{violationCount, pending, unmatched, hiddenPaths, violations: .violations[:3]}')"
		return 1
	fi
	wall=$(echo "$(now) - $t0" | bc)
	settle "$pid"
	cpu=$(echo "scale=2; ($(cpu_ticks "$pid") - $c0) / $HZ" | bc)
	! perf_wanted "$name" || perf_stop
	! cg_wanted "$name" || instr=$(cg_stop "$pid" "$name")
	row "$name" "$wall" "$cpu" "$(peak_rss_mib "$pid")" "" "" "" "$instr"
	t_log "$MODE $name: ${wall}s wall, ${cpu}s CPU${instr:+, $instr instructions}"
}

# row PHASE WALL CPU RSS [ROUTES_CHECKED VIOLATIONS PROBE [INSTRUCTIONS]]:
# a CSV row
CSV_HEADER=prefixes,rep,mode,phase,wall_s,cpu_s,peak_rss_mib,load1,load1_end,time,routes_checked,violations,probe_s,instructions
row() {
	printf '%s,%s,%s,%s,%.2f,%.2f,%s,%s,%s,%s,%s,%s,%s,%s\n' "$N" "$REP" "$MODE" \
		"$1" "$2" "$3" "$4" "$LOAD0" "$(load1)" "$(date -u +%FT%TZ)" \
		"${5:-}" "${6:-}" "${7:-}" "${8:-}" >>"$OUT"
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
			"unmatched $(jq -r .unmatched <<<"$json"), hidden paths" \
			"$(jq -r '.hiddenPaths // "n/a"' <<<"$json"), role peers" \
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
	for node in "${PEERS[@]}"; do
		birdc_on "$node" enable prefixes >/dev/null
		[ -z "$(overlap_range "$node")" ] || birdc_on "$node" enable overlap >/dev/null
	done
}
# gw_overlap off|on: the ExpressRoute gateway withdraws its copies of the
# shared prefixes (BIRD disables their static protocol) or sends them again
gw_overlap() {
	if [ "$1" = off ]; then
		GWGONE=yes
		birdc_on er disable overlap >/dev/null
	else
		GWGONE=no
		birdc_on er enable overlap >/dev/null
	fi
}
# alt_detect: ALT for this run of the module: BENCH_ALT, else whether the
# module's explain shows the path each role peer gets (issue 20's "path")
alt_detect() {
	ALT=no
	[ "$MODE" = module ] || return 0
	if [ -n "${BENCH_ALT:-}" ]; then
		ALT=$BENCH_ALT
	elif vtysh_on rs -c "show bgp route-server explain 10.1.0.0/16 json" |
		jq -e '[.peers[] | has("path")] | any' >/dev/null; then
		ALT=yes
	fi
	t_log "module: path substitution (ALT) $ALT"
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
	local node with=''
	MODE=$1 KNOB=on VPNROLE=vpn DOWN='' SENDING=no GWGONE=no ALT=no
	# the phases to count under callgrind that this mode runs
	CG_LEFT=0
	for node in $CALLGRIND; do
		case $MODE.$node in
		floor.knob-* | floor.role-* | *.gw-* | *.audit-* | *.idle-*) ;;
		*) CG_LEFT=$((CG_LEFT + 1)) ;;
		esac
		[ "$OVERLAP" -eq 0 ] || [ "${node#gw-}" = "$node" ] || CG_LEFT=$((CG_LEFT + 1))
	done
	LOAD0=$(load1)
	t_log "== $N prefixes, repetition $REP: $MODE (load $LOAD0)"
	rs_conf "$MODE" >"$T_DIR/rs-$MODE.conf"
	[ "$MODE" != module ] || with=module
	if [ -n "$CALLGRIND" ]; then
		start_rs_callgrind "$T_DIR/rs-$MODE.conf" $with
	else
		start_bgpd rs "$T_DIR/rs-$MODE.conf" $with
	fi
	for node in "${PEERS[@]}"; do start_bird "$node" "$T_DIR/bird-$node.conf"; done
	expect_all
	wait_until "$WAIT" "every session up with the virtual network's prefix" converged || {
		show_counts
		return 1
	}
	alt_detect
	settle "$(rs_pid)"
	phase learn learn
	t_log "$MODE update groups: $(update_groups)"
	# the audit phases: not under callgrind (its timings mean nothing
	# there); with overlap, the audit (its violation count) but not the
	# 2 minutes idle
	if [ "$MODE" = module ] && [ -z "$CALLGRIND" ]; then
		audit_phase audit-on
		if [ "$OVERLAP" -eq 0 ]; then
			idle_phase 0
			idle_phase 10
			rs_cfg -c "route-server audit-interval 0" >/dev/null
			settle "$(rs_pid)"
		fi
	fi
	if [ "$MODE" != floor ]; then
		phase knob-off policy_knob off
		[ "$MODE" != module ] || [ -n "$CALLGRIND" ] || audit_phase audit-off
		phase knob-on policy_knob on
	fi
	if [ "$OVERLAP" -gt 0 ]; then
		phase gw-withdraw gw_overlap off
		phase gw-back gw_overlap on
	fi
	if [ "$MODE" != floor ]; then
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
	# under callgrind bgpd is 20-50 times slower (a 100,000-prefix learn
	# takes 30 s)
	[ -z "$CALLGRIND" ] || WAIT=$((WAIT * 2))
	for node in "${PEERS[@]}"; do bird_conf "$node" >"$T_DIR/bird-$node.conf"; done
	for ((REP = 1; REP <= REPS; REP++)); do
		for m in "${MODES[@]}"; do run_mode "$m"; done
	done
done
t_log "load after: $(cat /proc/loadavg)"
/usr/bin/python3 "$top/bench/results.py" table "$OUT"

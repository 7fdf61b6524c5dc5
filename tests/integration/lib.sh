#!/bin/bash
# Shared helpers for the integration tests, the lab and the benchmark:
# network namespaces on one bridge, daemons we start (and only those, by
# PID), bounded waits, and each BGP speaker's own received table in one
# normalised form.
#
# The caller sets RS_BUILDDIR (where bgpd_routeserver.so and vtysh/vtysh
# are) before sourcing this file.

set -u

# assertions and bounded waits
source "$(dirname "${BASH_SOURCE[0]}")/../common.sh"

: "${RS_BUILDDIR:?RS_BUILDDIR must point at the build directory}"
RS_MODULE=${RS_MODULE:-$RS_BUILDDIR/.libs/bgpd_routeserver.so}
RS_VTYSH=${RS_VTYSH:-$RS_BUILDDIR/vtysh/vtysh}
# the route server's bgpd (the one with the module; valgrind's in the
# valgrind run); the peers' bgpd is always Debian's own
RS_BGPD=${RS_BGPD:-/usr/lib/frr/bgpd}
# what start_bgpd's bgpd logs to its file (the benchmark raises it: without
# zebra, bgpd logs an error for every nexthop registration it cannot send)
BGPD_LOG_LEVEL=${BGPD_LOG_LEVEL:-debug}

T_ID=${T_ID:-frs$$}
T_DIR=$(mktemp -d "/tmp/frr-routeserver-$T_ID.XXXXXX")
T_PIDS=()
T_NETNS=()

# With T_PERSIST set (the lab), the daemons and namespaces outlive the script:
# what to stop is written to $T_PERSIST for t_stop_persisted.
t_cleanup() {
	local pid ns i
	if [ -n "${T_PERSIST:-}" ]; then
		{
			echo "T_DIR=$T_DIR"
			echo "T_PIDS=(${T_PIDS[*]})"
			echo "T_NETNS=(${T_NETNS[*]})"
		} >"$T_PERSIST"
		return 0
	fi
	for pid in "${T_PIDS[@]}"; do
		kill -TERM "$pid" 2>/dev/null || true
	done
	# (under valgrind a bgpd takes seconds to exit: its leak check)
	for pid in "${T_PIDS[@]}"; do
		for ((i = 0; i < 150; i++)); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL "$pid" 2>/dev/null || true
	done
	for ns in "${T_NETNS[@]}"; do
		ip netns del "$ns" 2>/dev/null || true
	done
	if [ -n "${T_KEEP:-}" ]; then
		t_log "kept $T_DIR"
	else
		rm -rf "$T_DIR"
	fi
}
trap t_cleanup EXIT

# t_stop_persisted STATEFILE: stops what an earlier T_PERSIST run left.
t_stop_persisted() {
	local state=$1
	[ -f "$state" ] || return 0
	(
		# shellcheck disable=SC1090
		source "$state"
		T_PERSIST='' t_cleanup
	)
	rm -f "$state"
}
trap 'exit 130' INT TERM

# --- namespaces on one LAN -------------------------------------------------

ns_name() { echo "$T_ID-$1"; }

# lan_create: a namespace holding bridge br0, the LAN every node joins.
lan_create() {
	local lan
	lan=$(ns_name lan)
	ip netns add "$lan"
	T_NETNS+=("$lan")
	ip -n "$lan" link set lo up
	ip -n "$lan" link add br0 type bridge
	ip -n "$lan" link set br0 up
}

# node_create NODE ADDRESS/LEN: a namespace with eth0 on the LAN.
node_create() {
	local node=$1 addr=$2 ns lan
	ns=$(ns_name "$node")
	lan=$(ns_name lan)
	ip netns add "$ns"
	T_NETNS+=("$ns")
	ip -n "$ns" link set lo up
	# the LAN end lives in the LAN namespace, so its name only has to be
	# unique there
	ip -n "$lan" link add "p-$node" type veth peer name eth0 netns "$ns"
	ip -n "$lan" link set "p-$node" master br0 up
	ip -n "$ns" addr add "$addr" dev eth0
	ip -n "$ns" link set eth0 up
	mkdir -p "$T_DIR/$node"
}

in_ns() {
	local node=$1
	shift
	ip netns exec "$(ns_name "$node")" "$@"
}

# --- daemons ----------------------------------------------------------------

# start_bgpd NODE CONFIG [module [zebra]]: Debian's bgpd, optionally with the
# module; without zebra (-Z) unless "zebra" says to use start_zebra's.
# (Waits are generous: under valgrind, start and shutdown take seconds.)
start_bgpd() {
	local node=$1 conf=$2 with=${3:-} dir="$T_DIR/$1" bgpd=/usr/lib/frr/bgpd mod=() rib=(-Z)
	[ "$with" = module ] && bgpd=$RS_BGPD mod=(-M "$RS_MODULE")
	[ "${4:-}" = zebra ] && rib=(-z "$dir/zserv.api")
	cp "$conf" "$dir/bgpd.conf"
	in_ns "$node" "$bgpd" "${mod[@]}" -d "${rib[@]}" -S -P 0 -f "$dir/bgpd.conf" \
		-i "$dir/bgpd.pid" --vty_socket "$dir" \
		--log "file:$dir/bgpd.log" --log-level "$BGPD_LOG_LEVEL" 2>>"$dir/bgpd.stderr"
	wait_until 30 "bgpd pid file of $node" test -s "$dir/bgpd.pid" || {
		cat "$dir/bgpd.stderr" >&2
		return 1
	}
	T_PIDS+=("$(cat "$dir/bgpd.pid")")
	wait_until 30 "bgpd vty of $node" test -S "$dir/bgpd.vty"
}

# start_zebra NODE [ARGS]: Debian's zebra, for a bgpd that needs it (VRFs).
start_zebra() {
	local dir="$T_DIR/$1" node=$1
	shift
	: >"$dir/zebra.conf"
	# zebra drops to Debian's frr user (it has no -S like bgpd)
	chmod 0711 "$T_DIR"
	chown frr:frr "$dir"
	in_ns "$node" /usr/lib/frr/zebra -d -P 0 -f "$dir/zebra.conf" "$@" \
		-i "$dir/zebra.pid" --vty_socket "$dir" -z "$dir/zserv.api" \
		--log "file:$dir/zebra.log" >"$dir/zebra.out" 2>&1
	wait_until 30 "zebra pid file of $node" test -s "$dir/zebra.pid" || return 1
	T_PIDS+=("$(cat "$dir/zebra.pid")")
	wait_until 30 "zebra API socket of $node" test -S "$dir/zserv.api"
}

# stop_bgpd NODE: stops a bgpd we started, and waits for it to be gone.
stop_bgpd() { stop_pid "$(cat "$T_DIR/$1/bgpd.pid")"; }

# stop_pid PID: stops a daemon we started (SIGTERM, SIGKILL after 30 s),
# waits for it to be gone and forgets it, so the cleanup never signals a
# reused PID.
stop_pid() {
	local pid=$1 i p left=()
	kill -TERM "$pid" 2>/dev/null || true
	for ((i = 0; i < 300; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$pid" 2>/dev/null || true
	# a backgrounded daemon (bird -f) is our child: reap it
	wait "$pid" 2>/dev/null || true
	for p in "${T_PIDS[@]}"; do
		[ "$p" = "$pid" ] || left+=("$p")
	done
	T_PIDS=("${left[@]}")
}

# rs_cfg ARGS...: configuration commands in the route server's "router bgp
# 65515" (node rs), through the built vtysh; prints what vtysh answers.
rs_cfg() { vtysh_on rs -c "configure terminal" -c "router bgp 65515" "$@" 2>&1; }

# rs_af ARGS...: rs_cfg in its "address-family ipv4 unicast".
rs_af() { rs_cfg -c "address-family ipv4 unicast" "$@"; }

# rs_pid: the PID of the route server's bgpd (node rs).
rs_pid() { cat "$T_DIR/rs/bgpd.pid"; }

# knob NODE on|off: branch-to-branch on or off in route server NODE.
knob() {
	local no=
	[ "$2" = on ] || no="no "
	vtysh_on "$1" -c "configure terminal" -c "router bgp 65515" \
		-c "${no}route-server allow-branch-to-branch" >/dev/null
}

# lines LINE...: one per line, sorted, as the table_* functions print them.
lines() { printf '%s\n' "$@" | sort; }

# vtysh_on NODE ARGS...: the built vtysh, talking to NODE's bgpd; NODE "-"
# is the machine's own FRR, through the vtysh on PATH (the package test).
vtysh_on() {
	local node=$1
	shift
	if [ "$node" = - ]; then
		vtysh "$@"
	else
		"$RS_VTYSH" --vty_socket "$T_DIR/$node" "$@"
	fi
}

# --- what a bgpd shows --------------------------------------------------------

# running_config [NODE]: NODE's (rs's) running-config.
running_config() { vtysh_on "${1:-rs}" -c "show running-config"; }

# save_running_config NODE FILE: NODE's running-config as a configuration
# file a bgpd starts from (vtysh's header and "bgp no-rib", which bgpd's -Z
# sets, left out).
save_running_config() {
	running_config "$1" | sed -n '/^frr defaults/,$p' | grep -v '^bgp no-rib' >"$2"
}

# rs_json [NODE]: "show bgp route-server json" of NODE (rs).
rs_json() { vtysh_on "${1:-rs}" -c "show bgp route-server json"; }

# audit_json [NODE]: "show bgp route-server audit json" of NODE (rs).
audit_json() { vtysh_on "${1:-rs}" -c "show bgp route-server audit json"; }

# session_counts [NODE [state]]: how often each of NODE's (rs's) sessions was
# established, one JSON object by neighbor, keys sorted: {"10.0.0.11":1,...}
# (a reset session shows as a higher count); with "state", [STATE,COUNT].
session_counts() {
	local f=.connectionsEstablished
	[ "${2:-}" != state ] || f="[.bgpState, $f]"
	vtysh_on "${1:-rs}" -c "show bgp neighbors json" | jq -cS "map_values($f)"
}

# expect_no_reset WHAT BEFORE: rs's sessions were established as often as in
# BEFORE (session_counts): nothing since reset a session; else the session
# changes in rs's log are shown.
expect_no_reset() {
	local now
	now=$(session_counts)
	expect_eq "$1: no session was reset" "$2" "$now"
	[ "$now" = "$2" ] ||
		grep -E "went from|NOTIFICATION" "$T_DIR/rs/bgpd.log" | tail -n 20 | sed 's/^/#   /'
}

# session_back NEIGHBOR BEFORE: rs's session with NEIGHBOR is Established and
# was established more often than BEFORE (its count in session_counts): a
# reset since then has come back.
session_back() {
	session_counts rs state | jq -e --arg n "$1" --argjson before "$2" \
		'.[$n] | .[0] == "Established" and .[1] > $before' >/dev/null
}

# --- peer configurations ---------------------------------------------------

# gobgp_conf AS ROUTER-ID NEIGHBOR [AFI-SAFI]: a GoBGP peer of the route
# server (AS 65515) at NEIGHBOR; IPv4 unicast unless AFI-SAFI is given.
gobgp_conf() {
	cat <<CONF
[global.config]
  as = $1
  router-id = "$2"
[[neighbors]]
  [neighbors.config]
    neighbor-address = "$3"
    peer-as = 65515
  [neighbors.timers.config]
    connect-retry = 2
CONF
	[ -z "${4:-}" ] || cat <<CONF
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "$4"
CONF
}

# frr_nva_conf AS ROUTER-ID [NETWORK...]: Debian's bgpd as an NVA of the
# route server at 10.0.0.1, originating the IPv4 NETWORKs.
frr_nva_conf() {
	local n
	printf '%s\n' "frr defaults traditional" "router bgp $1" " bgp router-id $2" \
		" no bgp ebgp-requires-policy" " no bgp network import-check" \
		" neighbor 10.0.0.1 remote-as 65515" " neighbor 10.0.0.1 timers connect 2"
	shift 2
	if [ $# -gt 0 ]; then
		echo " address-family ipv4 unicast"
		for n; do echo "  network $n"; done
		echo " exit-address-family"
	fi
	echo "exit"
}

# start_gobgpd NODE TOML
start_gobgpd() {
	local node=$1 dir="$T_DIR/$1"
	cp "$2" "$dir/gobgpd.toml"
	# not through in_ns: a backgrounded function would make $! a subshell
	ip netns exec "$(ns_name "$node")" gobgpd -f "$dir/gobgpd.toml" \
		--api-hosts 127.0.0.1:50051 --pprof-disable -p >"$dir/gobgpd.log" 2>&1 &
	T_PIDS+=("$!")
	wait_until 10 "gobgpd API of $node" in_ns "$node" gobgp global
}

# gobgp_on NODE ARGS...: GoBGP's CLI, talking to NODE's gobgpd.
gobgp_on() {
	local node=$1
	shift
	in_ns "$node" /usr/bin/gobgp -u 127.0.0.1 -p 50051 "$@"
}

# start_bird NODE CONFIG
start_bird() {
	local node=$1 dir="$T_DIR/$1"
	cp "$2" "$dir/bird.conf"
	ip netns exec "$(ns_name "$node")" bird -f -c "$dir/bird.conf" \
		-s "$dir/bird.ctl" >"$dir/bird.log" 2>&1 &
	T_PIDS+=("$!")
	echo "$!" >"$dir/bird.pid"
	wait_until 10 "bird control socket of $node" test -S "$dir/bird.ctl"
}

# stop_bird NODE: stops the bird start_bird started.
stop_bird() {
	stop_pid "$(cat "$T_DIR/$1/bird.pid")"
	rm -f "$T_DIR/$1/bird.ctl"
}

# birdc_on NODE ARGS...: BIRD's CLI, talking to NODE's bird.
birdc_on() {
	local node=$1
	shift
	birdc -s "$T_DIR/$node/bird.ctl" "$@"
}

# --- what a peer received, normalised ---------------------------------------
# One line a route: "PREFIX nh=NEXTHOP path=AS,AS,... comm=A:B,C:D", sorted.

# Only what the peer learned from the route server, not its own routes;
# T_AFI (ipv4 or ipv6) selects the address family, and for IPv6 "nh" is
# the global next hop.
RS_ADDR=${RS_ADDR:-10.0.0.1}
T_AFI=${T_AFI:-ipv4}

table_frr() {
	local node=$1 pfx
	for pfx in $(vtysh_on "$node" -c "show bgp $T_AFI unicast neighbors $RS_ADDR routes json" |
		jq -r '.routes // {} | keys[]'); do
		_frr_best_line "$node" "$pfx"
	done | sed 's/path=Local /path= /' | sort
}

# _frr_best_line NODE PREFIX: the line of NODE's best path for PREFIX.
_frr_best_line() {
	vtysh_on "$1" -c "show bgp $T_AFI unicast $2 json" | jq -r --arg p "$2" '
		.paths[] | select(.bestpath.overall == true)
		| "\($p) nh=\(.nexthops[0].ip) path=\(.aspath.string | gsub(" "; ","))"
		  + " comm=\((.community.string // "") | gsub(" "; ","))"'
}

table_gobgp() { _gobgp_best_lines "$1" "$RS_ADDR"; }

# _gobgp_best_lines NODE [NEIGHBOR]: NODE's best paths learned from NEIGHBOR,
# or from any neighbor when it is empty.
_gobgp_best_lines() {
	gobgp_on "$1" global rib -a "$T_AFI" -j | _gobgp_lines "${2:-}" \
		'.best == true and has("neighbor-ip") and ($rs == "" or .["neighbor-ip"] == $rs)'
}

# table_gobgp_adjin NODE: every path NODE received from the route server,
# best or not (its own path for a prefix may be its best one).
table_gobgp_adjin() {
	gobgp_on "$1" neighbor "$RS_ADDR" adj-in -a "$T_AFI" -j | _gobgp_lines "" true
}

# _gobgp_lines NEIGHBOR SELECT: GoBGP's path JSON (stdin) as table lines, the
# paths for which the jq expression SELECT ($rs: NEIGHBOR) holds.
_gobgp_lines() {
	jq -r --arg rs "$1" '
		to_entries[] | .key as $p | .value[]
		| select('"$2"')
		| ([.attrs[] | select(.type == 2) | .as_paths[]?.asns[]?] | map(tostring) | join(",")) as $path
		| ([.attrs[] | select(.type == 3 or .type == 14) | .nexthop][0] // "") as $nh
		| ([.attrs[] | select(.type == 8) | .communities[]?
		    | "\(. / 65536 | floor):\(. % 65536)"] | join(",")) as $comm
		| "\($p) nh=\($nh) path=\($path) comm=\($comm)"' | sort
}

# BIRD: routes of its BGP protocol "routeserver" only.
table_bird() { birdc_on "$1" show route all protocol routeserver | _bird_lines; }

# _bird_lines: "show route all" output as table lines.
_bird_lines() {
	awk '
		function flush() { if (pfx != "") print pfx " nh=" nh " path=" path " comm=" comm }
		/^[0-9a-f.:]+\/[0-9]+ / { flush(); pfx = $1; nh = ""; path = ""; comm = ""; next }
		/BGP.next_hop:/ { nh = $2 }
		/BGP.as_path:/ { $1 = ""; sub(/^ +/, ""); gsub(/ /, ","); path = $0 }
		/BGP.community:/ {
			comm = ""
			for (i = 2; i <= NF; i++) {
				c = $i; gsub(/[()]/, "", c); sub(/,/, ":", c)
				comm = comm (comm == "" ? "" : ",") c
			}
		}
		END { flush() }' | sort
}

# The same lines for what the peer learned over BGP from any neighbor (with
# two route servers, from either instance): its best path for each prefix.
table_best_frr() {
	local node=$1 pfx
	for pfx in $(vtysh_on "$node" -c "show bgp $T_AFI unicast json" | jq -r '
		.routes // {} | to_entries[]
		| select(any(.value[]; .bestpath == true and .peerId != "(unspec)")) | .key'); do
		_frr_best_line "$node" "$pfx"
	done | sed 's/path=Local /path= /' | sort
}
table_best_gobgp() { _gobgp_best_lines "$1"; }
table_best_bird() { birdc_on "$1" show route primary all where source = RTS_BGP | _bird_lines; }

# wait_table SECONDS DESCRIPTION KIND NODE EXPECTED: waits for the peer's own
# table to equal EXPECTED, then asserts it (so a miss shows the difference).
wait_table() {
	local secs=$1 what=$2 kind=$3 node=$4 want=$5
	_table_is() { [ "$(table_"$kind" "$node")" == "$want" ]; }
	wait_until "$secs" "$what" _table_is || true
	expect_eq "$what" "$want" "$(table_"$kind" "$node")"
}

# --- expected output, in files beside the tests --------------------------------
# expected/TEST/... holds what a test expects where it is longer than a line:
# JSON (*.json), text, and each peer's own table after a step
# (expected/TEST/STEP/NODE.table, as FRR's topotests keep per-step expected
# output beside each router). Lines starting with "#" are comments.
T_EXPECTED=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/expected

# expected_text NAME: the text of expected/NAME, comment lines left out.
expected_text() { grep -v '^#' "$T_EXPECTED/$1"; }

# expected_json NAME: expected/NAME, a JSON value a line, compact (jq -c).
expected_json() { expected_text "$1" | jq -c .; }

# PEER_KIND[NODE]: the table_KIND that reads NODE's own table (set by the
# script that starts the peers; topology.sh for the reference topology).
declare -A PEER_KIND=()

# expected_table STEP NODE: NODE's table in expected/STEP/NODE.table, sorted
# as the table_* functions sort.
expected_table() { expected_text "$1/$2.table" | sort; }

# step_nodes STEP: the nodes that have a table in expected/STEP (none: fails).
step_nodes() {
	local f
	for f in "$T_EXPECTED/$1"/*.table; do
		[ -e "$f" ] || { t_log "no tables in expected/$1"; return 1; }
		basename "$f" .table
	done
}

# tables_hold STEP: every peer that has a table in expected/STEP holds it.
tables_hold() {
	local nodes node
	nodes=$(step_nodes "$1") || return 1
	for node in $nodes; do
		[ "$("table_${PEER_KIND[$node]}" "$node")" == "$(expected_table "$1" "$node")" ] || return 1
	done
}

# expect_tables SECONDS PHASE STEP: every peer that has a table in
# expected/STEP holds it: one check a peer ("PHASE: NODE's table"), each
# after a bounded wait of SECONDS for it (a miss shows the difference).
expect_tables() {
	local secs=$1 phase=$2 step=$3 nodes node
	nodes=$(step_nodes "$step") || {
		expect_true "$phase: expected tables in expected/$step" false
		return
	}
	for node in $nodes; do
		wait_table "$secs" "$phase: $node's table" "${PEER_KIND[$node]}" "$node" \
			"$(expected_table "$step" "$node")"
	done
}

# --- scenarios: one failure never decides the next ----------------------------
# A script of independent scenarios names its baseline once, then runs them:
#   scenario_baseline WHAT CHECK RESTORE
#   scenario NAME FUNCTION
# WHAT says what the baseline is (e.g. "the knob-off tables"); CHECK, a
# command (bounded), succeeds while it holds; RESTORE, a command, brings it
# back (e.g. the daemons restarted from their start configuration). Every
# scenario first checks that it starts from the baseline (one check; when it
# does not, RESTORE and CHECK run first) and runs FUNCTION, which leaves the
# baseline as it found it. After a scenario with a failed check, RESTORE and
# CHECK run, so that the next scenario starts clean. If the baseline cannot be
# restored (one failed check says so), the remaining scenarios are reported
# skipped instead of failing on top. With T_SCENARIOS set (a list of names),
# only those scenarios run.
SCENARIO_WHAT= SCENARIO_CHECK= SCENARIO_RESTORE= SCENARIO_LOST=
scenario_baseline() { SCENARIO_WHAT=$1 SCENARIO_CHECK=$2 SCENARIO_RESTORE=$3; }

scenario() {
	local name=$1 fails
	[ -z "${T_SCENARIOS:-}" ] || [[ " $T_SCENARIOS " == *" $name "* ]] || return 0
	t_log "scenario: $name"
	if [ -n "$SCENARIO_LOST" ]; then
		expect_skip "$name" "$SCENARIO_LOST"
		return 0
	fi
	if $SCENARIO_CHECK; then
		expect_true "$name: starts from $SCENARIO_WHAT" true
	else
		expect_true "$name: starts from $SCENARIO_WHAT" false
		scenario_restore "before scenario $name" || {
			expect_skip "$name" "$SCENARIO_LOST"
			return 0
		}
	fi
	fails=$T_FAILS
	"$2"
	[ "$T_FAILS" -eq "$fails" ] || scenario_restore "after scenario $name"
}

# scenario_restore WHEN: RESTORE, then CHECK (one check); sets SCENARIO_LOST
# and fails when the baseline is not back.
scenario_restore() {
	t_log "restoring $SCENARIO_WHAT $1"
	if $SCENARIO_RESTORE && $SCENARIO_CHECK; then
		expect_true "$SCENARIO_WHAT restored $1" true
		return 0
	fi
	expect_true "$SCENARIO_WHAT restored $1" false
	SCENARIO_LOST="$SCENARIO_WHAT could not be restored $1"
	return 1
}


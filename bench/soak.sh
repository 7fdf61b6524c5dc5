#!/bin/bash
# Soak: the reference topology of the integration tests (topology.sh) with
# PREFIXES on-premises routes from VPN gateway instance 1 (BIRD, 10.0.0.3),
# routes that reach the ExpressRoute gateway and the NVAs only with
# branch-to-branch on. Phases, each timed:
#   flips   the knob flipped FLIPS times, from off back to off;
#   roles   with the knob on, NVA 2's role changed ROLE_CHANGES times
#           (vpn-gateway, nva, none, nva, ...), back to nva; then knob off;
#   flaps   with the knob on, VPN gateway 1's session restarted from its side
#           FLAPS times;
#   restarts the route server stopped and started RESTARTS times from its
#           saved running-config (with the module).
# Every peer's whole table (prefix, next hop, AS path, communities; one bulk
# read per peer) is compared, as line count + checksum, with the table
# captured in the same state at the start (itself checked against the
# decision table): every CHECK_EVERY changes and at the end of the flip and
# role phases, after every flap and every restart; each time the audit
# (show bgp route-server audit) must find no violation. Over the flip and role
# phases no session may be reset and the module's memory types (show memory:
# "Route-server ...") must end at their starting counts; the route server's
# RSS is reported. Azure's limits (4000 routes from a peer, 1000 to an
# ExpressRoute gateway) are raised above PREFIXES in the route server's
# configuration: they would close the session and withhold routes
# (test_limits.sh covers them).
#   bash bench/soak.sh [--prefixes N] [--flips N] [--role-changes N]
#                      [--flaps N] [--restarts N] [--check-every N] [--pace S]
# (root; defaults 100000 1000 1000 100 10 100 0.1: S seconds between two
# changes, which do not wait for convergence)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

PREFIXES=100000 FLIPS=1000 ROLE_CHANGES=1000 FLAPS=100 RESTARTS=10 CHECK_EVERY=100 PACE=0.1
usage() {
	sed -n 's/^#   //p' "$0" >&2
	exit 2
}
while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || usage
	case $1 in
	--prefixes) PREFIXES=$2 ;;
	--flips) FLIPS=$2 ;;
	--role-changes) ROLE_CHANGES=$2 ;;
	--flaps) FLAPS=$2 ;;
	--restarts) RESTARTS=$2 ;;
	--check-every) CHECK_EVERY=$2 ;;
	--pace) PACE=$2 ;;
	*) usage ;;
	esac
	shift 2
done
for n in "$PREFIXES" "$FLIPS" "$ROLE_CHANGES" "$FLAPS" "$RESTARTS" "$CHECK_EVERY"; do
	[[ $n =~ ^[0-9]+$ ]] || usage
done
[ "$CHECK_EVERY" -gt 0 ] && [ "$PREFIXES" -le 1000000 ] || usage
[[ $PACE =~ ^[0-9]*\.?[0-9]+$ ]] || usage

# The Debian 13 root passes its own build (RS_BUILDDIR); here it is set up.
builddir=${RS_BUILDDIR:-$("$top/tools/setup.sh" | tail -n1)}
export RS_BUILDDIR=$builddir RS_SRCDIR=$top
export T_ID=${T_ID:-soak$$}
source "$top/tests/integration/lib.sh"
# a soak reports what fails and goes on: no errexit
set +eu

# The example configuration with Azure's limits raised above PREFIXES.
RS_CONF=$T_DIR/rs-soak.conf
sed "s/^ neighbor 10\.0\.0\.12 route-server role nva\$/&\n route-server maximum-prefix $((PREFIXES + 1000))\n route-server expressroute-advertise-limit $((PREFIXES + 1000))/" \
	"$top/doc/examples/routeserver.conf" >"$RS_CONF"
source "$top/tests/integration/topology.sh"

declare -A FIG # figures for the summary, by name
FIG_ORDER=()
# wait_within SECONDS DESCRIPTION COMMAND...: lib.sh's wait_until for slow
# COMMANDs (a snapshot of every table takes seconds): bounded by the clock.
wait_within() {
	local secs=$1 what=$2 end=$((SECONDS + $1))
	shift 2
	while :; do
		"$@" >/dev/null 2>&1 && return 0
		[ "$SECONDS" -lt "$end" ] || break
		sleep 0.5
	done
	t_log "timed out after ${secs}s waiting for: $what"
	return 1
}

# only_failures COMMAND...: runs the checks of COMMAND, printing all but the
# "ok" lines (in this shell: the checks are counted).
only_failures() {
	"$@" >"$T_DIR/checks.out"
	grep -v '^ok ' "$T_DIR/checks.out"
	return 0
}

figure() {
	[ -n "${FIG[$1]+x}" ] || FIG_ORDER+=("$1")
	FIG[$1]=$2
	t_log "$1: $2"
}

# --- the bulk routes ---------------------------------------------------------

# bulk_prefixes: the PREFIXES /24s, 20.0.0.0/24 upwards.
bulk_prefixes() {
	awk -v n="$PREFIXES" 'BEGIN { for (i = 0; i < n; i++)
		printf "%d.%d.%d.0/24\n", 20 + int(i / 65536), int(i / 256) % 256, i % 256 }'
}

# bulk_inject: VPN gateway 1 (BIRD) also originates the bulk prefixes, as a
# second static protocol that its export filter sends like its own prefix.
bulk_inject() {
	local conf=$T_DIR/vpn1/bird-bulk.conf
	{
		cat "$T_DIR/vpn1/bird.conf"
		printf '\nprotocol static bulk {\n\tipv4;\n'
		bulk_prefixes | sed 's/.*/\troute & unreachable;/'
		printf '}\n'
	} >"$conf"
	birdc_on vpn1 configure \""$conf"\" | grep -q "Reconfigured"
}

# A table line is a bulk route when its first octet is 20 or more (the
# topology's own prefixes are 10/8, 172.16/12 and 192.168/16).
is_bulk='{ split($1, o, "."); if (o[1] >= 20 && o[1] < 100) print }'
not_bulk='{ split($1, o, "."); if (!(o[1] >= 20 && o[1] < 100)) print }'

# --- whole tables, one bulk read per peer --------------------------------------

# table_frr_bulk NODE: table_frr's lines (lib.sh) from one read of NODE's
# whole table (FRR 8.4 gives a route as an array of its header and paths,
# 10.x as an object with "paths").
table_frr_bulk() {
	vtysh_on "$1" -c "show bgp $T_AFI unicast json detail" | jq -r --arg rs "$RS_ADDR" '
		.routes // {} | to_entries[] | .key as $p
		| (.value | if type == "array" then .[] else .paths[] end)
		| select(.bestpath.overall? == true and .peer.peerId? == $rs)
		| "\($p) nh=\(.nexthops[0].ip) path=\(.aspath.string | gsub(" "; ","))"
		  + " comm=\((.community.string // "") | gsub(" "; ","))"' | sort
}

# table_gobgp_text NODE: table_gobgp's lines (lib.sh) from GoBGP's text
# output of what the route server sent, which is read and parsed in a third
# of the time of its JSON with 100,000 routes (checked against table_gobgp
# when the knob states are captured). Less the routes GoBGP rejects for an
# AS loop: bgpd sends an eBGP peer's routes back to it.
table_gobgp_text() {
	local as
	as=$(gobgp_on "$1" global -j | jq '.asn')
	gobgp_on "$1" neighbor "$RS_ADDR" adj-in -a "$T_AFI" | awk -v as="$as" '
		NR > 1 {
			loop = 0
			path = ""
			for (i = 4; i <= NF && $i !~ /^[0-9]+:[0-9][0-9]:[0-9][0-9]$/; i++)
				if ($i == as) loop = 1
				else if ($i !~ /^[0-9]+d$/) path = path (path == "" ? "" : ",") $i
			if (loop) next
			comm = ""
			if (match($0, /\{Communities: [^}]*\}/)) {
				comm = substr($0, RSTART + 14, RLENGTH - 15)
				gsub(/ /, "", comm)
			}
			print $2 " nh=" $3 " path=" path " comm=" comm
		}' | sort
}

# PEERS: node:kind, the table_KIND function that reads the node's table.
PEERS=(er:gobgp_text vpn1:bird vpn2:bird nva1:frr_bulk nva2:gobgp_text)

# snapshot DIR: every peer's table into DIR/NODE, read in parallel (GoBGP's
# time is its daemon's, not the CPU's).
snapshot() {
	local p readers=()
	mkdir -p "$1"
	for p in "${PEERS[@]}"; do
		"table_${p#*:}" "${p%%:*}" >"$1/${p%%:*}" &
		readers+=("$!")
	done
	# (not a bare wait: the daemons are this shell's children too)
	wait "${readers[@]}"
}

# peer_counts: the number of routes each peer received from the route
# server, in PEERS order, one cheap read each.
peer_counts() {
	gobgp_on er neighbor -j | jq --arg rs "$RS_ADDR" \
		'.[] | select(.state.neighbor_address == $rs) | .afi_safis[0].state.accepted'
	local n
	for n in vpn1 vpn2; do
		birdc_on "$n" show protocols all routeserver | awk '$1 == "Routes:" { print $2 }'
	done
	vtysh_on nva1 -c "show bgp summary json" | jq --arg rs "$RS_ADDR" '.ipv4Unicast.peers[$rs].pfxRcd'
	gobgp_on nva2 neighbor -j | jq --arg rs "$RS_ADDR" \
		'.[] | select(.state.neighbor_address == $rs) | .afi_safis[0].state.accepted'
}

# digest FILE: "LINES md5", how tables are compared.
digest() { echo "$(wc -l <"$1") $(md5sum <"$1" | cut -c1-32)"; }

# tables_are STATE: a fresh snapshot equals the one captured for STATE.
tables_are() {
	local p node
	snapshot "$T_DIR/now"
	for p in "${PEERS[@]}"; do
		node=${p%%:*}
		[ "$(digest "$T_DIR/now/$node")" = "$(digest "$T_DIR/expected/$1/$node")" ] || return 1
	done
}

# wait_state SECONDS STATE WHAT: waits until every peer holds as many routes
# as in STATE (cheap), then until it holds STATE's table; asserts it (a miss
# shows the differences).
wait_state() {
	local secs=$1 state=$2 what=$3 p node
	wait_until "$secs" "$what: every peer's route count" counts_are "$state"
	wait_within "$secs" "$what: every table" tables_are "$state"
	for p in "${PEERS[@]}"; do
		node=${p%%:*}
		expect_eq "$what: $node's table is the one of state $state" \
			"$(digest "$T_DIR/expected/$state/$node")" "$(digest "$T_DIR/now/$node")"
		cmp -s "$T_DIR/expected/$state/$node" "$T_DIR/now/$node" ||
			diff "$T_DIR/expected/$state/$node" "$T_DIR/now/$node" | head -n 10 | sed 's/^/#   /'
	done
	expect_eq "$what: the audit finds no violation" 0 "$(audit_json | jq .violationCount)"
}

# --- the states and their expected tables ---------------------------------------

# nva2_role nva|vpn-gateway|none
nva2_role() {
	if [ "$1" = none ]; then
		rs_cfg -c "no neighbor 10.0.0.12 route-server role" >/dev/null
	else
		rs_cfg -c "neighbor 10.0.0.12 route-server role $1" >/dev/null
	fi
}

# The bulk routes' line tails: as iBGP (ExpressRoute gateway) and eBGP (NVAs)
# receive them, next hop VPN gateway 1, and as a peer without a role gets
# them from plain bgpd (next hop the route server).
B_IBGP="nh=10.0.0.3 path=65200 comm="
B_EBGP="nh=10.0.0.3 path=65515,65200 comm="
B_SELF="nh=10.0.0.1 path=65515,65200 comm="

# The states: knob off or on, NVA 2's role (nva unless named). For each peer
# (er vpn nva1 nva2; vpn for both instances): the expected number of the
# topology's own lines, and the bulk routes' tail ("-": none of them).
declare -A STATE_SMALL STATE_BULK
STATE_SMALL[off]="1 1 2 3"
STATE_BULK[off]="- - - -"
STATE_SMALL[on]="5 5 4 5"
STATE_BULK[on]="B_IBGP - B_EBGP B_EBGP"
STATE_SMALL[on-vpn]="5 4 4 4"
STATE_BULK[on-vpn]="B_IBGP - B_EBGP -"
STATE_SMALL[on-none]="5 5 4 5"
STATE_BULK[on-none]="B_IBGP - B_EBGP B_SELF"

# check_capture STATE: the captured tables are what the decision table says:
# the bulk part exactly (every bulk prefix with its tail, or none), the
# topology's own lines by count and, for the states topology.sh spells out
# (exp_off_*, exp_on_*), line by line.
check_capture() {
	local state=$1 dir=$T_DIR/expected/$1 small bulk node i=0 exp tail key
	read -ra small <<<"${STATE_SMALL[$state]}"
	read -ra bulk <<<"${STATE_BULK[$state]}"
	for node in er vpn1 vpn2 nva1 nva2; do
		case $node in
		er) i=0 key=er ;; vpn1 | vpn2) i=1 key=vpn ;; nva1) i=2 key=nva1 ;; nva2) i=3 key=nva2 ;;
		esac
		if [ "${bulk[$i]}" = - ]; then
			expect_eq "state $state: $node has no bulk route" 0 "$(awk "$is_bulk" "$dir/$node" | wc -l)"
		else
			tail=${!bulk[$i]}
			expect_true "state $state: $node has every bulk route as \"$tail\"" cmp -s \
				<(awk "$is_bulk" "$dir/$node") <(bulk_prefixes | sort | sed "s|\$| $tail|")
		fi
		expect_eq "state $state: $node's own lines" "${small[$i]}" "$(awk "$not_bulk" "$dir/$node" | wc -l)"
		exp="exp_${state}_$key"
		[ "$state" != off ] && [ "$state" != on ] ||
			expect_eq "state $state: $node's own lines are topology.sh's $exp" \
				"${!exp}" "$(awk "$not_bulk" "$dir/$node")"
	done
}

# state_sizes STATE: how many routes each peer has in STATE, in PEERS order.
state_sizes() {
	local small bulk i
	read -ra small <<<"${STATE_SMALL[$1]}"
	read -ra bulk <<<"${STATE_BULK[$1]}"
	for i in 0 1 1 2 3; do
		echo $((small[i] + (${#bulk[i]} > 1 ? PREFIXES : 0)))
	done
}

# counts_are STATE: every peer holds as many routes as in STATE (cheap).
counts_are() { [ "$(peer_counts)" = "$(state_sizes "$1")" ]; }

# tables_stable: two snapshots in a row are the same.
tables_stable() {
	local p
	snapshot "$T_DIR/stable"
	for p in "${PEERS[@]}"; do
		cmp -s "$T_DIR/stable/${p%%:*}" "$T_DIR/now/${p%%:*}" || {
			snapshot "$T_DIR/now"
			return 1
		}
	done
}

# capture STATE: once the peers' table sizes are STATE's and two snapshots in
# a row agree, they are STATE's expected tables (checked by check_capture).
capture() {
	local state=$1 want node
	want=$(state_sizes "$state")
	_sizes_are() {
		[ "$(for p in "${PEERS[@]}"; do wc -l <"$T_DIR/now/${p%%:*}"; done)" = "$want" ]
	}
	_sized() { snapshot "$T_DIR/now" && _sizes_are; }
	wait_until 300 "route counts of state $state" counts_are "$state"
	wait_within 300 "tables of state $state by size" _sized
	wait_within 120 "tables of state $state stable" tables_stable
	mkdir -p "$T_DIR/expected/$state"
	cp "$T_DIR"/now/* "$T_DIR/expected/$state/"
	check_capture "$state"
	[ "$state" = off ] || [ "$state" = on ] || return 0
	for node in er nva2; do
		table_gobgp "$node" >"$T_DIR/json-$node"
		expect_eq "state $state: $node's table parsed from GoBGP's text is its JSON's" \
			"$(digest "$T_DIR/json-$node")" "$(digest "$T_DIR/expected/$state/$node")"
	done
}

# --- what must not change: sessions, the module's memory ------------------------

# rs_mtypes: the module's memory types in the route server's show memory, one
# "NAME: COUNT (BYTES bytes)" line each (a type never allocated is not shown).
rs_mtypes() {
	vtysh_on rs -c "show memory" | awk -F: '/^Route-server / {
		name = $1; sub(/ +$/, "", name); split($2, f, " ")
		printf "%s: %d (%d bytes)\n", name, f[1], f[3] }'
}
mtype_counts() { sed 's/ (.*//' <<<"$1"; }

rss_kib() { awk -v k="$2" '$1 == k ":" { print $2 }' "/proc/$1/status"; }
rss_now() { echo "VmRSS $(rss_kib "$(rs_pid)" VmRSS) KiB, VmHWM $(rss_kib "$(rs_pid)" VmHWM) KiB"; }

# due I R...: an intermediate check after change I: when I modulo
# CHECK_EVERY is one of the Rs (so that the checks see every state).
due() {
	local i=$1 r
	shift
	for r; do
		((i % CHECK_EVERY == r)) && return 0
	done
	return 1
}

# --- setup -------------------------------------------------------------------------

t_log "soak: $PREFIXES prefixes, $FLIPS flips, $ROLE_CHANGES role changes, $FLAPS flaps," \
	"$RESTARTS restarts; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(now)
topo_start || {
	echo "not ok - topology did not come up"
	exit 1
}
bulk_inject || {
	echo "not ok - BIRD did not load the bulk routes"
	exit 1
}
_vpn1_sent_all() {
	[ "$(vtysh_on rs -c "show bgp summary json" |
		jq '.ipv4Unicast.peers["10.0.0.3"].pfxRcd')" = $((PREFIXES + 1)) ]
}
wait_until 300 "$PREFIXES bulk routes at the route server" _vpn1_sent_all
figure "setup: topology up, bulk routes at the route server (s)" "$(seconds_since "$t0")"

t0=$(now)
capture off
knob rs on
capture on
nva2_role vpn-gateway
capture on-vpn
nva2_role none
capture on-none
nva2_role nva
wait_state 300 on "nva2's role back"
knob rs off
wait_state 300 off "knob back off"
figure "capture of the four states' tables (s)" "$(seconds_since "$t0")"
t0=$(now)
tables_are off
figure "one comparison of every table (s)" "$(seconds_since "$t0")"

sessions_start=$(session_counts)
mtypes_start=$(rs_mtypes)
rss_start=$(rss_now)
figure "route server memory types at the start" "$(paste -sd';' <<<"$mtypes_start")"
figure "route server RSS at the start" "$rss_start"
expect_true "all five sessions are up once" \
	test "$(jq '[.[] | select(. == 1)] | length' <<<"$sessions_start")" = 5

# --- knob flips ----------------------------------------------------------------------

t0=$(now)
for ((i = 1; i <= FLIPS; i++)); do
	state=$( ((i % 2)) && echo on || echo off)
	knob rs "$state"
	sleep "$PACE"
	if due "$i" 0 1 && [ "$i" -lt "$FLIPS" ]; then
		only_failures wait_state 300 "$state" "flip $i"
	fi
done
state=$( ((FLIPS % 2)) && echo on || echo off)
figure "flips: $FLIPS issued (s)" "$(seconds_since "$t0")"
[ "$state" = off ] || knob rs off
wait_state 300 off "after $FLIPS flips"
figure "flips: issued, checked and converged (s)" "$(seconds_since "$t0")"
figure "route server RSS after the flips" "$(rss_now)"

# --- role changes -----------------------------------------------------------------------

knob rs on
wait_state 300 on "knob on for the role changes"
roles=(nva vpn-gateway nva none)
t0=$(now)
for ((i = 1; i <= ROLE_CHANGES; i++)); do
	role=${roles[i % 4]}
	nva2_role "$role"
	sleep "$PACE"
	if due "$i" 0 1 3 && [ "$i" -lt "$ROLE_CHANGES" ]; then
		state=on
		[ "$role" = nva ] || state=on-${role%-gateway}
		only_failures wait_state 300 "$state" "role change $i"
	fi
done
figure "role changes: $ROLE_CHANGES issued (s)" "$(seconds_since "$t0")"
[ "${roles[ROLE_CHANGES % 4]}" = nva ] || nva2_role nva
wait_state 300 on "after $ROLE_CHANGES role changes"
figure "role changes: issued, checked and converged (s)" "$(seconds_since "$t0")"
knob rs off
wait_state 300 off "back in the starting state"

mtypes_end=$(rs_mtypes)
rss_end=$(rss_now)
figure "route server memory types at the end" "$(paste -sd';' <<<"$mtypes_end")"
figure "route server RSS at the end" "$rss_end"
growth() { echo "$(rss_kib "$(rs_pid)" VmRSS) - $(awk '{ print $2 }' <<<"$rss_start")" | bc; }
figure "route server RSS growth over flips and role changes (KiB)" "$(growth)"
expect_eq "the module's memory types are back to their starting counts" \
	"$(mtype_counts "$mtypes_start")" "$(mtype_counts "$mtypes_end")"
sessions_end=$(session_counts)
expect_eq "no session was reset by the flips and role changes" "$sessions_start" "$sessions_end"

# --- session flaps -----------------------------------------------------------------------

knob rs on
wait_state 300 on "knob on for the flaps"
vpn1_established() { jq '.["10.0.0.3"]' <<<"$(session_counts)"; }
t0=$(now)
for ((i = 1; i <= FLAPS; i++)); do
	n=$(vpn1_established)
	birdc_on vpn1 restart routeserver >/dev/null
	_flapped() { [ "$(vpn1_established)" -gt "$n" ]; }
	wait_until 120 "vpn gateway 1 back after flap $i" _flapped
	only_failures wait_state 300 on "flap $i"
done
figure "flaps: $FLAPS, each converged and checked (s)" "$(seconds_since "$t0")"
expect_eq "$FLAPS flaps: vpn gateway 1's session came back each time" \
	"$(($(jq '.["10.0.0.3"]' <<<"$sessions_start") + FLAPS))" "$(vpn1_established)"
expect_eq "the flaps reset no other session" \
	"$(jq -cS 'del(.["10.0.0.3"])' <<<"$sessions_start")" "$(jq -cS 'del(.["10.0.0.3"])' <<<"$(session_counts)")"

# --- route server restarts ------------------------------------------------------------------

t0=$(now)
for ((i = 1; i <= RESTARTS; i++)); do
	save_running_config rs "$T_DIR/saved.conf"
	stop_bgpd rs # (which forgets its PID)
	start_bgpd rs "$T_DIR/saved.conf" module || break
	topo_wait_established
	only_failures wait_state 300 on "restart $i"
done
figure "restarts: $RESTARTS, each converged and checked (s)" "$(seconds_since "$t0")"
figure "route server RSS after the last restart" "$(rss_now)"

# --- summary ------------------------------------------------------------------------------

echo
echo "frr-routeserver soak: $PREFIXES prefixes, $FLIPS flips, $ROLE_CHANGES role changes, $FLAPS flaps," \
	"$RESTARTS restarts; $(nproc) cores, $(dpkg-query -W -f '${Version}' frr 2>/dev/null), $(date -u +%Y-%m-%d)"
for f in "${FIG_ORDER[@]}"; do
	printf '%s: %s\n' "$f" "${FIG[$f]}"
done
t_done

#!/bin/bash
# Two route servers, as Azure runs two instances (TOPO_RS2=1: rs 10.0.0.1 and
# rs2 10.0.0.5, the same configuration apart from the router-id, every peer
# sessions with both), branch-to-branch on in both. Every peer holds its
# knob-on table whichever instance its best paths come from; both advertise
# the same to every neighbor; when rs stops the peers keep exactly their
# tables, from rs2; when rs is back both converge again; and
# frr-routeserver-compare finds no drift until the knob differs.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topology.sh"

TOPO_RS2=1
# Both instances advertise a graceful-restart time of 20 s instead of bgpd's
# 120: the BIRD peers keep a stopped instance's paths as stale that long, so
# (c) shows the same hand-over in a sixth of the time.
sed '/^ bgp router-id /a\ bgp graceful-restart restart-time 20' "$RS_CONF" >"$T_DIR/rs-ha.conf"
RS_CONF=$T_DIR/rs-ha.conf
topo_start || { echo "not ok - topology with two route servers did not come up"; exit 1; }
COMPARE=$RS_SRCDIR/tools/frr-routeserver-compare
ROLE_NEIGHBORS=(10.0.0.2 10.0.0.3 10.0.0.4 10.0.0.11 10.0.0.12)

# exp_on_of PEER: PEER's knob-on table (topology.sh), the virtual network
# with rs's next hop; exp_rs2_of PEER: the same from rs2 alone.
exp_on_of() {
	case $1 in
	er) echo "$exp_on_er" ;;
	vpn1 | vpn2) echo "$exp_on_vpn" ;;
	nva1) echo "$exp_on_nva1" ;;
	nva2) echo "$exp_on_nva2" ;;
	esac
}
exp_rs2_of() { exp_on_of "$1" | sed "s#^$P_VNET nh=10.0.0.1 #$P_VNET nh=$RS2_ADDR #"; }

# check_tables PHASE: each peer's table is its knob-on table, the virtual
# network's next hop being the instance its best path came from.
check_tables() {
	local n
	for n in "${TOPO_PEERS[@]}"; do
		expect_eq "$1: $n's table is its knob-on table" "$(exp_on_of "$n")" "$("tbl_$n" | vnet_nh_as_rs)"
	done
}

# sample_tables: one look at every peer's table, a word for each: PEER=rs2
# when it is its knob-on table from rs2 alone, PEER=on when it is its
# knob-on table from either instance, PEER=wrong otherwise; after a wrong
# one, "| PEER: TABLE".
sample_tables() {
	local n t words=() wrong=
	for n in "${TOPO_PEERS[@]}"; do
		t=$("tbl_$n")
		if [ "$t" == "$(exp_rs2_of "$n")" ]; then
			words+=("$n=rs2")
		elif [ "$(vnet_nh_as_rs <<<"$t")" == "$(exp_on_of "$n")" ]; then
			words+=("$n=on")
		else
			words+=("$n=wrong")
			[ -n "$wrong" ] || wrong="| $n: $(paste -sd' ' <<<"$t")"
		fi
	done
	echo "${words[*]}${wrong:+ $wrong}"
}

# watch_tables SECONDS DONE...: samples the tables until DONE... SAMPLE
# succeeds, at most SECONDS; W_WRONG counts the samples in which some peer's
# table was not its knob-on table (W_FIRST_WRONG: the first), W_SAMPLES all.
watch_tables() {
	local end=$((SECONDS + $1)) s
	shift
	W_SAMPLES=0 W_WRONG=0 W_FIRST_WRONG=
	while :; do
		s=$(sample_tables)
		W_SAMPLES=$((W_SAMPLES + 1))
		if [[ "$s" == *=wrong* ]]; then
			W_WRONG=$((W_WRONG + 1))
			[ -n "$W_FIRST_WRONG" ] || W_FIRST_WRONG=$s
		fi
		"$@" "$s" && return 0
		[ "$SECONDS" -lt "$end" ] || return 1
		sleep 0.2
	done
}
expect_never_wrong() {
	expect_eq "$1: every peer kept its knob-on table in all $W_SAMPLES samples" \
		"0 wrong" "$W_WRONG wrong${W_FIRST_WRONG:+: $W_FIRST_WRONG}"
}
# from_rs2 PEER... SAMPLE: in SAMPLE, each PEER has its table from rs2 alone.
from_rs2() {
	local n s=${!#}
	for n in "${@:1:$#-1}"; do
		[[ " $s " == *" $n=rs2 "* ]] || return 1
	done
}

# advertised NODE NEIGHBOR: what route server NODE advertises to NEIGHBOR,
# without what is the instance's own: its local address, and its own address
# as next hop (the virtual network's).
advertised() {
	vtysh_on "$1" -c "show bgp route-server neighbor $2 advertised-routes json" | jq -c '
		.localAddress as $self
		| {neighbor, count, routes: [.routes[] | del(.localAddress)
			| if .nextHop == $self then .nextHop = "self" else . end]}'
}
_same_advertised() { [ "$(advertised rs "$1")" == "$(advertised rs2 "$1")" ]; }
_all_same_advertised() {
	local nb
	for nb in "${ROLE_NEIGHBORS[@]}"; do _same_advertised "$nb" || return 1; done
}
check_same_advertised() {
	local nb
	wait_until 30 "$1: rs and rs2 advertise the same" _all_same_advertised || true
	for nb in "${ROLE_NEIGHBORS[@]}"; do
		expect_true "$1: rs advertises routes to $nb" \
			quietly jq -e '.count > 0' <<<"$(advertised rs "$nb")"
		expect_eq "$1: rs and rs2 advertise the same to $nb" "$(advertised rs "$nb")" "$(advertised rs2 "$nb")"
	done
}

# --- (a) both up, knob on in both: every peer's table ------------------------
knob rs on
knob rs2 on
topo_settled on || true
check_tables "both instances"

# --- (b) both advertise the same to every role neighbor ------------------------
check_same_advertised "both instances"

# --- (c) rs stops: the peers keep exactly their tables, from rs2 -------------------
# bgpd closes the sessions (a NOTIFICATION to GoBGP; none to the peers that
# can do graceful restart): GoBGP and FRR drop rs's paths at once. BIRD keeps
# them as stale for the restart time rs advertised (20 s, set above;
# "Neighbor GR: Regular" in birdc show protocols all) and prefers them until
# then (lower router-id): the same routes, only the virtual network's next
# hop is still rs's.
t0=$EPOCHREALTIME
stop_bgpd rs
t_log "rs stopped: its bgpd was gone after $(seconds_since "$t0") s"
watch_tables 30 from_rs2 er nva1 nva2 || true
t_log "rs stopped: GoBGP and FRR peers had their tables from rs2 alone after $(seconds_since "$t0") s"
expect_never_wrong "rs stopping, GoBGP and FRR peers"
watch_tables 60 from_rs2 "${TOPO_PEERS[@]}" || true
t_log "rs stopped: BIRD peers had their tables from rs2 alone after $(seconds_since "$t0") s (graceful restart)"
expect_never_wrong "rs stopped, BIRD's graceful restart"
for n in "${TOPO_PEERS[@]}"; do
	expect_eq "rs stopped: $n's table is its knob-on table, from rs2 alone" "$(exp_rs2_of "$n")" "$("tbl_$n")"
done

# --- (d) rs starts again: both converge, the tables stay exact ---------------------
t0=$EPOCHREALTIME
start_bgpd rs "$RS_CONF" module || { echo "not ok - rs did not start again"; exit 1; }
knob rs on
_rs_back() { _all_established rs && _all_same_advertised; } # (ignores the sample)
watch_tables 90 _rs_back || true
t_log "rs started: five sessions and the same advertisements as rs2 after $(seconds_since "$t0") s"
expect_true "rs back: its five sessions are Established" _all_established rs
check_same_advertised "rs back"
check_tables "rs back"
expect_never_wrong "rs starting"

# --- (e) frr-routeserver-compare on the two instances ------------------------------
# (the masked lines, router-id and hostname, are test_compare's)
vtysh_cmd() { printf '%q --vty_socket %q' "$RS_VTYSH" "$T_DIR/$1"; }
for n in rs rs2; do
	vtysh_on "$n" -c "show running-config" -c "show bgp route-server json" >"$T_DIR/$n.txt"
done
out=$("$COMPARE" "$T_DIR/rs.txt" "$T_DIR/rs2.txt" 2>&1)
expect_eq "compare, files: same configuration, exit 0" "0: same configuration" "$?: $(grep -v '^masked: ' <<<"$out")"
out=$("$COMPARE" --vtysh "$(vtysh_cmd rs)" "$(vtysh_cmd rs2)" 2>&1)
expect_eq "compare --vtysh: same configuration, exit 0" "0: same configuration" "$?: $(grep -v '^masked: ' <<<"$out")"

knob rs off
out=$("$COMPARE" --vtysh "$(vtysh_cmd rs)" "$(vtysh_cmd rs2)" 2>&1)
expect_eq "compare after the knob went off in rs only: exit 1, names the line and allowBranchToBranch" \
	"1: router bgp 65515: route-server allow-branch-to-branch only in B
allowBranchToBranch: false (A) != true (B)
2 differences" "$?: $(grep -v '^masked: ' <<<"$out")"

t_done

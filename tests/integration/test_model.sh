#!/bin/bash
# Model check: the reference topology (GoBGP, BIRD and FRR peers) driven
# through a seeded random sequence of operations; after each step every
# peer's OWN received table must be what the core's decision table predicts
# (tests/model/decision_table prints it from the functions the module runs),
# together with bgpd's own iBGP rules for peers without a role.
#
# Operations: knob on/off, role set/change/remove (neighbors and the VPN
# gateways' peer-group), neighbor delete/re-add, peer-group leave/join,
# shutdown/no shutdown, a peer withdrawing/re-announcing its routes, and a
# route-server restart from its saved running-config.
#
#   SEED=N STEPS=N bash tests/integration/test_model.sh
# SEED defaults to one from the clock, STEPS to 200 (50 under valgrind, where
# every step takes seconds). The first miss stops the run and prints the seed
# and the steps so far: the same SEED and STEPS replay them.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topology.sh"

SEED=${SEED:-$(($(date +%s%N) / 1000 % 32768))}
if [ -n "${RS_VALGRIND:-}" ]; then STEPS=${STEPS:-50}; else STEPS=${STEPS:-200}; fi
SETTLE=${SETTLE:-60} # seconds a step may take to show at every peer
t_log "model check: SEED=$SEED STEPS=$STEPS"

# --- the prediction ------------------------------------------------------------

# VERDICT["KNOB SOURCE DEST"] = allow|suppress; CLIENT[ROLE] = 1 when an
# iBGP neighbor of that role is a route-reflector client.
declare -A VERDICT CLIENT
rows=0
while read -r what a b c d _; do
	case $what in
	verdict) VERDICT["$a $b $c"]=$d ;;
	client) CLIENT[$a]=$b ;;
	esac
	rows=$((rows + 1))
done < <("$RS_BUILDDIR/tests/model/decision_table")
# 2 knob values x 5 sources x 4 destinations, and 4 roles
[ "$rows" -eq 44 ] || { echo "not ok - the core's decision table ($rows rows)"; exit 1; }

# verdict KNOB SOURCE DEST: allow or suppress; a pair the table lacks is a
# line no peer's table can have, so the comparison fails and shows it.
verdict() { echo "${VERDICT["$1 $2 $3"]:-no verdict for $1 $2 $3}"; }

declare -A ADDR=([er]=10.0.0.2 [vpn1]=10.0.0.3 [vpn2]=10.0.0.4 [nva1]=10.0.0.11 [nva2]=10.0.0.12)
declare -A IBGP=([er]=1 [vpn1]=1 [vpn2]=1 [nva1]=0 [nva2]=0)
declare -A REMOTE_AS=([er]=internal [nva1]=65001 [nva2]=65002)
# What each peer announces ("PREFIX AS-PATH COMMUNITIES"; "-" for none);
# NVA 1's NO_ADVERTISE route is never passed on, so it is not listed.
declare -A ORIG=([er]="$P_ER 12076,65100 -" [vpn1]="$P_VPN 65200 -" [vpn2]="$P_VPN 65200 -"
	[nva1]="$P_NVA1 65001 -;$P_NVA1_COMM 65001 65001:99" [nva2]="$P_NVA2 65002 -")

# The model's state: the knob, each neighbor's own role, the VPN gateways'
# peer-group role, and per peer whether the route server has the neighbor,
# whether it is shut down and whether the peer announces its routes.
KNOB=0 GROUP_ROLE=vpn-gateway
declare -A ROLE=([er]=expressroute-gateway [nva1]=nva [nva2]=nva)
declare -A EXISTS=([er]=1 [vpn1]=1 [vpn2]=1 [nva1]=1 [nva2]=1)
declare -A SHUT=([er]=0 [vpn1]=0 [vpn2]=0 [nva1]=0 [nva2]=0)
declare -A ANN=([er]=1 [vpn1]=1 [vpn2]=1 [nva1]=1 [nva2]=1)

# role_of PEER: its role as the route server applies it (a group member's is
# its group's).
role_of() { case $1 in vpn*) echo "$GROUP_ROLE" ;; *) echo "${ROLE[$1]}" ;; esac; }

# path_to DEST PATH: the AS path DEST receives (eBGP: the route server's AS
# prepended).
path_to() {
	if [ "${IBGP[$1]}" = 1 ]; then
		echo "$2"
	else
		echo "65515${2:+,$2}"
	fi
}

# reaches SOURCE DEST: the module's verdict, then bgpd's iBGP rule (a route
# from an iBGP neighbor goes to another iBGP neighbor only when one of them
# is a reflector client).
reaches() {
	local s=$1 d=$2 rs rd v
	rs=$(role_of "$s")
	rd=$(role_of "$d")
	v=$(verdict "$KNOB" "$rs" "$rd")
	[ "$v" = allow ] || [ "$v" = suppress ] || echo "$v" >&2
	[ "$v" = allow ] || return 1
	[ "${IBGP[$s]}" = 0 ] || [ "${IBGP[$d]}" = 0 ] || [ "${CLIENT[$rs]}" = 1 ] || [ "${CLIENT[$rd]}" = 1 ]
}

# predicted DEST: DEST's table as the model has it ("PREFIX path=.. comm=..").
predicted() {
	local d=$1 s v pfx path comm
	[ "${EXISTS[$d]}" = 1 ] && [ "${SHUT[$d]}" = 0 ] || return 0
	{
		v=$(verdict "$KNOB" local "$(role_of "$d")")
		case $v in
		allow) echo "$P_VNET path=$(path_to "$d" "") comm=" ;;
		suppress) ;;
		*) echo "$v" ;;
		esac
		for s in "${TOPO_PEERS[@]}"; do
			[ "$s" != "$d" ] && [ "${EXISTS[$s]}" = 1 ] && [ "${SHUT[$s]}" = 0 ] &&
				[ "${ANN[$s]}" = 1 ] && reaches "$s" "$d" || continue
			while IFS=' ' read -r pfx path comm; do
				[ "$comm" = - ] && comm=
				echo "$pfx path=$(path_to "$d" "$path") comm=$comm"
			done < <(tr ';' '\n' <<<"${ORIG[$s]}")
		done
	} | sort -u
}

# received DEST: DEST's own table, next hops left out (the decision table
# says which routes, not which next hop).
received() { "table_${TOPO_KIND[$1]}" "$1" | sed 's/ nh=[^ ]* / /'; }

all_of() {
	local p
	for p in "${TOPO_PEERS[@]}"; do "$1" "$p" | sed "s/^/$p: /"; done
}

# --- the operations ------------------------------------------------------------

# Every configuration command must be taken silently.
rs_do() {
	local out
	out=$(rs_cfg "$@")
	[ -z "$out" ] && return 0
	t_log "route server answered: $out"
	return 1
}

neighbor_of() { case $1 in group) echo VPNGW ;; *) echo "${ADDR[$1]}" ;; esac; }

op_knob() {
	rs_do -c "$([ $KNOB = 1 ] && echo no) route-server allow-branch-to-branch" || return 1
	KNOB=$((1 - KNOB))
}

# op_role TARGET ROLE: TARGET is a neighbor or "group"; ROLE none removes.
op_role() {
	local n old
	n=$(neighbor_of "$1")
	if [ "$1" = group ]; then old=$GROUP_ROLE; else old=${ROLE[$1]}; fi
	if [ "$2" = none ]; then
		rs_do -c "no neighbor $n route-server role $old" || return 1
	else
		rs_do -c "neighbor $n route-server role $2" || return 1
	fi
	if [ "$1" = group ]; then GROUP_ROLE=$2; else ROLE[$1]=$2; fi
}

# op_exists PEER: deletes the neighbor, or configures it again (no role).
op_exists() {
	local n=${ADDR[$1]}
	case "$1:${EXISTS[$1]}" in
	vpn*:1) rs_do -c "no neighbor $n peer-group VPNGW" ;;
	vpn*:0) rs_do -c "neighbor $n peer-group VPNGW" ;;
	*:1) rs_do -c "no neighbor $n" ;;
	*:0) rs_do -c "neighbor $n remote-as ${REMOTE_AS[$1]}" ;;
	esac || return 1
	EXISTS[$1]=$((1 - EXISTS[$1]))
	SHUT[$1]=0
	[[ $1 == vpn* ]] || ROLE[$1]=none
}

op_shut() {
	rs_do -c "$([ "${SHUT[$1]}" = 1 ] && echo no) neighbor ${ADDR[$1]} shutdown" || return 1
	SHUT[$1]=$((1 - SHUT[$1]))
}

# op_announce PEER: the peer withdraws its routes, or announces them again.
op_announce() {
	local p=$1 verb
	case "$p:${ANN[$p]}" in
	er:*) verb=$([ "${ANN[er]}" = 1 ] && echo del || echo add)
		gobgp_on er global rib "$verb" -a ipv4 "$P_ER" nexthop 10.0.0.2 aspath 12076,65100 ;;
	nva2:*) verb=$([ "${ANN[nva2]}" = 1 ] && echo del || echo add)
		gobgp_on nva2 global rib "$verb" -a ipv4 "$P_NVA2" nexthop 10.0.0.12 ;;
	vpn*:1) birdc_on "$p" disable onprem >/dev/null ;;
	vpn*:0) birdc_on "$p" enable onprem >/dev/null ;;
	nva1:*) verb=$([ "${ANN[nva1]}" = 1 ] && echo no)
		vtysh_on nva1 -c "configure terminal" -c "router bgp 65001" \
			-c "address-family ipv4 unicast" -c "$verb network $P_NVA1" \
			-c "$verb network $P_NVA1_COMM" ;;
	esac || return 1
	ANN[$p]=$((1 - ANN[$p]))
}

# op_restart: the route server's bgpd stopped and started again with the
# running-config it had saved (vtysh's header lines left out).
op_restart() {
	vtysh_on rs -c "show running-config" | sed -n '/^frr version/,$p' >"$T_DIR/rs-saved.conf"
	grep -q "^router bgp 65515" "$T_DIR/rs-saved.conf" || {
		t_log "no running-config to restart from"
		return 1
	}
	stop_bgpd rs
	start_bgpd rs "$T_DIR/rs-saved.conf" module || return 1
	# Until then a BIRD peer holds rs's paths as stale (graceful restart):
	# they look like the prediction, and a neighbor deleted before its
	# session is back sends no NOTIFICATION, so they would stay 120 s.
	wait_until 60 "the route server's sessions after its restart" _sessions_up
}

# _sessions_up: every neighbor the model has, not shut down, is Established.
_sessions_up() {
	local p want=0
	for p in "${TOPO_PEERS[@]}"; do
		[ "${EXISTS[$p]}" = 0 ] || [ "${SHUT[$p]}" = 1 ] || want=$((want + 1))
	done
	[ "$(vtysh_on rs -c "show bgp summary json" |
		jq '[.ipv4Unicast.peers // {} | .[] | select(.state == "Established")] | length')" = "$want" ]
}

# The random choices are made in this shell, never in a $(...) subshell:
# bash seeds RANDOM anew there, and the run would not replay.

# choose WORD...: sets CHOSEN to one of the words.
choose() {
	local a=("$@")
	CHOSEN=${a[RANDOM % $#]}
}

# choose_role TARGET: sets CHOSEN to a role TARGET does not have now (an
# NVA's "none" included; NVAs are eBGP, where role nva is allowed).
choose_role() {
	local old roles=(expressroute-gateway vpn-gateway none)
	[[ $1 == nva* ]] && roles=(nva expressroute-gateway none)
	if [ "$1" = group ]; then old=$GROUP_ROLE; else old=${ROLE[$1]}; fi
	CHOSEN=$old
	while [ "$CHOSEN" = "$old" ]; do choose "${roles[@]}"; done
}

# next_op: sets OP to a random operation that applies to the model's state.
next_op() {
	local r=$((RANDOM % 100))
	if ((r < 12)); then
		OP="op_knob"
	elif ((r < 40)); then
		choose er group nva1 nva2
		if [ "$CHOSEN" != group ] && [ "${EXISTS[$CHOSEN]}" = 0 ]; then
			OP="op_exists $CHOSEN"
		else
			local target=$CHOSEN
			choose_role "$target"
			OP="op_role $target $CHOSEN"
		fi
	elif ((r < 58)); then
		choose "${TOPO_PEERS[@]}"
		OP="op_exists $CHOSEN"
	elif ((r < 72)); then
		choose "${TOPO_PEERS[@]}"
		if [ "${EXISTS[$CHOSEN]}" = 1 ]; then OP="op_shut $CHOSEN"; else OP="op_exists $CHOSEN"; fi
	elif ((r < 98)); then
		choose "${TOPO_PEERS[@]}"
		OP="op_announce $CHOSEN"
	else
		OP="op_restart"
	fi
}

# --- the run --------------------------------------------------------------------

topo_start || exit 1
RANDOM=$SEED
done_steps=()

# tables_as_predicted: every peer's table is $want (what they hold: $got).
tables_as_predicted() {
	got=$(all_of received)
	[ "$got" == "$want" ]
}

want=$(all_of predicted)
# the model's start agrees with the hand-written tables of topology.sh
reference_off() {
	local v=exp_off_$1
	[[ $1 != vpn* ]] || v=exp_off_vpn
	sed 's/ nh=[^ ]* / /' <<<"${!v}"
}
expect_eq "the model's start is the reference topology's knob-off tables" "$(all_of reference_off)" "$want"
wait_until "$SETTLE" "every peer's table at the start" tables_as_predicted
expect_eq "start: every peer's table as the model predicts" "$want" "$got"

for ((step = 1; step <= STEPS && T_FAILS == 0; step++)); do
	next_op
	done_steps+=("$step: $OP")
	started=$SECONDS
	ok=1
	$OP || ok=0
	expect_true "step $step ($OP): the route server took it" test $ok = 1
	want=$(all_of predicted)
	wait_until "$SETTLE" "step $step: every peer's table" tables_as_predicted
	expect_eq "step $step ($OP, $((SECONDS - started)) s): every peer's table as the model predicts" \
		"$want" "$got"
	expect_eq "step $step: the audit finds no violation" 0 "$(audit_json | jq .violationCount)"
done

if [ "$T_FAILS" -gt 0 ]; then
	t_log "model check FAILED: replay with SEED=$SEED STEPS=$((step - 1)); the steps were:"
	printf '#   %s\n' "${done_steps[@]}" >&2
fi
t_done

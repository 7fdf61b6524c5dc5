#!/bin/bash
# Model check: the reference topology (GoBGP, BIRD and FRR peers) driven
# through a seeded random sequence of operations; after each step every
# peer's OWN received table must be what the core's decision table predicts
# (tests/model/decision_table prints it from the functions the module runs),
# together with bgpd's own iBGP rules for peers without a role.
#
# Overlapping prefixes (issue 20): some prefixes are sent by two or three
# kinds of peer (ExpressRoute gateway, VPN gateway instances, NVAs), each copy
# with its own AS-path length. A peer gets, per prefix, the best path the
# decision table allows to it (bgpd's order: the routing preference's weight,
# then the shorter AS path, ...; a peer without a role gets bgpd's best
# path), and nothing when that path is its own. Next hops and AS paths are
# compared, not only which prefixes arrived.
#
# Operations: knob on/off, role set/change/remove (neighbors and the VPN
# gateways' peer-group), neighbor delete/re-add, peer-group leave/join,
# shutdown/no shutdown, a peer withdrawing/re-announcing its routes, one copy
# of an overlapped prefix withdrawn/re-announced, the routing preference
# changed, and a route-server restart from its saved running-config.
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
# iBGP neighbor of that role is a route-reflector client; UNCHANGED[ROLE] = 1
# when an eBGP neighbor of that role gets learned routes with their next hop
# unchanged; WEIGHT["PREF ROLE"] the weight a role's paths get under routing
# preference PREF.
declare -A VERDICT CLIENT UNCHANGED WEIGHT
rows=0
while read -r what a b c d _; do
	case $what in
	verdict) VERDICT["$a $b $c"]=$d ;;
	client) CLIENT[$a]=$b ;;
	unchanged) UNCHANGED[$a]=$b ;;
	weight) WEIGHT["$a $b"]=$c ;;
	overlap) continue ;; # the same choice, for people (and its golden file)
	esac
	rows=$((rows + 1))
done < <("$RS_BUILDDIR/tests/model/decision_table")
# 2 knob values x 5 sources x 4 destinations, 4 + 4 roles, 3 preferences x 4 roles
[ "$rows" -eq 60 ] || { echo "not ok - the core's decision table ($rows rows)"; exit 1; }

# verdict KNOB SOURCE DEST: allow or suppress; a pair the table lacks is a
# line no peer's table can have, so the comparison fails and shows it.
verdict() { echo "${VERDICT["$1 $2 $3"]:-no verdict for $1 $2 $3}"; }

declare -A ADDR=([er]=10.0.0.2 [vpn1]=10.0.0.3 [vpn2]=10.0.0.4 [nva1]=10.0.0.11 [nva2]=10.0.0.12)
declare -A IBGP=([er]=1 [vpn1]=1 [vpn2]=1 [nva1]=0 [nva2]=0)
declare -A REMOTE_AS=([er]=internal [nva1]=65001 [nva2]=65002)
# Every route the peers announce: "PEER PREFIX AS-PATH COMMUNITIES ID", the
# AS path as the route server receives it ("-": no communities). ID "base"
# is a peer's own prefix (withdrawn and announced again together, ANN);
# "ov" a copy of an overlapped prefix (withdrawn and announced alone, UP).
# NVA 1's NO_ADVERTISE route is never passed on, so it is not listed.
P_OV1=10.99.1.0/24 # ExpressRoute gateway and NVA 1
P_OV2=10.99.2.0/24 # VPN gateway and NVA 2
P_OV3=10.99.3.0/24 # ExpressRoute gateway, VPN gateway and both NVAs
P_OV4=10.99.4.0/24 # ExpressRoute and VPN gateways
OVERLAPPED=("$P_OV1" "$P_OV2" "$P_OV3" "$P_OV4")
# Within a prefix the copies' AS-path lengths differ, but for the two VPN
# gateway instances' (the same routes: the lower router-id wins). Local
# preference (100) and MED (none) are the same on every path, the origin
# differs (GoBGP's are incomplete) only where the AS-path lengths already
# do, so bgpd's order comes down to the weight, the AS-path length and, for
# the VPN gateway instances, the router-id.
ROUTES=(
	"er $P_ER 12076,65100 - base"
	"vpn1 $P_VPN 65200 - base"
	"vpn2 $P_VPN 65200 - base"
	"nva1 $P_NVA1 65001 - base"
	"nva1 $P_NVA1_COMM 65001 65001:99 base"
	"nva2 $P_NVA2 65002 - base"
	"er $P_OV1 12076,65101,65102 - ov"
	"nva1 $P_OV1 65001 - ov"
	"vpn1 $P_OV2 65200 - ov"
	"vpn2 $P_OV2 65200 - ov"
	"nva2 $P_OV2 65002,64700,64701 - ov"
	"er $P_OV3 12076,65103 - ov"
	"vpn1 $P_OV3 65200,65201,65202,65203 - ov"
	"vpn2 $P_OV3 65200,65201,65202,65203 - ov"
	"nva1 $P_OV3 65001,65001,65001 - ov"
	"nva2 $P_OV3 65002 - ov"
	"er $P_OV4 12076,65104,65105,65106 - ov"
	"vpn1 $P_OV4 65200,65204 - ov"
	"vpn2 $P_OV4 65200,65204 - ov"
)
# PREFIXES: every prefix a peer announces, once.
mapfile -t PREFIXES < <(for r in "${ROUTES[@]}"; do echo "${r#* }"; done | cut -d' ' -f1 | sort -u)

# The model's state: the knob, the routing preference, each neighbor's own
# role, the VPN gateways' peer-group role, and per peer whether the route
# server has the neighbor, whether it is shut down and whether the peer
# announces its own routes; per overlapped copy ("PEER PREFIX") whether the
# peer announces it.
KNOB=0 PREF=expressroute GROUP_ROLE=vpn-gateway
declare -A ROLE=([er]=expressroute-gateway [nva1]=nva [nva2]=nva)
declare -A EXISTS=([er]=1 [vpn1]=1 [vpn2]=1 [nva1]=1 [nva2]=1)
declare -A SHUT=([er]=0 [vpn1]=0 [vpn2]=0 [nva1]=0 [nva2]=0)
declare -A ANN=([er]=1 [vpn1]=1 [vpn2]=1 [nva1]=1 [nva2]=1)
# OV_COPIES: the copies ("PEER PREFIX"), in ROUTES' order.
declare -A UP
OV_COPIES=()
for r in "${ROUTES[@]}"; do
	read -r p pfx _ _ id <<<"$r"
	[ "$id" = ov ] || continue
	UP["$p $pfx"]=1
	OV_COPIES+=("$p $pfx")
done

# set_role VAR PEER: PEER's role as the route server applies it (a group
# member's is its group's), into VAR (no subshell: it runs for every path).
set_role() { case $2 in vpn*) printf -v "$1" %s "$GROUP_ROLE" ;; *) printf -v "$1" %s "${ROLE[$2]}" ;; esac; }

# path_to DEST PATH: the AS path DEST receives (eBGP: the route server's AS
# prepended).
path_to() {
	if [ "${IBGP[$1]}" = 1 ]; then
		echo "$2"
	else
		echo "65515${2:+,$2}"
	fi
}

# nexthop_to DEST SOURCE: the next hop DEST receives on SOURCE's route: the
# route server reflects it unchanged to iBGP neighbors, and to eBGP ones
# whose role keeps it; any other eBGP neighbor gets the route server's own
# (bgpd without zebra knows no shared network for a third-party next hop).
nexthop_to() {
	local rd
	set_role rd "$1"
	if [ "${IBGP[$1]}" = 1 ] || [ "${UNCHANGED[$rd]}" = 1 ]; then
		echo "${ADDR[$2]}"
	else
		echo 10.0.0.1
	fi
}

# ibgp_passes SOURCE DEST: bgpd's iBGP rule (a route from an iBGP neighbor
# goes to another iBGP neighbor only when one of them is a reflector client).
ibgp_passes() {
	local rs rd
	set_role rs "$1"
	set_role rd "$2"
	[ "${IBGP[$1]}" = 0 ] || [ "${IBGP[$2]}" = 0 ] || [ "${CLIENT[$rs]}" = 1 ] || [ "${CLIENT[$rd]}" = 1 ]
}

# BEST: the route (a ROUTES line) chosen so far; better_than_best R: route
# R's path wins over BEST's in bgpd's order, as far as the routes here can
# differ: weight (from the routing preference and the source's role), AS-path
# length, eBGP over iBGP, the lower router-id (each peer's is its address).
better_than_best() {
	[ -n "$BEST" ] || return 0
	local p1 p2 a1 a2 r1 r2 w1 w2 l1 l2 n1 n2
	read -r p1 _ a1 _ <<<"$1"
	read -r p2 _ a2 _ <<<"$BEST"
	set_role r1 "$p1"
	set_role r2 "$p2"
	w1=${WEIGHT["$PREF $r1"]} w2=${WEIGHT["$PREF $r2"]}
	[ "$w1" = "$w2" ] || return $((w1 < w2))
	l1=${a1//[^,]/} l2=${a2//[^,]/}
	[ ${#l1} = ${#l2} ] || return $((${#l1} > ${#l2}))
	[ "${IBGP[$p1]}" = "${IBGP[$p2]}" ] || return "${IBGP[$p1]}"
	n1=${ADDR[$p1]##*.} n2=${ADDR[$p2]##*.}
	((n1 < n2))
}

# predicted DEST: DEST's table as the model has it ("PREFIX nh=.. path=..
# comm=.."). For each prefix: the best path among those the route server
# holds that the decision table allows from the path's source role to
# DEST's (for DEST without a role, bgpd's best path), then bgpd's own rules:
# never a peer's own path, the iBGP rule.
predicted() {
	local d=$1 s v pfx path comm id r rd rs
	[ "${EXISTS[$d]}" = 1 ] && [ "${SHUT[$d]}" = 0 ] || return 0
	set_role rd "$d"
	{
		v=$(verdict "$KNOB" local "$rd")
		case $v in
		allow) echo "$P_VNET nh=10.0.0.1 path=$(path_to "$d" "") comm=" ;;
		suppress) ;;
		*) echo "$v" ;;
		esac
		for pfx in "${PREFIXES[@]}"; do
			BEST=
			for r in "${ROUTES[@]}"; do
				read -r s _ path comm id <<<"$r"
				[[ $r == "$s $pfx "* ]] && [ "${EXISTS[$s]}" = 1 ] && [ "${SHUT[$s]}" = 0 ] || continue
				if [ "$id" = base ]; then
					[ "${ANN[$s]}" = 1 ] || continue
				else
					[ "${UP["$s $pfx"]}" = 1 ] || continue
				fi
				if [ "$rd" != none ]; then
					set_role rs "$s"
					v=${VERDICT["$KNOB $rs $rd"]:-}
					[ "$v" = allow ] || [ "$v" = suppress ] || echo "no verdict for $KNOB $rs $rd"
					[ "$v" = allow ] || continue
				fi
				! better_than_best "$r" || BEST=$r
			done
			[ -n "$BEST" ] || continue
			read -r s _ path comm _ <<<"$BEST"
			[ "$s" != "$d" ] && ibgp_passes "$s" "$d" || continue
			if [ "$rd" = none ]; then
				# bgpd's best path: the module leaves DEST alone
				set_role rs "$s"
				[ "$(verdict "$KNOB" "$rs" none)" = allow ] || continue
			fi
			[ "$comm" = - ] && comm=
			echo "$pfx nh=$(nexthop_to "$d" "$s") path=$(path_to "$d" "$path") comm=$comm"
		done
	} | sort
}

# received DEST: what DEST holds from the route server, every path it took
# (for a prefix DEST also originates, its own path is its best one, so the
# best paths alone would hide what the route server sent).
# GoBGP's adj-in also holds what it drops for its own AS in the AS path
# (bgpd sends an NVA's own paths back to it: the receiver's loop check is
# the split horizon of eBGP), so those are left out as GoBGP leaves them out.
received() {
	case ${TOPO_KIND[$1]} in
	gobgp) table_gobgp_adjin "$1" | if [ "${IBGP[$1]}" = 0 ]; then
		grep -v -E " path=([0-9]+,)*${REMOTE_AS[$1]}[, ]"
	else cat; fi ;;
	bird) table_bird "$1" ;;
	frr) _frr_from_rs "$1" ;;
	esac
}

# _frr_from_rs NODE: the table lines of the paths FRR peer NODE took from
# the route server (one "json detail" read: a prefix is an array, its
# header first, in 8.4, an object with "paths" in 10.3).
_frr_from_rs() {
	vtysh_on "$1" -c "show bgp ipv4 unicast json detail" | jq -r --arg rs "$RS_ADDR" '
		.routes // {} | to_entries[] | .key as $p
		| (.value | if type == "array" then .[] else .paths[]? end)
		| select(.peer.peerId? == $rs)
		| "\($p) nh=\(.nexthops[0].ip) path=\(.aspath.string | gsub(" "; ","))"
		  + " comm=\((.community.string // "") | gsub(" "; ","))"' | sort
}

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

# ov_route PEER PREFIX: sets OV_PATH to the AS path of PEER's copy of
# overlapped PREFIX (as the route server receives it).
ov_route() {
	local r s pfx path id
	OV_PATH=
	for r in "${ROUTES[@]}"; do
		read -r s pfx path _ id <<<"$r"
		[ "$s $pfx $id" != "$1 $2 ov" ] || OV_PATH=$path
	done
	[ -n "$OV_PATH" ]
}

# ov_static PREFIX: the BIRD static protocol that holds overlapped PREFIX
# (one each, to be withdrawn alone: ov1 for 10.99.1.0/24).
ov_static() { local o=${1#*.*.} && echo "ov${o%%.*}"; }

# ov_send PEER PREFIX add|del: PEER announces (withdraws) its copy of
# overlapped PREFIX, with the AS path ROUTES gives it. GoBGP: the path less
# the NVA's own AS, which it prepends; FRR: its AS prepended again by
# route-map "OV-PREPEND-N" (N times, ov_peers_start makes them); BIRD: the
# prefix's static protocol.
ov_send() {
	local p=$1 pfx=$2 verb=$3 n
	ov_route "$p" "$pfx" || return 1
	case $p in
	er) gobgp_on er global rib "$verb" -a ipv4 "$pfx" nexthop 10.0.0.2 aspath "$OV_PATH" ;;
	nva2) n=${OV_PATH#65002}
		gobgp_on nva2 global rib "$verb" -a ipv4 "$pfx" nexthop 10.0.0.12 ${n:+aspath ${n#,}} ;;
	nva1) n=${OV_PATH//[^,]/}
		vtysh_on nva1 -c "configure terminal" -c "router bgp 65001" -c "address-family ipv4 unicast" \
			-c "$([ "$verb" = del ] && echo no) network $pfx${n:+ route-map OV-PREPEND-${#n}}" ;;
	vpn*) birdc_on "$p" "$([ "$verb" = del ] && echo disable || echo enable)" "$(ov_static "$pfx")" |
		grep -q -e "enabled" -e "disabled" ;;
	esac
}

# ov_bird_conf ID: vpn_bird_conf ID and VPN gateway instance 10.0.0.ID's
# copies of the overlapped prefixes: a static protocol each, and the AS path
# ROUTES gives it (the template's export filter prepends 65200; this
# prepends the rest).
ov_bird_conf() {
	local r s pfx path id i rest
	vpn_bird_conf "$1" | while IFS= read -r line; do
		if [[ $line == *"if source = RTS_STATIC then {"* ]]; then
			for r in "${ROUTES[@]}"; do
				read -r s pfx path _ id <<<"$r"
				[ "$s $id" = "vpn$(($1 - 2)) ov" ] || continue
				rest=${path#65200}
				rest=${rest#,}
				[ -n "$rest" ] || continue
				printf '\t\t\tif net = %s then {' "$pfx"
				IFS=, read -ra as <<<"$rest"
				for ((i = ${#as[@]} - 1; i >= 0; i--)); do printf ' bgp_path.prepend(%s);' "${as[i]}"; done
				printf ' }\n'
			done
		fi
		printf '%s\n' "$line"
	done
	for pfx in "${OVERLAPPED[@]}"; do
		ov_route "vpn$(($1 - 2))" "$pfx" || continue
		printf 'protocol static %s {\n\tipv4;\n\troute %s unreachable;\n}\n' "$(ov_static "$pfx")" "$pfx"
	done
}

# ov_peers_start: every peer announces its copies of the overlapped
# prefixes (the VPN gateways' BIRDs configured again with theirs).
ov_peers_start() {
	local id r s pfx
	vtysh_on nva1 -c "configure terminal" \
		-c "route-map OV-PREPEND-1 permit 10" -c "set as-path prepend 65001" \
		-c "route-map OV-PREPEND-2 permit 10" -c "set as-path prepend 65001 65001" || return 1
	for id in 3 4; do
		# the file start_bird gave BIRD
		ov_bird_conf "$id" >"$T_DIR/vpn$((id - 2))/bird.conf"
	done
	for s in vpn1 vpn2; do
		birdc_on "$s" configure | grep -q "Reconfigured" || {
			t_log "$s: BIRD did not take the overlapped prefixes"
			return 1
		}
	done
	for r in "${ROUTES[@]}"; do
		read -r s pfx _ _ id <<<"$r"
		[ "$id" = ov ] && [[ $s != vpn* ]] || continue
		ov_send "$s" "$pfx" add || return 1
	done
}

# op_overlap PEER PREFIX: PEER withdraws its copy of overlapped PREFIX, or
# announces it again.
op_overlap() {
	ov_send "$1" "$2" "$([ "${UP["$1 $2"]}" = 1 ] && echo del || echo add)" || return 1
	UP["$1 $2"]=$((1 - UP["$1 $2"]))
}

# op_pref PREF: the routing preference (expressroute by the no form).
op_pref() {
	if [ "$1" = expressroute ]; then
		rs_do -c "no route-server routing-preference" || return 1
	else
		rs_do -c "route-server routing-preference $1" || return 1
	fi
	PREF=$1
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
	if ((r < 10)); then
		OP="op_knob"
	elif ((r < 34)); then
		choose er group nva1 nva2
		if [ "$CHOSEN" != group ] && [ "${EXISTS[$CHOSEN]}" = 0 ]; then
			OP="op_exists $CHOSEN"
		else
			local target=$CHOSEN
			choose_role "$target"
			OP="op_role $target $CHOSEN"
		fi
	elif ((r < 48)); then
		choose "${TOPO_PEERS[@]}"
		OP="op_exists $CHOSEN"
	elif ((r < 58)); then
		choose "${TOPO_PEERS[@]}"
		if [ "${EXISTS[$CHOSEN]}" = 1 ]; then OP="op_shut $CHOSEN"; else OP="op_exists $CHOSEN"; fi
	elif ((r < 74)); then
		choose "${TOPO_PEERS[@]}"
		OP="op_announce $CHOSEN"
	elif ((r < 94)); then
		choose "${OV_COPIES[@]}"
		OP="op_overlap $CHOSEN"
	elif ((r < 98)); then
		CHOSEN=$PREF
		while [ "$CHOSEN" = "$PREF" ]; do choose expressroute vpn-gateway as-path; done
		OP="op_pref $CHOSEN"
	else
		OP="op_restart"
	fi
}

# --- the run --------------------------------------------------------------------

topo_start || exit 1
ov_peers_start || { echo "not ok - the peers announce the overlapped prefixes"; t_done; exit 1; }
RANDOM=$SEED
done_steps=()

# tables_as_predicted: every peer's table is $want (what they hold: $got).
tables_as_predicted() {
	got=$(all_of received)
	[ "$got" == "$want" ]
}

want=$(all_of predicted)
# the model's start agrees with the hand-written tables of topology.sh (the
# overlapped prefixes are the model's own)
reference_off() {
	local v=exp_off_$1
	[[ $1 != vpn* ]] || v=exp_off_vpn
	echo "${!v}"
}
expect_eq "the model's start is the reference topology's knob-off tables" "$(all_of reference_off)" \
	"$(grep -v -F -e "${OVERLAPPED[0]} " -e "${OVERLAPPED[1]} " -e "${OVERLAPPED[2]} " -e "${OVERLAPPED[3]} " <<<"$want")"
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
	# what the module says of each prefix a peer held otherwise than predicted
	for pfx in $(diff <(echo "$want") <(echo "$got") | awk '/^[<>]/ { print $3 }' | sort -u); do
		t_log "explain $pfx: $(vtysh_on rs -c "show bgp route-server explain $pfx json" | jq -c .)"
	done
fi
t_done

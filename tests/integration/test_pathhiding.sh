#!/bin/bash
# Path hiding (issue 20): the same prefix from several kinds of peer. Each
# role peer must receive the best path it may receive: among the valid paths
# the route server holds for the prefix, the best by bgpd's own comparison
# (the routing preference's weight first, then AS-path length, origin, ...)
# that the decision table (doc/routeserver.md, "What it decides") allows
# from that path's source role to the peer's role; if that path is the
# peer's own, it gets nothing (split horizon, as for a best path). A peer
# with add-path gets every allowed path. Read from each receiver's OWN table
# (prefix, next hop, AS path), checked against explain's "path" and the
# audit after every step, through live changes that reset no session.
#
# The decision table, as the expectations below cite it:
#   T1 nva -> nva: allow
#   T2 nva -> gateway, gateway -> nva, expressroute <-> vpn: the knob
#   T3 expressroute -> expressroute, vpn -> vpn: suppress
#   T4 a role-less source or destination: plain bgpd (allow)
#   SH the chosen path is the receiver's own: nothing (split horizon)
#   PR the routing preference's weight 1: expressroute (default) on the
#      ExpressRoute gateway; vpn-gateway on the VPN gateways and NVAs;
#      as-path none (the shorter AS path wins)
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topology.sh"

topo_start || { echo "not ok - topology did not come up"; exit 1; }
# the route servers' logs say why a session changed, what the module
# decided and what bgpd sent (shown when a check fails, kept with T_KEEP)
log_debugs() {
	vtysh_on "$1" -c "debug bgp neighbor-events" -c "debug bgp route-server" \
		-c "debug bgp updates out" >/dev/null
}
log_debugs rs

# --- the IPv6 route server beside the reference topology -----------------------
# rs6 (the module, fd00::1) with an ExpressRoute gateway er6 (GoBGP, iBGP),
# nva61 (FRR, AS 65001) and nva62 (GoBGP, AS 65002), as test_ipv6.sh has them,
# on the same LAN (their own IPv4 addresses; rs6's peers are IPv6 only).
v6_node() {
	node_create "$1" "10.0.0.$2/24"
	in_ns "$1" ip addr add "fd00::$3/64" dev eth0 nodad
}
v6_confs() {
	cat >"$T_DIR/rs6.conf" <<-'CONF'
		frr defaults traditional
		hostname rs6
		router bgp 65515
		 bgp router-id 10.0.0.21
		 no bgp default ipv4-unicast
		 no bgp ebgp-requires-policy
		 no bgp network import-check
		 neighbor fd00::2 remote-as internal
		 neighbor fd00::11 remote-as 65001
		 neighbor fd00::12 remote-as 65002
		 address-family ipv6 unicast
		  neighbor fd00::2 activate
		  neighbor fd00::11 activate
		  neighbor fd00::12 activate
		 exit-address-family
		 neighbor fd00::2 route-server role expressroute-gateway
		 neighbor fd00::11 route-server role nva
		 neighbor fd00::12 route-server role nva
		exit
	CONF
	cat >"$T_DIR/nva61.conf" <<-'CONF'
		frr defaults traditional
		hostname nva61
		router bgp 65001
		 bgp router-id 10.0.0.31
		 no bgp default ipv4-unicast
		 no bgp ebgp-requires-policy
		 no bgp network import-check
		 neighbor fd00::1 remote-as 65515
		 neighbor fd00::1 timers connect 2
		 address-family ipv6 unicast
		  neighbor fd00::1 activate
		 exit-address-family
		exit
	CONF
	gobgp_conf 65515 10.0.0.22 fd00::1 ipv6-unicast >"$T_DIR/er6.toml"
	gobgp_conf 65002 10.0.0.32 fd00::1 ipv6-unicast >"$T_DIR/nva62.toml"
}
_v6_established() {
	[ "$(vtysh_on rs6 -c 'show bgp summary json' |
		jq '[.ipv6Unicast.peers[] | select(.state == "Established")] | length')" = 3 ]
}
v6_start_daemons() {
	rm -f "$T_DIR"/rs6/bgpd.pid "$T_DIR"/rs6/bgpd.vty "$T_DIR"/nva61/bgpd.pid "$T_DIR"/nva61/bgpd.vty
	start_gobgpd er6 "$T_DIR/er6.toml" || return 1
	start_bgpd nva61 "$T_DIR/nva61.conf" || return 1
	start_gobgpd nva62 "$T_DIR/nva62.toml" || return 1
	start_bgpd rs6 "$T_DIR/rs6.conf" module || return 1
	wait_until 60 "the three IPv6 sessions of rs6 Established" _v6_established && log_debugs rs6
}
v6_node rs6 21 1
v6_node er6 22 2
v6_node nva61 31 11
v6_node nva62 32 12
v6_confs
v6_start_daemons || { echo "not ok - the IPv6 route server did not come up"; exit 1; }

# --- who is who ------------------------------------------------------------------
declare -A ADDR=([er]=10.0.0.2 [vpn1]=10.0.0.3 [vpn2]=10.0.0.4 [nva1]=10.0.0.11 [nva2]=10.0.0.12
	[er6]=fd00::2 [nva61]=fd00::11 [nva62]=fd00::12)
declare -A ROLE=([er]=expressroute-gateway [vpn1]=vpn-gateway [vpn2]=vpn-gateway [nva1]=nva
	[nva2]=nva [er6]=expressroute-gateway [nva61]=nva [nva62]=nva)
# how each receiver's own table is read (got_paths)
declare -A READER=([er]=gobgp [vpn1]=bird [vpn2]=bird [nva1]=frr [nva2]=gobgp
	[er6]=gobgp [nva61]=frr [nva62]=gobgp)
# PATH_OF[SOURCE]: the AS path SOURCE sends the test prefix with (a scenario
# may change it); the receivers of an eBGP session (NVAs) see 65515 first
declare -A PATH_OF=()
default_paths() {
	PATH_OF=([er]="12076,65100" [nva1]=65001 [nva2]=65002 [er6]="12076,65100" [nva61]=65001 [nva62]=65002)
}
default_paths

P=192.168.60.0/24
P6=fd00:60::/48

# --- the sources ------------------------------------------------------------------
# announce SOURCE [ASPATH]: SOURCE sends the test prefix (P, or P6 from the
# IPv6 nodes) with its PATH_OF (GoBGP: ASPATH after its own AS); withdraw
# SOURCE takes it back.
prefix_of() { [[ "$1" == *6* ]] && echo "$P6" || echo "$P"; }
# prefix_afi SOURCE: "PREFIX AFI" of the test prefix SOURCE sends
prefix_afi() {
	local pfx
	pfx=$(prefix_of "$1")
	[ "$pfx" = "$P" ] && echo "$pfx ipv4" || echo "$pfx ipv6"
}
announce() {
	local src=$1 pfx afi
	read -r pfx afi < <(prefix_afi "$src")
	case "$src" in
	er | er6) gobgp_on "$src" global rib add -a "$afi" "$pfx" nexthop "${ADDR[$src]}" aspath "${PATH_OF[$src]}" ;;
	nva2 | nva62)
		if [ "${PATH_OF[$src]}" = 65002 ]; then
			gobgp_on "$src" global rib add -a "$afi" "$pfx" nexthop "${ADDR[$src]}"
		else
			gobgp_on "$src" global rib add -a "$afi" "$pfx" nexthop "${ADDR[$src]}" aspath "${PATH_OF[$src]#65002,}"
		fi
		;;
	nva1 | nva61)
		vtysh_on "$src" -c "configure terminal" -c "router bgp 65001" \
			-c "address-family $afi unicast" -c "network $pfx"
		;;
	esac >/dev/null
}
withdraw() {
	local src=$1 pfx afi
	read -r pfx afi < <(prefix_afi "$src")
	case "$src" in
	er | er6 | nva2 | nva62) gobgp_on "$src" global rib del -a "$afi" "$pfx" ;;
	nva1 | nva61)
		vtysh_on "$src" -c "configure terminal" -c "router bgp 65001" \
			-c "address-family $afi unicast" -c "no network $pfx"
		;;
	esac >/dev/null
}

# --- what each receiver got ----------------------------------------------------------
# got_paths NODE: every path of the test prefix NODE received from its route
# server, one line each ("PREFIX nh=NEXTHOP path=AS,... comm=", lib.sh's
# form), from NODE's own table: GoBGP's adj-in and FRR's paths from the
# route server (its own path for the prefix may be its best one), BIRD's
# routes of its session with the route server. An NVA drops a path with its
# own AS in it (RFC 4271 9.1.2: bgpd sends an update group's path to every
# member, its source too, when nva1 and nva2 share one); FRR's table leaves
# it out, GoBGP's adj-in keeps it: left out here too (OWN_AS).
declare -A OWN_AS=([nva2]=65002 [nva62]=65002)
got_paths() {
	local node=$1 pfx rsaddr=10.0.0.1 afi=ipv4
	pfx=$(prefix_of "$node")
	[ "$pfx" = "$P" ] || rsaddr=fd00::1 afi=ipv6
	case "${READER[$node]}" in
	gobgp)
		RS_ADDR=$rsaddr T_AFI=$afi table_gobgp_adjin "$node" | grep -F "$pfx " |
			{ grep -v "path=\(.*,\)\?${OWN_AS[$node]:-none}\(,\| \)" || true; }
		;;
	bird) table_bird "$node" | grep -F "$pfx " || true ;;
	frr)
		vtysh_on "$node" -c "show bgp $afi unicast $pfx json" | jq -r --arg p "$pfx" --arg rs "$rsaddr" '
			.paths[]? | select(.peer.peerId == $rs)
			| "\($p) nh=\(.nexthops[0].ip) path=\(.aspath.string | gsub(" "; ","))"
			  + " comm=\((.community.string // "") | gsub(" "; ","))"' | sort
		;;
	esac
}

# line_of NODE SOURCE: the line NODE receives for SOURCE's path: SOURCE's
# next hop kept (a role implies it), 65515 prepended towards an NVA (eBGP);
# "rs" for the route server's own next hop (a role-less eBGP receiver).
line_of() {
	local node=$1 src=$2 nh path
	nh=${ADDR[$src]}
	path=${PATH_OF[$src]}
	[ "${ROLE[$node]}" != nva ] || path=65515,$path
	echo "$(prefix_of "$node") nh=$nh path=$path comm="
}

# A step's expectation: one word NODE=WHAT for every role peer of the route
# server: WHAT is "-" (nothing), SOURCE/best or SOURCE/alt (SOURCE's path,
# bgpd's best path or not), several joined by "+" (add-path), or
# "plain:LINE" for a role-less receiver (plain bgpd; its line as is, no
# explain). want_lines NODE WHAT: the lines NODE must hold.
want_lines() {
	local node=$1 what=$2 p
	case "$what" in
	-) return 0 ;;
	plain:*) echo "${what#plain:}" ;;
	*) for p in ${what//+/ }; do line_of "$node" "${p%/*}"; done | sort ;;
	esac
}

_step_holds() {
	local w
	for w in "$@"; do
		[ "$(got_paths "${w%%=*}")" == "$(want_lines "${w%%=*}" "${w#*=}")" ] || return 1
	done
}

# explain_paths RS PREFIX: each role peer's "path" in explain's JSON, one
# line "NEIGHBOR SOURCE ROLE best|alt", "NEIGHBOR -" (null) or "NEIGHBOR
# missing" (no "path" key).
explain_paths() {
	vtysh_on "$1" -c "show bgp route-server explain $2 json" | jq -r '
		.peers[]? | .neighbor + " " + (if has("path") | not then "missing"
			elif .path == null then "-"
			else "\(.path.sourcePeer) \(.path.sourceRole) \(if .path.best then "best" else "alt" end)" end)' |
		sort
}

# explain_of_peers RS PREFIX LINES: explain_paths of the neighbors LINES
# (explain_paths' form) name; _explain_is: they are LINES.
explain_of_peers() { explain_paths "$1" "$2" | awk 'NR == FNR { k[$1]; next } $1 in k' <(echo "$3") -; }
_explain_is() { [ "$(explain_of_peers "$@")" == "$3" ]; }

# check_step PHASE NODE=WHAT...: waits (bounded) until explain's paths are
# what they must be, then until every receiver holds what it must, and 0.3 s
# more (a late forbidden path or a withdrawal would show), then asserts each
# one's own table (read once), explain's "path" of each (what it says and
# that it names the source of what the peer holds) and the audit (no
# violation, no hidden path). The route server is rs, or rs6 for the IPv6
# nodes.
check_step() {
	local phase=$1 rs=rs pfx=$P w node what want_ex got_ex got_src fails=$T_FAILS
	local -A got=()
	shift
	[[ "${1%%=*}" != *6* ]] || rs=rs6 pfx=$P6
	want_ex=$(for w in "$@"; do
		node=${w%%=*} what=${w#*=}
		case "$what" in
		plain:* | *+*) ;;
		-) echo "${ADDR[$node]} -" ;;
		*) echo "${ADDR[$node]} ${ADDR[${what%/*}]} ${ROLE[${what%/*}]} ${what#*/}" ;;
		esac
	done | sort)
	# the route server's choice first: a receiver's line may be the same
	# before and after a change (one path, best before, an alternative after)
	wait_until 20 "$phase: explain's paths" _explain_is "$rs" "$pfx" "$want_ex" || true
	wait_until 20 "$phase: every receiver's table" _step_holds "$@" || true
	sleep 0.3
	# each receiver's table read once, for both checks
	for w in "$@"; do
		got[${w%%=*}]=$(got_paths "${w%%=*}")
	done
	got_src=$(for w in "$@"; do
		node=${w%%=*} what=${w#*=}
		case "$what" in
		plain:* | *+*) ;;
		*) echo "${ADDR[$node]} $(sed -n 's/^.* nh=\([^ ]*\) .*$/\1/p' <<<"${got[$node]}" | grep . || echo -)" ;;
		esac
	done | sort)
	for w in "$@"; do
		node=${w%%=*} what=${w#*=}
		expect_eq "$phase: $node's own table ($what)" "$(want_lines "$node" "$what")" "${got[$node]}"
	done
	# (add-path receivers and role-less ones left out: one path each)
	got_ex=$(explain_of_peers "$rs" "$pfx" "$want_ex")
	expect_eq "$phase: explain's path of each role peer" "$want_ex" "$got_ex"
	expect_eq "$phase: explain's path names the source of what each peer holds" "$got_src" \
		"$(awk '{ print $1, $2 }' <<<"$got_ex")"
	# (hiddenPaths: a role peer without the path it may have)
	expect_eq "$phase: the audit finds no violation and no hidden path" '[0,0]' \
		"$(audit_json "$rs" | jq -c '[.violationCount, .hiddenPaths]')"
	[ "$T_FAILS" -eq "$fails" ] || show_prefix_story "$rs" "$pfx"
}

# show_prefix_story RS PREFIX: after a failed check, RS's paths for PREFIX and
# the last lines of its log about PREFIX (what the module decided, what bgpd
# sent), for CI's output
show_prefix_story() {
	local afi=ipv4
	[[ "$2" != *:* ]] || afi=ipv6
	echo "# $1's paths for $2:"
	vtysh_on "$1" -c "show bgp $afi unicast $2" | sed 's/^/#   /'
	echo "# $1's log about $2 (last 40 lines):"
	grep -F -- "$2" "$T_DIR/$1/bgpd.log" | tail -n 40 | sed 's/^/#   /'
}

# --- sessions ------------------------------------------------------------------------
# sessions [RS]: every session of RS (rs) with its state and how often it was
# established; unchanged_sessions WHAT BEFORE: still the same, all
# Established: none was reset, none is down (a session that dropped and has
# not come back shows in its state, one that came back in its count).
sessions() { session_counts "${1:-rs}" state; }
unchanged_sessions() {
	local now
	now=$(sessions "${3:-rs}")
	expect_eq "$1: no session was reset or is down" "$2" "$now"
	expect_true "$1: every session Established" \
		quietly jq -e 'length > 0 and all(.[]; .[0] == "Established")' <<<"$now"
	[ "$now" = "$2" ] || grep -E "went from|NOTIFICATION" "$T_DIR/${3:-rs}/bgpd.log" | tail -n 20 | sed 's/^/#   /'
}

# --- the baseline: the reference tables, knob off, no test prefix anywhere ---------
_nothing_of_the_test_prefixes() {
	[ "$(vtysh_on rs -c "show bgp ipv4 unicast $P json" | jq '.paths // [] | length')" = 0 ] &&
		[ "$(vtysh_on rs6 -c "show bgp ipv6 unicast $P6 json" | jq '.paths // [] | length')" = 0 ]
}
_baseline_holds() {
	tables_hold topology/knob-off && _v6_established && _nothing_of_the_test_prefixes &&
		! running_config | grep -q "routing-preference\|allow-branch-to-branch" &&
		! running_config rs6 | grep -q "allow-branch-to-branch"
}
baseline() { wait_until 30 "the baseline" _baseline_holds; }
restore() {
	default_paths
	ROLE[nva1]=nva
	topo_restart v6_start_daemons && log_debugs rs
}
scenario_baseline "the knob-off tables without the test prefixes" baseline restore

# Receivers' expectations used by several scenarios (ER and NVA1 send P,
# routing preference expressroute: bgpd's best is ER's by PR).
# Knob off: nva2 gets NVA1's path (ER -> nva2 suppressed by T2, NVA1 ->
# nva2 allowed by T1); nva1 nothing (its own path is the best it may have:
# SH); er nothing (its own: T3; NVA1's: T2); the VPN gateways nothing
# (ER's and NVA1's: T2).
OVERLAP_OFF=(er=- vpn1=- vpn2=- nva1=- nva2=nva1/alt)
# Knob on: everyone but er gets bgpd's best, ER's (T2 allows it); er's own
# is not for it (T3), so it gets the best allowed other, NVA1's (T2).
OVERLAP_ON=(er=nva1/alt vpn1=er/best vpn2=er/best nva1=er/best nva2=er/best)

overlap_announce() { announce er && announce nva1; }
overlap_withdraw() { withdraw er && withdraw nva1; }

# --- ER and NVA1 send the same prefix, knob off ------------------------------------
overlap_knob_off() {
	overlap_announce
	check_step "overlap, knob off" "${OVERLAP_OFF[@]}"
	overlap_withdraw
}

# --- the same, knob on -----------------------------------------------------------------
overlap_knob_on() {
	knob rs on
	overlap_announce
	check_step "overlap, knob on" "${OVERLAP_ON[@]}"
	knob rs off
	overlap_withdraw
}

# --- the knob flipped live, on and off twice ---------------------------------------------
knob_flips() {
	local before
	overlap_announce
	check_step "knob flips: off" "${OVERLAP_OFF[@]}"
	before=$(sessions)
	knob rs on
	check_step "knob flips: on" "${OVERLAP_ON[@]}"
	knob rs off
	check_step "knob flips: off again" "${OVERLAP_OFF[@]}"
	knob rs on
	check_step "knob flips: on again" "${OVERLAP_ON[@]}"
	knob rs off
	check_step "knob flips: off a third time" "${OVERLAP_OFF[@]}"
	unchanged_sessions "knob flips" "$before"
	overlap_withdraw
}

# --- the source NVA's role removed and given back ----------------------------------------
# Without its role, nva1's path is a role-less source's (T4: allowed to
# every role peer; explain's source role "none"); bgpd's best is still
# ER's (PR). nva1 is a role-less
# receiver: plain bgpd sends it the best path, ER's, with the route server
# as next hop (the role's implied attribute-unchanged next-hop went with
# it; test_policy's nva2-without-role). nva2: ER's suppressed (T2), nva1's
# allowed (T4); er: its own suppressed (T3), nva1's allowed (T4); the VPN
# gateways: ER's suppressed (T2), nva1's allowed (T4).
source_role_change() {
	local before
	overlap_announce
	check_step "role change: nva1 an nva" "${OVERLAP_OFF[@]}"
	before=$(sessions)
	rs_cfg -c "no neighbor 10.0.0.11 route-server role nva" >/dev/null
	ROLE[nva1]=none
	check_step "role change: nva1 without a role" er=nva1/alt vpn1=nva1/alt vpn2=nva1/alt \
		nva2=nva1/alt "nva1=plain:$P nh=10.0.0.1 path=65515,12076,65100 comm="
	rs_cfg -c "neighbor 10.0.0.11 route-server role nva" >/dev/null
	ROLE[nva1]=nva
	check_step "role change: nva1 an nva again" "${OVERLAP_OFF[@]}"
	unchanged_sessions "role change of the source nva" "$before"
	overlap_withdraw
}

# --- the routing preference changed live ---------------------------------------------------
# ER (AS path 12076 65100, two ASes) and NVA2 (65002 65010 65011, three)
# send the prefix. PR: expressroute and as-path make ER's bgpd's best (its
# weight; the shorter AS path), vpn-gateway makes NVA2's (its weight).
preference() {
	local before
	PATH_OF[nva2]=65002,65010,65011
	announce er
	announce nva2
	before=$(sessions)
	# knob off: nva1 gets NVA2's path, best or not (T1; ER's: T2); nva2
	# nothing (its own is the best it may have: SH); er and the VPN
	# gateways nothing (T3, T2)
	check_step "preference expressroute, knob off" er=- vpn1=- vpn2=- nva1=nva2/alt nva2=-
	rs_cfg -c "route-server routing-preference vpn-gateway" >/dev/null
	check_step "preference vpn-gateway, knob off" er=- vpn1=- vpn2=- nva1=nva2/best nva2=-
	rs_cfg -c "route-server routing-preference as-path" >/dev/null
	check_step "preference as-path, knob off" er=- vpn1=- vpn2=- nva1=nva2/alt nva2=-
	knob rs on
	# knob on, best ER's: everyone but er gets it (T2); er NVA2's (T3, T2)
	check_step "preference as-path, knob on" er=nva2/alt vpn1=er/best vpn2=er/best nva1=er/best nva2=er/best
	# knob on, best NVA2's: everyone gets it (T1, T2) but nva2 (SH)
	rs_cfg -c "route-server routing-preference vpn-gateway" >/dev/null
	check_step "preference vpn-gateway, knob on" er=nva2/best vpn1=nva2/best vpn2=nva2/best nva1=nva2/best nva2=-
	rs_cfg -c "no route-server routing-preference" >/dev/null
	check_step "preference expressroute, knob on" er=nva2/alt vpn1=er/best vpn2=er/best nva1=er/best nva2=er/best
	unchanged_sessions "routing preference changes" "$before"
	knob rs off
	withdraw er
	withdraw nva2
	default_paths
}

# --- the best path withdrawn and sent again, knob on ----------------------------------------
# ER's withdrawn: bgpd's new best is NVA1's, allowed to everyone (T2) but
# nva1 (SH); ER's again: back to the overlap's.
withdraw_best() {
	local before
	knob rs on
	overlap_announce
	check_step "withdraw best: both paths" "${OVERLAP_ON[@]}"
	before=$(sessions)
	withdraw er
	check_step "withdraw best: ER's withdrawn" er=nva1/best vpn1=nva1/best vpn2=nva1/best nva1=- nva2=nva1/best
	announce er
	check_step "withdraw best: ER's announced again" "${OVERLAP_ON[@]}"
	unchanged_sessions "withdrawal of the best path" "$before"
	knob rs off
	overlap_withdraw
}

# --- the alternative withdrawn: nothing stale stays ------------------------------------------
# Knob off, NVA1's withdrawn: only ER's is left, forbidden to every role
# peer (T2, T3): nva2 must lose NVA1's. Knob on: ER's to everyone but er
# (T2, T3); NVA1's again gives er its alternative, withdrawn again er has
# nothing.
withdraw_alternative() {
	local before
	overlap_announce
	check_step "withdraw alternative: both paths, knob off" "${OVERLAP_OFF[@]}"
	before=$(sessions)
	withdraw nva1
	check_step "withdraw alternative: NVA1's withdrawn, knob off" er=- vpn1=- vpn2=- nva1=- nva2=-
	knob rs on
	check_step "withdraw alternative: ER's only, knob on" er=- vpn1=er/best vpn2=er/best nva1=er/best nva2=er/best
	announce nva1
	check_step "withdraw alternative: NVA1's again, knob on" "${OVERLAP_ON[@]}"
	withdraw nva1
	check_step "withdraw alternative: NVA1's withdrawn, knob on" er=- vpn1=er/best vpn2=er/best nva1=er/best nva2=er/best
	announce nva1
	knob rs off
	check_step "withdraw alternative: NVA1's again, knob off" "${OVERLAP_OFF[@]}"
	unchanged_sessions "withdrawal of the alternative" "$before"
	overlap_withdraw
}

# --- the alternative's source flaps ---------------------------------------------------------
# nva1 shuts its session: only ER's path is left (as above: nothing for any
# role peer, knob off); back up, nva2 gets NVA1's path again. No other
# session is reset.
nva1_session() { vtysh_on nva1 -c "configure terminal" -c "router bgp 65001" -c "$1neighbor 10.0.0.1 shutdown" >/dev/null; }
_others() { jq -cS 'del(."10.0.0.11")'; }
alternative_flap() {
	local before nva1_count
	overlap_announce
	check_step "alternative flap: both paths" "${OVERLAP_OFF[@]}"
	before=$(sessions)
	nva1_count=$(jq '."10.0.0.11"[1]' <<<"$before")
	nva1_session ""
	check_step "alternative flap: nva1's session down" er=- vpn1=- vpn2=- nva2=-
	nva1_session "no "
	expect_true "alternative flap: nva1's session is back" \
		wait_until 30 "nva1's session back" session_back 10.0.0.11 "$nva1_count"
	check_step "alternative flap: nva1's session back" "${OVERLAP_OFF[@]}"
	expect_eq "alternative flap: no other session was reset" "$(_others <<<"$before")" "$(sessions | _others)"
	overlap_withdraw
}

# --- the route server's bgpd restarted ---------------------------------------------------------
# From its running configuration (knob on): the same as before the restart.
rs_restart() {
	knob rs on
	overlap_announce
	check_step "rs restart: before" "${OVERLAP_ON[@]}"
	save_running_config rs "$T_DIR/rs-saved.conf"
	stop_bgpd rs
	rm -f "$T_DIR/rs/bgpd.pid" "$T_DIR/rs/bgpd.vty"
	start_bgpd rs "$T_DIR/rs-saved.conf" module
	log_debugs rs
	expect_true "rs restart: every session back" topo_wait_established
	check_step "rs restart: after" "${OVERLAP_ON[@]}"
	knob rs off
	overlap_withdraw
}

# --- add-path towards nva1 -----------------------------------------------------------------------
# rs sends nva1 every path it may have (FRR receives add-path by default),
# each with its own next hop. ER and NVA2 send the prefix; best ER's (PR).
# Knob off: nva1 gets NVA2's only (T1; ER's: T2). Knob on: both (T2, T1);
# the others as without add-path: er NVA2's (T3, T2), the VPN gateways and
# nva2 ER's (T2). NVA2's withdrawn, knob off: nva1 has nothing.
add_path() {
	rs_af -c "neighbor 10.0.0.11 addpath-tx-all-paths" >/dev/null
	announce er
	announce nva2
	check_step "add-path, knob off" er=- vpn1=- vpn2=- nva1=nva2/alt+ nva2=-
	knob rs on
	check_step "add-path, knob on" er=nva2/alt vpn1=er/best vpn2=er/best nva1=er/best+nva2/alt nva2=er/best
	knob rs off
	check_step "add-path, knob off again" er=- vpn1=- vpn2=- nva1=nva2/alt+ nva2=-
	withdraw nva2
	check_step "add-path, NVA2's withdrawn" er=- vpn1=- vpn2=- nva1=- nva2=-
	withdraw er
	rs_af -c "no neighbor 10.0.0.11 addpath-tx-all-paths" >/dev/null
}

# --- IPv6: ER6 and NVA61 send the same prefix ------------------------------------------------------
# As the IPv4 overlap: knob off nva62 gets NVA61's (T1; ER6's: T2), nva61
# nothing (SH), er6 nothing (T3, T2); knob on er6 NVA61's (T3, T2), the
# NVAs ER6's (T2).
V6_OFF=(er6=- nva61=- nva62=nva61/alt)
V6_ON=(er6=nva61/alt nva61=er6/best nva62=er6/best)
ipv6_overlap() {
	local before
	announce er6
	announce nva61
	check_step "IPv6 overlap, knob off" "${V6_OFF[@]}"
	before=$(sessions rs6)
	knob rs6 on
	check_step "IPv6 overlap, knob on" "${V6_ON[@]}"
	knob rs6 off
	check_step "IPv6 overlap, knob off again" "${V6_OFF[@]}"
	unchanged_sessions "IPv6 knob changes" "$before" rs6
	withdraw er6
	withdraw nva61
}

# --- IPv6: the alternative withdrawn ------------------------------------------------------------------
ipv6_withdraw_alternative() {
	announce er6
	announce nva61
	check_step "IPv6 withdraw alternative: both, knob off" "${V6_OFF[@]}"
	withdraw nva61
	check_step "IPv6 withdraw alternative: NVA61's withdrawn, knob off" er6=- nva61=- nva62=-
	knob rs6 on
	announce nva61
	check_step "IPv6 withdraw alternative: NVA61's again, knob on" "${V6_ON[@]}"
	withdraw nva61
	check_step "IPv6 withdraw alternative: NVA61's withdrawn, knob on" er6=- nva61=er6/best nva62=er6/best
	knob rs6 off
	withdraw er6
}

scenario overlap-knob-off overlap_knob_off
scenario overlap-knob-on overlap_knob_on
scenario knob-flips knob_flips
scenario source-role-change source_role_change
scenario preference preference
scenario withdraw-best withdraw_best
scenario withdraw-alternative withdraw_alternative
scenario alternative-flap alternative_flap
scenario rs-restart rs_restart
scenario add-path add_path
scenario ipv6-overlap ipv6_overlap
scenario ipv6-withdraw-alternative ipv6_withdraw_alternative

t_done

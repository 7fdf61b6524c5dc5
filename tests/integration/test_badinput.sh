#!/bin/bash
# The bad-input catalogue: malformed, hostile and out-of-order commands
# against the module's CLI on the reference topology. Each case is one row
# of a table: where it is typed, what the answer must match, and the
# command. Every case asserts its answer (a "%" error, or the documented
# silent answer), that the route server's running-config is the same text
# after it as before it, and that every peer's own received table is still
# the one captured at the start. Every JSON show command answers valid JSON
# (and valid UTF-8), also when it reports an error.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topology.sh"

topo_start || { echo "not ok - topology did not come up"; exit 1; }

# --- what the cases need, set up before the baseline ---------------------------
# Neighbors nobody answers for (they stay in Connect/Active; the topology's
# tables do not depend on them): an nva 10.0.0.52, a peer-group NVAGRP with
# role nva and member 10.0.0.54, a peer-group MIXED with a member in an AS
# Azure refuses, an iBGP neighbor, neighbors in refused ASNs; a VRF instance
# RED without the topology's neighbors; and a neighbor and an instance that
# had roles and were deleted. Succeeds when every command was taken silently.
configure_case_neighbors() {
	rs_cfg -c "neighbor 10.0.0.52 remote-as 65052" -c "neighbor 10.0.0.52 route-server role nva" \
		-c "neighbor NVAGRP peer-group" -c "neighbor 10.0.0.54 remote-as 65054" \
		-c "neighbor 10.0.0.54 peer-group NVAGRP" -c "neighbor NVAGRP route-server role nva" \
		-c "neighbor MIXED peer-group" -c "neighbor 10.0.0.51 remote-as 12076" \
		-c "neighbor 10.0.0.51 peer-group MIXED" -c "neighbor 10.0.0.53 remote-as internal" \
		-c "neighbor 10.0.0.55 remote-as 65535" -c "neighbor 10.0.0.56 remote-as 8074" \
		-c "neighbor 10.0.0.57 remote-as 23456" -c "neighbor 10.0.0.58 remote-as 64511" \
		-c "neighbor 10.0.0.60 remote-as 65060" -c "neighbor 10.0.0.60 route-server role nva" \
		-c "no neighbor 10.0.0.60" >"$T_DIR/setup.out"
	vtysh_on rs -c "configure terminal" -c "router bgp 65515 vrf RED" -c "bgp router-id 10.9.0.1" \
		-c "exit" -c "router bgp 65515 vrf GONE" -c "bgp router-id 10.9.1.1" \
		-c "neighbor 10.9.1.2 remote-as 65091" -c "neighbor 10.9.1.2 route-server role nva" \
		-c "exit" -c "no router bgp 65515 vrf GONE" >>"$T_DIR/setup.out" 2>&1
	[ ! -s "$T_DIR/setup.out" ]
}
configure_case_neighbors
expect_eq "set-up commands all accepted" "" "$(cat "$T_DIR/setup.out")"

# The baseline: every peer holds what the decision table says (knob off).
expect_true "the peers' tables have settled (knob off)" topo_settled off
T0_er=$(tbl_er)
T0_vpn1=$(tbl_vpn1)
T0_vpn2=$(tbl_vpn2)
T0_nva1=$(tbl_nva1)
T0_nva2=$(tbl_nva2)
START_CONFIG=$(running_config)

# bgpd's answers to what its parser does not take, and to a neighbor or
# peer-group that is not configured (the same in FRR 8.4 and 10.3).
PARSE='^% Unknown command'
NO_PEER='^% Specify remote-as or peer-group commands first'

# Values no sane operator types.
LONG=$(printf 'n%.0s' {1..300})       # a 300-character neighbor/peer-group name
LONG_ROLE="nva$(printf 'x%.0s' {1..300})"
UTF8_NAME="grüße"                      # UTF-8
LATIN1_NAME=$'gr\xfc\xdfe'             # the same in Latin-1: not UTF-8
QUOTED_NAME='a"b\c'                    # JSON's special characters

# --- helpers -------------------------------------------------------------------

# in_node NODE "CMD[ ;; CMD...]": the commands, typed in NODE, through the
# built vtysh; prints what it answers.
#   exec: enable mode   conf: configure terminal   bgp: router bgp 65515
#   af: its address-family ipv4 unicast   af6: ipv6 unicast
#   red: router bgp 65515 vrf RED (which has none of the topology's neighbors)
in_node() {
	local node=$1 cmd args=()
	case $node in
	exec) ;;
	conf) args=(-c "configure terminal") ;;
	bgp) args=(-c "configure terminal" -c "router bgp 65515") ;;
	af) args=(-c "configure terminal" -c "router bgp 65515" -c "address-family ipv4 unicast") ;;
	af6) args=(-c "configure terminal" -c "router bgp 65515" -c "address-family ipv6 unicast") ;;
	red) args=(-c "configure terminal" -c "router bgp 65515 vrf RED") ;;
	*) t_log "unknown node $node"; return 1 ;;
	esac
	while IFS= read -r cmd; do
		args+=(-c "$cmd")
	done < <(sed 's/ ;; /\n/g' <<<"$2")
	vtysh_on rs "${args[@]}" 2>&1
}

# peers_hold_start_tables: every peer's own table is the one captured at start.
peers_hold_start_tables() {
	[ "$(tbl_er)" == "$T0_er" ] && [ "$(tbl_vpn1)" == "$T0_vpn1" ] &&
		[ "$(tbl_vpn2)" == "$T0_vpn2" ] && [ "$(tbl_nva1)" == "$T0_nva1" ] &&
		[ "$(tbl_nva2)" == "$T0_nva2" ]
}

# state_unchanged DESCRIPTION: running-config is the text it was before the
# case, and the peers' tables those of the start. A case that changed
# running-config becomes the next case's "before", so that it fails alone.
state_unchanged() {
	local now
	now=$(running_config)
	expect_eq "$1: running-config unchanged" "$before" "$now"
	before=$now
	expect_true "$1: every peer's own table as at start" peers_hold_start_tables
}

# Independent scenarios (lib.sh), each from the start: the running-config and
# the peers' tables as captured there. After a failed one, the topology is
# restarted and the case neighbors configured again.
state_as_at_start() { [ "$(running_config)" == "$START_CONFIG" ] && peers_hold_start_tables; }
back_to_start_state() { wait_until 60 "the start's running-config and tables" state_as_at_start; }
scenario_baseline "the start's running-config and tables" back_to_start_state \
	"topo_restart configure_case_neighbors"

# answers_match DESCRIPTION EXPECT OUTPUT: EXPECT "-" is the silent answer
# (nothing printed); otherwise an extended regular expression that a line
# of OUTPUT matches.
answers_match() {
	if [ "$2" = - ]; then
		expect_eq "$1: no answer" "" "$3"
	else
		T_CHECKS=$((T_CHECKS + 1))
		if grep -qE -- "$2" <<<"$3"; then
			echo "ok - $1: answers /$2/"
		else
			echo "not ok - $1: answers /$2/"
			sed 's/^/#   got: /' <<<"$3" | head -n 5
			T_FAILS=$((T_FAILS + 1))
		fi
	fi
}

# run_cases NAME...: each array is a table of rows of four: node, expected
# answer, description, command(s).
run_cases() {
	local -n rows=$1
	local i out
	for ((i = 0; i + 3 < ${#rows[@]}; i += 4)); do
		out=$(in_node "${rows[i]}" "${rows[i + 3]}")
		answers_match "${rows[i + 2]}" "${rows[i + 1]}" "$out"
		state_unchanged "${rows[i + 2]}"
	done
}

# valid_json TEXT: one JSON value (jq -e: not false/null) and valid UTF-8.
valid_json() {
	jq -e . >/dev/null 2>&1 <<<"$1" && iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 <<<"$1"
}

# --- configuration commands: refused with "%", or documented as silent ---------
# shellcheck disable=SC2034 # read by run_cases through a nameref
config_cases=(
	# unknown, abbreviated, over-long and non-ASCII words
	bgp "$PARSE" "unknown role" "neighbor 10.0.0.52 route-server role router"
	bgp '^% Command incomplete' "role without its word" "neighbor 10.0.0.52 route-server role"
	bgp '^% Ambiguous command' "ambiguous keyword (maximum-prefix, maximum-role-peers)" "route-server m 5"
	bgp "$PARSE" "trailing word after the knob" "route-server allow-branch-to-branch now"
	bgp "$PARSE" "over-long role word" "neighbor 10.0.0.52 route-server role $LONG_ROLE"
	bgp "$NO_PEER" "role on a 300-character neighbor name" "neighbor $LONG route-server role nva"
	bgp "$NO_PEER" "no-form on a 300-character peer-group name" "no neighbor $LONG route-server role"
	bgp "$NO_PEER" "limit on a 300-character neighbor name" "neighbor $LONG route-server maximum-prefix 5"
	bgp "$PARSE" "role word with UTF-8 (nvä)" "neighbor 10.0.0.52 route-server role nvä"
	bgp "$NO_PEER" "UTF-8 neighbor name" "neighbor $UTF8_NAME route-server role nva"
	bgp "$NO_PEER" "Latin-1 neighbor name (not UTF-8)" "neighbor $LATIN1_NAME route-server role nva"
	bgp "$PARSE" "routing preference with UTF-8" "route-server routing-preference as-päth"
	# roles that contradict the neighbor or its group
	bgp '^% Cannot give 10.0.0.3 role nva' "member of the iBGP VPNGW group given nva" "neighbor 10.0.0.3 route-server role nva"
	bgp '^% Cannot give VPNGW role nva' "the iBGP VPNGW group given nva" "neighbor VPNGW route-server role nva"
	bgp '^% Cannot give peer-group MIXED role nva: member 10.0.0.51' "group given nva, a member in AS 12076" "neighbor MIXED route-server role nva"
	bgp '^% .*10\.0\.0\.55.*refused' "AS 65535 neighbor joining the nva group NVAGRP" "neighbor 10.0.0.55 peer-group NVAGRP"
	bgp '^% 10\.0\.0\.53 would have route-server role nva.*eBGP' "iBGP neighbor joining the eBGP nva group NVAGRP" "neighbor 10.0.0.53 peer-group NVAGRP"
	bgp '^% .*eBGP' "nva on an iBGP neighbor (remote-as internal)" "neighbor 10.0.0.53 route-server role nva"
	bgp '^% .*refused' "nva in AS 65535 (65535-65551)" "neighbor 10.0.0.55 route-server role nva"
	bgp '^% .*refused' "nva in AS 8074 (8074-8075)" "neighbor 10.0.0.56 route-server role nva"
	bgp '^% .*refused' "nva in AS 23456 (AS_TRANS)" "neighbor 10.0.0.57 route-server role nva"
	bgp '^% .*refused' "nva in AS 64511 (64496-64511)" "neighbor 10.0.0.58 route-server role nva"
	bgp '^% .*10\.0\.0\.52.*refused' "an nva's remote-as changed to 12076" "neighbor 10.0.0.52 remote-as 12076"
	bgp '^% .*10\.0\.0\.52.*eBGP' "an nva's remote-as changed to internal" "neighbor 10.0.0.52 remote-as internal"
	bgp '^% .*NVAGRP.*eBGP' "the nva group's remote-as set to the local AS" "neighbor NVAGRP remote-as 65515"
	bgp "$NO_PEER" "role on a nonexistent IPv6 neighbor" "neighbor fd00::99 route-server role nva"
	bgp "$NO_PEER" "role on a nonexistent interface neighbor" "neighbor eth9 route-server role nva"
	# "no" forms
	bgp '^% 10\.0\.0\.2 has route-server role expressroute-gateway, not vpn-gateway' "no-form naming another role" "no neighbor 10.0.0.2 route-server role vpn-gateway"
	bgp '^% 10\.0\.0\.3 has route-server role vpn-gateway through peer-group VPNGW' "no-form on a member whose role is its group's" "no neighbor 10.0.0.3 route-server role"
	bgp '^% 10\.0\.0\.3 has route-server role vpn-gateway through peer-group VPNGW' "no-form naming a role on a member whose role is its group's" "no neighbor 10.0.0.3 route-server role nva"
	bgp - "no role on a neighbor that has none" "no neighbor 10.0.0.53 route-server role"
	bgp - "no role naming one, on a neighbor that has none" "no neighbor 10.0.0.53 route-server role nva"
	bgp - "no knob while it is off" "no route-server allow-branch-to-branch"
	bgp - "no routing-preference never set" "no route-server routing-preference"
	bgp - "no routing-preference naming another than in effect" "no route-server routing-preference as-path"
	bgp - "no maximum-prefix never set" "no route-server maximum-prefix"
	bgp - "no neighbor maximum-prefix never set" "no neighbor 10.0.0.11 route-server maximum-prefix"
	bgp - "no neighbor maximum-prefix with a value, never set" "no neighbor 10.0.0.53 route-server maximum-prefix 99"
	bgp - "no expressroute-advertise-limit never set" "no route-server expressroute-advertise-limit"
	bgp - "no maximum-role-peers never set" "no route-server maximum-role-peers"
	bgp "$NO_PEER" "no maximum-prefix on a nonexistent neighbor" "no neighbor 10.0.0.99 route-server maximum-prefix"
	# limits
	bgp "$PARSE" "neighbor limit 0" "neighbor 10.0.0.11 route-server maximum-prefix 0"
	bgp "$PARSE" "limit -1" "route-server maximum-prefix -1"
	bgp "$PARSE" "limit 2^32 (above range)" "route-server maximum-prefix 4294967296"
	bgp "$PARSE" "limit not a number" "route-server maximum-prefix ten"
	bgp "$PARSE" "limit in hexadecimal" "route-server maximum-prefix 0x10"
	bgp "$PARSE" "neighbor limit in exponent notation" "neighbor 10.0.0.11 route-server maximum-prefix 1e3"
	bgp "$PARSE" "restart 0 minutes" "route-server maximum-prefix 10 restart 0"
	bgp "$PARSE" "restart 65536 minutes (above range)" "route-server maximum-prefix 10 restart 65536"
	bgp "$PARSE" "expressroute-advertise-limit 0" "route-server expressroute-advertise-limit 0"
	bgp "$PARSE" "expressroute-advertise-limit -5" "route-server expressroute-advertise-limit -5"
	bgp "$PARSE" "maximum-role-peers 0" "route-server maximum-role-peers 0"
	bgp '^% The instance has [0-9]+ role peers, more than 6' "maximum-role-peers below the role peers there are" "route-server maximum-role-peers 6"
	# the wrong node
	conf "$PARSE" "knob at configure top level" "route-server allow-branch-to-branch"
	conf "$PARSE" "role at configure top level" "neighbor 10.0.0.11 route-server role nva"
	# (bgpd's own answer, without "%", worded differently by 8.4 and 10.3;
	# vtysh stops at it)
	conf '^BGP (instance )?is already running; AS is 65515' "knob in a router bgp of another AS" "router bgp 65099 ;; route-server allow-branch-to-branch"
	exec "$PARSE" "role in enable mode" "neighbor 10.0.0.11 route-server role nva"
	af '^% Cannot give 10\.0\.0\.2 role nva' "refused role typed in address-family ipv4" "neighbor 10.0.0.2 route-server role nva"
	af6 '^% The instance has [0-9]+ role peers, more than 3' "refused limit typed in address-family ipv6" "route-server maximum-role-peers 3"
	af - "no knob typed in address-family ipv4 (its router bgp's, off)" "no route-server allow-branch-to-branch"
	red "$NO_PEER" "role in vrf RED on the default instance's neighbor" "neighbor 10.0.0.2 route-server role expressroute-gateway"
	red "$NO_PEER" "no role in vrf RED on the default instance's neighbor" "no neighbor 10.0.0.11 route-server role"
	red "$NO_PEER" "limit in vrf RED on the default instance's neighbor" "neighbor 10.0.0.11 route-server maximum-prefix 5"
)

# --- show commands in text: "%" errors, or the documented answer -----------------
# shellcheck disable=SC2034
show_cases=(
	exec '^% No BGP instance NOPE' "show on an unknown VRF" "show bgp vrf NOPE route-server"
	exec '^% No BGP instance GONE' "show on a deleted instance" "show bgp vrf GONE route-server"
	exec '^% No BGP instance all' "vrf all is not supported" "show bgp vrf all route-server"
	exec '^No role peers$' "an instance without role peers" "show bgp vrf RED route-server"
	exec '^% No such neighbor 10\.0\.0\.60' "learned-routes of a deleted neighbor" "show bgp route-server neighbor 10.0.0.60 learned-routes"
	exec '^% No such neighbor 10\.0\.0\.60' "advertised-routes of a deleted neighbor" "show bgp route-server neighbor 10.0.0.60 advertised-routes"
	exec '^% No such neighbor 10\.0\.0\.2 in VRF RED' "routes of a neighbor of another instance" "show bgp vrf RED route-server neighbor 10.0.0.2 learned-routes"
	exec '^% No such neighbor NVAGRP' "routes of a peer-group (not a neighbor)" "show bgp route-server neighbor NVAGRP advertised-routes"
	exec '^% No such neighbor' "routes of a 300-character neighbor name" "show bgp route-server neighbor $LONG learned-routes"
	exec '^% No BGP instance GONE' "routes on a deleted instance" "show bgp vrf GONE route-server neighbor 10.9.1.2 learned-routes"
	exec '^10\.1\.0\.0/16: best path originated here' "explain of an unmasked prefix: its network" "show bgp route-server explain 10.1.0.1/16"
	exec "$PARSE" "explain of a /33" "show bgp route-server explain 10.1.0.0/33"
	exec "$PARSE" "explain of a prefix without length" "show bgp route-server explain 10.1.0.0"
	exec "$PARSE" "explain of 300.1.0.0/16" "show bgp route-server explain 300.1.0.0/16"
	exec "$PARSE" "explain of a prefix with UTF-8 digits" "show bgp route-server explain 10.1.0.0/１６"
	exec '^% 192\.168\.10\.0/23 is not in the BGP table' "explain of a covering prefix" "show bgp route-server explain 192.168.10.0/23"
	exec '^% fd00:99::/64 is not in the BGP table' "explain of an IPv6 prefix not in the table" "show bgp route-server explain fd00:99::/64"
	exec '^% 10\.1\.0\.0/16 is not in the BGP table' "explain in an instance without the prefix" "show bgp vrf RED route-server explain 10.1.0.0/16"
	exec '^% No BGP instance GONE' "explain on a deleted instance" "show bgp vrf GONE route-server explain 10.1.0.0/16"
)

# --- every JSON show command: valid JSON, also for errors ---------------------------
# The module's JSON error: an object with the error in "warning", as bgpd's
# own JSON show commands report theirs (doc/routeserver.md, "Show commands").
json_error() { jq -c 'select(keys == ["warning"]) | .warning' <<<"$1"; }
# shellcheck disable=SC2034
json_error_cases=(
	'"No such BGP instance"' "route-server json on an unknown VRF" "show bgp vrf NOPE route-server json"
	'"No such BGP instance"' "route-server json on a deleted instance" "show bgp vrf GONE route-server json"
	'"No such BGP instance"' "route-server json on vrf all" "show bgp vrf all route-server json"
	'"No such neighbor"' "learned-routes json of a deleted neighbor" "show bgp route-server neighbor 10.0.0.60 learned-routes json"
	'"No such neighbor"' "advertised-routes json of a deleted neighbor" "show bgp route-server neighbor 10.0.0.60 advertised-routes json"
	'"No such neighbor"' "learned-routes json of another instance's neighbor" "show bgp vrf RED route-server neighbor 10.0.0.2 learned-routes json"
	'"No such neighbor"' "advertised-routes json of a 300-character name" "show bgp route-server neighbor $LONG advertised-routes json"
	'"No such neighbor"' "learned-routes json of a Latin-1 name" "show bgp route-server neighbor $LATIN1_NAME learned-routes json"
	'"No such neighbor"' "learned-routes json of a name with quote and backslash" "show bgp route-server neighbor $QUOTED_NAME learned-routes json"
	'"No such BGP instance"' "routes json on an unknown VRF" "show bgp vrf NOPE route-server neighbor 10.0.0.2 advertised-routes json"
	'"Prefix not in the BGP table"' "explain json of a covering prefix" "show bgp route-server explain 192.168.10.0/23 json"
	'"Prefix not in the BGP table"' "explain json of an IPv6 prefix not in the table" "show bgp route-server explain fd00:99::/64 json"
	'"Prefix not in the BGP table"' "explain json in an instance without the prefix" "show bgp vrf RED route-server explain 10.1.0.0/16 json"
	'"No such BGP instance"' "explain json on a deleted instance" "show bgp vrf GONE route-server explain 10.1.0.0/16 json"
)
json_show_commands() {
	local i out
	for ((i = 0; i + 2 < ${#json_error_cases[@]}; i += 3)); do
		out=$(vtysh_on rs -c "${json_error_cases[i + 2]}" 2>&1)
		expect_true "${json_error_cases[i + 1]}: valid JSON" valid_json "$out"
		expect_eq "${json_error_cases[i + 1]}: the error in the JSON" "${json_error_cases[i]}" "$(json_error "$out")"
	done

	# the answers that are not errors, in JSON too
	out=$(vtysh_on rs -c "show bgp vrf RED route-server json")
	expect_true "an instance without route-server settings: valid JSON" valid_json "$out"
	expect_eq "an instance without route-server settings: the defaults" \
		"$(expected_text badinput/vrf-red.json | jq -S .)" "$(jq -S 'del(.frrVersion)' <<<"$out")"
	out=$(vtysh_on rs -c "show bgp route-server explain 10.1.0.1/16 json")
	expect_true "explain json of an unmasked prefix: valid JSON" valid_json "$out"
	expect_eq "explain json of an unmasked prefix: that of its network" \
		"$(vtysh_on rs -c "show bgp route-server explain 10.1.0.0/16 json" | jq -S .)" "$(jq -S . <<<"$out")"
	out=$(vtysh_on rs -c "show bgp route-server neighbor 10.0.0.53 learned-routes json")
	expect_true "routes json of a neighbor without a role: valid JSON" valid_json "$out"
	expect_eq "routes json of a neighbor without a role: none (a neighbor, not an error)" \
		'{"neighbor":"10.0.0.53","routes":[],"count":0}' "$(jq -c '{neighbor, routes, count}' <<<"$out")"
	state_unchanged "after the JSON show commands"
}

# every scenario compares with the running-config as it starts (the start's)
config_commands() { before=$START_CONFIG; run_cases config_cases; }
show_commands() { before=$START_CONFIG; run_cases show_cases; }
json_show() { before=$START_CONFIG; json_show_commands; }

scenario config-commands config_commands
scenario show-commands show_commands
scenario json-show-commands json_show

t_done

#!/bin/bash
# The bad-input catalogue: malformed, hostile and out-of-order commands
# against the module's CLI on the reference topology. Each case is one row
# of a table: where it is typed, what the answer must match, and the
# command. Every case asserts its answer (a "%" error, or the documented
# silent answer), that the route server's running-config is the same text
# after it as before it, and that every peer's own received table is still
# the one captured at the start. Every JSON show command answers valid JSON
# (and valid UTF-8), also when it reports an error; so does every command
# that takes "json" (the module's, and bgpd's that show its peers) in every
# spelling a script or a hand may give it (a trailing CR or LF, tabs, "js",
# "| include") and on VRF names no sane operator types, and bgpd still runs.
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

# valid_json TEXT: exactly one JSON value (not nothing, not two; not
# false/null) and valid UTF-8.
valid_json() {
	local keys
	keys=$(json_keys "$1")
	[ -n "$keys" ] && [ "$keys" != invalid ]
}

# json_keys TEXT...: a line for each TEXT: "invalid" unless it is valid
# JSON as valid_json says, else the keys of its value (jq -c keys; [] for a
# value without keys). One jq for all.
json_keys() {
	local i args=() vars=() keys
	for ((i = 1; i <= $#; i++)); do
		printf '%s' "${!i}" >"$T_DIR/json.$i"
		args+=(--rawfile "t$i" "$T_DIR/json.$i")
		vars+=("\$t$i")
	done
	i=1
	jq -nr "${args[@]}" "[$(IFS=,; echo "${vars[*]}")][]"' | try (fromjson
		| if . == null or . == false then error("null or false") else . end
		| if type == "object" or type == "array" then keys else [] end | tojson)
		catch "invalid"' 2>/dev/null |
		while IFS= read -r keys; do
			iconv -f UTF-8 -t UTF-8 "$T_DIR/json.$i" >/dev/null 2>&1 || keys=invalid
			echo "$keys"
			i=$((i + 1))
		done
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

# --- every command that takes "json", as a script or a hand may type it ----------
# The module's JSON show commands and bgpd's own that print its peers (the
# module's binding is among the filters "show bgp neighbors ... json"
# prints), each in every spelling of json_variants, and JSON show commands
# on VRF names no sane operator types. bgpd's parser takes spaces, tabs, CR
# and LF between words and "js" for "json"; vtysh runs each line of a -c on
# its own and passes "| include REGEX" on to bgpd, which filters its answer:
# each variant reaches bgpd as the same JSON command. Every answer is one
# valid JSON value with the keys of the command's answer typed plainly (with
# "| include", the lines that match). A command's variants go in one vtysh
# call, after which the route server's bgpd must still run (if it does not,
# the crash it logged is shown and the start is restored for the next
# command); at the end of each group running-config and every peer's table
# are as at start and no session was reset.

# rows of three: the group (its scenario is json-spellings-GROUP), an
# extended regular expression that vtysh's "list" matches where this FRR
# has the command ("-": both have it), the command, "json" its last word
# shellcheck disable=SC2034
json_commands=(
	module - "show bgp route-server json"
	module - "show bgp vrf RED route-server json"
	module - "show bgp route-server explain 10.1.0.0/16 json"
	module - "show bgp route-server neighbor 10.0.0.11 learned-routes json"
	module - "show bgp route-server neighbor 10.0.0.2 advertised-routes json"
	module - "show bgp route-server audit json"
	module - "show bgp vrf all route-server audit json"
	bgpd - "show bgp neighbors json"
	bgpd - "show ip bgp neighbors json"
	bgpd - "show bgp neighbors 10.0.0.3 json"
	bgpd - "show bgp ipv4 neighbors 10.0.0.2 json"
	bgpd - "show bgp vrf all neighbors json"
	bgpd - "show bgp ipv4 unicast neighbors 10.0.0.2 advertised-routes json"
	bgpd - "show bgp summary json"
	bgpd - "show bgp peer-group json"
	bgpd 'update-groups \[SUBGROUP-ID\] \[json\]' "show bgp update-groups json"
)

# rows of four: the answer ("json": one valid JSON value; otherwise an
# extended regular expression that every line of it matches, and there is
# one), the variant, where it rewrites the command ("end": its last " json";
# "spaces": every space) and the text it writes there
# shellcheck disable=SC2034
json_variants=(
	json "trailing spaces" end ' json   '
	json "tabs between the words" spaces $'\t'
	json "a trailing LF" end $' json\n'
	json "json abbreviated to js" end ' js'
	json "| include . (every line)" end ' json | include .'
	'"' '| include " (the lines with a quote)' end ' json | include "'
	json "a trailing CR (a line of a CRLF script)" end $' json\r'
	json "a trailing CR LF" end $' json\r\n'
	json "CRs between the words" spaces $'\r'
	json "js and a trailing CR" end $' js\r'
)

# rows of two: what the name is, the VRF name
# shellcheck disable=SC2034
vrf_names=(
	"a quote" 'a"b'
	"a backslash" 'a\b'
	"printf's percent signs" '%s%n%x%%'
	"JSON's special characters" "$QUOTED_NAME"
	"Latin-1 (not UTF-8)" "$LATIN1_NAME"
	"UTF-8" "$UTF8_NAME"
	"41 characters (a VRF's name has 35 at most)" "$(printf 'v%.0s' {1..41})"
	"300 characters" "$LONG"
	"ALL" ALL
	"All" All
	"al" al
	"alll" alll
	'"all" in quotes' '"all"'
	"all and a CR" $'all\r'
	"red (RED in lower case)" red
	"json" json
)
# rows of two: the module's JSON error ("-": any valid JSON), the command
# with NAME where the VRF name goes (the audit takes "vrf all", and "al",
# and "all" with a CR, for it)
# shellcheck disable=SC2034
vrf_name_commands=(
	'"No such BGP instance"' "show bgp vrf NAME route-server json"
	- "show bgp vrf NAME route-server audit json"
	- "show bgp vrf NAME neighbors json"
)

# vtysh_answers CMD...: the commands in one call of the built vtysh (rs's);
# ANSWERS[i] is what command i answered (its last newline left out). vtysh
# -E echoes every line it runs after its prompt, before its answer (a
# command with LFs runs as its lines); the prompt is what precedes the
# first command in the first line.
vtysh_answers() {
	local args=() echoes=() owner=() c i=0 part line prompt p=0 cur=-1
	ANSWERS=()
	for c; do
		args+=(-c "$c")
		ANSWERS+=("")
		while IFS= read -r part; do
			echoes+=("$part")
			owner+=("$i")
		done <<<"$c"
		i=$((i + 1))
	done
	vtysh_on rs -E "${args[@]}" >"$T_DIR/answers" 2>>"$T_DIR/answers.stderr"
	IFS= read -r line <"$T_DIR/answers" && [[ $line == *"${echoes[0]}" ]] || return 0
	prompt=${line%"${echoes[0]}"}
	while IFS= read -r line || [ -n "$line" ]; do
		if ((p < ${#echoes[@]})) && [ "$line" == "$prompt${echoes[p]}" ]; then
			cur=${owner[p]}
			p=$((p + 1))
		elif ((cur >= 0)); then
			ANSWERS[cur]+=$line$'\n'
		fi
	done <"$T_DIR/answers"
	for ((i = 0; i < ${#ANSWERS[@]}; i++)); do
		ANSWERS[i]=${ANSWERS[i]%$'\n'}
	done
}

# every_line_matches ERE TEXT: TEXT has a line, and every line matches ERE.
every_line_matches() { [ -n "$2" ] && ! grep -qvE -- "$1" <<<"$2"; }

# answer_is EXPECT DESCRIPTION ANSWER ITS-KEYS [KEYS]: "json": ANSWER is
# one valid JSON value (ITS-KEYS, its json_keys, not "invalid"; with KEYS,
# those of the command's answer typed plainly, the same); otherwise every
# line of it matches the ERE EXPECT. A miss shows the answer's start.
answer_is() {
	local fails=$T_FAILS
	if [ "$1" = json ]; then
		expect_true "$2: valid JSON" [ "$4" != invalid ]
		[ -z "${5:-}" ] || [ "$4" = invalid ] ||
			expect_eq "$2: the keys of the answer typed plainly" "$5" "$4"
	else
		expect_true "$2: every line matches /$1/" every_line_matches "$1" "$3"
	fi
	[ "$T_FAILS" -eq "$fails" ] || head -c 300 <<<"$3" | cat -v | head -n 3 | sed 's/^/#   got: /'
}

# bgpd_runs: the route server's bgpd is still running: its PID is alive
# and it answers (a bgpd that crashed may take a moment to be gone).
bgpd_runs() { kill -0 "$(rs_pid)" 2>/dev/null && valid_json "$(rs_json 2>/dev/null)"; }

# still_runs WHAT: the route server's bgpd still runs after WHAT; if not
# (fails), the crash it logged is shown and the start's state restored
# (lib.sh's scenario_restore: SCENARIO_LOST says when it could not be).
still_runs() {
	if bgpd_runs; then
		expect_true "$1: the route server's bgpd still runs" true
		return 0
	fi
	expect_true "$1: the route server's bgpd still runs" false
	grep -A 12 'Received signal' "$T_DIR/rs/bgpd.log" | sed 's/^/#   /'
	scenario_restore "after $1"
}

# json_spellings GROUP: every command of json_commands in GROUP, in every
# variant; then running-config, every peer's table and the sessions as at
# the group's start (or the last restore).
JSON_GROUP='' VTYSH_LIST=''
json_spellings() {
	local i j base cmds sessions keys
	before=$START_CONFIG
	[ -n "$VTYSH_LIST" ] || VTYSH_LIST=$(vtysh_on rs -c list 2>/dev/null)
	sessions=$(session_counts)
	for ((i = 0; i + 2 < ${#json_commands[@]}; i += 3)); do
		[ "${json_commands[i]}" = "$JSON_GROUP" ] || continue
		base=${json_commands[i + 2]}
		if [ "${json_commands[i + 1]}" != - ] && ! grep -qE -- "${json_commands[i + 1]}" <<<"$VTYSH_LIST"; then
			expect_skip "$base in every spelling" "not a command of this FRR"
			continue
		fi
		cmds=("$base")
		for ((j = 0; j + 3 < ${#json_variants[@]}; j += 4)); do
			case ${json_variants[j + 2]} in
			end) cmds+=("${base% json}${json_variants[j + 3]}") ;;
			spaces) cmds+=("${base// /"${json_variants[j + 3]}"}") ;;
			esac
		done
		vtysh_answers "${cmds[@]}"
		mapfile -t keys < <(json_keys "${ANSWERS[@]}")
		answer_is json "$base" "${ANSWERS[0]}" "${keys[0]:-invalid}"
		[ "${keys[0]:-invalid}" != invalid ] || keys[0]=
		for ((j = 0; j + 3 < ${#json_variants[@]}; j += 4)); do
			answer_is "${json_variants[j]}" "$base, ${json_variants[j + 1]}" \
				"${ANSWERS[j / 4 + 1]}" "${keys[j / 4 + 1]:-invalid}" "${keys[0]}"
		done
		if ! still_runs "$base in every spelling"; then
			[ -z "$SCENARIO_LOST" ] || return 0
			sessions=$(session_counts)
		fi
	done
	state_unchanged "the $JSON_GROUP commands in every spelling"
	expect_no_reset "the $JSON_GROUP commands in every spelling" "$sessions"
}
json_spellings_module() { JSON_GROUP=module json_spellings; }
json_spellings_bgpd() { JSON_GROUP=bgpd json_spellings; }

# odd_vrf_names: vrf_name_commands with every name of vrf_names.
odd_vrf_names() {
	local i j cmds=() want=() what=() sessions keys
	before=$START_CONFIG
	sessions=$(session_counts)
	for ((i = 0; i + 1 < ${#vrf_names[@]}; i += 2)); do
		for ((j = 0; j + 1 < ${#vrf_name_commands[@]}; j += 2)); do
			cmds+=("${vrf_name_commands[j + 1]/NAME/"${vrf_names[i + 1]}"}")
			want+=("${vrf_name_commands[j]}")
			what+=("${vrf_name_commands[j + 1]/NAME/<${vrf_names[i]}>}")
		done
	done
	vtysh_answers "${cmds[@]}"
	mapfile -t keys < <(json_keys "${ANSWERS[@]}")
	for ((i = 0; i < ${#cmds[@]}; i++)); do
		answer_is json "${what[i]}" "${ANSWERS[i]}" "${keys[i]:-invalid}"
		[ "${want[i]}" = - ] ||
			expect_eq "${what[i]}: the error in the JSON" "${want[i]}" "$(json_error "${ANSWERS[i]}")"
	done
	still_runs "the JSON show commands on odd VRF names" || return 0
	state_unchanged "the JSON show commands on odd VRF names"
	expect_no_reset "the JSON show commands on odd VRF names" "$sessions"
}

# every scenario compares with the running-config as it starts (the start's)
config_commands() { before=$START_CONFIG; run_cases config_cases; }
show_commands() { before=$START_CONFIG; run_cases show_cases; }
json_show() { before=$START_CONFIG; json_show_commands; }

scenario config-commands config_commands
scenario show-commands show_commands
scenario json-show-commands json_show
scenario json-spellings-module json_spellings_module
scenario json-spellings-bgpd json_spellings_bgpd
scenario odd-vrf-names odd_vrf_names

t_done

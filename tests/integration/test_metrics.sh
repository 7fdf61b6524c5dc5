#!/bin/bash
# The route server's Prometheus metrics as a scraper gets them: the reference
# topology, tools/frr-routeserver-metrics run as its systemd timer runs it,
# writing into the textfile directory of Debian's prometheus-node-exporter
# (the real one, on the route server namespace's loopback), and /metrics
# scraped over HTTP. Every frr_routeserver_ series must be what "show bgp
# vrf NAME route-server json" and the audit say (expected/metrics/series.jq),
# for the default instance and a second one (RED), with the knob off, on,
# with a peer stopped, and with bgpd stopped: then nothing but
# frr_routeserver_scrape_success 0. Also promtool on the shipped alert rules
# (and the rules evaluated over the scraped series) and on the metrics, and
# systemd-analyze verify on the units.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/topology.sh"

METRICS_TOOL=$RS_SRCDIR/tools/frr-routeserver-metrics
ALERTS=$RS_SRCDIR/doc/examples/routeserver-alerts.yml
UNITS=$RS_SRCDIR/debian/frr-routeserver.frr-routeserver-metrics
TEXTFILE_DIR=$T_DIR/textfile
EXPORTER=127.0.0.1:9100

topo_start || { echo "not ok - topology did not come up"; exit 1; }
# the periodic audit every 2 s, so that its result is there; a second
# instance with other settings and no peers, so that vrf labels matter
rs_cfg -c "route-server audit-interval 2" >/dev/null
vtysh_on rs -c "configure terminal" -c "router bgp 65515 vrf RED" \
	-c "route-server allow-branch-to-branch" -c "route-server routing-preference as-path" >/dev/null

# --- the pieces as deployed ---------------------------------------------------
start_node_exporter() {
	mkdir -p "$TEXTFILE_DIR"
	ip netns exec "$(ns_name rs)" prometheus-node-exporter --web.listen-address="$EXPORTER" \
		--collector.disable-defaults --collector.textfile \
		--collector.textfile.directory="$TEXTFILE_DIR" >"$T_DIR/node-exporter.log" 2>&1 &
	T_PIDS+=("$!")
	wait_until 15 "node exporter's /metrics" scrape
}

# write_metrics: the tool, as the timer runs it; its exit status.
write_metrics() {
	"$METRICS_TOOL" --vtysh "$RS_VTYSH" --vty-socket "$T_DIR/rs" \
		--output "$TEXTFILE_DIR/frr_routeserver.prom" 2>"$T_DIR/metrics.stderr"
}

# scrape: node exporter's /metrics, over HTTP.
scrape() {
	in_ns rs python3 -c 'import sys, urllib.request
sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=10).read().decode())' \
		"http://$EXPORTER/metrics"
}

# scraped: the frr_routeserver_ series scraped (the timestamps left out).
scraped() { scrape | grep '^frr_routeserver_' | grep -v '_timestamp_seconds[{ ]' | sort; }

# expected: the series for every instance from its JSON (series.jq).
expected() {
	local vrf audit
	for vrf in default RED; do
		audit=$(vtysh_on rs -c "show bgp vrf $vrf route-server audit json" | jq -c .lastPeriodicAudit)
		vtysh_on rs -c "show bgp vrf $vrf route-server json" |
			jq -r --arg vrf "$vrf" --argjson audit "$audit" -f "$T_EXPECTED/metrics/series.jq"
	done
	echo "frr_routeserver_scrape_success 1"
}

# metrics_match WHAT: the tool run and /metrics scraped until the series are
# what the JSON says (bounded: counts settle), then the last try asserted.
metrics_match() {
	local rc got want
	_match() {
		write_metrics
		rc=$?
		got=$(scraped)
		want=$(expected | sort)
		[ "$rc" = 0 ] && [ "$got" == "$want" ]
	}
	wait_until 30 "$1: the scraped series" _match || true
	expect_eq "$1: the tool succeeds" "0 ''" "$rc '$(cat "$T_DIR/metrics.stderr")'"
	expect_eq "$1: every scraped series is what show bgp route-server json says" "$want" "$got"
}

# series_is NAME{LABELS} VALUE: the scrape has that series with that value.
series_is() { scraped | grep -qxF "$1 $2"; }

start_node_exporter || { echo "not ok - node exporter did not start"; exit 1; }
peer() { echo "{neighbor=\"$1\",role=\"$2\",vrf=\"default\"}"; }

# --- knob off, on, a peer down ------------------------------------------------
topo_settled off
_audited() { [ "$(rs_json | jq '.lastPeriodicAudit.routesChecked // 0')" -gt 0 ]; }
wait_until 15 "the periodic audit's first run" _audited || true
metrics_match "knob off"
expect_eq "knob off: five role peers up" 5 "$(scraped | grep -c '^frr_routeserver_peer_up{.*vrf="default"} 1$')"
expect_true "knob off: the ExpressRoute gateway gets the virtual network only" \
	series_is "frr_routeserver_peer_routes_advertised$(peer 10.0.0.2 expressroute-gateway)" 1
expect_true "knob off: no audit violation" series_is 'frr_routeserver_audit_violations{vrf="default"}' 0
expect_true "RED: branch-to-branch on" series_is 'frr_routeserver_allow_branch_to_branch{vrf="RED"}' 1
expect_true "RED: routing preference as-path" \
	series_is 'frr_routeserver_routing_preference{preference="as-path",vrf="RED"}' 1

knob rs on
topo_settled on
metrics_match "knob on"
expect_true "knob on: branch-to-branch 1" series_is 'frr_routeserver_allow_branch_to_branch{vrf="default"}' 1
expect_true "knob on: the ExpressRoute gateway gets five routes" \
	series_is "frr_routeserver_peer_routes_advertised$(peer 10.0.0.2 expressroute-gateway)" 5
scrape >"$T_DIR/scrape-knob-on.txt"

# NVA 1 sends 3 routes: a limit of 3 is not exceeded, but above 90 %
rs_cfg -c "neighbor 10.0.0.11 route-server maximum-prefix 3" >/dev/null
metrics_match "NVA 1's limit 3"
expect_true "NVA 1's limit 3: in the scrape" \
	series_is "frr_routeserver_peer_received_route_limit$(peer 10.0.0.11 nva)" 3
scrape >"$T_DIR/scrape-nva1-limit.txt"

stop_bgpd nva1
_nva1_down() { rs_json | jq -e '.peers[] | select(.neighbor == "10.0.0.11") | .state != "Established"'; }
wait_until 30 "rs sees NVA 1 down" _nva1_down || true
metrics_match "NVA 1 stopped"
expect_true "NVA 1 stopped: peer_up 0" series_is "frr_routeserver_peer_up$(peer 10.0.0.11 nva)" 0
expect_true "NVA 1 stopped: nothing learned from it" \
	series_is "frr_routeserver_peer_routes_learned$(peer 10.0.0.11 nva)" 0
expect_eq "NVA 1 stopped: the other four up" 4 \
	"$(scraped | grep -c '^frr_routeserver_peer_up{.*vrf="default"} 1$')"
scrape >"$T_DIR/scrape-nva1-down.txt"

# --- promtool: the metrics and the alert rules ---------------------------------
expect_true "promtool check metrics: the tool's file" \
	quietly promtool check metrics <"$TEXTFILE_DIR/frr_routeserver.prom"
expect_true "promtool check metrics: node exporter's /metrics" \
	quietly promtool check metrics <"$T_DIR/scrape-knob-on.txt"
expect_true "promtool check rules: $(basename "$ALERTS")" quietly promtool check rules "$ALERTS"

# alert_test SCRAPE ALERTNAME EXPECTED...: the shipped rules evaluated by
# promtool over the series in SCRAPE (held for 15 minutes): at 10 minutes,
# each ALERTNAME fires as EXPECTED says (promtool's exp_alerts, [] for none).
alert_test() {
	local f=$T_DIR/alert-test.yml out
	{
		printf 'rule_files: [%s]\nevaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n' "$ALERTS"
		grep '^frr_routeserver_' "$1" | grep -v '_timestamp_seconds[{ ]' |
			awk '{ printf "      - series: %c%s%c\n        values: %c%s+0x15%c\n", 39, $1, 39, 39, $2, 39 }'
		printf '    alert_rule_test:\n'
		printf '      - {eval_time: 10m, alertname: %s, exp_alerts: %s}\n' "${@:2}"
	} >"$f"
	out=$(promtool test rules "$f" 2>&1) || {
		echo "$out" | sed 's/^/#   /'
		return 1
	}
}
nva1_down_alert='[{exp_labels: {severity: critical, vrf: default, neighbor: 10.0.0.11, role: nva},
	exp_annotations: {summary: "nva 10.0.0.11 is down (route server , VRF default)"}}]'
nva1_limit_alert='[{exp_labels: {severity: warning, vrf: default, neighbor: 10.0.0.11, role: nva},
	exp_annotations: {summary: "nva 10.0.0.11 sends 3 routes, above 90 % of its limit (route server , VRF default)"}}]'
expect_true "promtool test rules: with NVA 1 stopped, RouteServerPeerDown fires for it alone" \
	alert_test "$T_DIR/scrape-nva1-down.txt" RouteServerPeerDown "$nva1_down_alert" \
	RouteServerAuditViolations '[]' RouteServerLearnedRoutesNearLimit '[]'
expect_true "promtool test rules: NVA 1 sends 3 routes with a limit of 3: RouteServerLearnedRoutesNearLimit for it alone" \
	alert_test "$T_DIR/scrape-nva1-limit.txt" RouteServerLearnedRoutesNearLimit "$nva1_limit_alert" \
	RouteServerPeerDown '[]' RouteServerAuditViolations '[]'
expect_true "promtool test rules: with the knob on, no alert" \
	alert_test "$T_DIR/scrape-knob-on.txt" RouteServerPeerDown '[]' \
	RouteServerAuditViolations '[]' RouteServerLearnedRoutesNearLimit '[]'

# --- the file ---------------------------------------------------------------
expect_eq "the textfile directory holds the file alone (no temporary file left)" \
	frr_routeserver.prom "$(ls -A "$TEXTFILE_DIR")"
"$METRICS_TOOL" --vtysh "$RS_VTYSH" --vty-socket "$T_DIR/rs" --output "$T_DIR/none/x.prom" \
	2>"$T_DIR/metrics.stderr"
rc=$?
expect_eq "a file it cannot write: exit 2, and why" \
	"2 frr-routeserver-metrics: cannot write $T_DIR/none/x.prom: No such file or directory" \
	"$rc $(cat "$T_DIR/metrics.stderr")"

# --- bgpd stopped: no stale series ---------------------------------------------
stop_bgpd rs
write_metrics
rc=$?
expect_eq "bgpd stopped: the tool exits 1" 1 "$rc"
expect_true "bgpd stopped: the tool says why" grep -q '^frr-routeserver-metrics: ' "$T_DIR/metrics.stderr"
expect_eq "bgpd stopped: the scrape says so, and has no other series" \
	"frr_routeserver_scrape_success 0" "$(scraped)"

# --- the systemd units ---------------------------------------------------------
# verified offline, with ExecStart pointing at the tool in this tree and
# the man page they name in this tree's doc/ (without man(1), not checked)
verify_units() {
	local dir=$T_DIR/units u man=--man=no out
	mkdir -p "$dir" "$dir/man/man8"
	cp "$RS_SRCDIR/doc/frr-routeserver-metrics.8" "$dir/man/man8/"
	! command -v man >/dev/null || man=--man=yes
	for u in service timer; do
		sed "s#^ExecStart=/usr/bin/frr-routeserver-metrics\$#ExecStart=$METRICS_TOOL#" \
			"$UNITS.$u" >"$dir/frr-routeserver-metrics.$u"
	done
	grep -q "^ExecStart=$METRICS_TOOL\$" "$dir/frr-routeserver-metrics.service" || return 1
	out=$(MANPATH=$dir/man systemd-analyze verify "$man" "$dir/frr-routeserver-metrics.service" \
		"$dir/frr-routeserver-metrics.timer" 2>&1) && [ -z "$out" ] || {
		echo "$out" | sed 's/^/#   /'
		return 1
	}
}
if command -v systemd-analyze >/dev/null; then
	expect_true "systemd-analyze verify: the service and the timer" verify_units
else
	t_log "no systemd-analyze here: the units are not verified"
	expect_skip "systemd-analyze verify: the service and the timer" "no systemd-analyze"
fi

t_done

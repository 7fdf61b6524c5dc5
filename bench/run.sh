#!/bin/bash
# Benchmark: 100,000 prefixes from the ExpressRoute gateway through the route
# server to an NVA, and a policy flip that withdraws and re-advertises them,
# measured in ONE run with the module and with a plain bgpd (no module; the
# flip there is bgpd's own outbound route-map doing the same work). Prints
# both figures, their ratio and the route server's peak RSS and CPU time.
# Modes alternate for REPS repetitions (default 3); medians are reported.
#   bench/run.sh [PREFIXES [REPS]]      (default 100000 3; root)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
N=${1:-100000}
REPS=${2:-3}

builddir=$("$top/tools/setup.sh" | tail -n1)
export RS_BUILDDIR=$builddir RS_SRCDIR=$top
source "$top/tests/integration/lib.sh"
set +u

# ExpressRoute gateway: Debian's bgpd originating N /24s, session held down
# until the clock starts.
{
	cat <<'CONF'
frr defaults traditional
hostname er
router bgp 65515
 bgp router-id 10.0.0.2
 no bgp network import-check
 neighbor 10.0.0.1 remote-as internal
 neighbor 10.0.0.1 shutdown
 address-family ipv4 unicast
CONF
	awk -v n="$N" 'BEGIN { for (i = 0; i < n; i++)
		printf "  network %d.%d.%d.0/24\n", 20 + int(i / 65536), int(i / 256) % 256, i % 256 }'
	printf ' exit-address-family\nexit\n'
} >"$T_DIR/er.conf"

frr_nva_conf 65001 10.0.0.11 >"$T_DIR/nva.conf"

# The route server: the module's example configuration, knob on. The plain
# baseline drops the module's lines, spells out the neighbor settings the
# roles imply, and gets a route-map that the flip attaches to the NVA to do
# the same withdrawal.
sed 's/^ neighbor 10.0.0.2 route-server role expressroute-gateway$/&\n route-server allow-branch-to-branch/' \
	"$top/doc/examples/routeserver.conf" >"$T_DIR/rs-module.conf"
{
	grep -v 'route-server' "$top/doc/examples/routeserver.conf" |
		sed 's|^  network 10.1.0.0/16$|&\n  neighbor 10.0.0.2 route-reflector-client\n  neighbor VPNGW route-reflector-client\n  neighbor 10.0.0.11 attribute-unchanged next-hop\n  neighbor 10.0.0.12 attribute-unchanged next-hop|'
	cat <<'CONF'
ip prefix-list VNET-ONLY seq 5 permit 10.1.0.0/16
route-map FLIP permit 10
 match ip address prefix-list VNET-ONLY
CONF
} >"$T_DIR/rs-plain.conf"

lan_create
node_create rs 10.0.0.1/24
node_create er 10.0.0.2/24
node_create nva1 10.0.0.11/24

nva_count() {
	vtysh_on nva1 -c "show bgp summary json" |
		jq '.ipv4Unicast.peers["10.0.0.1"].pfxRcd // 0'
}
count_is() { [ "$(nva_count)" -eq "$1" ]; }
now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }
rs_pid() { cat "$T_DIR/rs/bgpd.pid"; }
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }
peak_rss_mib() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# flip MODE off|on: the module's knob, or the plain baseline's route-map
flip() {
	if [ "$1" = module ]; then
		rs_cfg -c "$([ "$2" = off ] && echo no) route-server allow-branch-to-branch"
	else
		rs_cfg -c "address-family ipv4 unicast" \
			-c "$([ "$2" = on ] && echo no) neighbor 10.0.0.11 route-map FLIP out"
	fi
}

declare -A R # R[mode.metric] = space-separated values, one a repetition
record() { R[$1]="${R[$1]:-} $2"; }
run_mode() {
	local mode=$1 t
	t_log "== $mode: starting"
	start_bgpd er "$T_DIR/er.conf"
	if [ "$mode" = module ]; then
		start_bgpd rs "$T_DIR/rs-module.conf" module
	else
		start_bgpd rs "$T_DIR/rs-plain.conf"
	fi
	start_bgpd nva1 "$T_DIR/nva.conf"
	wait_until 60 "nva session up with the VNet prefix" count_is 1

	t=$(now)
	vtysh_on er -c "configure terminal" -c "router bgp 65515" -c "no neighbor 10.0.0.1 shutdown"
	wait_until 900 "$N prefixes at the nva" count_is $((N + 1))
	record "$mode.learn" "$(elapsed "$t")"

	t=$(now)
	flip "$mode" off
	wait_until 900 "withdrawal at the nva" count_is 1
	record "$mode.off" "$(elapsed "$t")"

	t=$(now)
	flip "$mode" on
	wait_until 900 "re-advertisement at the nva" count_is $((N + 1))
	record "$mode.on" "$(elapsed "$t")"

	record "$mode.rss" "$(peak_rss_mib "$(rs_pid)")"
	record "$mode.cpu" "$(cpu_seconds "$(rs_pid)")"
	stop_bgpd nva1
	stop_bgpd rs
	stop_bgpd er
}

for ((rep = 1; rep <= REPS; rep++)); do
	t_log "repetition $rep of $REPS"
	run_mode plain
	run_mode module
done

median() { tr ' ' '\n' <<<"${R[$1]}" | grep . | sort -g | awk '{ v[NR] = $1 }
	END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
echo "frr-routeserver benchmark: $N prefixes, medians of $REPS runs, $(nproc) cores, $(date -u +%Y-%m-%d)"
printf '%-44s %12s %12s %8s\n' "metric" "plain bgpd" "module" "ratio"
row() {
	local p m
	p=$(median "plain.$2")
	m=$(median "module.$2")
	printf '%-44s %12.2f %12.2f %8.2f\n' "$1" "$p" "$m" "$(echo "scale=4; $m / $p" | bc)"
}
row "learn: all prefixes at the nva (s)" learn
row "flip off: withdrawn at the nva (s)" off
row "flip on: re-advertised at the nva (s)" on
row "route server peak RSS (MiB)" rss
row "route server CPU time, whole run (s)" cpu

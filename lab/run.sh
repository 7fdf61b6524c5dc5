#!/bin/bash
# The lab: two route server instances (Debian's bgpd + this module, as Azure
# runs two) with real peers in network namespaces, showing what each peer
# learns with branch-to-branch off, then on.
#   lab/run.sh         set everything up, start the lab, show the difference
#   lab/run.sh stop    stop the lab (only the daemons and namespaces it made)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
STATE=/run/frr-routeserver-lab.state

if [ "${1:-}" = stop ]; then
	RS_BUILDDIR=$top/_build T_ID=frslab source "$top/tests/integration/lib.sh"
	t_stop_persisted "$STATE"
	echo "lab stopped"
	exit 0
fi

builddir=$("$top/tools/setup.sh" | tail -n1)
export RS_BUILDDIR=$builddir RS_SRCDIR=$top
# the second route server instance, rs2 (tests/integration/topology.sh)
export TOPO_RS2=1
T_ID=frslab
source "$top/tests/integration/lib.sh"
t_stop_persisted "$STATE" # a lab left running by an earlier run
source "$top/tests/integration/topology.sh"

echo "Starting the lab: two route server instances, AS 65515, with the same"
echo "configuration (rs 10.0.0.1, rs2 10.0.0.5), ExpressRoute gateway (GoBGP,"
echo "10.0.0.2), VPN gateway instances (BIRD, 10.0.0.3/.4), NVA 1 (FRR, AS 65001,"
echo "10.0.0.11), NVA 2 (GoBGP, AS 65002, 10.0.0.12); every peer sessions with"
echo "both instances..."
topo_start || { echo "the lab did not come up; logs are in $T_DIR" >&2; exit 1; }
T_PERSIST=$STATE

# Each peer learns every route from both instances; shown is its best path
# (the virtual network's next hop says from which instance).
show_tables() {
	local n
	for n in er vpn1 vpn2 nva1 nva2; do
		printf '\n  %s learned:\n' "$n"
		"tbl_$n" | sed 's/^/    /'
	done
}
topo_settled off || echo "(some peer did not get the expected routes yet)"
echo
echo "=== branch-to-branch OFF (Azure's default)"
vtysh_on rs -c "show bgp route-server"
show_tables

for inst in rs rs2; do
	knob "$inst" on
done
topo_settled on || echo "(some peer did not get the expected routes yet)"
echo
echo "=== branch-to-branch ON (in both instances, vtysh: route-server allow-branch-to-branch)"
show_tables

# Small wrappers to explore the lab.
bin=$T_DIR/bin
mkdir -p "$bin"
# wrapper NAME COMMAND: $bin/NAME runs COMMAND with its arguments.
wrapper() { printf '#!/bin/sh\nexec %s "$@"\n' "$2" >"$bin/$1"; chmod +x "$bin/$1"; }
wrapper rs-vtysh "$RS_VTYSH --vty_socket $T_DIR/rs"
wrapper rs2-vtysh "$RS_VTYSH --vty_socket $T_DIR/rs2"
wrapper nva1-vtysh "$RS_VTYSH --vty_socket $T_DIR/nva1"
wrapper er-gobgp "ip netns exec $(ns_name er) gobgp"
wrapper nva2-gobgp "ip netns exec $(ns_name nva2) gobgp"
wrapper vpn1-birdc "birdc -s $T_DIR/vpn1/bird.ctl"
wrapper vpn2-birdc "birdc -s $T_DIR/vpn2/bird.ctl"
cat <<EOF2

The lab keeps running. Explore it:
  $bin/rs-vtysh                       route server rs (try: show bgp route-server)
  $bin/rs2-vtysh                      route server rs2, the second instance
  $bin/rs-vtysh -c 'configure terminal' -c 'router bgp 65515' -c 'no route-server allow-branch-to-branch'
      (in rs only: the two instances' configurations drift; the compare
      tool below names the difference and exits 1)
  $top/tools/frr-routeserver-compare --vtysh $bin/rs-vtysh $bin/rs2-vtysh
  $bin/nva1-vtysh -c 'show bgp ipv4 unicast'    NVA 1 (FRR)
  $bin/nva2-gobgp global rib                    NVA 2 (GoBGP)
  $bin/er-gobgp global rib                      ExpressRoute gateway (GoBGP)
  $bin/vpn1-birdc show route all                VPN gateway instance 1 (BIRD)
Logs and configs: $T_DIR
Stop it:  bash $top/lab/run.sh stop
EOF2

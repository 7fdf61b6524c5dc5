#!/bin/bash
# Installation test of the Debian package on this machine: install with dpkg,
# enable the module in /etc/frr/daemons, start FRR with Debian's own init
# script (inside a network namespace of our own, with two GoBGP peers in
# theirs), configure the route server through /usr/bin/vtysh, "write
# memory", restart, and check the configuration came back; change the knob
# and a role in frr.conf and apply it with Debian's reload (frrinit.sh reload:
# frr-reload.py --reload), without a session reset; then remove the package
# and check Debian's vtysh is back and frr still starts. The machine's FRR
# configuration is restored at the end.
# usage: test_package.sh PATH/TO/frr-routeserver_VERSION_amd64.deb   (root)
set -u
DEB=$(readlink -f "$1")
BACKUP=$(mktemp -d /tmp/frr-routeserver-pkgtest.XXXXXX)
FRRINIT=/usr/lib/frr/frrinit.sh
# namespaces, GoBGP peers and bounded waits (nothing of the build is used)
RS_BUILDDIR=$BACKUP
T_ID=frspkg$$
source "$(dirname "$0")/../integration/lib.sh"
echo "# target: $("$(dirname "$0")/../target.sh")"

frr_in_ns() { in_ns rs "$FRRINIT" "$@" >>"$BACKUP/init.log" 2>&1; }
bgpd_running() { [ -s /var/run/frr/bgpd.pid ] && kill -0 "$(cat /var/run/frr/bgpd.pid)"; }

had_pkg=$(dpkg-query -W -f='${Status}' frr-routeserver 2>/dev/null | grep -c "ok installed")
cleanup() {
	frr_in_ns stop || true
	[ "$had_pkg" = 1 ] || dpkg -r frr-routeserver >/dev/null 2>&1 || true
	for f in daemons frr.conf vtysh.conf; do
		if [ -e "$BACKUP/$f" ]; then cp -p "$BACKUP/$f" "/etc/frr/$f"; else rm -f "/etc/frr/$f"; fi
	done
	t_cleanup
	rm -rf "$BACKUP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for f in daemons frr.conf vtysh.conf; do
	[ -e "/etc/frr/$f" ] && cp -p "/etc/frr/$f" "$BACKUP/$f"
done
lan_create
node_create rs 10.0.0.1/24
node_create er 10.0.0.2/24
node_create nva 10.0.0.11/24
gobgp_conf 65515 10.0.0.2 10.0.0.1 >"$BACKUP/er.toml"
gobgp_conf 65001 10.0.0.11 10.0.0.1 >"$BACKUP/nva.toml"
start_gobgpd er "$BACKUP/er.toml" || t_log "gobgpd of er did not start"
start_gobgpd nva "$BACKUP/nva.toml" || t_log "gobgpd of nva did not start"
debian_vtysh_md5=$(md5sum /usr/bin/vtysh | cut -d' ' -f1)
# the commands Debian's vtysh knows (its view node; no daemon needed)
debian_commands=$(cd / && vtysh --dryrun -c list 2>&1 | sort)

# --- install ------------------------------------------------------------------
expect_true "dpkg -i installs the package" quietly dpkg -i "$DEB"
expect_eq "Debian's vtysh is diverted" "/usr/bin/vtysh.frr-debian" \
	"$(dpkg-divert --truename /usr/bin/vtysh)"
expect_true "Debian's vtysh kept under its diverted name" test -x /usr/bin/vtysh.frr-debian
expect_true "module installed in FRR's moduledir" \
	test -f /usr/lib/x86_64-linux-gnu/frr/modules/bgpd_routeserver.so
expect_true "man page installed" test -f /usr/share/man/man7/frr-routeserver.7.gz
expect_true "example configuration installed" \
	test -f /usr/share/doc/frr-routeserver/examples/routeserver.conf
expect_true "production example configuration installed" \
	test -f /usr/share/doc/frr-routeserver/examples/routeserver-production.conf
expect_true "/etc/frr/daemons untouched by the package" \
	lacks "$(cat /etc/frr/daemons)" routeserver
expect_eq "the package's vtysh knows Debian's commands and the module's, no others" \
	"$(cat "$(dirname "$0")/vtysh-added-commands.txt")" \
	"$(diff <(echo "$debian_commands") <(cd / && vtysh --dryrun -c list 2>&1 | sort) | grep '^[<>]')"

# --- enable and start with Debian's init script -------------------------------
sed -i -e 's/^bgpd=no/bgpd=yes/' \
	-e 's/^bgpd_options="\(.*\)"/bgpd_options="\1 -M routeserver"/' /etc/frr/daemons
printf 'frr defaults traditional\nhostname pkgtest\nservice integrated-vtysh-config\n!\n' >/etc/frr/frr.conf
chown frr:frr /etc/frr/frr.conf
frr_in_ns start
expect_true "frrinit.sh starts bgpd with the module" wait_until 30 "bgpd running" bgpd_running
expect_true "show modules lists bgpd_routeserver" \
	bash -c 'vtysh -c "show modules" | grep -q bgpd_routeserver'

vtysh -c "configure terminal" -c "router bgp 65515" -c "bgp router-id 10.0.0.1" \
	-c "neighbor 10.0.0.2 remote-as internal" -c "neighbor 10.0.0.11 remote-as 65001" \
	-c "neighbor 10.0.0.2 route-server role expressroute-gateway" \
	-c "neighbor 10.0.0.11 route-server role nva" \
	-c "route-server allow-branch-to-branch" >"$BACKUP/config.out" 2>&1
expect_eq "the package's vtysh configures the module" "" "$(cat "$BACKUP/config.out")"
# the roles, and the neighbor settings they imply (in effect, never saved)
state() {
	rs_json - | jq -c '{allowBranchToBranch, peers: [.peers[] | {neighbor, role, remoteAs}]}'
	vtysh -c "show bgp neighbors json" | jq -cS '[to_entries[] | {(.key):
		(.value.addressFamilyInfo.ipv4Unicast | [.routeReflectorClient, .unchangedNextHopPropogatedToNbr])}] | add'
}
configured=$(expected_json package/configured.json)
expect_eq "configured state" "$configured" "$(state)"
out=$(frr-routeserver-compare --vtysh vtysh vtysh 2>&1)
expect_eq "the installed drift check finds an instance the same as itself" \
	"0: same configuration" "$?: $(tail -n1 <<<"$out")"
expect_true "write memory" quietly vtysh -c "write memory"
expect_true "frr.conf holds the module's lines" grep -q "route-server role nva" /etc/frr/frr.conf
expect_true "frr.conf holds no implied neighbor setting" \
	lacks "$(cat /etc/frr/frr.conf)" "route-reflector-client\|attribute-unchanged"

frr_in_ns stop
frr_in_ns start
expect_true "bgpd back after restart" wait_until 30 "bgpd running" bgpd_running
expect_true "vtysh -b applies frr.conf without error" quietly vtysh -b
expect_eq "configuration came back after restart" "$configured" "$(state)"

# --- reload: the knob off and a role changed in frr.conf ----------------------
up_once='{"10.0.0.11":["Established",1],"10.0.0.2":["Established",1]}'
established() { [ "$(session_counts - state)" = "$up_once" ]; }
expect_true "both GoBGP peers established" wait_until 60 "sessions up" established
sed -i -e '/route-server allow-branch-to-branch/d' \
	-e 's/neighbor 10.0.0.2 route-server role expressroute-gateway/neighbor 10.0.0.2 route-server role vpn-gateway/' \
	/etc/frr/frr.conf
expect_true "frr.conf changed" grep -q "neighbor 10.0.0.2 route-server role vpn-gateway" /etc/frr/frr.conf
expect_true "frrinit.sh reload (frr-reload.py --reload) applies it" frr_in_ns reload
reloaded=$(expected_json package/reloaded.json)
expect_eq "reloaded state: knob off, the new role, its implied settings" "$reloaded" "$(state)"
expect_eq "no session was reset by the reload" "$up_once" "$(session_counts - state)"
expect_true "running-config holds no implied neighbor setting after the reload" \
	lacks "$(running_config -)" "route-reflector-client\|attribute-unchanged"
frr_in_ns stop

# --- remove -------------------------------------------------------------------
expect_true "dpkg -r removes the package" quietly dpkg -r frr-routeserver
expect_eq "diversion removed" "/usr/bin/vtysh" "$(dpkg-divert --truename /usr/bin/vtysh)"
expect_eq "Debian's vtysh is back" "$debian_vtysh_md5" "$(md5sum /usr/bin/vtysh | cut -d' ' -f1)"
expect_true "dpkg verifies frr's files unchanged (conffiles aside)" \
	bash -c '[ -z "$(dpkg -V frr | grep -v " c /etc/")" ]'
sed -i 's/ -M routeserver//' /etc/frr/daemons
grep -v "route-server" /etc/frr/frr.conf >"$BACKUP/frr.conf.plain"
cp "$BACKUP/frr.conf.plain" /etc/frr/frr.conf
frr_in_ns start
expect_true "frr still starts without the package" wait_until 30 "bgpd running" bgpd_running
expect_true "Debian's vtysh rejects the module's commands again" bash -c \
	'vtysh -c "configure terminal" -c "router bgp 65515" -c "route-server allow-branch-to-branch" 2>&1 | grep -q "Unknown command"'

t_done

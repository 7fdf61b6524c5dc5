#!/bin/bash
# Installation test of the Debian package on this machine: install with dpkg,
# enable the module in /etc/frr/daemons, start FRR with Debian's own init
# script (inside a network namespace of our own, with two GoBGP peers in
# theirs), configure the route server through /usr/bin/vtysh, "write
# memory", restart, and check the configuration came back; change the knob
# and a role in frr.conf and apply it with Debian's reload (frrinit.sh reload:
# frr-reload.py --reload), without a session reset. Then an frr update's
# paths ("Updating frr" in the user guide): the start guard (frr.service's
# drop-in as systemd parses it, and bgpd_wrap through Debian's watchfrr.sh)
# lets FRR start with the module built for this frr and refuses it, with one
# line, when the roles would run without it (built for another frr, no -M
# routeserver, the package removed); the apt hook names the rebuild after an
# "apt update" that finds another frr (in a repository of this test's; apt's
# own state untouched), with which apt upgrade keeps frr back and apt
# full-upgrade removes the package (simulated); the package rebuilt by what
# its removal kept (/var/lib/frr-routeserver/frr-routeserver-rebuild)
# installs, and bgpd runs the roles again; frr-routeserver-rebuild --candidate resolves apt's
# candidate and builds for it. Last, the package removed with the roles
# gone: Debian's vtysh is back, frr still starts; purged: the guard is gone.
# The machine's FRR configuration is restored at the end.
# usage: test_package.sh PATH/TO/frr-routeserver_VERSION_amd64.deb   (root)
set -u
DEB=$(readlink -f "$1")
BACKUP=$(mktemp -d /tmp/frr-routeserver-pkgtest.XXXXXX)
FRRINIT=/usr/lib/frr/frrinit.sh
BUILT_FOR=/usr/share/frr-routeserver/frr-version
KIT=/var/lib/frr-routeserver
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
	[ ! -e "$BACKUP/frr-version" ] || cp -p "$BACKUP/frr-version" "$BUILT_FOR" 2>/dev/null || true
	[ "$had_pkg" = 1 ] || dpkg -P frr-routeserver >/dev/null 2>&1 || true
	for f in daemons daemons.conf frr.conf vtysh.conf; do
		if [ -e "$BACKUP/$f" ]; then cp -p "$BACKUP/$f" "/etc/frr/$f"; else rm -f "/etc/frr/$f"; fi
	done
	t_cleanup
	rm -rf "$BACKUP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for f in daemons daemons.conf frr.conf vtysh.conf; do
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
expect_true "man pages installed" test -f /usr/share/man/man7/frr-routeserver.7.gz \
	-a -f /usr/share/man/man1/frr-routeserver-compare.1.gz -a -f /usr/share/man/man8/frr-routeserver-metrics.8.gz \
	-a -f /usr/share/man/man8/frr-routeserver-rebuild.8.gz
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

# --- an frr update: the start guard, installed --------------------------------
# UNIT's command lines of KIND (ExecStartPre, ExecReload) as systemd reads
# them, drop-ins included (systemd is not PID 1 here: its verifier parses the
# unit); and the start guard's exit status and output, as "STATUS: OUTPUT".
unit_commands() {
	# (the dump on stdout, its log lines on stderr, written in between; a
	# heading is "-> KIND:", in systemd 257 "→ KIND:")
	SYSTEMD_LOG_LEVEL=debug systemd-analyze verify "$1" 2>/dev/null |
		awk -v kind="$2:" '/^[[:space:]]*(->|→) / { on = ($2 == kind) }
			on && sub(/^[[:space:]]*Command Line: /, "")'
}
guard_says() {
	local cmd out rc
	cmd=$(unit_commands frr.service ExecStartPre)
	[ -n "$cmd" ] || { echo "no start guard in frr.service"; return; }
	# (word-split as systemd splits it: the line has no quotes)
	out=$($cmd 2>&1)
	rc=$?
	echo "$rc: $out"
}
# one_line_matching PATTERN TEXT: TEXT is one line, and PATTERN matches it whole
one_line_matching() { [ "$(wc -l <<<"$2")" -eq 1 ] && grep -qx -- "$1" <<<"$2"; }
# guard_refuses WHAT PATTERN: the check "WHAT: the guard refuses" that what
# the guard says (guard_says) is one line PATTERN matches
guard_refuses() {
	local out
	out=$(guard_says)
	expect_true "$1: the guard refuses: $out" one_line_matching "$2" "$out"
}
bgpd_stopped() { ! bgpd_running; }
none_exist() {
	local f
	for f in "$@"; do
		[ ! -e "$f" ] || { t_log "$f is still there"; return 1; }
	done
}
frr=$(dpkg-query -W -f='${Version}' frr)
# what the guard says when it refuses, up to its reason; and its advice
refused="1: frr-routeserver: refusing to start FRR: /etc/frr/frr.conf has route-server roles but"
advice="Install frr-routeserver built for frr $frr: frr-routeserver-rebuild"

expect_true "systemd-analyze verify accepts frr.service with the start guard's drop-in" \
	quietly systemd-analyze verify frr.service
guard=/etc/frr-routeserver/start-guard
expect_eq "frr.service runs the start guard before FRR starts" \
	"/bin/bash $guard check" "$(unit_commands frr.service ExecStartPre)"
expect_eq "frr.service reloads (which starts newly enabled daemons) after the guard" \
	"$(printf '/bin/bash %s check\n/usr/lib/frr/frrinit.sh reload' $guard)" "$(unit_commands frr.service ExecReload)"
expect_eq "frr@NAME.service runs it for the pathspace NAME, before a start and a reload" \
	"$(printf '/bin/bash %s check pkgtest\n' "$guard" "$guard"; echo /usr/lib/frr/frrinit.sh reload pkgtest)" \
	"$(unit_commands frr@pkgtest.service ExecStartPre; unit_commands frr@pkgtest.service ExecReload)"
# systemctl revert deletes the drop-ins in /etc/systemd/system: the package's
# own copies under /usr/lib (masked by the same name while both are there)
mv /etc/systemd/system/frr.service.d/frr-routeserver.conf "$BACKUP/dropin"
expect_eq "without the drop-in in /etc (systemctl revert frr), the package's copy guards FRR" \
	"/bin/bash $guard check" "$(unit_commands frr.service ExecStartPre)"
mv "$BACKUP/dropin" /etc/systemd/system/frr.service.d/frr-routeserver.conf
expect_eq "the guard lets FRR start: roles, -M routeserver, the module built for this frr" \
	"0: " "$(guard_says)"
cp -p /etc/frr/daemons "$BACKUP/daemons.module"
sed -i 's/ -M routeserver//' /etc/frr/daemons
out=$(guard_says)
expect_true "without -M routeserver the guard refuses, in one line: $out" \
	one_line_matching "$refused bgpd's options do not load the module .*$advice.*" "$out"
cp -p /etc/frr/frr.conf "$BACKUP/frr.conf.roles"
sed -i 's/^\( *\)neighbor \([^ ]*\) route-server role /\1nei \2 route-s rol /' /etc/frr/frr.conf
guard_refuses "abbreviated role lines (nei X route-s rol nva), which bgpd takes" \
	"$refused bgpd's options do not load the module .*"
grep -v "route-server" "$BACKUP/frr.conf.roles" >/etc/frr/frr.conf
grep -h "^router bgp\|route-server" "$BACKUP/frr.conf.roles" >"$BACKUP/bgpd.conf"
echo "bgpd_options=\"-A 127.0.0.1 -f $BACKUP/bgpd.conf\"" >>/etc/frr/daemons
guard_refuses "roles in the file bgpd's options name (-f FILE)" \
	"1: frr-routeserver: refusing to start FRR: $BACKUP/bgpd.conf has route-server roles but bgpd's options do not load the module .*"
cp -p "$BACKUP/frr.conf.roles" /etc/frr/frr.conf
cp -p "$BACKUP/daemons.module" /etc/frr/daemons
# the old file frrcommon.sh still reads after daemons (and which wins)
echo 'bgpd_options="-A 127.0.0.1"' >/etc/frr/daemons.conf
guard_refuses "bgpd's options without the module in /etc/frr/daemons.conf" \
	"$refused bgpd's options do not load the module .*"
rm /etc/frr/daemons.conf
# bgpd gets what daemon_start's eval makes of the options, read by getopt
printf 'bgpd_options="-A 127.0.0.1\n  -M routeserver"\n' >>/etc/frr/daemons
guard_refuses "-M routeserver on a second line of bgpd_options (the eval runs the first)" \
	"$refused bgpd's options do not load the module .*"
cp -p "$BACKUP/daemons.module" /etc/frr/daemons
echo 'bgpd_options="-A 127.0.0.1 -o -M routeserver"' >>/etc/frr/daemons
guard_refuses "-M as the argument of -o (bgpd's default VRF name)" \
	"$refused bgpd's options do not load the module .*"
cp -p "$BACKUP/daemons.module" /etc/frr/daemons
cp -p "$BUILT_FOR" "$BACKUP/frr-version"
echo "0~other" >"$BUILT_FOR"
out=$(guard_says)
expect_true "with a module built for another frr the guard refuses: $out" \
	one_line_matching "$refused the module is built for frr 0~other, frr $frr is installed; .*$advice.*" "$out"
out=$(frr-routeserver-rebuild --check 2>&1)
rc=$?
expect_true "--check names the rebuild (exit 1): $out" one_line_matching \
	"1: frr-routeserver: the module is built for frr 0~other but frr $frr is installed: .*frr-routeserver-rebuild .*" "$rc: $out"
cp -p "$BACKUP/frr-version" "$BUILT_FOR"
rm "$BACKUP/frr-version"
out=$(frr-routeserver-rebuild --check 2>&1)
rc=$?
expect_eq "--check: built for the installed frr and apt's candidate" \
	"0: frr-routeserver: built for frr $frr, the installed frr and apt's candidate: nothing to do" "$rc: $out"

# Not silent: an "apt update" that finds a newer frr (in a repository of this
# test's; apt's lists and cache under $BACKUP) runs the package's hook.
fake=$BACKUP/apt
mkdir -p "$fake/repo" "$fake/lists/partial" "$fake/cache/archives/partial"
printf 'Package: frr\nVersion: %s+new1\nArchitecture: amd64\nFilename: ./frr.deb\nSize: 1\nDescription: frr\n\n' \
	"$frr" >"$fake/repo/Packages"
echo "deb [trusted=yes] file:$fake/repo ./" >"$fake/sources.list"
printf 'Dir::Etc::SourceList "%s";\nDir::Etc::SourceParts "/nonexistent";\nDir::State::Lists "%s";\nDir::Cache "%s";\n' \
	"$fake/sources.list" "$fake/lists" "$fake/cache" >"$fake/apt.conf"
out=$(APT_CONFIG=$fake/apt.conf apt-get update 2>&1)
rc=$?
expect_eq "apt update succeeds with the hook" 0 "$rc"
expect_true "the hook names the newer frr and the update: $(grep ^frr-routeserver: <<<"$out")" grep -qx \
	"frr-routeserver: apt would install frr $frr+new1, the module is built for frr $frr: apt upgrade and unattended-upgrades keep frr back. Update both at once: frr-routeserver-rebuild --candidate, then apt-get install frr=$frr+new1 .*" \
	<<<"$out"
# what the hook's line and the user guide say apt does with that frr
out=$(APT_CONFIG=$fake/apt.conf apt-get -s upgrade 2>&1)
expect_true "apt upgrade keeps frr back" \
	bash -c "grep -A1 '^The following packages have been kept back:' | grep -qw frr" <<<"$out"
out=$(APT_CONFIG=$fake/apt.conf apt-get -s full-upgrade 2>&1)
expect_true "apt full-upgrade removes frr-routeserver to update frr" \
	bash -c 'grep -q "^Remv frr-routeserver " <<<"$1" && grep -q "^Inst frr .*($2 " <<<"$1"' _ "$out" "$frr+new1"
out=$(APT_CONFIG=$fake/apt.conf frr-routeserver-rebuild --candidate --output "$BACKUP" 2>&1)
expect_true "--candidate builds for apt's candidate frr" \
	grep -qx "frr-routeserver-rebuild: building for frr $frr+new1, apt's candidate (installed: $frr)" <<<"$out"

# --- remove, with the roles in frr.conf ---------------------------------------
out=$(dpkg -r frr-routeserver 2>&1)
rc=$?
expect_eq "dpkg -r removes the package" 0 "$rc"
expect_true "the removal warns that FRR will not start, and how to rebuild: $(grep frr-routeserver: <<<"$out")" \
	grep -q "^frr-routeserver: removed while /etc/frr/frr.conf holds route-server roles: .*$KIT/frr-routeserver-rebuild builds it" <<<"$out"
expect_true "the removal keeps the means to rebuild" \
	test -x "$KIT/frr-routeserver-rebuild" -a -f "$KIT/source.tar.gz"
out=$(APT_CONFIG=$fake/apt.conf apt-get update 2>&1)
expect_true "removed: apt update's hook says FRR will not start, and how to rebuild: $(grep ^frr-routeserver: <<<"$out")" grep -qx \
	"frr-routeserver: frr-routeserver is removed while /etc/frr/frr.conf holds route-server roles: FRR does not start (start-guard) until frr-routeserver built for frr $frr is installed; build it with $KIT/frr-routeserver-rebuild .*" \
	<<<"$out"
expect_eq "diversion removed" "/usr/bin/vtysh" "$(dpkg-divert --truename /usr/bin/vtysh)"
expect_eq "Debian's vtysh is back" "$debian_vtysh_md5" "$(md5sum /usr/bin/vtysh | cut -d' ' -f1)"
expect_true "dpkg verifies frr's files unchanged (conffiles aside)" \
	bash -c '[ -z "$(dpkg -V frr | grep -v " c /etc/")" ]'
out=$(guard_says)
expect_true "removed: the guard refuses FRR, in one line: $out" \
	one_line_matching "$refused the module is not installed .*$advice (once the package is removed: $KIT/frr-routeserver-rebuild).*" "$out"
# without systemd: Debian's scripts start bgpd through bgpd_wrap (as
# watchfrr does)
echo 'bgpd_wrap="/bin/bash /etc/frr-routeserver/start-guard exec"' >>/etc/frr/daemons
sed -i 's/ -M routeserver//' /etc/frr/daemons
out=$(in_ns rs /usr/lib/frr/watchfrr.sh start bgpd 2>&1)
expect_true "bgpd_wrap: the guard refuses bgpd: $(grep frr-routeserver: <<<"$out")" \
	grep -qx "frr-routeserver: refusing to start bgpd: /etc/frr/frr.conf has route-server roles but the module is not installed .*" <<<"$out"
expect_true "bgpd did not start" bgpd_stopped
cp -p "$BACKUP/daemons.module" /etc/frr/daemons
echo 'bgpd_wrap="/bin/bash /etc/frr-routeserver/start-guard exec"' >>/etc/frr/daemons

# --- rebuild with what the removal kept, reinstall ---------------------------
t0=$SECONDS
deb=$("$KIT/frr-routeserver-rebuild" --output "$BACKUP/rebuilt" 2>"$BACKUP/rebuild.log" | tail -n1)
t_log "rebuild for the installed frr: $((SECONDS - t0)) s"
expect_eq "the kept frr-routeserver-rebuild builds for the installed frr" \
	"$BACKUP/rebuilt/frr-routeserver_$(dpkg-deb -f "$DEB" Version)+frr${frr//-/.}_amd64.deb" "$deb"
expect_eq "the rebuilt package depends on the installed frr" "frr (= $frr)" \
	"$(dpkg-deb -f "$deb" Depends 2>&1 | cut -d, -f1)"
expect_true "apt-get installs the rebuilt package" \
	quietly apt-get install -y -q "$deb"
expect_true "installing it drops what the removal kept" test ! -e "$KIT"
expect_eq "the guard lets FRR start again" "0: " "$(guard_says)"
frr_in_ns start
expect_true "frrinit.sh starts bgpd through the guard (bgpd_wrap)" wait_until 30 "bgpd running" bgpd_running
expect_true "show modules lists bgpd_routeserver" \
	bash -c 'vtysh -c "show modules" | grep -q bgpd_routeserver'
expect_eq "bgpd runs the roles of frr.conf again" "$reloaded" "$(state)"
frr_in_ns stop

# --- rebuild for apt's candidate (here the installed frr) ---------------------
cand=$(apt-cache policy frr | sed -n 's/^ *Candidate: //p')
t0=$SECONDS
deb=$(frr-routeserver-rebuild --candidate --output "$BACKUP/candidate" 2>"$BACKUP/rebuild.log" | tail -n1)
t_log "rebuild for apt's candidate frr: $((SECONDS - t0)) s"
expect_true "--candidate builds for apt's candidate, frr $cand" \
	grep -qx "frr-routeserver-rebuild: building for frr $cand, apt's candidate (installed: $frr)" "$BACKUP/rebuild.log"
expect_eq "its package depends on frr $cand" "frr (= $cand)" "$(dpkg-deb -f "$deb" Depends 2>&1 | cut -d, -f1)"
expect_true "dpkg installs it" quietly dpkg -i "$deb"
frr_in_ns start
expect_true "bgpd starts with its module" wait_until 30 "bgpd running" bgpd_running
expect_eq "bgpd runs the roles with it" "$reloaded" "$(state)"
frr_in_ns stop

# --- remove and purge, without the roles --------------------------------------
expect_true "dpkg -r removes the package" quietly dpkg -r frr-routeserver
expect_eq "diversion removed" "/usr/bin/vtysh" "$(dpkg-divert --truename /usr/bin/vtysh)"
expect_eq "Debian's vtysh is back" "$debian_vtysh_md5" "$(md5sum /usr/bin/vtysh | cut -d' ' -f1)"
sed -i -e 's/ -M routeserver//' -e '/^bgpd_wrap=/d' /etc/frr/daemons
grep -v "route-server" /etc/frr/frr.conf >"$BACKUP/frr.conf.plain"
cp "$BACKUP/frr.conf.plain" /etc/frr/frr.conf
expect_eq "without the roles the guard lets FRR start" "0: " "$(guard_says)"
frr_in_ns start
expect_true "frr still starts without the package" wait_until 30 "bgpd running" bgpd_running
expect_true "Debian's vtysh rejects the module's commands again" bash -c \
	'vtysh -c "configure terminal" -c "router bgp 65515" -c "route-server allow-branch-to-branch" 2>&1 | grep -q "Unknown command"'
frr_in_ns stop
expect_true "dpkg -P purges it" quietly dpkg -P frr-routeserver
expect_true "purged: no start guard, drop-ins, apt hook or kept rebuild" none_exist \
	/etc/frr-routeserver /etc/systemd/system/frr.service.d/frr-routeserver.conf \
	/etc/systemd/system/frr@.service.d/frr-routeserver.conf /etc/apt/apt.conf.d/50frr-routeserver "$KIT"

t_done

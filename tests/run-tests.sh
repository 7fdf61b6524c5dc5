#!/bin/bash
# Runs the integration tests (root: they create network namespaces), N at
# once: each test lives in namespaces of its own (T_ID), so they run side by
# side. A test's output is kept in its own log and printed whole when it
# ends, never interleaved with another's; the last line is "N passed, N
# failed" (a test, its cleanup and under valgrind its valgrind logs each
# count once). The cmocka unit tests are automake's TESTS ("make check-unit").
#   --valgrind: the route server's bgpd (the one with the module) under
#               valgrind's memcheck; a test fails when valgrind reports any
#               error. Tests that start no bgpd are left out
#               (VALGRIND_NEEDLESS).
#   --jobs N:   tests at once (default: from the machine's cores and memory;
#               RS_JOBS in the environment does the same)
#   --slots DIR: a pool of slot files (DIR/slot.*) shared with another
#               runner (the other target's, tests/check.sh; RS_SLOTS does
#               the same): a test holds one slot, two under valgrind, while
#               it runs, so that both together never run more than the pool
#   NAME...:    only the tests whose file name contains one of the NAMEs
set -u

builddir=$(pwd)
srcdir=$(cd "$(dirname "$0")/.." && pwd)
only=()
valgrind=
jobs=${RS_JOBS:-}
slots=${RS_SLOTS:-}
while [ $# -gt 0 ]; do
	case "$1" in
	--valgrind) valgrind=1; shift ;;
	--builddir) builddir=$2; shift 2 ;;
	--srcdir) srcdir=$2; shift 2 ;;
	--jobs) jobs=$2; shift 2 ;;
	--slots) slots=$2; shift 2 ;;
	*) only+=("$1"); shift ;;
	esac
done
target=$("$srcdir/tests/target.sh")

# Tests that start no bgpd: nothing for valgrind to see.
VALGRIND_NEEDLESS=(test_configure)
# Started first, the longest (the run takes as long as its longest test).
SLOW_FIRST=(test_model test_limits test_ha test_tamper test_badinput test_config)

# default_jobs: most tests wait on BGP timers, so twice the cores; under
# valgrind every bgpd is CPU-bound, so the cores plus one. A test takes up to
# about 1 GiB (2 under valgrind): never more at once than memory holds.
default_jobs() {
	local cores mem_gib per n
	cores=$(nproc)
	mem_gib=$(awk '/^MemAvailable:/ { print int($2 / 1048576) }' /proc/meminfo)
	if [ -n "$valgrind" ]; then n=$((cores + 1)) per=2; else n=$((cores * 2)) per=1; fi
	[ $((mem_gib / per)) -ge "$n" ] || n=$((mem_gib / per))
	[ "$n" -ge 1 ] || n=1
	echo "$n"
}
weight=1
[ -z "$valgrind" ] || weight=2
if [ -n "$slots" ]; then
	n=$(find "$slots" -maxdepth 1 -name 'slot.*' | wc -l)
	[ "$n" -ge "$weight" ] || { echo "$slots: fewer than $weight slots" >&2; exit 1; }
	[ -n "$jobs" ] || jobs=$((n / weight))
fi
[ -n "$jobs" ] || jobs=$(default_jobs)

# take_slots: holds $weight slots of the pool (fds 7 and 8) or none; waits
# (up to an hour, a test's timeout times three) for them to be free at once.
take_slots() {
	local i f fd taken
	[ -n "$slots" ] || return 0
	for ((i = 0; i < 3600; i++)); do
		taken=0
		for f in "$slots"/slot.*; do
			fd=$((7 + taken))
			eval "exec $fd>>\"\$f\""
			if flock -n "$fd"; then
				taken=$((taken + 1))
				[ "$taken" -lt "$weight" ] || return 0
			else
				eval "exec $fd>&-"
			fi
		done
		exec 7>&- 8>&-
		sleep 1
	done
	return 1
}

selected() {
	local name=$1 o
	if [ -n "$valgrind" ]; then
		for o in "${VALGRIND_NEEDLESS[@]}"; do [ "$name" != "$o" ] || return 1; done
	fi
	[ ${#only[@]} -eq 0 ] && return 0
	for o in "${only[@]}"; do
		[[ "$name" == *"$o"* ]] && return 0
	done
	return 1
}

# the tests in the order they start: the slow ones first, then by name
tests=()
for name in "${SLOW_FIRST[@]}" $(cd "$srcdir/tests/integration" && ls test_*.sh | sed 's/\.sh$//'); do
	[[ " ${tests[*]} " == *" $name "* ]] || ! selected "$name" || tests+=("$name")
done

if [ "$(id -u)" -ne 0 ]; then
	echo "integration tests need root (network namespaces)" >&2
	echo "0 passed, 1 failed"
	exit 1
fi

work=$(mktemp -d /tmp/frr-routeserver-run.XXXXXX)
logdir=$builddir/tests/integration-logs$([ -z "$valgrind" ] || echo -valgrind)
rm -rf "$logdir"
mkdir -p "$logdir"
trap 'rm -rf "$work"' EXIT

if [ -n "$valgrind" ]; then
	# The route server's bgpd (the one with the module; the peers' bgpd is
	# Debian's own and runs without valgrind): one log per process in the
	# test's own RS_VG_DIR, named by node (vg.NODE.PID, the node from the
	# config file's directory); definite leaks count as errors, but for
	# bgpd's own (tests/valgrind/bgpd.supp).
	cat >"$work/bgpd" <<-WRAPPER
		#!/bin/sh
		node=bgpd prev=
		for a; do [ "\$prev" != -f ] || node=\$(basename "\$(dirname "\$a")"); prev=\$a; done
		exec valgrind -q --leak-check=full --show-leak-kinds=definite \\
			--errors-for-leak-kinds=definite --suppressions=$srcdir/tests/valgrind/bgpd.supp \\
			--log-file="\$RS_VG_DIR/vg.\$node.%p" /usr/lib/frr/bgpd "\$@"
	WRAPPER
	chmod +x "$work/bgpd"
fi

# leftovers_none T_ID: no namespace or daemon of that test is left.
leftovers_none() {
	local ns procs
	ns=$(ip netns list | awk -v p="$1-" 'index($1, p) == 1 { print $1 }')
	procs=$(pgrep -af "/tmp/frr-routeserver-$1\\." || true)
	[ -z "$ns$procs" ] && return 0
	echo "left behind: $ns $procs"
	return 1
}

# valgrind_clean DIR: no valgrind report of any bgpd of the test: every
# error counts, definite leaks too.
valgrind_clean() {
	local f bad=0
	for f in "$1"/vg.*; do
		[ -s "$f" ] || continue
		echo "# valgrind report $(basename "$f") (vg.NODE.PID):"
		cat "$f"
		bad=1
	done
	return $bad
}

# run_one INDEX NAME WAITED: one test and its checks, holding the slots
# the runner took for it (fds 7 and 8; WAITED: seconds it waited for them,
# -1 when it got none); output to its log, one line "ok NAME" or "FAILED
# NAME" per check to $work/INDEX.result.
run_one() {
	local name=$2 tid="frs$$x$1" res=$work/$1.result vg=$work/vg.$1 t0=$SECONDS waited=$3 rc r
	mkdir -p "$vg"
	{
		echo "=== [$target] integration/$name"
		if [ "$waited" -ge 0 ]; then
			env RS_BUILDDIR="$builddir" RS_SRCDIR="$srcdir" T_ID="$tid" RS_VG_DIR="$vg" \
				${valgrind:+RS_BGPD=$work/bgpd RS_VALGRIND=1} \
				timeout --kill-after=10 1200 bash "$srcdir/tests/integration/$name.sh" </dev/null 7>&- 8>&-
			rc=$?
		else
			echo "not ok - no free slot in $slots for an hour"
			rc=1
		fi
		exec 7>&- 8>&-
		echo "$([ $rc -eq 0 ] && echo ok || echo FAILED) integration/$name" >>"$res"
		# every test must clean up after itself, also when it fails
		if leftovers_none "$tid"; then r=ok; else r=FAILED; fi
		echo "$r integration/$name: cleaned up" >>"$res"
		if [ -n "$valgrind" ]; then
			if valgrind_clean "$vg"; then r=ok; else r=FAILED; fi
			echo "$r integration/$name: valgrind clean" >>"$res"
		fi
		echo "--- [$target] integration/$name: $(grep -c '^FAILED' "$res") failed, $((SECONDS - t0)) s${slots:+ (after $waited s waiting for a slot)}"
	} >"$logdir/$name.log" 2>&1
}

echo "# [$target] ${#tests[@]} integration tests$([ -z "$valgrind" ] || echo " under valgrind"), $jobs at once; logs in $logdir"
declare -A running=()
next=0
while [ "$next" -lt ${#tests[@]} ] || [ ${#running[@]} -gt 0 ]; do
	while [ "$next" -lt ${#tests[@]} ] && [ ${#running[@]} -lt "$jobs" ]; do
		# the slots are taken here, in the tests' order, and handed over:
		# a flock lasts while any copy of its descriptor is open
		t0=$SECONDS
		take_slots && waited=$((SECONDS - t0)) || waited=-1
		run_one "$next" "${tests[$next]}" "$waited" &
		exec 7>&- 8>&-
		running[$!]=$next
		next=$((next + 1))
	done
	done_pid=
	wait -n -p done_pid "${!running[@]}" 2>/dev/null
	# bash 5.2 can drop a job that ended from its table ("no such job"), and
	# then never names it: the one no longer alive is the one that ended
	if [ -z "$done_pid" ]; then
		for pid in "${!running[@]}"; do
			kill -0 "$pid" 2>/dev/null || { done_pid=$pid; break; }
		done
		[ -n "$done_pid" ] || { sleep 1; continue; }
	fi
	cat "$logdir/${tests[${running[$done_pid]}]}.log"
	unset "running[$done_pid]"
done

passed=$(cat "$work"/*.result 2>/dev/null | grep -c '^ok ')
failed=$(cat "$work"/*.result 2>/dev/null | grep -c '^FAILED ')
missing=0
for i in "${!tests[@]}"; do
	[ -s "$work/$i.result" ] || { echo "FAILED integration/${tests[$i]}: no result"; missing=$((missing + 1)); }
done
grep -h '^FAILED ' "$work"/*.result 2>/dev/null | sed "s/^FAILED /FAILED: [$target] /"
failed=$((failed + missing))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/bin/bash
# Runs the whole suite: cmocka unit tests, then the integration tests (root:
# they create network namespaces). Everything is printed as it runs; the
# last line is "N passed, N failed".
#   --valgrind: integration tests only, every bgpd under valgrind's memcheck;
#               a test fails when valgrind reports any error.
set -u

builddir=$(pwd)
srcdir=$(cd "$(dirname "$0")/.." && pwd)
only=()
valgrind=
while [ $# -gt 0 ]; do
	case "$1" in
	--valgrind) valgrind=1; shift ;;
	--builddir) builddir=$2; shift 2 ;;
	--srcdir) srcdir=$2; shift 2 ;;
	*) only+=("$1"); shift ;;
	esac
done

passed=0
failed=0
failures=()
target=$("$srcdir/tests/target.sh")

run() {
	local name=$1
	shift
	echo "=== [$target] $name"
	if "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failures+=("$name")
	fi
}

selected() {
	[ ${#only[@]} -eq 0 ] && return 0
	local o
	for o in "${only[@]}"; do
		[[ "$1" == *"$o"* ]] && return 0
	done
	return 1
}

# Namespaces and daemons of the integration tests (lib.sh names them frs<PID>).
leftovers_none() {
	local ns procs
	ns=$(ip netns list | awk '$1 ~ /^frs[0-9]+-/ {print $1}')
	procs=$(pgrep -af "/tmp/frr-routeserver-frs[0-9]" || true)
	[ -z "$ns$procs" ] && return 0
	echo "left behind: $ns $procs"
	return 1
}

vg_dir=
if [ -n "$valgrind" ]; then
	vg_dir=$(mktemp -d /tmp/frr-routeserver-valgrind.XXXXXX)
	trap 'rm -rf "$vg_dir"' EXIT
	# one log per process (valgrind's %p); definite leaks count as errors,
	# but for bgpd's own (tests/valgrind/bgpd.supp)
	printf '#!/bin/sh\nexec valgrind -q --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite --suppressions=%s --log-file=%s/vg.%%p /usr/lib/frr/bgpd "$@"\n' \
		"$srcdir/tests/valgrind/bgpd.supp" "$vg_dir" >"$vg_dir/bgpd"
	chmod +x "$vg_dir/bgpd"
	export BGPD=$vg_dir/bgpd RS_VALGRIND=1
fi

# No valgrind report of any bgpd of the last test: every error counts,
# definite leaks too (bgpd's own, reproduced without the module, are
# suppressed by name in tests/valgrind/bgpd.supp).
valgrind_clean() {
	local f bad=0
	for f in "$vg_dir"/vg.*; do
		[ -s "$f" ] || continue
		cat "$f"
		bad=1
	done
	rm -f "$vg_dir"/vg.*
	return $bad
}

for t in "$builddir"/tests/unit/test_*; do
	[ -x "$t" ] && [ -z "$valgrind" ] || continue
	selected "$(basename "$t")" || continue
	run "unit/$(basename "$t")" "$t"
done

if [ "$(id -u)" -ne 0 ]; then
	echo "integration tests need root (network namespaces)" >&2
	failed=$((failed + 1))
	failures+=("integration (not root)")
else
	for t in "$srcdir"/tests/integration/test_*.sh; do
		selected "$(basename "$t")" || continue
		run "integration/$(basename "$t" .sh)" \
			env RS_BUILDDIR="$builddir" RS_SRCDIR="$srcdir" \
			timeout --kill-after=10 1200 bash "$t"
		# every test must clean up after itself, also when it fails
		run "integration/$(basename "$t" .sh): cleaned up" leftovers_none
		[ -z "$valgrind" ] ||
			run "integration/$(basename "$t" .sh): valgrind clean" valgrind_clean
	done
fi

for f in "${failures[@]}"; do
	echo "FAILED: [$target] $f"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/bin/bash
# Formats the project's C code with FRR's own .clang-format (from the prepared
# FRR tree). --check: change nothing, fail and list files that differ.
# usage: tools/format.sh [--check] FRR_TREE
set -euo pipefail
check=
[ "${1:-}" = --check ] && { check=1; shift; }
style="$1/.clang-format"
[ -f "$style" ] || { echo "no $style" >&2; exit 2; }
cd "$(dirname "$0")/.."
bad=0
for f in frr-module/*/*.[ch] include/routeserver/*.h tests/unit/*.c; do
	if [ -n "$check" ]; then
		clang-format --style="file:$style" "$f" | cmp -s - "$f" ||
			{ echo "not formatted: $f"; bad=1; }
	else
		clang-format -i --style="file:$style" "$f"
	fi
done
exit $bad

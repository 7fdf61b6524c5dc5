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
# The reference is Debian 12's clang-format 14 with FRR 8.4's style: newer
# clang-formats (Debian 13's 19) lay out some constructs differently, so the
# check runs where the reference is (CI runs both targets in one run).
if [ -n "$check" ] && ! clang-format --version | grep -q "version 14\."; then
	echo "format check: skipped here ($(clang-format --version | sed 's/ *(.*//')); it runs with Debian 12's clang-format 14"
	exit 0
fi
bad=0
for f in frr-module/*/*.[ch] include/routeserver/*.h tests/unit/*.c tests/model/*.c; do
	if [ -n "$check" ]; then
		clang-format --style="file:$style" "$f" | cmp -s - "$f" ||
			{ echo "not formatted: $f"; bad=1; }
	else
		clang-format -i --style="file:$style" "$f"
	fi
done
exit $bad

#!/bin/sh
# The decision-table printer (tests/model/decision_table, built from the
# core) against its golden file, tests/model/decision_table.expected: the
# verdicts, the weights of the routing preferences, and for a prefix learned
# from two or three kinds of source which one each destination role gets
# (issue 20). A change to the core's policy shows here as a diff; when it is
# meant, regenerate the file:
#   _build/tests/model/decision_table >tests/model/decision_table.expected
# Prints TAP (automake's test harness, "make check-unit"; srcdir from it).
srcdir=${srcdir:-.}
echo "1..1"
if out=$(tests/model/decision_table | diff -u "$srcdir/tests/model/decision_table.expected" - 2>&1); then
	echo "ok 1 - the decision table printed from the core is the golden file's"
else
	echo "not ok 1 - the decision table printed from the core is the golden file's"
	echo "$out" | sed 's/^/# /'
	exit 1
fi

#!/bin/bash
# Sets everything up (tools/setup.sh) and runs the whole test suite: cmocka
# unit tests, the integration tests (root, network namespaces), then the
# Debian package's installation test (builds the .deb, installs, removes it,
# and restores this machine's FRR configuration) and the integration tests
# under valgrind.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=$("$top/tools/setup.sh" | tail -n1)
status=0
make -s --no-print-directory -C "$builddir" check-package || status=1
make -s --no-print-directory -C "$builddir" check-valgrind || status=1
make -s --no-print-directory -C "$builddir" check || status=1
exit $status

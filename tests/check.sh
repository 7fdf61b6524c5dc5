#!/bin/bash
# Sets everything up (tools/setup.sh) and runs the whole test suite: cmocka
# unit tests and the integration tests (root, network namespaces).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
builddir=$("$top/tools/setup.sh" | tail -n1)
make -s --no-print-directory -C "$builddir" check

#!/bin/bash
# Regenerates configure and Makefile.in when missing or older than
# configure.ac / Makefile.am. tools/debian13.sh runs it here before entering
# the Debian 13 root, so the root's build never reruns autotools (its
# automake differs from Debian 12's and would regenerate for both).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x configure ] || [ configure.ac -nt configure ] || [ Makefile.am -nt Makefile.in ]; then
	echo "autogen: autoreconf" >&2
	autoreconf -fi >&2
fi

#!/bin/bash
# The benchmark's plot: wall time and route-server CPU against the prefix
# count, from bench/run.sh's CSV. Installs Debian's python3-matplotlib when
# it is missing (root).
#   bench/plot.sh [CSV [PNG]]   (default bench/results.csv bench/results.png)
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
csv=${1:-$bench/results.csv}
png=${2:-$bench/results.png}
# Debian's python3 (a python3 of its own earlier in PATH lacks Debian's modules)
if ! /usr/bin/python3 -c 'import matplotlib' 2>/dev/null; then
	apt-get install -y python3-matplotlib >&2
fi
/usr/bin/python3 "$bench/results.py" plot "$csv" "$png"
echo "$png"

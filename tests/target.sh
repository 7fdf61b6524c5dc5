#!/bin/sh
# Names the target this machine is, for test output: "debian12 frr 8.4.4-1.1~deb12u2".
. /etc/os-release
echo "debian$VERSION_ID frr $(dpkg-query -W -f='${Version}' frr)"

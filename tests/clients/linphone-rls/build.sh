#!/usr/bin/env bash
# Builds rls_client against Debian's liblinphone (apt-get install -y liblinphone-dev gcc pkg-config).
# Usage: build.sh [OUTPUT]   (default: rls_client beside this script). Prints the binary's path.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/rls_client}
for tool in gcc pkg-config; do
  command -v "$tool" >/dev/null || { echo "build.sh: $tool missing (apt-get install -y gcc pkg-config liblinphone-dev)" >&2; exit 3; }
done
pkg-config --exists linphone || { echo "build.sh: liblinphone-dev missing (apt-get install -y liblinphone-dev)" >&2; exit 3; }
# Debian's linphone.pc (5.1.65) has an empty Libs: line, so -llinphone is named here; its Requires bring
# belle-sip, mediastreamer, ortp and bctoolbox.
# shellcheck disable=SC2046
gcc -std=gnu11 -O1 -g -Wall -Wno-deprecated-declarations -o "$out" "$here/rls_client.c" \
  $(pkg-config --cflags linphone) -llinphone $(pkg-config --libs linphone)
echo "$out"

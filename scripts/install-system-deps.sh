#!/usr/bin/env bash
# Installs the Debian packages the tests and the local topology need, only when missing.
# Usage: scripts/install-system-deps.sh [browser] [servers] [images]
set -euo pipefail
want=()
with_recommends=()  # podman needs its recommended helpers (conmon, netavark, fuse-overlayfs, catatonit)
for group in "$@"; do
  case "$group" in
    browser) command -v chromium >/dev/null || want+=(chromium); command -v chromedriver >/dev/null || want+=(chromium-driver) ;;
    servers) [ -x /usr/lib/postgresql/*/bin/postgres ] 2>/dev/null || want+=(postgresql)
             command -v redis-server >/dev/null || want+=(redis-server)
             command -v nginx >/dev/null || want+=(nginx)
             command -v openssl >/dev/null || want+=(openssl)
             command -v curl >/dev/null || want+=(curl) ;;
    images) command -v podman >/dev/null || with_recommends+=(podman)
            [ -x /usr/sbin/runc ] || with_recommends+=(runc)
            command -v mmdebstrap >/dev/null || with_recommends+=(mmdebstrap) ;;
    *) echo "error: unknown group '$group' (use: browser, servers, images)" >&2; exit 2 ;;
  esac
done
[ $((${#want[@]} + ${#with_recommends[@]})) -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then echo "error: need root to apt-get install ${want[*]} ${with_recommends[*]}" >&2; exit 1; fi
echo "installing Debian packages: ${want[*]} ${with_recommends[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
[ ${#want[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
[ ${#with_recommends[@]} -eq 0 ] || apt-get install -y -qq "${with_recommends[@]}" >/dev/null

#!/usr/bin/env bash
# Installs the Debian packages the tests and the local topology need, only when missing.
# Usage: scripts/install-system-deps.sh [browser] [servers]
set -euo pipefail
want=()
for group in "$@"; do
  case "$group" in
    browser) command -v chromium >/dev/null || want+=(chromium); command -v chromedriver >/dev/null || want+=(chromium-driver) ;;
    servers) [ -x /usr/lib/postgresql/*/bin/postgres ] 2>/dev/null || want+=(postgresql)
             command -v redis-server >/dev/null || want+=(redis-server)
             command -v nginx >/dev/null || want+=(nginx)
             command -v openssl >/dev/null || want+=(openssl)
             command -v curl >/dev/null || want+=(curl) ;;
    *) echo "error: unknown group '$group' (use: browser, servers)" >&2; exit 2 ;;
  esac
done
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then echo "error: need root to apt-get install ${want[*]}" >&2; exit 1; fi
echo "installing Debian packages: ${want[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null

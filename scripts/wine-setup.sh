#!/usr/bin/env bash
# Debian's Wine, for the Windows part of `npm run test:sea` (test/sea/): installs the package wine64
# with apt-get when it is missing (as root, or with password-less sudo), and a Wine prefix that
# reports Windows 10 (Node 22 refuses to start on the Windows 7 Wine reports by default), in
# ${NIANBAO_SEA_CACHE:-~/.cache/nianbao-sea}/wine, outside the repository.
# On success the last line of stdout is `NIANBAO_WINE=<wine64>`; the prefix is
# `NIANBAO_WINEPREFIX=<dir>` on the line before. On failure it says why and exits non-zero (the test
# then skips the Wine part and prints that reason).
set -euo pipefail

CACHE="${NIANBAO_SEA_CACHE:-$HOME/.cache/nianbao-sea}"
PREFIX="$CACHE/wine"

say() { printf 'wine-setup: %s\n' "$*" >&2; }
fail() {
  printf 'wine-setup: %s\n' "$*" >&2
  exit 1
}

find_wine() {
  for candidate in "$(command -v wine64 || true)" /usr/lib/wine/wine64 "$(command -v wine || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

if ! WINE="$(find_wine)"; then
  command -v apt-get >/dev/null 2>&1 || fail "Wine is not installed and there is no apt-get (install Wine with the system's package manager)"
  if [ "$(id -u)" = 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n)
  else
    fail "Wine is not installed (as root: apt-get install -y --no-install-recommends wine64)"
  fi
  mkdir -p "$CACHE"
  say "installing Debian's wine64 with apt-get (log: $CACHE/wine-apt.log)"
  export DEBIAN_FRONTEND=noninteractive
  if ! { timeout 300 "${SUDO[@]}" apt-get update && timeout 900 "${SUDO[@]}" apt-get install -y --no-install-recommends wine64; } >"$CACHE/wine-apt.log" 2>&1; then
    tail -n 15 "$CACHE/wine-apt.log" | sed 's/^/wine-setup:   | /' >&2
    fail "apt-get install wine64 failed (log: $CACHE/wine-apt.log)"
  fi
  WINE="$(find_wine)" || fail "wine64 was installed but no wine64 executable was found"
fi

WINESERVER="$(dirname "$WINE")/wineserver64"
[ -x "$WINESERVER" ] || WINESERVER="$(command -v wineserver || true)"
export WINEPREFIX="$PREFIX" WINEDEBUG=-all
mkdir -p "$CACHE"
exec 9>"$CACHE/.wine.lock"
if command -v flock >/dev/null 2>&1; then
  flock -w 300 9 || fail "another setup holds $CACHE/.wine.lock"
fi
if [ ! -f "$PREFIX/.nianbao-win10" ]; then
  say "creating the Wine prefix $PREFIX (Windows 10)"
  rm -rf "$PREFIX"
  timeout 300 "$WINE" wineboot --init >"$CACHE/wine-prefix.log" 2>&1 || fail "wineboot could not create the prefix (log: $CACHE/wine-prefix.log)"
  timeout 120 "$WINE" winecfg -v win10 >>"$CACHE/wine-prefix.log" 2>&1 || fail "winecfg -v win10 failed (log: $CACHE/wine-prefix.log)"
  # The prefix is complete once its wineserver has written the registry and exited.
  if [ -n "$WINESERVER" ]; then timeout 120 "$WINESERVER" -w || true; fi
  touch "$PREFIX/.nianbao-win10"
fi
echo "NIANBAO_WINEPREFIX=$PREFIX"
echo "NIANBAO_WINE=$WINE"

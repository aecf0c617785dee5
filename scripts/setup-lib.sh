# Shared by scripts/e2e-setup.sh and scripts/web-setup.sh (sourced, not run): messages, logged
# steps, the cache outside the repository, and the Debian packages a browser test needs (apt-get
# only when one is missing). The caller sets SETUP_NAME (the prefix of messages).

say() { printf '%s: %s\n' "$SETUP_NAME" "$*" >&2; }
fail() {
  printf '%s: FAILED: %s\n' "$SETUP_NAME" "$1" >&2
  shift
  for line in "$@"; do printf '%s:   %s\n' "$SETUP_NAME" "$line" >&2; done
  exit 1
}
# Runs a step with its output in a log; on failure prints the log's tail and the message.
step() {
  local what="$1" log="$2"
  shift 2
  if ! "$@" >"$log" 2>&1; then
    tail -n 25 "$log" | sed "s/^/$SETUP_NAME:   | /" >&2
    fail "$what" "full log: $log"
  fi
}

# ensure_debian_packages PKG…: installs the missing ones (as root, or with passwordless sudo);
# then CHROMIUM is Debian's Chromium and a CJK font is known (screenshots would show boxes).
ensure_debian_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$pkg"); fi
  done
  if ((${#missing[@]})); then
    command -v apt-get >/dev/null 2>&1 ||
      fail "Debian packages missing and there is no apt-get: ${missing[*]}" "install them with the system's package manager"
    local sudo=()
    if [ "$(id -u)" != 0 ]; then
      if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo=(sudo -n)
      else
        fail "Debian packages missing: ${missing[*]}" "run as root: apt-get update && apt-get install -y ${missing[*]}"
      fi
    fi
    say "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    step "Debian packages missing (${missing[*]}) and apt-get update failed" "$CACHE/apt-update.log" timeout 300 "${sudo[@]}" apt-get update
    step "Debian packages missing (${missing[*]}) and apt-get install failed" "$CACHE/apt-install.log" timeout 600 "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
  fi
  CHROMIUM="$(command -v chromium || true)"
  [ -x "$CHROMIUM" ] || fail "no chromium executable on PATH although the package is installed" "reinstall it: apt-get install --reinstall chromium"
  if command -v fc-list >/dev/null 2>&1 && ! fc-list :lang=zh family | grep -q .; then
    fail "no CJK font is known to fontconfig (screenshots would show boxes)" "apt-get install -y fonts-wqy-microhei && fc-cache -f"
  fi
}

# open_cache DIR VARIABLE SECONDS: CACHE is DIR made absolute, outside the repository (VARIABLE
# names the setting that moves it), created, and locked for this setup (one at a time per cache:
# two CI jobs on one machine, or a run started twice), waiting at most SECONDS for another.
open_cache() {
  local repo
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
  CACHE="$(realpath -m "$1")"
  case "$CACHE/" in
    "$repo/"*) fail "the cache $CACHE is inside the repository" "set $2 to a directory outside it" ;;
  esac
  mkdir -p "$CACHE" || fail "cannot create the cache directory $CACHE" "set $2 to a writable directory"
  exec 9>"$CACHE/.lock"
  if command -v flock >/dev/null 2>&1; then
    flock -w "$3" 9 || fail "another $SETUP_NAME holds $CACHE/.lock for more than $(($3 / 60)) minutes"
  fi
}

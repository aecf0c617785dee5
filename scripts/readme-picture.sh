#!/usr/bin/env bash
# Remakes docs/images/export-table3.png, the picture of an exported 表三 in the README: the HTML
# export of the clean 2021 rule fixture, cut to section 三, taken by headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
node bin/nianbao.js export --to html test/fixtures/rules/_base/base-2021.md -o "$work/report.html" >/dev/null
python3 - "$work/report.html" "$work/table3.html" <<'PY'
import sys
s = open(sys.argv[1], encoding='utf-8').read()
head = s[:s.index('<body')]
body = s[s.index('<h2>三、'):s.index('<h2>四、')]
open(sys.argv[2], 'w', encoding='utf-8').write(head + '<body style="margin:16px;width:1000px">' + body + '</body></html>')
PY
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" --hide-scrollbars \
  --window-size=860,800 --screenshot="$PWD/docs/images/export-table3.png" "file://$work/table3.html" 2>/dev/null
echo "docs/images/export-table3.png"

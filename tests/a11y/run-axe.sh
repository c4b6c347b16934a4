#!/usr/bin/env bash
# Runs axe-core (WCAG 2.0/2.1/2.2 A and AA rules, and axe's best-practice rules) against HTML
# files in a real headless Chromium (its default 800 x 600 window).
# Method: copy each page, inject axe and a script that runs it and writes the result into the
# DOM, then let Chromium's --dump-dom print the DOM once the page has settled. No network:
# axe is loaded from the local npm package. Exits 1 if any violation is found.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ "$#" -eq 0 ]; then echo "usage: run-axe.sh FILE.html..." >&2; exit 2; fi
if [ ! -f "$here/node_modules/axe-core/axe.min.js" ]; then
  (cd "$here" && npm install --no-audit --no-fund --silent >/dev/null)
fi
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then echo "run-axe: chromium is not installed" >&2; exit 1; fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$here/node_modules/axe-core/axe.min.js" "$work/axe.min.js"
status=0
for page in "$@"; do
  name="$(basename "$page")"
  # Inject just before </body>; the page's own content is untouched.
  python3 - "$page" "$work/$name" <<'PY'
import sys
src = open(sys.argv[1], encoding="utf-8").read()
probe = """<script src="axe.min.js"></script>
<script>
axe.run(document, { runOnly: { type: "tag", values: ["wcag2a","wcag2aa","wcag21a","wcag21aa","wcag22aa","best-practice"] } })
  .then(function (r) {
    var out = document.createElement("pre"); out.id = "axe-result";
    out.textContent = JSON.stringify(r.violations.map(function (v) {
      return { id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(" "); }) };
    }));
    document.body.appendChild(out);
  });
</script>
"""
i = src.rfind("</body>")
open(sys.argv[2], "w", encoding="utf-8").write(src[:i] + probe + src[i:])
PY
  dom="$("$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --allow-file-access-from-files \
        --virtual-time-budget=20000 --dump-dom "file://$work/$name" 2>/dev/null)"
  result="$(printf '%s' "$dom" | python3 -c '
import sys, re, html
m = re.search(r"<pre id=\"axe-result\">(.*?)</pre>", sys.stdin.read(), re.S)
print(html.unescape(m.group(1)) if m else "NO-RESULT")')"
  if [ "$result" = "NO-RESULT" ]; then
    echo "axe: $page: axe did not report (page failed to load?)" >&2; status=1
  elif [ "$result" = "[]" ]; then
    echo "axe: $page: 0 WCAG 2.2 A/AA or best-practice violations"
  else
    echo "axe: $page: violations:" >&2
    printf '%s\n' "$result" | python3 -m json.tool >&2
    status=1
  fi
done
exit $status

#!/usr/bin/env bash
# Runs the `pdfua` checker (PyPI; pikepdf-based, the machine-checkable subset of PDF/UA-1 and
# the related WCAG criteria) on PDF files. A file passes with no finding of any severity
# (error, warning or info) and no rule skipped: a rule the checker could not evaluate on the
# file counts as a failure, not a pass. Exits 1 if any file fails.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ "$#" -eq 0 ]; then echo "usage: run-pdfua.sh FILE.pdf..." >&2; exit 2; fi
# pdfua from the system's Python if it has it, otherwise from a virtual environment beside
# this script (Debian's own Python takes no packages from pip).
py=python3
if ! python3 -c 'import pdfua' 2>/dev/null; then
  venv="$here/.venv"
  [ -x "$venv/bin/python3" ] || python3 -m venv "$venv"
  "$venv/bin/python3" -c 'import pdfua' 2>/dev/null || "$venv/bin/python3" -m pip install --quiet 'pdfua==0.1.3'
  py="$venv/bin/python3"
fi
status=0
for pdf in "$@"; do
  # pdfua's own exit code says the worst severity found; the JSON says everything.
  if ! "$py" -m pdfua check --format json "$pdf" | python3 "$here/check.py" "$pdf"; then
    status=1
  fi
done
exit $status

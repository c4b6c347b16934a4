"""Reads `pdfua check --format json` output for one file on stdin; exits 1 unless the file
has no finding of any severity and no rule was skipped."""
import json
import sys

report = json.load(sys.stdin)
summary = report["summary"]
name = sys.argv[1]
if summary["findings"] or summary["rules_skipped"]:
    print(
        "pdfua: %s: %d error(s), %d warning(s), %d info, %d rule(s) skipped"
        % (name, summary["errors"], summary["warnings"], summary["info"], summary["rules_skipped"]),
        file=sys.stderr,
    )
    for f in report["findings"]:
        print("   %s %s: %s" % (f.get("rule_id"), f.get("severity"), f.get("message")), file=sys.stderr)
    for k in report["skipped"]:
        print("   skipped: %s" % (k,), file=sys.stderr)
    sys.exit(1)
print("pdfua: %s: 0 findings (%s)" % (name, report["coverage"]["summary"]))

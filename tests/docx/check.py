#!/usr/bin/env python3
"""Checks every Word file of a built output folder the way a council's tools will meet it.

For each <report>.docx (and exempt/<report>.docx):
  1. LibreOffice opens it: `soffice --headless --convert-to pdf` must produce a PDF.
  2. Every figure of the report's tables (the Markdown tables the PDF and the Word file are
     both made from) is in the text of LibreOffice's PDF of the Word file, at least as often
     as the tables hold it, and as often as in the text of cabinet's PDF (`pdftotext` of
     both). A figure cabinet's own PDF loses (wraps across lines) is reported as a note: that
     is the PDF layout's to fix, not the Word file's.
  3. python-docx reads it: the headings carry Word's "Heading N" styles, in the Markdown's
     order and levels; every table's first row repeats as a header row (w:tblHeader) and no
     row splits across pages (w:cantSplit); every picture has alternative text, one per chart.
  4. Document properties: title, language en-GB.

Usage: check.py OUTPUT_DIR [--pages DIR]   (--pages: also render pages 1-3 of each
conversion as PNG there, to look at). Exit 0 if every check held.
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

import docx
from docx.oxml.ns import qn

# A figure as the tables print it: 0.164, (1.474), 1,541.000, 17.5%, 1,329, (990), £7.848.
# Not part of a word or a date ("Jan-18", "2016/17").
FIGURE = re.compile(r"(?<![\w.,/-])\(?-?[£$]?\d[\d,]*(?:\.\d+)?\)?%?(?![\w/])")


def md_tables(md):
    """Cells of every Markdown table, row by row (header rows included)."""
    tables, current = [], None
    for line in md.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells if c):
                continue
            if current is None:
                current = []
                tables.append(current)
            current.append(cells)
        else:
            current = None
    return tables


def md_headings(md):
    out, fenced = [], False
    for line in md.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        m = None if fenced else re.match(r"^(#{1,6}) +(.*?)\s*(\{#[^}]*\})?\s*$", line)
        if m:
            text = re.sub(r"[*_`]", "", m.group(2))
            out.append((len(m.group(1)), " ".join(text.split())))
    return out


def figures(tables):
    counts = {}
    for t in tables:
        for row in t:
            for cell in row:
                plain = re.sub(r"[*_`]", "", cell)
                for f in FIGURE.findall(plain):
                    counts[f] = counts.get(f, 0) + 1
    return counts


def text_of(pdf):
    return subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                          text=True, check=True).stdout


def check(docx_path, problems, pages_dir, work):
    stem = os.path.splitext(docx_path)[0]
    name = os.path.relpath(docx_path)
    md = open(stem + ".md", encoding="utf-8").read()
    # 1. LibreOffice opens it.
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", work, docx_path],
                   capture_output=True, check=False, timeout=300)
    converted = os.path.join(work, os.path.basename(stem) + ".pdf")
    if not os.path.exists(converted):
        problems.append(f"{name}: LibreOffice could not convert it")
        return
    # 2. Every table figure in both PDFs' text.
    want = figures(md_tables(md))
    theirs = text_of(converted)
    # cabinet's PDF, if this build made one (`--format` may have left it out).
    ours = text_of(stem + ".pdf") if os.path.exists(stem + ".pdf") else None
    def count(fig, text):
        return len(re.findall(r"(?<![\d.,])" + re.escape(fig) + r"(?![\d])", text))

    for fig, n in sorted(want.items()):
        in_word = count(fig, theirs)
        in_pdf = n if ours is None else count(fig, ours)
        if in_word < n:
            problems.append(f"{name}: {fig} is in the tables {n} time(s), in cabinet's PDF "
                            f"{in_pdf}, but in the Word file {in_word}")
        if in_pdf < n:
            print(f"docx: note: {name}: {fig} is in the tables {n} time(s) but cabinet's PDF "
                  f"text has it {in_pdf} (a figure wrapped in the PDF's layout)")
    # 3. Structure, through python-docx.
    d = docx.Document(docx_path)
    got = [(int(p.style.name.split()[-1]), " ".join(p.text.split()))
           for p in d.paragraphs if p.style.name.startswith("Heading ")]
    expected = md_headings(md)
    if got != expected:
        first = next((i for i, (a, b) in enumerate(zip(got, expected)) if a != b),
                     min(len(got), len(expected)))
        problems.append(f"{name}: headings differ at {first}: "
                        f"{got[first:first + 1]} != {expected[first:first + 1]} "
                        f"({len(got)} vs {len(expected)})")
    n_md = len(md_tables(md))
    if len(d.tables) != n_md:
        problems.append(f"{name}: {len(d.tables)} Word tables for {n_md} in the Markdown")
    for k, t in enumerate(d.tables):
        rows = t._tbl.tr_lst
        if not rows or rows[0].trPr is None or rows[0].trPr.find(qn("w:tblHeader")) is None:
            problems.append(f"{name}: table {k + 1} has no repeated header row")
        if any(r.trPr is None or r.trPr.find(qn("w:cantSplit")) is None for r in rows):
            problems.append(f"{name}: table {k + 1} has a row that may split across pages")
    charts = len(re.findall(r"!\[[^\]]*\]\(charts/", md))
    pictures = d.inline_shapes
    if len(pictures) != charts:
        problems.append(f"{name}: {len(pictures)} pictures for {charts} charts")
    for k, s in enumerate(pictures):
        pr = s._inline.docPr
        if len(pr.get("descr") or "") < 20:
            problems.append(f"{name}: picture {k + 1} has no alternative text")
    # 4. Properties.
    cp = d.core_properties
    if not cp.title or cp.language != "en-GB":
        problems.append(f"{name}: title {cp.title!r}, language {cp.language!r}")
    if pages_dir:
        os.makedirs(pages_dir, exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "3", converted,
                        os.path.join(pages_dir, os.path.basename(stem))], check=False)
    print(f"docx: {name}: LibreOffice opens it; {sum(want.values())} table figures all in its text;"
          f" {len(got)} headings in order; {len(d.tables)} tables with header rows; "
          f"{len(pictures)} charts with alt text")


def main():
    args = sys.argv[1:]
    pages = None
    if "--pages" in args:
        i = args.index("--pages")
        pages = args[i + 1]
        del args[i:i + 2]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    out = args[0]
    files = sorted(glob.glob(os.path.join(out, "*.docx")) +
                   glob.glob(os.path.join(out, "exempt", "*.docx")))
    if not files:
        print(f"docx: no Word files in {out}", file=sys.stderr)
        sys.exit(1)
    problems = []
    with tempfile.TemporaryDirectory() as work:
        for f in files:
            check(f, problems, pages, work)
    for p in problems:
        print("docx: " + p, file=sys.stderr)
    failed = len({p.split(":")[0] for p in problems})
    print(f"{len(files) - failed} passed, {failed} failed")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()

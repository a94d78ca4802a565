#!/usr/bin/env python3
"""The Verdicts sheet of `statspan audit -f xlsx`, read back with zipfile and
ElementTree (check.py's reader) and checked cell by cell against the JSONL
records of the same audit (`-f jsonl` with the sheet's columns):

- the sheets are Verdicts (the one the workbook opens on), Facts, Documents;
- the header is the sheet's own names, frozen and filtered;
- one row per claim figure in order; numbers (claim_value, evidence_value,
  lines, columns, page, score) in numeric cells holding the same number, a
  value in % with the percent format; text in text cells; null is empty;
- and hand-checked rows, given as ROW=FIELD:VALUE,... arguments (from the
  source documents read by a person, see run.sh).

Usage: verdicts.py BOOK.xlsx RUN.jsonl [ROW=FIELD:VALUE;FIELD:VALUE ...]"""
import json
import os
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check import NS, cell_value, col_index, fail, failures, header_checks, percent_styles, \
    same_number, sheets, rows  # noqa: E402,F401

# The sheet's header and the field of the JSONL record each one shows.
COLUMNS = [("doc", "doc"), ("claim_id", "claim_id"), ("claim", "sentence"),
           ("figure", "text"), ("verdict", "verdict"), ("field", "field"),
           ("reason", "reason"), ("claim_value", "value"), ("claim_unit", "unit"),
           ("claim_line", "claim_line"), ("claim_column", "claim_column"),
           ("evidence_doc", "evidence_doc"), ("evidence", "evidence"),
           ("evidence_value", "evidence_value"), ("evidence_unit", "evidence_unit"),
           ("evidence_line", "evidence_line"), ("evidence_column", "evidence_column"),
           ("evidence_page", "evidence_page"), ("evidence_box", "evidence_box"),
           ("evidence_sentence", "evidence_sentence"), ("score", "score")]
NUMERIC = {"claim_value", "evidence_value", "claim_line", "claim_column", "evidence_line",
           "evidence_column", "evidence_page", "score"}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    z = zipfile.ZipFile(sys.argv[1])
    recs = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8") if line.strip()]
    sh = sheets(z)
    if sorted(sh) != ["Documents", "Facts", "Verdicts"]:
        fail("sheets are %s" % list(sh))
        return
    book = z.read("xl/workbook.xml").decode()
    active = list(sh).index("Verdicts")
    if 'activeTab="%d"' % active not in book:
        fail("the workbook does not open on the Verdicts sheet")
    pct = percent_styles(z)
    ws = sh["Verdicts"]
    header_checks("Verdicts", ws, len(COLUMNS))
    got = dict(rows(ws))
    head = got.pop(1, {})
    for c, (name, _) in enumerate(COLUMNS):
        if head.get(c, (None, None))[1] != name:
            fail("Verdicts: header %d is %r, not %r" % (c, head.get(c), name))
    if len(got) != len(recs):
        fail("Verdicts: %d rows for %d claim figures" % (len(got), len(recs)))
    table = []
    for k, rec in enumerate(recs):
        cells = got.get(k + 2, {})
        row = {}
        for c, (name, field) in enumerate(COLUMNS):
            want = rec[field]
            kind, val, style = cells.get(c, (None, None, 0))
            row[name] = val
            where = "Verdicts row %d %s" % (k + 2, name)
            if want is None or want == "":
                if kind is not None and val not in (None, ""):
                    fail("%s: %r where the record has none" % (where, val))
            elif name in NUMERIC:
                if kind != "n" or not same_number(val, want):
                    fail("%s: %s cell %r, not the number %r" % (where, kind, val, want))
                unit = rec["unit"] if name == "claim_value" else rec.get("evidence_unit")
                if name in ("claim_value", "evidence_value") and (unit == "%") != (style in pct):
                    fail("%s: percent format %s for unit %r" % (where, style in pct, unit))
            elif kind != "s" or val != str(want):
                fail("%s: %s cell %r, not the text %r" % (where, kind, val, want))
        table.append(row)
    # the rows a person checked against the sources
    for arg in sys.argv[3:]:
        r, _, spec = arg.partition("=")
        row = table[int(r) - 2] if 0 <= int(r) - 2 < len(table) else {}
        for item in spec.split(";"):
            name, _, want = item.partition(":")
            val = row.get(name)
            same = val == want or (name in NUMERIC and val is not None and
                                   float(val) == float(want))
            if not same:
                fail("Verdicts row %s %s: %r, read from the source as %r" % (r, name, val, want))
    if failures:
        print("xlsx verdicts: %d failures" % len(failures))
        sys.exit(1)
    print("xlsx verdicts: %d claim figures, every cell as the records say, %d rows checked "
          "by hand" % (len(recs), len(sys.argv) - 3))


if __name__ == "__main__":
    main()

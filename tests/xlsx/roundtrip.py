#!/usr/bin/env python3
"""The round trip through a spreadsheet program: the Facts and Documents
sheets as LibreOffice wrote them back to CSV, against the JSON export of the
same run. Text must come back byte for byte (no `3.968%` turned into
0.03968, no `-0.3%` into a formula); numbers must come back as the same
number. LibreOffice, like Excel, holds 15 significant digits: a value with
more (a repeating fraction, 六分之一 = 16.666666666666664) must come back as
that value rounded to 15 digits, and is counted apart.

Usage: roundtrip.py FACTS.csv DOCUMENTS.csv RUN.json"""
import csv
import json
import sys

NUMERIC = {"value", "low", "high", "start", "end", "line", "column"}


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    facts_csv, docs_csv, run = sys.argv[1:]
    docs = json.load(open(run, encoding="utf-8"))["documents"]
    facts = [(d, f) for d in docs for f in d["facts"]]
    rows = list(csv.reader(open(facts_csv, encoding="utf-8", newline="")))
    head, body = rows[0], rows[1:]
    bad, rounded, values = [], 0, 0
    if len(body) != len(facts):
        bad.append("%d rows for %d facts" % (len(body), len(facts)))
    for r, (d, f) in zip(body, facts):
        for name, got in zip(head, r):
            want = f[name] if name in f else d[name]
            if want is None:
                if got != "":
                    bad.append("%s %s: %r for null" % (f["id"], name, got))
                continue
            if name not in NUMERIC:
                if got != want:
                    bad.append("%s %s: %r, not %r" % (f["id"], name, got, want))
                continue
            values += 1
            try:
                g = float(got)
            except ValueError:
                bad.append("%s %s: %r is not a number (%r)" % (f["id"], name, got, want))
                continue
            if g == float(want):
                continue
            if float("%.15g" % float(want)) == g:
                rounded += 1
            else:
                bad.append("%s %s: %r, not %r" % (f["id"], name, got, want))
    drows = list(csv.DictReader(open(docs_csv, encoding="utf-8", newline="")))
    byname = {r["doc"]: r for r in drows}
    for d in docs:
        r = byname.get(d["doc"])
        if r is None:
            bad.append("Documents: no row for %s" % d["doc"])
            continue
        for k in ("title", "date", "author", "format", "status"):
            if r[k] != (d[k] or ""):
                bad.append("Documents %s %s: %r, not %r" % (d["doc"], k, r[k], d[k]))
        if r["facts"] != str(len(d["facts"])):
            bad.append("Documents %s facts: %r" % (d["doc"], r["facts"]))
    for b in bad[:30]:
        print("round trip: " + b)
    print("round trip: %d facts, %d numbers (%d exact, %d with more than 15 digits "
          "rounded to 15), %d documents: %s"
          % (len(facts), values, values - rounded, rounded, len(docs),
             "%d differences" % len(bad) if bad else "every value kept"))
    sys.exit(1 if bad else 0)


main()

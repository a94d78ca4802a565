#!/usr/bin/env python3
"""Read a statspan workbook back with nothing but zipfile and ElementTree and
check it against the JSON export of the same inputs, cell by cell:

- Facts: the header is the fact record's columns then the table's others
  (title, date); each
  row is one fact in order; numbers (value, low, high, start, end, line,
  column) are numeric cells holding the same number, text is a text cell
  holding the same string, null is an empty cell; a value in % carries the
  number format that shows the sign; the header row is frozen and filtered.
- Documents: one row per document of the JSON (doc, title, date, author,
  format, facts, status); rows for inputs the JSON leaves out must be failed
  ones with a message.

Usage: check.py BOOK.xlsx RUN.json   (RUN.json: statspan extract -f json)
Exit 0 when every check holds; each failure is printed."""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# Columns of the table that -f json does not carry, with the values they may take.
# (None: only a PDF's facts have one, and these inputs are not PDFs.)
NOT_IN_JSON = {"region": {"article", "title", "outside"}, "page": None, "box": None}
NUMERIC = {"value", "low", "high", "start", "end", "line", "column"}
failures = []


def fail(msg):
    failures.append(msg)
    if len(failures) <= 30:
        print("xlsx check: " + msg)


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group()
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def cell_value(c):
    """(kind, value, style): kind 'n' for a number, 's' for text."""
    t = c.get("t", "n")
    style = int(c.get("s", "0"))
    if t == "inlineStr":
        return "s", "".join(x.text or "" for x in c.iter("{%s}t" % NS["m"])), style
    if t == "s":
        return "shared", None, style  # constant-memory mode must not use these
    v = c.find("m:v", NS)
    if t == "n":
        return "n", None if v is None else v.text, style
    return t, None if v is None else v.text, style


def sheets(z):
    book = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.iter(REL + "Relationship")}
    out = {}
    for s in book.iter("{%s}sheet" % NS["m"]):
        rid = s.get("{%s}id" % NS["r"])
        out[s.get("name")] = ET.fromstring(z.read("xl/" + target[rid]))
    return out


def rows(sheet):
    for row in sheet.iter("{%s}row" % NS["m"]):
        cells = {}
        for c in row.findall("m:c", NS):
            cells[col_index(c.get("r"))] = cell_value(c)
        yield int(row.get("r")), cells


def percent_styles(z):
    """Indexes of the cell formats whose number format shows a % sign
    without scaling (a quoted "%")."""
    st = ET.fromstring(z.read("xl/styles.xml"))
    fmts = {f.get("numFmtId"): f.get("formatCode")
            for f in st.iter("{%s}numFmt" % NS["m"])}
    xfs = st.find("m:cellXfs", NS)
    return {i for i, xf in enumerate(xfs.findall("m:xf", NS))
            if '"%"' in (fmts.get(xf.get("numFmtId")) or "")}


def header_checks(name, sheet, ncols):
    pane = sheet.find("m:sheetViews/m:sheetView/m:pane", NS)
    if pane is None or pane.get("state") != "frozen" or pane.get("ySplit") != "1":
        fail("%s: the header row is not frozen" % name)
    af = sheet.find("m:autoFilter", NS)
    if af is None or not af.get("ref", "").startswith("A1:"):
        fail("%s: no filter on the header row" % name)
    widths = sheet.findall("m:cols/m:col", NS)
    if len(widths) != ncols:
        fail("%s: %d column widths for %d columns" % (name, len(widths), ncols))


rounded = [0]


def same_number(cell_text, want):
    """The cell holds the double of the exact decimal written; libxlsxwriter
    writes 16 significant digits, so a value with 17 (a repeating fraction,
    1/6 = 16.666666666666664) is that value rounded to 16, and counted."""
    if cell_text is None:
        return False
    if float(cell_text) == float(want):
        return True
    if float(cell_text) == float("%.16g" % float(want)):
        rounded[0] += 1
        return True
    return False


def check(book, run):
    z = zipfile.ZipFile(book)
    sh = sheets(z)
    if list(sh) != ["Facts", "Documents"]:
        fail("sheets are %s, not Facts and Documents" % list(sh))
        return
    pct = percent_styles(z)
    docs = json.load(open(run, encoding="utf-8"))["documents"]
    facts = [(d, f) for d in docs for f in d["facts"]]
    cols = list(facts[0][1].keys()) if facts else None

    it = rows(sh["Facts"])
    _, head = next(it)
    names = [head[i][1] for i in sorted(head)]
    # the fact record's columns, then the other columns of the table, which
    # the JSON holds on the document (title, date)
    if cols and (names[:len(cols)] != cols or "title" not in names or "date" not in names
                 or any(n not in docs[0] and n not in NOT_IN_JSON for n in names[len(cols):])):
        fail("Facts header %s" % names)
    header_checks("Facts", sh["Facts"], len(names))
    n = 0
    for (r, cells), (d, f) in zip(it, facts):
        n += 1
        for i, name in enumerate(names):
            got = cells.get(i)
            where = "Facts!%s row %d (%s)" % (name, r, f["id"])
            if name in NOT_IN_JSON and name not in f:
                allowed = NOT_IN_JSON[name]
                if got is not None and (allowed is None or got[0] == "n" or got[1] not in allowed):
                    fail("%s: %r, not one of %s" % (where, got, sorted(allowed or [])))
                continue
            want = f[name] if name in f else d[name]
            if want is None:
                if got is not None:
                    fail("%s: %r where the JSON has null" % (where, got))
            elif name in NUMERIC:
                if not got or got[0] != "n" or not same_number(got[1], want):
                    fail("%s: %r, not the number %r" % (where, got, want))
                elif name in ("value", "low", "high") and f["unit"] == "%" \
                        and got[2] not in pct:
                    fail("%s: a value in %% without the %% format" % where)
            elif not got or got[0] != "s" or got[1] != want:
                fail("%s: %r, not the text %r" % (where, got, want))
    if n != len(facts) or next(it, None) is not None:
        fail("Facts: %d rows for %d facts" % (n + sum(1 for _ in it), len(facts)))

    it = rows(sh["Documents"])
    _, head = next(it)
    dnames = [head[i][1] for i in sorted(head)]
    want_names = ["doc", "title", "date", "author", "format", "facts", "status", "message"]
    if dnames != want_names:
        fail("Documents header %s" % dnames)
    header_checks("Documents", sh["Documents"], len(dnames))
    byname = {d["doc"]: d for d in docs}
    seen = 0
    for r, cells in it:
        val = {dnames[i]: cells[i][1] for i in cells}
        d = byname.get(val.get("doc"))
        if d is None:
            if val.get("status") != "failed" or not val.get("message"):
                fail("Documents row %d: %r is not in the run and not a failed input" % (r, val))
            continue
        seen += 1
        for k in ("title", "date", "author", "format", "status"):
            if val.get(k) != d[k]:
                fail("Documents row %d: %s %r, the JSON says %r" % (r, k, val.get(k), d[k]))
        if cells.get(5, (None,))[0] != "n" or int(float(val["facts"])) != len(d["facts"]):
            fail("Documents row %d: facts %r, not the number %d" % (r, cells.get(5), len(d["facts"])))
        if d["status"] == "failed" and not val.get("message"):
            fail("Documents row %d: failed without a message" % r)
    if seen != len(docs):
        fail("Documents: %d of the run's %d documents" % (seen, len(docs)))
    return len(facts), len(docs)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    res = check(sys.argv[1], sys.argv[2])
    if failures:
        print("xlsx check: %d failures" % len(failures))
        sys.exit(1)
    print("xlsx check: %d facts in %d documents, every cell as the JSON says "
          "(%d numbers of 17 digits written with 16)" % (res + (rounded[0],)))


if __name__ == "__main__":
    main()

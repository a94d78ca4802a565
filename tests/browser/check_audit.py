#!/usr/bin/env python3
"""Check the DOM of an audit's HTML report (statspan audit -f html) as
Chromium left it, against the verdict records of the same audit (-f jsonl).

- each claim figure is highlighted at its text with its verdict as a class
  (v-supported, v-contradicted, v-unsupported), and right after it stands the
  verdict's word in a badge of the same class: colour and word, not colour
  alone;
- a supported or contradicted claim's badge is a link #dJ/eS-E to its
  evidence: J is the report's document named as the evidence's doc, S-E the
  evidence's source bytes; an unsupported claim's badge links nowhere;
- each link, opened (EVIDENCE_DIR/ev-K.html, the DOM at that link, K the
  link's number in order), shows document J with exactly one figure marked
  as evidence, whose text is the evidence's text, and the details panel
  names its source bytes [S, E).

Usage: check_audit.py links DOM.html              (prints each link, in order)
       check_audit.py check DOM.html VERDICTS.jsonl EVIDENCE_DIR"""
import html.parser
import json
import os
import sys

failures = []


def fail(msg):
    failures.append(msg)
    print("browser audit check: " + msg)


class Dom(html.parser.HTMLParser):
    """The marks of #text (with the element right after each), the report's
    documents (script.ssdoc data-name), body's data-doc, #detail's text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth_text = None
        self.depth = 0
        self.items = []       # ("mark"|"badge", attrs, text) in #text, in order
        self.cur = None
        self.docs = []
        self.body = {}
        self.in_detail = None
        self.detail = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.depth += 1
        if tag == "body":
            self.body = a
        if tag == "script" and "ssdoc" in (a.get("class") or "").split():
            self.docs.append(a.get("data-name"))
        if a.get("id") == "text":
            self.depth_text = self.depth
        if a.get("id") == "detail":
            self.in_detail = self.depth
        if self.depth_text is not None and self.depth > self.depth_text:
            if tag == "mark":
                self.cur = ["mark", a, ""]
            elif "verdict" in (a.get("class") or "").split():
                self.cur = ["badge", dict(a, tag=tag), ""]

    def handle_endtag(self, tag):
        if self.cur and ((tag == "mark" and self.cur[0] == "mark") or
                         (tag == self.cur[1].get("tag") and self.cur[0] == "badge")):
            self.items.append(tuple(self.cur))
            self.cur = None
        if self.depth_text == self.depth:
            self.depth_text = None
        if self.in_detail == self.depth:
            self.in_detail = None
        self.depth -= 1

    def handle_data(self, data):
        if self.cur:
            self.cur[2] += data
        if self.in_detail is not None:
            self.detail.append(data)


def parse(path):
    d = Dom()
    with open(path, encoding="utf-8") as f:
        d.feed(f.read())
    return d


def claims(dom):
    """(mark, badge or None) for each mark of #text with a verdict."""
    out = []
    for k, (kind, attrs, text) in enumerate(dom.items):
        if kind != "mark" or "data-verdict" not in attrs:
            continue
        nxt = dom.items[k + 1] if k + 1 < len(dom.items) else None
        out.append(((attrs, text), nxt if nxt and nxt[0] == "badge" else None))
    return out


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "links":
        for _, badge in claims(parse(sys.argv[2])):
            if badge and badge[1].get("href"):
                print(badge[1]["href"])
        return
    if len(sys.argv) != 5 or sys.argv[1] != "check":
        sys.exit(__doc__)
    dom = parse(sys.argv[2])
    with open(sys.argv[3], encoding="utf-8") as f:
        recs = [json.loads(line) for line in f if line.strip()]
    found = claims(dom)
    if len(found) != len(recs):
        fail("%d claim figures marked with a verdict, %d verdicts" % (len(found), len(recs)))
    nlink = 0
    for rec, ((mark, text), badge) in zip(recs, found):
        v = rec["verdict"]
        what = "claim %r (%s)" % (rec["text"], v)
        if text != rec["text"] or mark.get("data-verdict") != v:
            fail("%s: marked %r as %r" % (what, text, mark.get("data-verdict")))
        if "v-" + v not in (mark.get("class") or "").split():
            fail("%s: the mark has no class v-%s" % (what, v))
        if not badge:
            fail("%s: no verdict word after the figure" % what)
            continue
        battrs, btext = badge[1], badge[2]
        if btext.strip() != v or "v-" + v not in battrs.get("class", "").split():
            fail("%s: the badge says %r with class %r" % (what, btext, battrs.get("class")))
        href = battrs.get("href")
        if not rec["evidence_doc"]:
            if href:
                fail("%s: an unsupported claim links to %s" % (what, href))
            continue
        if rec["evidence_doc"] not in dom.docs:
            fail("%s: the evidence document %s is not in the report" % (what, rec["evidence_doc"]))
            continue
        j = dom.docs.index(rec["evidence_doc"]) + 1
        want = "#d%d/e%d-%d" % (j, rec["evidence_start"], rec["evidence_end"])
        if href != want:
            fail("%s: links to %r, not %r" % (what, href, want))
            continue
        nlink += 1
        ev = parse(os.path.join(sys.argv[4], "ev-%d.html" % nlink))
        if ev.body.get("data-doc") != str(j):
            fail("%s: the link shows document %s, not %d" % (what, ev.body.get("data-doc"), j))
        marked = [(a, t) for kind, a, t in ev.items
                  if kind == "mark" and "evidence" in (a.get("class") or "").split()]
        if len(marked) != 1 or marked[0][1] != rec["evidence"]:
            fail("%s: the link highlights %r, not the evidence %r"
                 % (what, [t for _, t in marked], rec["evidence"]))
        span = "[%d, %d)" % (rec["evidence_start"], rec["evidence_end"])
        if span not in "".join(ev.detail):
            fail("%s: the details panel does not show the evidence's bytes %s" % (what, span))
    if failures:
        print("browser audit check: %d failures" % len(failures))
        sys.exit(1)
    print("browser audit check: %d verdicts marked with their word, %d links to the "
          "highlighted evidence" % (len(recs), nlink))


if __name__ == "__main__":
    main()

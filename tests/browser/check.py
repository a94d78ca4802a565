#!/usr/bin/env python3
"""Check the DOM of the HTML report as Chromium left it after the page's
script ran (--dump-dom), against the JSONL facts of the same document and
the document's source.

- every fact has one highlight (<mark data-f=i>) of its kind whose text is
  the fact's text, standing inside the fact's sentence in the shown text;
  there is no highlight that is not a fact;
- the table lists every fact; the kind filter offers each kind present;
- nothing from the source's HTML comments is shown: no fact's span lies in
  a comment, and no commented-out figure appears in the shown text;
- with DETAIL.html (the page opened at #d1/fN), the details panel shows
  fact N's value, unit, qualifier, subject, period, rule and line:column.

Usage: check.py DOM.html FACTS.jsonl SOURCE [DETAIL.html N]"""
import html.parser
import json
import re
import sys

failures = []


def fail(msg):
    failures.append(msg)
    print("browser check: " + msg)


class Dom(html.parser.HTMLParser):
    """The shown text (#text) with its highlights, the table rows, the
    kind filter and the details panel."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.text = []          # pieces of #text
        self.pos = 0
        self.marks = []         # (data-f, class, start, text)
        self.mark = None
        self.rows = 0
        self.kinds = []
        self.detail = None      # data-f of the panel
        self.detail_text = []

    def inside(self, ident):
        return any(a.get("id") == ident for _, a in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("input", "br", "meta", "img"):
            if tag == "input" and a.get("type") == "checkbox" and self.inside("kinds"):
                self.kinds.append(None)
            return
        self.stack.append((tag, a))
        if tag == "mark" and self.inside("text"):
            self.mark = [a.get("data-f"), a.get("class", ""), self.pos, ""]
        if tag == "tr" and self.inside("facts") and any(t == "tbody" for t, _ in self.stack):
            self.rows += 1
        if a.get("id") == "detail":
            self.detail = a.get("data-f")
        if tag == "span" and self.inside("kinds") and self.kinds and self.kinds[-1] is None:
            self.kinds[-1] = a.get("class", "")

    def handle_endtag(self, tag):
        if not self.stack:
            return
        t, _ = self.stack.pop()
        if t == "mark" and self.mark is not None:
            self.marks.append(tuple(self.mark))
            self.mark = None

    def handle_data(self, data):
        if self.inside("text"):
            self.text.append(data)
            self.pos += len(data)
            if self.mark is not None:
                self.mark[3] += data
        if self.inside("detail"):
            self.detail_text.append(data)


def parse(path):
    d = Dom()
    d.feed(open(path, encoding="utf-8").read())
    d.close()
    return d


def fold(s):
    """White space runs as one space, as the exporters show sentences; with
    the position in s of each folded character."""
    out, where, space = [], [], False
    for i, ch in enumerate(s):
        if ch.isspace():
            space = True
            continue
        if space and out:
            out.append(" ")
            where.append(i - 1)
        space = False
        out.append(ch)
        where.append(i)
    return "".join(out), where


def check_text(d, facts):
    shown = "".join(d.text)
    folded, where = fold(shown)
    marks = {m[0]: m for m in d.marks}
    if len(d.marks) != len(facts):
        fail("%d highlights for %d facts" % (len(d.marks), len(facts)))
    for i, f in enumerate(facts):
        m = marks.get(str(i))
        if m is None:
            fail("fact %s (%s) is not highlighted" % (f["id"], f["text"]))
            continue
        _, cls, start, text = m
        if text != f["text"]:
            fail("fact %s: highlight %r, the fact is %r" % (f["id"], text, f["text"]))
        if "k-" + f["kind"] not in cls.split():
            fail("fact %s: highlight of class %r for a %s" % (f["id"], cls, f["kind"]))
        # The highlight must stand inside the fact's own sentence.
        sent, ok = f["sentence"], False
        for mo in re.finditer(re.escape(sent), folded):
            a, b = where[mo.start()], where[mo.end() - 1] + 1
            if a <= start and start + len(text) <= b:
                ok = True
                break
        if not ok:
            fail("fact %s: highlight at %d is not inside its sentence %r"
                 % (f["id"], start, sent[:40]))
    if d.rows != len(facts):
        fail("the table has %d rows for %d facts" % (d.rows, len(facts)))
    want = sorted({"k-" + f["kind"] for f in facts})
    got = sorted(k.split()[-1] for k in d.kinds if k)
    if got != want:
        fail("the kind filter offers %s, the facts are %s" % (got, want))
    return shown


def check_comments(source, facts, shown):
    src = open(source, "rb").read()
    comments = [(m.start(), m.end(), m.group(1).decode("utf-8"))
                for m in re.finditer(rb"<!--(.*?)-->", src, re.S)]
    if not comments:
        fail("the source has no HTML comments: the check proves nothing")
    for f in facts:
        for a, b, _ in comments:
            if a < f["end"] and f["start"] < b:
                fail("fact %s [%d,%d) lies in a comment" % (f["id"], f["start"], f["end"]))
    figures = 0
    for _, _, body in comments:
        # the comment's text between tags; a piece with a digit is a figure
        for piece in re.split(r"<[^>]*>", body):
            piece = piece.strip()
            if re.search(r"\d", piece):
                figures += 1
                if piece in shown:
                    fail("commented-out %r is shown" % piece)
    if not figures:
        fail("no figure in the comments: the check proves nothing")
    return figures


def check_detail(path, facts, n):
    d = parse(path)
    f = facts[n - 1]
    if d.detail != str(n):
        fail("opened at fact %d, the panel shows %r" % (n, d.detail))
        return
    text = "\n".join(x.strip() for x in d.detail_text)
    for k in ("value", "unit", "qualifier", "subject", "period", "rule"):
        if f[k] is not None and str(f[k]) not in text:
            fail("the panel of fact %d lacks its %s %r" % (n, k, f[k]))
    if "%d:%d" % (f["line"], f["column"]) not in text:
        fail("the panel of fact %d lacks line:column %d:%d" % (n, f["line"], f["column"]))


def main():
    if len(sys.argv) not in (4, 6):
        sys.exit(__doc__)
    facts = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
    if not facts:
        sys.exit("browser check: no facts to look for")
    d = parse(sys.argv[1])
    shown = check_text(d, facts)
    figures = check_comments(sys.argv[3], facts, shown)
    if len(sys.argv) == 6:
        check_detail(sys.argv[4], facts, int(sys.argv[5]))
    if failures:
        sys.exit("browser check: %d failures" % len(failures))
    print("browser check: %d facts highlighted at their text, %d commented-out "
          "figures not shown" % (len(facts), figures))


main()

"""statspan: statistics, with their exact source spans, from Chinese financial
documents -- a Python module over libstatspan (ctypes, standard library only).

    >>> import statspan
    >>> for f in statspan.extract("营收同比增长15%，约三成受访者。"):
    ...     print(f["kind"], f["value"], f["unit"], f["start"], f["end"])
    change 15 % 6 21
    percent 30 % 24 33

Each fact is a dict with SPEC's fields, in SPEC's order: doc id kind text
value unit qualifier low high direction basis subject period sentence start
end page box line column rule (the same values `statspan extract -f jsonl`
writes; start/end are byte offsets into the document as given).

statspan.audit(claims, against) judges every figure of claims against the
source documents through the library's audit index: one dict per claim
figure with the verdict fields of `statspan audit -f jsonl`.

The library is looked for, in this order: the file (or directory) named by
the environment variable STATSPAN_LIB; libstatspan.so.0 next to this module;
the installed one (the system's library search, as `make install` puts it).
"""

import ctypes
import ctypes.util
import json
import os
import threading
from decimal import Decimal

__all__ = ["extract", "export", "audit", "formats", "version", "StatspanError"]

SPEC_FIELDS = ("doc", "id", "kind", "text", "value", "unit", "qualifier", "low",
               "high", "direction", "basis", "subject", "period",
               "period_from", "period_to", "sentence",
               "start", "end", "page", "box", "line", "column", "rule")

_FORMATS_IN = {"auto": 0, "text": 1, "html": 2, "markdown": 3}
_KINDS = ("percent", "change", "money", "count", "multiple")
_SONAME = "libstatspan.so.0"


class StatspanError(Exception):
    """A status other than SS_OK; .status is its code, .diagnostics the
    messages the library gave (file:line:col: message)."""

    def __init__(self, status, message, diagnostics=()):
        super().__init__(message)
        self.status = status
        self.diagnostics = list(diagnostics)


class _Diag(ctypes.Structure):
    _fields_ = [("level", ctypes.c_int), ("file", ctypes.c_char_p),
                ("line", ctypes.c_uint), ("column", ctypes.c_uint),
                ("rule_id", ctypes.c_char_p), ("message", ctypes.c_char_p),
                ("excerpt", ctypes.c_char_p)]


_DIAG_FN = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.POINTER(_Diag))


def _candidates():
    env = os.environ.get("STATSPAN_LIB")
    if env:
        yield os.path.join(env, _SONAME) if os.path.isdir(env) else env
        return
    here = os.path.dirname(os.path.abspath(__file__))
    for name in (_SONAME, "libstatspan.so"):
        path = os.path.join(here, name)
        if os.path.exists(path):
            yield path
    found = ctypes.util.find_library("statspan")
    yield found or _SONAME


def _load():
    errors = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            errors.append(str(e))
    raise OSError("statspan: cannot load libstatspan (set STATSPAN_LIB): " +
                  "; ".join(errors))


_lib = None
_lock = threading.Lock()
_rulesets = {}


def _api():
    global _lib
    with _lock:
        if _lib is None:
            lib = _load()
            vp, sz, st, cp = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_char_p
            protos = {
                "ss_version": (cp, []),
                "ss_strerror": (cp, [st]),
                "ss_free": (None, [vp]),
                "ss_ruleset_new": (vp, []),
                "ss_ruleset_free": (None, [vp]),
                "ss_ruleset_set_diag": (None, [vp, _DIAG_FN, vp]),
                "ss_ruleset_add_defaults": (st, [vp]),
                "ss_ruleset_add_dir": (st, [vp, cp]),
                "ss_ruleset_compile": (st, [vp]),
                "ss_options_new": (vp, []),
                "ss_options_free": (None, [vp]),
                "ss_options_set_format": (st, [vp, st]),
                "ss_options_set_kinds": (st, [vp, ctypes.c_uint]),
                "ss_options_set_match_limit": (st, [vp, ctypes.c_uint32]),
                "ss_options_set_depth_limit": (st, [vp, ctypes.c_uint32]),
                "ss_options_set_diag": (st, [vp, _DIAG_FN, vp]),
                "ss_doc_extract": (vp, [vp, cp, cp, sz, vp]),
                "ss_doc_free": (None, [vp]),
                "ss_doc_status": (st, [vp]),
                "ss_writer_new": (vp, [cp, vp]),
                "ss_writer_free": (None, [vp]),
                "ss_writer_set_columns": (st, [vp, cp]),
                "ss_writer_set_bom": (st, [vp, st]),
                "ss_writer_write": (st, [vp, vp]),
                "ss_writer_finish": (st, [vp]),
                "ss_writer_detach": (vp, [vp, ctypes.POINTER(sz)]),
                "ss_writer_error": (cp, [vp]),
                "ss_writer_format_count": (sz, []),
                "ss_writer_format_name": (cp, [sz]),
                "ss_audit_new": (vp, []),
                "ss_audit_free": (None, [vp]),
                "ss_audit_set_tolerance": (st, [vp, ctypes.c_double]),
                "ss_audit_add_source": (st, [vp, vp]),
                "ss_audit_finish": (st, [vp]),
                "ss_audit_judge": (st, [vp, vp, sz, vp, st, ctypes.POINTER(vp)]),
                "ss_verdicts_free": (None, [vp]),
                "ss_verdicts_count": (sz, []),
                "ss_verdicts_at": (vp, [vp, sz]),
                "ss_verdict_span": (None, [vp, ctypes.POINTER(sz), ctypes.POINTER(sz)]),
                "ss_verdict_score": (ctypes.c_double, [vp]),
            }
            for name in ("claim_doc", "claim_fact", "source"):
                protos["ss_verdict_" + name] = (sz, [vp])
            for name in ("claim_line", "claim_column", "line", "column", "page"):
                protos["ss_verdict_" + name] = (ctypes.c_uint, [vp])
            for name in ("name", "field", "reason", "claim_text", "claim_value", "claim_unit",
                         "claim_id", "doc", "text", "value", "unit", "sentence", "box"):
                protos["ss_verdict_" + name] = (cp, [vp])
            protos["ss_verdicts_count"] = (sz, [vp])
            for name, (res, args) in protos.items():
                fn = getattr(lib, name)
                fn.restype = res
                fn.argtypes = args
            _lib = lib
        return _lib


def version():
    """The version of the library loaded ("0.3.0")."""
    return _api().ss_version().decode()


def formats():
    """The output formats the library's writer knows (jsonl, csv, ...)."""
    lib = _api()
    return [lib.ss_writer_format_name(i).decode()
            for i in range(lib.ss_writer_format_count())]


class _Messages:
    """Collects the library's diagnostics as 'file:line:col: level: message'."""

    def __init__(self):
        self.lines = []
        self.errors = 0
        self.fn = _DIAG_FN(self._on)

    def _on(self, userdata, d):
        d = d.contents
        where = (d.file or b"-").decode("utf-8", "replace")
        if d.line:
            where += ":%d" % d.line + (":%d" % d.column if d.column else "")
        level = "error" if d.level else "warning"
        self.errors += d.level == 1
        msg = (d.message or b"").decode("utf-8", "replace")
        self.lines.append("%s: %s: %s" % (where, level, msg))


def _ruleset(rules, default_rules):
    """A compiled rule set, made once per set of directories and kept: a
    compiled set is read-only and shared by every thread."""
    key = (tuple(os.fspath(r) for r in rules), bool(default_rules))
    with _lock:
        rs = _rulesets.get(key)
    if rs:
        return rs
    lib = _api()
    msgs = _Messages()
    rs = lib.ss_ruleset_new()
    lib.ss_ruleset_set_diag(rs, msgs.fn, None)
    st = lib.ss_ruleset_add_defaults(rs) if default_rules else 0
    for d in key[0]:
        st = lib.ss_ruleset_add_dir(rs, d.encode()) or st
    st = st or lib.ss_ruleset_compile(rs)
    lib.ss_ruleset_set_diag(rs, _DIAG_FN(), None)
    if st:
        lib.ss_ruleset_free(rs)
        raise StatspanError(st, "statspan: rules: %s%s" % (
            lib.ss_strerror(st).decode(), "".join("\n" + m for m in msgs.lines)),
            msgs.lines)
    with _lock:
        _rulesets.setdefault(key, rs)
        return _rulesets[key]


def _document(text_or_path, name):
    """(name, bytes): a pathlib.Path, or a str naming an existing file (one
    line, no newline), is read; other text is the document itself; bytes
    are a document's bytes."""
    if isinstance(text_or_path, bytes):
        return name or "-", text_or_path
    if isinstance(text_or_path, os.PathLike) or (
            isinstance(text_or_path, str) and "\n" not in text_or_path
            and len(text_or_path) < 4096 and os.path.isfile(text_or_path)):
        path = os.fspath(text_or_path)
        with open(path, "rb") as f:
            return name or path, f.read()
    if isinstance(text_or_path, str):
        return name or "-", text_or_path.encode("utf-8")
    raise TypeError("statspan: a document is text, bytes or a path, not %s"
                    % type(text_or_path).__name__)


def _kinds_mask(kinds):
    if kinds is None:
        return 0
    if isinstance(kinds, str):
        kinds = [k for k in kinds.split(",") if k]
    mask = 0
    for k in kinds:
        if k not in _KINDS:
            raise ValueError("statspan: unknown kind %r (kinds: %s)" % (k, ", ".join(_KINDS)))
        mask |= 1 << _KINDS.index(k)
    return mask


def _render(text_or_path, fmt, columns, *, format_in, kinds, rules, default_rules,
            name, match_limit, depth_limit, bom=False, diagnostics=None):
    """The bytes the library's writer of format fmt makes of one document."""
    if format_in not in _FORMATS_IN:
        raise ValueError("statspan: unknown input format %r (%s)"
                         % (format_in, ", ".join(_FORMATS_IN)))
    lib = _api()
    rs = _ruleset(rules, default_rules)
    docname, data = _document(text_or_path, name)
    msgs = _Messages()
    opts = lib.ss_options_new()
    doc = writer = None
    try:
        lib.ss_options_set_format(opts, _FORMATS_IN[format_in])
        lib.ss_options_set_kinds(opts, _kinds_mask(kinds))
        lib.ss_options_set_match_limit(opts, match_limit or 0)
        lib.ss_options_set_depth_limit(opts, depth_limit or 0)
        lib.ss_options_set_diag(opts, msgs.fn, None)
        doc = lib.ss_doc_extract(rs, docname.encode("utf-8", "surrogateescape"),
                                 data, len(data), opts)
        if diagnostics is not None:
            diagnostics.extend(msgs.lines)
        st = lib.ss_doc_status(doc)
        if st:
            raise StatspanError(st, "statspan: %s: %s%s" % (
                docname, lib.ss_strerror(st).decode(),
                "".join("\n" + m for m in msgs.lines)), msgs.lines)
        writer = lib.ss_writer_new(fmt.encode(), None)
        if not writer:
            raise ValueError("statspan: unknown output format %r (%s)"
                             % (fmt, ", ".join(formats())))
        if columns is not None:
            if not isinstance(columns, str):
                columns = ",".join(columns)
            if lib.ss_writer_set_columns(writer, columns.encode()):
                raise ValueError("statspan: " + lib.ss_writer_error(writer).decode())
        lib.ss_writer_set_bom(writer, 1 if bom else 0)
        lib.ss_writer_write(writer, doc)
        lib.ss_writer_finish(writer)
        n = ctypes.c_size_t()
        p = lib.ss_writer_detach(writer, ctypes.byref(n))
        try:
            return ctypes.string_at(p, n.value)
        finally:
            lib.ss_free(p)
    finally:
        if writer:
            lib.ss_writer_free(writer)
        if doc:
            lib.ss_doc_free(doc)
        lib.ss_options_free(opts)


def extract(text_or_path, *, format_in="auto", kinds=None, rules=(), default_rules=True,
            name=None, columns=None, exact=False, match_limit=None, depth_limit=None,
            diagnostics=None):
    """The facts of one document, as a list of dicts with SPEC's fields.

    text_or_path: text (str), a document's bytes, or a path (a pathlib.Path,
    or a str naming an existing file). format_in: "auto", "text", "html" or
    "markdown". kinds: a list (or comma-separated str) of percent, change,
    money, count, multiple. rules: directories of *.rules files to add;
    default_rules=False leaves out the built-in ones. name: the doc field
    (default: the path, or "-"). columns: other fields than SPEC's (names of
    `statspan extract --columns`). exact: numbers as decimal.Decimal instead
    of float. diagnostics: a list that receives the library's warnings.
    Raises StatspanError when the document cannot be read.
    """
    out = _render(text_or_path, "jsonl", columns, format_in=format_in, kinds=kinds,
                  rules=rules, default_rules=default_rules, name=name,
                  match_limit=match_limit, depth_limit=depth_limit,
                  diagnostics=diagnostics)
    parse_float = Decimal if exact else float
    return [json.loads(line, parse_float=parse_float)
            for line in out.decode("utf-8").splitlines() if line]


def export(text_or_path, format="jsonl", *, columns=None, bom=False, **kw):
    """One document's facts rendered by the library's writer in format (any
    of formats(): jsonl, csv, tsv, json, ...), as bytes: what `statspan
    extract -f FORMAT` writes for it. Other arguments as for extract()."""
    return _render(text_or_path, format, columns, bom=bom,
                   format_in=kw.pop("format_in", "auto"), kinds=kw.pop("kinds", None),
                   rules=kw.pop("rules", ()), default_rules=kw.pop("default_rules", True),
                   name=kw.pop("name", None), match_limit=kw.pop("match_limit", None),
                   depth_limit=kw.pop("depth_limit", None),
                   diagnostics=kw.pop("diagnostics", None), **kw)


_DOC_EXTS = (".html", ".htm", ".xhtml", ".shtml", ".md", ".markdown", ".txt", ".text")


def _sources(against):
    """The documents of against: one, or a list; a directory stands for the
    documents under it (the extensions `statspan extract` walks), in name
    order."""
    if isinstance(against, (str, bytes, os.PathLike)):
        against = [against]
    for item in against:
        if isinstance(item, (str, os.PathLike)) and os.path.isdir(item):
            for top, dirs, names in sorted(os.walk(item)):
                dirs.sort()
                for n in sorted(names):
                    if n.lower().endswith(_DOC_EXTS):
                        yield os.path.join(top, n)
        else:
            yield item


def _verdict(lib, v):
    s = lambda fn: (lambda r: None if r is None else r.decode("utf-8", "replace"))(fn(v))
    num = lambda t: None if t is None else (int(t) if t.lstrip("-").isdigit() else float(t))
    rec = {
        "claim_doc": lib.ss_verdict_claim_doc(v),
        "claim_id": s(lib.ss_verdict_claim_id),
        "claim_line": lib.ss_verdict_claim_line(v),
        "claim_column": lib.ss_verdict_claim_column(v),
        "text": s(lib.ss_verdict_claim_text),
        "value": num(s(lib.ss_verdict_claim_value)),
        "unit": s(lib.ss_verdict_claim_unit),
        "verdict": s(lib.ss_verdict_name),
        "field": s(lib.ss_verdict_field),
        "reason": s(lib.ss_verdict_reason),
        "evidence_doc": s(lib.ss_verdict_doc),
    }
    has = rec["evidence_doc"] is not None
    start, end = ctypes.c_size_t(), ctypes.c_size_t()
    lib.ss_verdict_span(v, ctypes.byref(start), ctypes.byref(end))
    page = lib.ss_verdict_page(v)
    rec.update({
        "evidence_line": lib.ss_verdict_line(v) if has else None,
        "evidence_column": lib.ss_verdict_column(v) if has else None,
        "evidence_start": start.value if has else None,
        "evidence_end": end.value if has else None,
        "evidence_page": page or None,
        "evidence_box": s(lib.ss_verdict_box),
        "evidence": s(lib.ss_verdict_text),
        "evidence_value": num(s(lib.ss_verdict_value)),
        "evidence_unit": s(lib.ss_verdict_unit),
        "evidence_sentence": s(lib.ss_verdict_sentence),
        "score": round(lib.ss_verdict_score(v), 3) if has else None,
    })
    return rec


def audit(claims, against, *, tolerance=None, jobs=1, format_in="auto", rules=(),
          default_rules=True, cited=None):
    """Check every figure of claims against the source documents (SPEC
    `audit`), through libstatspan's audit index: a list of dicts, one per
    claim figure in order, with the verdict fields of `statspan audit -f
    jsonl` (verdict: supported, contradicted or unsupported; field and
    reason for a contradiction, both values; the evidence's doc, text,
    value, unit, sentence, line, column, start, end, and page and box when
    it is a PDF's), plus claim_doc, the index of the claims document.

    claims: one claims document (text, bytes or a path) or a list of them.
    against: the sources: documents, paths, directories (their documents),
    one or a list. cited: for a list of claims, the source each cites (or
    None), as `statspan audit` reads a claims table's source column.
    tolerance: what 约/左右/近 allow, a share of the value (default 0.05).
    Raises StatspanError when a document cannot be read."""
    if format_in not in _FORMATS_IN:
        raise ValueError("statspan: unknown input format %r (%s)"
                         % (format_in, ", ".join(_FORMATS_IN)))
    lib = _api()
    rs = _ruleset(rules, default_rules)
    if isinstance(claims, (str, bytes, os.PathLike)):
        claims = [claims]
    opts = lib.ss_options_new()
    index = lib.ss_audit_new()
    docs, vs = [], ctypes.c_void_p()
    try:
        if not index:
            raise StatspanError(2, "statspan: the audit lexicon could not be read")
        lib.ss_options_set_format(opts, _FORMATS_IN[format_in])
        if tolerance is not None and lib.ss_audit_set_tolerance(index, float(tolerance)):
            raise ValueError("statspan: tolerance is a share from 0 to 1, not %r" % tolerance)

        def read(item):
            name, data = _document(item, None)
            doc = lib.ss_doc_extract(rs, name.encode("utf-8", "surrogateescape"),
                                     data, len(data), opts)
            st = lib.ss_doc_status(doc)
            if st:
                lib.ss_doc_free(doc)
                raise StatspanError(st, "statspan: %s: %s" % (name, lib.ss_strerror(st).decode()))
            return doc

        for item in _sources(against):
            doc = read(item)
            lib.ss_audit_add_source(index, doc)
            lib.ss_doc_free(doc)
        lib.ss_audit_finish(index)
        for item in claims:
            docs.append(read(item))
        arr = (ctypes.c_void_p * max(len(docs), 1))(*docs)
        cite = None
        if cited is not None:
            if len(cited) != len(docs):
                raise ValueError("statspan: cited needs one entry per claims document")
            cite = (ctypes.c_char_p * max(len(docs), 1))(
                *[None if c is None else os.fspath(c).encode() for c in cited])
        st = lib.ss_audit_judge(index, arr, len(docs), cite, int(jobs), ctypes.byref(vs))
        if st:
            raise StatspanError(st, "statspan: audit: %s" % lib.ss_strerror(st).decode())
        return [_verdict(lib, lib.ss_verdicts_at(vs, i))
                for i in range(lib.ss_verdicts_count(vs))]
    finally:
        if vs:
            lib.ss_verdicts_free(vs)
        for d in docs:
            lib.ss_doc_free(d)
        if index:
            lib.ss_audit_free(index)
        lib.ss_options_free(opts)

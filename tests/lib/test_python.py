"""The Python module against the command: the same facts for the same
documents, and its own behaviour (text or path, kinds, errors, formats).
Usage: STATSPAN_LIB=build/libstatspan.so python3 tests/lib/test_python.py ./statspan"""
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "python"))
import statspan  # noqa: E402

BIN = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else "./statspan"
FIXTURES = sorted(p for p in pathlib.Path("fixtures").iterdir()
                  if p.is_file() and p.name != "SOURCES.md")


def cli(*args, stdin=None):
    r = subprocess.run([BIN, *args], input=stdin, capture_output=True, check=False)
    return r.stdout


class Extract(unittest.TestCase):
    def test_fields_in_spec_order(self):
        facts = statspan.extract("营收同比增长15%，约三成受访者。")
        self.assertEqual(len(facts), 2)
        for f in facts:
            self.assertEqual(tuple(f), statspan.SPEC_FIELDS)
        f = facts[0]
        # checked by hand: 营收 is 6 bytes, 同比增长15% 15 bytes
        self.assertEqual((f["kind"], f["value"], f["unit"], f["start"], f["end"]),
                         ("change", 15, "%", 6, 21))
        self.assertEqual((f["direction"], f["basis"], f["subject"]), ("up", "yoy", "营收"))
        self.assertEqual((f["doc"], f["id"], f["line"], f["column"]), ("-", "-#1", 1, 3))
        self.assertEqual((facts[1]["value"], facts[1]["qualifier"], facts[1]["low"]),
                         (30, "approx", None))

    def test_same_as_the_command(self):
        for path in FIXTURES:
            want = [json.loads(line) for line in cli("extract", "-q", str(path)).splitlines()]
            self.assertEqual(statspan.extract(path), want, path)
            self.assertEqual(statspan.extract(str(path)), want, path)

    def test_export_same_bytes_as_the_command(self):
        path = FIXTURES[0]
        for fmt in ("jsonl", "csv", "tsv", "json"):
            self.assertEqual(statspan.export(path, fmt),
                             cli("extract", "-q", "-f", fmt, str(path)), fmt)
        self.assertTrue(statspan.export(path, "csv", bom=True).startswith(b"\xef\xbb\xbf"))

    def test_bytes_name_and_kinds(self):
        data = "投资26194亿元，同比增长15%。".encode()
        facts = statspan.extract(data, name="x.txt", kinds=["money"])
        self.assertEqual([(f["kind"], f["value"], f["doc"]) for f in facts],
                         [("money", 2619400000000, "x.txt")])
        self.assertEqual(statspan.extract(data, kinds="change")[0]["kind"], "change")
        with self.assertRaises(ValueError):
            statspan.extract(data, kinds=["moeny"])

    def test_exact_decimals(self):
        from decimal import Decimal
        f = statspan.extract("增长19.3%", exact=True)[0]
        self.assertEqual(f["value"], Decimal("19.3"))

    def test_columns_and_formats(self):
        self.assertEqual(statspan.extract("增长19.3%", columns="kind,value"),
                         [{"kind": "change", "value": 19.3}])
        with self.assertRaises(ValueError):
            statspan.extract("增长19.3%", columns="kind,vlaue")
        self.assertTrue({"jsonl", "csv", "tsv", "json"} <= set(statspan.formats()))
        with self.assertRaises(ValueError):
            statspan.export("增长19.3%", "xml")

    def test_unreadable_document(self):
        with self.assertRaises(statspan.StatspanError) as e:
            statspan.extract(b"\0\0\0binary" * 100)
        self.assertEqual(e.exception.status, 1)
        self.assertIn("binary file", str(e.exception))

    def test_user_rules(self):
        with tempfile.TemporaryDirectory() as d:
            pathlib.Path(d, "bad.rules").write_text("rule x\n  pattern (\n")
            with self.assertRaises(statspan.StatspanError) as e:
                statspan.extract("增长19.3%", rules=[d])
            self.assertEqual(e.exception.status, 2)
            self.assertIn("bad.rules", str(e.exception))
        self.assertEqual(statspan.extract("增长19.3%", default_rules=False,
                                          rules=["rules"])[0]["value"], 19.3)

    def test_version(self):
        self.assertRegex(statspan.version(), r"^\d+\.\d+\.\d+$")


SEED = "fixtures/nbd-financial-cloud-2021.md"
CASES = [line.split() for line in
         pathlib.Path("tests/audit/cases.list").read_text(encoding="utf-8").splitlines()
         if line.strip() and not line.startswith("#")]


class Audit(unittest.TestCase):
    def test_seed_verdicts(self):
        """The cases of tests/audit/cases/seed.expect, each read by hand
        from the seed: 九成 and 三成 supported by 95%以上 and 近30%, 43%
        contradicted by 42% (both values in the reason), 20亿美元 (only in an
        HTML comment) unsupported."""
        vs = statspan.audit(pathlib.Path("tests/audit/cases/seed.txt"), [SEED])
        got = [(v["text"], v["verdict"], v["field"]) for v in vs]
        self.assertEqual(got, [("超过九成", "supported", None),
                               ("约三成", "supported", None),
                               ("43%", "contradicted", "value"),
                               ("20亿美元", "unsupported", None),
                               ("70%", "contradicted", "value")])
        v = vs[0]
        self.assertEqual((v["evidence"], v["evidence_value"], v["evidence_unit"]),
                         ("95%以上", 95, "%"))
        self.assertEqual((v["value"], v["unit"], v["claim_line"]), (90, "%", 1))
        self.assertEqual(v["evidence_doc"], SEED)
        src = pathlib.Path(SEED).read_bytes()
        self.assertEqual(src[v["evidence_start"]:v["evidence_end"]].decode(), "95%以上")
        c = vs[2]
        self.assertEqual(c["reason"], "value: source says 42%, claim says 43%")
        self.assertEqual((c["value"], c["evidence_value"]), (43, 42))
        u = vs[3]
        self.assertIsNone(u["evidence_doc"])
        self.assertIsNone(u["evidence_start"])
        self.assertIsNone(u["evidence_page"])

    def test_same_as_the_command(self):
        """Every golden case's verdicts, field by field, as `statspan audit
        -f jsonl` gives them (claims documents; the tables are the command's
        own reading)."""
        keys = ("text", "verdict", "field", "reason", "evidence_doc", "evidence_line",
                "evidence_column", "evidence_start", "evidence_end", "evidence", "score",
                "claim_line", "claim_column")
        n = 0
        for name, claims, _expect, *sources in CASES:
            if not claims.endswith(".txt"):
                continue
            path = "tests/audit/" + claims
            want = [json.loads(line) for line in cli(
                "audit", path, "--against", *sources, "-f", "jsonl").decode().splitlines()]
            got = statspan.audit(path, sources)
            self.assertEqual(len(got), len(want), name)
            for g, w in zip(got, want):
                self.assertEqual({k: g[k] for k in keys}, {k: w[k] for k in keys}, name)
                n += 1
        self.assertGreater(n, 100)

    def test_text_claims_cited_and_tolerance(self):
        claims = ["约三成受访金融机构认为云计算是基础能力", "占比升至43%"]
        vs = statspan.audit(claims, SEED, cited=[SEED, "other.md"])
        self.assertEqual([v["claim_doc"] for v in vs], [0, 1])
        self.assertEqual(vs[0]["verdict"], "supported")
        self.assertEqual(vs[1]["verdict"], "unsupported")  # cites a source not given
        # 约三成 against 近30% with no tolerance: 三成 as written spans 25 to 35
        self.assertEqual(statspan.audit(claims[0], [SEED], tolerance=0)[0]["verdict"],
                         "supported")
        with self.assertRaises(ValueError):
            statspan.audit(claims, [SEED], tolerance=1.5)
        with tempfile.TemporaryDirectory() as d:
            pathlib.Path(d, "a.md").write_bytes(pathlib.Path(SEED).read_bytes())
            self.assertEqual(statspan.audit(claims[0], [d])[0]["evidence_doc"],
                             os.path.join(d, "a.md"))


if __name__ == "__main__":
    unittest.main(verbosity=1)

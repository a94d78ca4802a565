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

    def test_version_and_audit_place(self):
        self.assertRegex(statspan.version(), r"^\d+\.\d+\.\d+$")
        with self.assertRaises(NotImplementedError):
            statspan.audit("claims.md", ["source.html"])


if __name__ == "__main__":
    unittest.main(verbosity=1)

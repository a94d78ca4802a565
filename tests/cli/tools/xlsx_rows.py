#!/usr/bin/env python3
"""Print the first N rows of a workbook's sheet as the cells' text:
xlsx_rows.py FILE SHEET N (SHEET 1 is Facts). For transcripts."""
import re
import sys
import zipfile

path, sheet, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
xml = zipfile.ZipFile(path).read("xl/worksheets/sheet%s.xml" % sheet).decode()
for row in re.findall(r"<row [^>]*>(.*?)</row>", xml)[:count]:
    cells = re.findall(r'<c r="([A-Z]+)\d+"([^>]*)>(.*?)</c>', row)
    print(" | ".join("%s%s=%s" % (ref, "(n)" if 't="' not in attrs else "",
                                  re.sub(r"<[^>]+>", "", body)) for ref, attrs, body in cells))

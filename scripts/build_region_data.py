"""Build src/payung/data/regions.csv.gz from the idn-area-data npm package (pinned in package.json).

Usage: python scripts/build_region_data.py node_modules/idn-area-data/data OUT.csv.gz

The output holds one row per province, regency/city, district and village (code, name), sorted by
code, gzip-compressed with a fixed timestamp so the same input always gives the same bytes. The
data is the Kemendagri region list (Kepmendagri 300.2.2-2138/2025) as published by idn-area-data
under the Open Database License; the derived file stays under ODbL (see NOTICE).
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import sys
from pathlib import Path

SOURCES = ("provinces.csv", "regencies.csv", "districts.csv", "villages.csv")


def build(source_dir: Path) -> bytes:
    rows: list[tuple[str, str]] = []
    for name in SOURCES:
        with (source_dir / name).open(newline="", encoding="utf-8") as handle:
            for record in csv.DictReader(handle):
                rows.append((record["code"].strip(), " ".join(record["name"].split())))
    rows.sort()
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(("code", "name"))
    writer.writerows(rows)
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(text.getvalue().encode("utf-8"))
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    data = build(Path(argv[1]))
    Path(argv[2]).write_bytes(data)
    print(f"wrote {argv[2]}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

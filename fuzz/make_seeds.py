#!/usr/bin/env python3
"""Writes seed inputs for the fuzz targets from real data: one small data file per pair
record of data/pairinfo.json (with the interventions it names), every code, name and
alias as a term, and every JSON file under tests/.
Usage: make_seeds.py REPO_ROOT OUT_DIR   (writes OUT_DIR/load, OUT_DIR/json, OUT_DIR/resolve)"""
import json
import pathlib
import sys

root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for target in ("load", "json", "resolve"):
    (out / target).mkdir(parents=True, exist_ok=True)


def write(target, name, data):
    (out / target / name).write_bytes(data)


bundled = json.loads((root / "data" / "pairinfo.json").read_text(encoding="utf-8"))
by_code = {item["code"]: item for item in bundled.get("interventions", [])}
for number, record in enumerate(bundled.get("pairs", [])):
    # A whole file per record keeps each seed small (the fuzzers cap input length).
    piece = {key: bundled[key] for key in ("format", "format_version") if key in bundled}
    piece["interventions"] = [by_code[c] for c in record.get("interventions", []) if c in by_code]
    piece["pairs"] = [record]
    text = json.dumps(piece, ensure_ascii=False, indent=1).encode("utf-8")
    write("json", f"pair-{number:03d}", text)
    # The first byte of a load input picks its options (see load_fuzz.cpp): '0' plain,
    # '6' lazily over a small first layer, 'F' the same streamed from a file.
    write("load", f"pair-{number:03d}", b"0" + text)
    write("load", f"pair-{number:03d}-lazy", b"6" + text)
    write("load", f"pair-{number:03d}-file", b"F" + text)
write("json", "scales", json.dumps(bundled.get("scales", {}), ensure_ascii=False).encode("utf-8"))

terms = set()
for item in bundled.get("interventions", []):
    terms.update([item.get("code", ""), item.get("name", "")] + list(item.get("aliases", [])))
for number, term in enumerate(sorted(t for t in terms if t)):
    write("resolve", f"term-{number:03d}", term.encode("utf-8"))

for number, path in enumerate(sorted(root.glob("tests/**/*.json"))):
    data = path.read_bytes()
    if len(data) <= 65536:
        write("json", f"fixture-{number:03d}", data)
        write("load", f"fixture-{number:03d}", b"0" + data)

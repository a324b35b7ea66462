#!/usr/bin/env python3
"""Checks that data/pairinfo.schema.json and pairinfo agree on what a data file may hold."""
import argparse
import json
import os
import re
import subprocess
import sys

from jsonschema import Draft202012Validator


def load_schema(path):
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def json_pointer(path):
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def schema_errors(validator, path):
    """The schema's complaints about a file as (JSON pointer, message); a file that is not
    JSON at all is one complaint about the whole document."""
    with open(path, "rb") as f:
        raw = f.read()
    try:
        # Bytes, so that a byte-order mark is skipped as pairinfo skips it.
        document = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        return [("", f"not JSON: {error}")]
    return [(json_pointer(e.absolute_path), e.message) for e in validator.iter_errors(document)]


def within(pointer, ancestor):
    """True when `ancestor` is `pointer` or one of its ancestors."""
    return pointer == ancestor or pointer.startswith(ancestor + "/")


def properties_without_description(node, where="#"):
    """Every property a schema object declares must say what it is for."""
    missing = []
    if isinstance(node, dict):
        for key in ("properties", "patternProperties"):
            for name, sub in node.get(key, {}).items():
                if not isinstance(sub, dict) or "description" not in sub:
                    missing.append(f"{where}/{key}/{name}")
        for key, sub in node.items():
            missing += properties_without_description(sub, f"{where}/{key}")
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            missing += properties_without_description(sub, f"{where}/{i}")
    return missing


def semantic_only_names(path):
    with open(path, encoding="utf-8") as f:
        return {line.split("#")[0].strip() for line in f} - {""}


def cmd_meta(args):
    validator = load_schema(args.schema)
    missing = properties_without_description(validator.schema)
    for where in missing:
        print(f"no description: {where}")
    return 1 if missing else 0


def cmd_accepts(args):
    validator = load_schema(args.schema)
    failed = 0
    for path in args.files:
        for pointer, message in schema_errors(validator, path):
            print(f"{path}: {pointer or '/'}: {message}")
            failed = 1
    return failed


def cmd_fixture(args):
    """pairinfo must refuse the fixture with exactly the expected line; the schema must agree
    unless the rule is one the schema cannot express."""
    folder, file_name = os.path.split(os.path.abspath(args.fixture))
    name = file_name[: -len(".json")]
    with open(os.path.join(folder, name + ".expect"), encoding="utf-8") as f:
        expected_line = f.read().rstrip("\n")
    failed = 0
    run = subprocess.run([args.pairinfo, "validate", "--no-bundled", file_name], cwd=folder,
                         capture_output=True, env=dict(os.environ, NO_COLOR="1"))
    expected_out = f"{expected_line}\n1 problem in 1 file\n".encode()
    if run.returncode != 3:
        print(f"pairinfo exited {run.returncode}, expected 3")
        failed = 1
    if run.stdout != expected_out:
        print(f"pairinfo printed:\n{run.stdout.decode(errors='replace')}expected:\n{expected_out.decode()}")
        failed = 1
    if run.stderr:
        print(f"pairinfo wrote to stderr:\n{run.stderr.decode(errors='replace')}")
        failed = 1

    errors = schema_errors(load_schema(args.schema), args.fixture)
    listing = "\n".join(f"  {pointer or '/'}: {message}" for pointer, message in errors)
    if name in semantic_only_names(args.semantic_only):
        if errors:
            print(f"listed as semantic-only, but the schema rejects it:\n{listing}")
            failed = 1
    elif not errors:
        print("the schema accepts it, but pairinfo refuses it (list it in semantic-only.txt if the "
              "schema cannot express the rule)")
        failed = 1
    else:
        # The schema must object to the same value pairinfo names (or to the object holding it),
        # not to something else the fixture happens to get wrong.
        at = re.search(r" \(at (/.*)\)$", expected_line)
        pointer = at.group(1) if at else ""
        if not any(within(pointer, where) for where, _ in errors):
            print(f"pairinfo objects at {pointer or '/'}, but the schema elsewhere:\n{listing}")
            failed = 1
    return failed


def cmd_corpus(args):
    """Every fixture has its expected line, and semantic-only.txt names only real fixtures."""
    names = {f[: -len(".json")] for f in os.listdir(args.dir) if f.endswith(".json")}
    expects = {f[: -len(".expect")] for f in os.listdir(args.dir) if f.endswith(".expect")}
    problems = [f"{n}.json has no {n}.expect" for n in sorted(names - expects)]
    problems += [f"{n}.expect has no {n}.json" for n in sorted(expects - names)]
    problems += [f"semantic-only.txt names {n}, which is not a fixture"
                 for n in sorted(semantic_only_names(args.semantic_only) - names)]
    diagnostic = re.compile(r"^[^:]+\.json:[0-9]+:[0-9]+: error: .+$")
    for n in sorted(names & expects):
        with open(os.path.join(args.dir, n + ".expect"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        if len(lines) != 1 or not diagnostic.match(lines[0]) or not lines[0].startswith(n + ".json:"):
            problems.append(f"{n}.expect must hold one line: {n}.json:LINE:COLUMN: error: MESSAGE")
    if len(names) < 20:
        problems.append(f"only {len(names)} fixtures; the corpus should cover at least 20 rules")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


def cmd_doc_example(args):
    """The example in the documentation is the file the tests validate, byte for byte."""
    with open(args.doc, encoding="utf-8") as f:
        doc = f.read()
    with open(args.example, encoding="utf-8") as f:
        example = f.read()
    match = re.search(r"<!-- example: tests/schema/example.json -->\n```json\n(.*?)```", doc, re.S)
    if not match:
        print(f"{args.doc}: no example block marked <!-- example: tests/schema/example.json -->")
        return 1
    if match.group(1) != example:
        print(f"the example in {args.doc} differs from {args.example}")
        return 1
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("meta", help="the schema is valid draft 2020-12 and describes every property")
    p.add_argument("schema")
    p.set_defaults(run=cmd_meta)
    p = sub.add_parser("accepts", help="the schema accepts every file")
    p.add_argument("schema")
    p.add_argument("files", nargs="+")
    p.set_defaults(run=cmd_accepts)
    p = sub.add_parser("fixture", help="pairinfo and the schema refuse one invalid fixture")
    p.add_argument("--pairinfo", required=True)
    p.add_argument("--schema", required=True)
    p.add_argument("--semantic-only", required=True)
    p.add_argument("fixture")
    p.set_defaults(run=cmd_fixture)
    p = sub.add_parser("corpus", help="the fixture corpus is complete")
    p.add_argument("--semantic-only", required=True)
    p.add_argument("dir")
    p.set_defaults(run=cmd_corpus)
    p = sub.add_parser("doc-example", help="the documented example is the tested one")
    p.add_argument("doc")
    p.add_argument("example")
    p.set_defaults(run=cmd_doc_example)
    args = parser.parse_args()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

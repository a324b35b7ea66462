#!/usr/bin/env python3
"""Turns the results of bench/run.sh (hyperfine JSON, /usr/bin/time output, checks) into docs/benchmarks.md."""

import argparse
import datetime
import glob
import json
import statistics
import os
import platform
import re
import subprocess
import time

MB = 1_000_000
GB = 1_000_000_000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__)
    for name in ("results", "data", "out", "invocation", "load", "floor-flags", "pairinfo", "root"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--small", default="0")
    parser.add_argument("--started", type=int, required=True)
    return parser.parse_args()


def read_jsonl(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def first_line(command):
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=30)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "unknown"


def machine_facts(args):
    cpu = "unknown"
    memory = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
        with open("/proc/meminfo", encoding="utf-8") as f:
            kb = next(int(line.split()[1]) for line in f if line.startswith("MemTotal"))
            memory = f"{kb * 1024 / GB:.1f} GB"
    except (OSError, StopIteration, ValueError):
        pass
    system = platform.platform()
    try:
        with open("/etc/os-release", encoding="utf-8") as f:
            pretty = re.search(r'^PRETTY_NAME="?([^"\n]*)', f.read(), re.M)
            system = f"{pretty.group(1)}, Linux {platform.release()}" if pretty else system
    except OSError:
        pass
    commit = first_line(["git", "-C", args.root, "rev-parse", "--short", "HEAD"])
    dirty = subprocess.run(["git", "-C", args.root, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    compiler = args.floor_flags.split()[0]
    return [
        ("CPU", f"{cpu} ({os.cpu_count()} logical CPUs, `nproc` = {first_line(['nproc'])})"),
        ("Memory", memory),
        ("System", system),
        ("Load average (1, 5, 15 min) at the start / at the end", args.load),
        ("pairinfo", f"{first_line([args.pairinfo, '--version'])}, commit {commit}"
                     + (" with uncommitted changes" if dirty else "")),
        ("Compiler", first_line([compiler, "--version"])),
        ("Floor built with", f"`{args.floor_flags}`"),
        ("Tools", ", ".join([first_line(["hyperfine", "--version"]), first_line(["jq", "--version"]),
                             "sqlite3 " + first_line(["sqlite3", "--version"]).split()[0]])),
    ]


def duration(seconds):
    if seconds is None:
        return "–"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def size(bytes_):
    if bytes_ is None:
        return "–"
    if bytes_ >= GB:
        return f"{bytes_ / GB:.2f} GB"
    if bytes_ >= MB:
        return f"{bytes_ / MB:.1f} MB"
    if bytes_ >= 1000:
        return f"{bytes_ / 1000:.1f} kB"
    return f"{bytes_} B"


class Result:
    def __init__(self, entry, results_dir):
        self.__dict__.update(entry)
        self.median = self.stddev = self.runs = None
        self.rss = None
        # The first measurement, then any later rounds of it (run.sh ROUNDS): every run of
        # every round pooled, so that the median is taken over the whole session.
        times = []
        paths = [os.path.join(results_dir, f"{self.id}.json")]
        paths += sorted(glob.glob(os.path.join(results_dir, f"{glob.escape(self.id)}.round*.json")))
        for path in paths:
            if not os.path.exists(path):
                continue
            with open(path, encoding="utf-8") as f:
                measured = json.load(f)["results"][0]
            times += measured.get("times", [])
            if self.median is None:
                self.median, self.stddev = measured["median"], measured.get("stddev")
        if len(times) >= 2:
            self.median, self.stddev = statistics.median(times), statistics.stdev(times)
        self.runs = len(times) or None
        path = os.path.join(results_dir, f"{self.id}.time")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", f.read())
            if found:
                self.rss = int(found.group(1)) * 1024


def evaluate(results, facts):
    """Per measurement: (target text, verdict text) for those with a target."""
    floor = results.get("floor")
    floor_median = floor.median if floor else None

    def ok(condition):
        return "**met**" if condition else "**not met**"

    def ratio(r):
        return r.median / floor_median if (r.median and floor_median) else None

    verdicts = {}
    if "bundled" in results and ratio(results["bundled"]):
        # Beside the floor, the ratio to the floor that loads no C++ shared library (as
        # pairinfo), so that a reader sees what linking alone changes.
        static = results.get("floor_static")
        versus = (f" ({ratio(results['bundled']):.2f} × floor, {results['bundled'].median / static.median:.2f} × "
                  "the fmt-compiled-in floor)") if (static and static.median) else ""
        verdicts["bundled"] = ("≤ 1.25 × floor", ok(ratio(results["bundled"]) <= 1.25) + versus)
    r, peer = results.get("pair"), results.get("sqlite_pair")
    if r and ratio(r) and r.rss:
        if peer and peer.median:
            versus = r.median / peer.median
            verdicts["pair"] = ("≤ 1.3 × floor, no slower than sqlite3's indexed query, < 64 MB",
                                f"{ok(ratio(r) <= 1.3 and versus <= 1 and r.rss < 64 * MB)} "
                                f"({ratio(r):.2f} × floor, {versus:.2f} × sqlite3)")
        else:
            verdicts["pair"] = ("≤ 1.3 × floor, no slower than sqlite3's indexed query, < 64 MB",
                                "**not met** (sqlite3 not measured)")
    r = results.get("first_use")
    big_bytes = facts.get("big", {}).get("bytes")
    if r and r.median and r.rss and big_bytes:
        rate = big_bytes / r.median
        verdicts["first_use"] = ("≥ 1 GB/s and < 256 MB",
                                 f"{ok(rate >= GB and r.rss < 256 * MB)} ({rate / GB:.2f} GB/s)")
    for name in ("x", "check50", "names"):
        r, printing = results.get(name), results.get(f"print_{name}")
        if r and r.median and floor_median and printing and printing.median:
            print_time = max(0.0, printing.median - floor_median)
            limit = 3 * floor_median + print_time
            verdicts[name] = ("≤ 3 × floor + print time",
                              f"{ok(r.median <= limit)} (limit {duration(limit)})")
    big_bytes = facts.get("big", {}).get("bytes")
    r = results.get("validate")
    if r and r.rss:
        rate = f", {big_bytes / r.median / GB:.2f} GB/s" if (big_bytes and r.median) else ""
        verdicts["validate"] = ("< 256 MB", f"{ok(r.rss < 256 * MB)} ({size(r.rss)}{rate})")
    r = results.get("import")
    if r and r.rss:
        verdicts["import"] = ("< 256 MB", f"{ok(r.rss < 256 * MB)} ({size(r.rss)})")
    r, peer = results.get("search"), results.get("jq_search")
    if r and r.median and peer and peer.median:
        speedup = peer.median / r.median
        verdicts["search"] = ("≥ 200 × faster than jq", f"{ok(speedup >= 200)} ({speedup:.1f} ×)")
    for name in ("first_search", "first_search_new"):
        r = results.get(name)
        if r and r.median and peer and peer.median:
            verdicts[name] = ("reported (no target)", f"{peer.median / r.median:.1f} × faster than jq")
    return verdicts


def main():
    args = parse_args()
    entries = read_jsonl(os.path.join(args.results, "manifest.jsonl"))
    checks = read_jsonl(os.path.join(args.results, "checks.jsonl"))
    phases = read_jsonl(os.path.join(args.results, "phases.jsonl"))
    results = {e["id"]: Result(e, args.results) for e in entries}
    facts = {}
    for name in ("sample", "search", "big"):
        path = os.path.join(args.data, f"{name}.facts.json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                facts[name] = json.load(f)
    verdicts = evaluate(results, facts)
    floor = results.get("floor")
    finished = time.time()
    elapsed = finished - args.started
    smoke = args.small == "1"

    out = []
    w = out.append
    w("# Benchmarks")
    w("")
    if smoke:
        w("> **Smoke run (`SMALL=1`), not a measurement.** It proves that `bench/run.sh` works")
        w("> end to end on small data sets; the sizes, and often the machine's load, make the")
        w("> numbers below meaningless as performance figures. Run the full benchmark (see")
        w("> `bench/README.md`) for numbers to quote.")
        w("")
    w(f"Generated by `bench/run.sh` on {datetime.datetime.fromtimestamp(finished, datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; "
      f"the whole run took {elapsed / 60:.1f} minutes"
      + (" (" + ", ".join(f"{p['name']} {p['seconds']} s" for p in phases) + ")" if phases else "") + ".")
    w("")
    w("Command:")
    w("")
    w("```sh")
    w(f"cd {args.root} && {args.invocation}")
    w("```")
    w("")
    w("Times are hyperfine medians over the runs shown, started without a shell (`-N`),")
    w("output discarded, data files in the page cache. *× floor* compares with a hello-world")
    w("program built with the same compiler and flags. Peak RSS is the maximum resident set")
    w("size reported by `/usr/bin/time -v` for one further run. MB and GB are 10⁶ and 10⁹ bytes.")
    w("The measurements that targets compare with one another (the floor, the lookups on bundled")
    w("and big data, and the floor printing their outputs) take turns in rounds (`ROUNDS`, 5 by")
    w("default), and each one's runs from every round are pooled: a busy spell of the machine then")
    w("weighs on all of them alike, rather than on whichever ran during it.")
    w("")
    w("| measurement | data | median | σ | runs | × floor | peak RSS | output | target | result |")
    w("|---|---|--:|--:|--:|--:|--:|--:|---|---|")
    for e in entries:
        r = results[e["id"]]
        if r.status != 0 and r.median is None:
            w(f"| {r.label} | {r.dataset} | failed (exit {r.status}) | | | | | | "
              f"{verdicts.get(r.id, ('', ''))[0]} | **not met** |")
            continue
        times_floor = (f"{r.median / floor.median:.2f}" if (floor and floor.median and r.median) else "–")
        target, verdict = verdicts.get(r.id, ("", ""))
        w(f"| {r.label} | {r.dataset if r.dataset != '-' else '–'} | {duration(r.median)} | {duration(r.stddev)} | {r.runs or '–'} | "
          f"{times_floor} | {size(r.rss)} | {size(r.output_bytes)} | {target} | {verdict} |")
    w("")
    w("The floor is the target's measure, as issue 15 set it: a hello-world that links fmt as")
    w("Debian ships it, a shared library (which loads libstdc++ with it). pairinfo compiles fmt in")
    w("and links SQLite statically, so it loads no C++ shared library; the second hello-world row,")
    w("built the same way, shows what that alone is worth.")
    w("")
    w("How the targets are read: *print time* is what the floor program takes to print the")
    w("same output (its median minus the floor's), so a command that prints much is not")
    w("charged for the printing itself. First-use throughput is the big file's size divided")
    w("by the median of a lookup with the index cache removed before each run. The search")
    w("target compares with jq running an equivalent `test()` filter over the same file, once")
    w("the search index exists. The first search of a data set builds its FTS5 search index")
    w("inside the data set's index database (`$XDG_CACHE_HOME/pairinfo/index-*.db`): *first")
    w("search* puts back, before each run, that database as a first lookup left it (no search")
    w("index yet); *first search of a new data set* removes the cache, so the data set's index")
    w("is built as well. The lookup in the big file must also be no slower than the sqlite3")
    w("CLI's indexed query for the same pair in a copy of the data (both timed in the rounds).")
    w("For `validate` and `import` the target is bounded memory: peak RSS under 256 MB whatever")
    w("the size of the input. Their progress line appears only on a terminal (standard error),")
    w("so it is not part of these runs; `tests/unit/progress_test.cpp` checks it.")
    w("")

    w("## Data sets")
    w("")
    w("Synthetic, from `bench/generate.py` (placeholder text, not health information): a")
    w("catalogue of interventions `SYN-00001`… with names and 0–3 aliases each, and pair records")
    w("with every prose field filled. The search word is planted in one record in a hundred.")
    w("")
    w("| data set | pairs | interventions | size | mean record | SQLite copy |")
    w("|---|--:|--:|--:|--:|--:|")
    for name, f in facts.items():
        db = f.get("sqlite")
        db_size = size(os.path.getsize(db)) if db and os.path.exists(db) else "–"
        w(f"| {name} | {f['pairs']:,} | {f['interventions']:,} | {size(f['bytes'])} | "
          f"{f['mean_record_bytes']:,} B | {db_size} |")
    w("")
    if "big" in facts:
        big = facts["big"]
        w(f"Queries on *big*: the pair `{' + '.join(big['pair']['codes'])}` (by name and alias: "
          f"`{big['pair']['name_and_alias'][0]}` and `{big['pair']['name_and_alias'][1]}`), the "
          f"intervention `{big['intervention']['code']}` ({big['intervention']['pairs']:,} records), "
          f"and 50 interventions for `check`.")
    if "search" in facts:
        s = facts["search"]
        w(f"On *search*: the word `{s['search_word']}` ({s['search_matches']:,} matching records).")
    w("")

    w("## Commands")
    w("")
    w("Exactly as timed (hyperfine -N; for the first use and the first search of a new data set,")
    w("`--prepare` removes the index cache; for the first search, it puts back the index without")
    w("its search index).")
    w("`XDG_DATA_HOME` and `XDG_CACHE_HOME` point into the data directory, so no user data or")
    w("earlier cache takes part.")
    w("")
    for e in entries:
        w(f"- {e['label']}: `{e['command']}`")
    w("")

    w("## Checks")
    w("")
    w("Each timed command was first run once and its output checked, so that every row stands")
    w("for the work it claims.")
    w("")
    for c in checks:
        mark = "ok" if c["verdict"] == "ok" else f"**FAILED**: {c['verdict']}"
        w(f"- {c['id']}: {c['what']}: {mark}")
    w("")

    w("## Machine")
    w("")
    for key, value in machine_facts(args):
        w(f"- {key}: {value}")
    w("")

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()

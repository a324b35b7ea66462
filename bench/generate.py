#!/usr/bin/env python3
"""Writes a synthetic pairinfo data file (and optionally an SQLite copy) for benchmarks.

The content is placeholder text, not health information: pseudo-words and plain English
filler, no references, no numbers presented as findings. Output is a pure function of the
arguments (same --seed, same bytes) and is streamed, so a million records (~4.8 GB) need
only a few megabytes of memory. At the end a JSON object of facts about the file (known
pairs, names, a search word and its number of matches) is printed for use in queries.
"""

import argparse
import json
import math
import os
import random
import sqlite3
import sys
from json.encoder import encode_basestring  # the C implementation when available

CODE_PREFIX = "SYN"
CATEGORY = "synthetic"
# Planted in a known share of records so that search has a word with an exact answer;
# no other generated text contains it.
SEARCH_WORD = "zymurgic"
SEARCH_EVERY = 100  # one record in SEARCH_EVERY holds the search word
MAX_PAIRS = 1_000_000
MAX_INTERVENTIONS = 99_999  # codes have five digits

# Plain words for filler sentences. Neutral on purpose: the text must never read as a claim.
FILLER_WORDS = """
the a an and or but of to in on at by for with from as is are was were be been this that
these those it its their there which who when where while after before during between
record records placeholder synthetic sample text paragraph sentence section note notes field
fields entry entries benchmark data set file files line lines value values length longer
shorter usual typical common general overview outline context background detail details
summary part parts item items list lists order ordered first second third next last other
another each every some many more most less least few several any both either neither
describe describes described explain explains explained mention mentions mentioned repeat
repeats repeated fill fills filled measure measures measured read reads written write writes
search searched look looks looked find finds found show shows shown keep keeps kept hold holds
held word words term terms name names alias aliases code codes pair pairs layer layers
format version schema index indexes cache scan scans scanned lookup lookups query queries
reader readers writer writers reviewer reviewers editor editors page pages chapter chapters
table tables column columns row rows block blocks chunk chunks byte bytes size sizes
only also still already often sometimes rarely usually mostly partly nearly quite rather
simple plain short long brief full empty whole careful clear clearer stable steady regular
morning evening weekly daily monthly season seasons window windows step steps stage stages
naïve café rôle façade déjà coöperate jalapeño
""".split()

SYLLABLES = """ba be bi bo bu da de di do du fa fe fi fo fu ga ge gi go gu ka ke ki ko ku la le
li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti
to tu va ve vi vo vu za ze zi zo zu""".split()

ALIAS_FORMS = ["tablets", "cream", "drops", "powder", "patch", "solution", "capsules", "gel"]

FAQ_OPENERS = ["What does the record say about", "How are", "When do people combine",
               "Is there a note on", "Where can I read more about", "Why does the data set list"]

# Target lengths (characters) of each prose field, chosen so that a record averages about
# 4.8 KB of JSON, the size of the bundled records.
LENGTHS = {
    "summary": 420, "mechanism": 640, "evidence_summary": 360, "evidence_limitations": 230,
    "clinical_context": 580, "caution": 40, "takeaway": 90, "faq_answer": 160,
}


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, required=True, help="number of pair records, 1 to 1,000,000")
    parser.add_argument("--interventions", type=int, default=3000,
                        help="size of the catalogue (default 3000, at most 99,999)")
    parser.add_argument("--seed", type=int, default=1, help="seed; the same seed gives the same bytes (default 1)")
    parser.add_argument("--output", required=True, help="the data file to write")
    parser.add_argument("--sqlite", help="also write this SQLite database with the same content")
    parser.add_argument("--facts", help="also write the printed facts to this file")
    args = parser.parse_args(argv)
    if not 1 <= args.pairs <= MAX_PAIRS:
        parser.error(f"--pairs must be between 1 and {MAX_PAIRS:,}")
    if not 2 <= args.interventions <= MAX_INTERVENTIONS:
        parser.error(f"--interventions must be between 2 and {MAX_INTERVENTIONS:,}")
    if args.pairs > args.interventions * (args.interventions - 1) // 2:
        parser.error("more pairs than the catalogue allows; raise --interventions")
    return args


def code_of(index):
    return f"{CODE_PREFIX}-{index + 1:05d}"


def pseudo_word(number, syllables):
    """A pronounceable word of `syllables` syllables; distinct numbers below
    len(SYLLABLES)**syllables give distinct words. The number is scrambled first (an
    invertible multiplication) so that neighbouring numbers do not share a beginning."""
    base = len(SYLLABLES)
    space = base ** syllables
    value = (number * 104_729 + 7) % space  # 104,729 is prime, so coprime with 50**k
    parts = []
    for _ in range(syllables):
        parts.append(SYLLABLES[value % base])
        value //= base
    return "".join(parts)


def fold(term):
    """Roughly how pairinfo compares names: case, accents, spaces and punctuation ignored."""
    return "".join(ch for ch in term.lower() if ch.isalnum())


class Catalogue:
    """Interventions with unique names and aliases (checked after folding)."""

    def __init__(self, count, rng):
        taken = set()
        order = list(range(count * 4))
        rng.shuffle(order)  # names do not follow code order
        candidates = iter(order)
        name_syllables = 3 if count * 4 + 900 < len(SYLLABLES) ** 3 else 4
        self.entries = []
        for index in range(count):
            code = code_of(index)
            taken.add(fold(code))
            name = self._unique(taken, lambda: pseudo_word(next(candidates) + 900, name_syllables).capitalize())
            aliases = []
            for kind in range(rng.randrange(4)):  # 0 to 3 aliases
                if kind == 0:
                    make = lambda: f"{name} {rng.choice(ALIAS_FORMS)}"
                elif kind == 1:
                    make = lambda: pseudo_word(rng.randrange(10**6) + 70_000, 4).capitalize()
                else:
                    make = lambda: f"{CODE_PREFIX.lower()}{pseudo_word(rng.randrange(10**5), 3)}"
                aliases.append(self._unique(taken, make))
            summary = (f"{name} is a synthetic intervention of the benchmark data set; "
                       f"this sentence is placeholder text, not health information.")
            self.entries.append({"code": code, "name": name, "aliases": aliases, "summary": summary})

    @staticmethod
    def _unique(taken, make):
        for _ in range(1000):
            candidate = make()
            key = fold(candidate)
            if key not in taken and SEARCH_WORD not in key:
                taken.add(key)
                return candidate
        raise RuntimeError("could not find a unique name; the generator needs more candidates")


class PairSequence:
    """The k-th pair record's two interventions, without storing the pairs seen so far.

    An affine permutation of the M*(M-1)/2 possible pairs visits each at most once, in an
    order that looks random, so records are spread over the catalogue and the file.
    """

    def __init__(self, interventions, rng):
        self.m = interventions
        self.total = interventions * (interventions - 1) // 2
        multiplier = rng.randrange(self.total // 3 + 1, self.total) | 1 if self.total > 2 else 1
        while math.gcd(multiplier, self.total) != 1:
            multiplier += 1
        self.multiplier = multiplier
        self.offset = rng.randrange(self.total)

    def __call__(self, k):
        rank = (self.multiplier * k + self.offset) % self.total
        return self._unrank(rank)

    def _unrank(self, rank):
        # Row i holds the pairs (i, j>i); it starts at i*(2m-i-1)/2.
        m = self.m
        start = lambda i: i * (2 * m - i - 1) // 2
        i = int((2 * m - 1 - math.isqrt(max(0, (2 * m - 1) ** 2 - 8 * rank))) // 2)
        while i > 0 and start(i) > rank:
            i -= 1
        while start(i + 1) <= rank:
            i += 1
        return i, i + 1 + rank - start(i)


class Prose:
    """Paragraph text built from a fixed pool of filler sentences."""

    def __init__(self, rng):
        self.rng = rng
        # Mostly plain words, with invented ones for a long tail of rare terms.
        vocabulary = FILLER_WORDS * 4 + [pseudo_word(n, 3) for n in range(600)]
        vocabulary = [w for w in vocabulary if SEARCH_WORD not in w]
        self.sentences = []
        for _ in range(4096):
            words = [rng.choice(vocabulary) for _ in range(rng.randrange(6, 22))]
            sentence = " ".join(words)
            self.sentences.append(sentence[0].upper() + sentence[1:] + ".")

    def text(self, target, paragraphs=1, mention=None):
        """About `target` characters (±30%), in `paragraphs` paragraphs."""
        rng = self.rng
        length = int(target * (0.7 + 0.6 * rng.random()))
        per_paragraph = max(1, length // paragraphs)
        out = []
        for p in range(paragraphs):
            parts = [mention] if (mention and p == 0) else []
            size = sum(len(s) + 1 for s in parts)
            while size < per_paragraph:
                sentence = self.sentences[rng.getrandbits(12)]
                parts.append(sentence)
                size += len(sentence) + 1
            out.append(" ".join(parts))
        return "\n\n".join(out)


def reviewed_date(rng):
    year = 2020 + rng.randrange(7)
    month = 1 + rng.randrange(12)
    return f"{year}-{month:02d}-{1 + rng.randrange(28):02d}"


def make_record(k, a, b, catalogue, prose, rng):
    entry_a, entry_b = catalogue.entries[a], catalogue.entries[b]
    if rng.getrandbits(1):  # either order is valid; files hold both
        entry_a, entry_b = entry_b, entry_a
    names = f"{entry_a['name']} and {entry_b['name']}"
    record = {
        "codes": [entry_a["code"], entry_b["code"]],
        "title": f"{names}: a synthetic record" if rng.random() < 0.5 else None,
        "significance": rng.choice(["benefit", "compatible", "monitor", "caution", "avoid"]),
        "tier": rng.choice(["T1", "T2", "T3", "T4"]),
        "summary": prose.text(LENGTHS["summary"], 1, mention=f"Placeholder record for {names}."),
        "mechanism": prose.text(LENGTHS["mechanism"], 3),
        "evidence_summary": prose.text(LENGTHS["evidence_summary"], 2),
        "evidence_limitations": prose.text(LENGTHS["evidence_limitations"]),
        "clinical_context": prose.text(LENGTHS["clinical_context"], 3),
        "cautions": [prose.text(LENGTHS["caution"]) for _ in range(2 + rng.randrange(3))],
        "takeaways": [prose.text(LENGTHS["takeaway"]) for _ in range(3 + rng.randrange(3))],
        "faq": [(f"{rng.choice(FAQ_OPENERS)} {names}?", prose.text(LENGTHS["faq_answer"]))
                for _ in range(2 + rng.randrange(3))],
        "reviewed": reviewed_date(rng),
    }
    if k % SEARCH_EVERY == SEARCH_EVERY // 2:
        field = rng.choice(["summary", "mechanism", "clinical_context", "evidence_limitations"])
        record[field] += f" The {SEARCH_WORD} sentence marks this record for search."
    return record


def record_json(record):
    """The record as it appears in the file: indented like a hand-edited data file."""
    s = encode_basestring
    lines = ['    {',
             f'      "interventions": [{s(record["codes"][0])}, {s(record["codes"][1])}],']
    if record["title"] is not None:
        lines.append(f'      "title": {s(record["title"])},')
    lines += [
        f'      "significance": {s(record["significance"])},',
        f'      "summary": {s(record["summary"])},',
        f'      "mechanism": {s(record["mechanism"])},',
        '      "evidence": {',
        f'        "tier": {s(record["tier"])},',
        f'        "summary": {s(record["evidence_summary"])},',
        f'        "limitations": {s(record["evidence_limitations"])}',
        '      },',
        f'      "clinical_context": {s(record["clinical_context"])},',
        '      "cautions": [' + ", ".join(s(c) for c in record["cautions"]) + '],',
        '      "takeaways": [' + ", ".join(s(t) for t in record["takeaways"]) + '],',
        '      "faq": [',
        ",\n".join(f'        {{"question": {s(q)}, "answer": {s(a)}}}' for q, a in record["faq"]),
        '      ],',
        f'      "reviewed": {s(record["reviewed"])}',
        '    }',
    ]
    return "\n".join(lines)


def write_header(out, args, catalogue):
    dumps = lambda value: json.dumps(value, ensure_ascii=False)
    out.write('{\n  "format": "pairinfo",\n  "format_version": 1,\n')
    out.write(f'  "name": {dumps(f"Synthetic benchmark data ({args.pairs:,} pairs, seed {args.seed})")},\n')
    out.write('  "description": "Generated by bench/generate.py for performance measurements. '
              'Placeholder text only: not health information.",\n')
    out.write('  "categories": [\n    {"id": "synthetic", "prefix": "SYN", "name": "Synthetic", '
              '"description": "Interventions invented for benchmarks."}\n  ],\n')
    out.write('  "interventions": [\n')
    rows = []
    for entry in catalogue.entries:
        rows.append(f'    {{"code": {dumps(entry["code"])}, "name": {dumps(entry["name"])}, '
                    f'"category": "{CATEGORY}", "aliases": {dumps(entry["aliases"])}, '
                    f'"summary": {dumps(entry["summary"])}}}')
    out.write(",\n".join(rows))
    out.write('\n  ],\n  "pairs": [\n')


class SqliteCopy:
    """The same records in an SQLite table indexed by pair (codes in sorted order) and by code."""

    def __init__(self, path, catalogue):
        if os.path.exists(path):
            os.remove(path)
        self.db = sqlite3.connect(path, isolation_level=None)  # transactions by hand
        self.db.executescript("""
            PRAGMA journal_mode = OFF;
            PRAGMA synchronous = OFF;
            CREATE TABLE interventions (code TEXT PRIMARY KEY, name TEXT NOT NULL,
                                        aliases TEXT NOT NULL, summary TEXT);
            CREATE TABLE pairs (code_a TEXT NOT NULL, code_b TEXT NOT NULL, title TEXT,
                                significance TEXT, tier TEXT, summary TEXT, mechanism TEXT,
                                evidence_summary TEXT, evidence_limitations TEXT,
                                clinical_context TEXT, cautions TEXT, takeaways TEXT, faq TEXT,
                                reviewed TEXT);
            BEGIN;
        """)
        self.db.executemany("INSERT INTO interventions VALUES (?, ?, ?, ?)",
                            [(e["code"], e["name"], json.dumps(e["aliases"]), e["summary"])
                             for e in catalogue.entries])
        self.pending = []

    def add(self, record):
        code_a, code_b = sorted(record["codes"])
        self.pending.append((
            code_a, code_b, record["title"], record["significance"], record["tier"],
            record["summary"], record["mechanism"], record["evidence_summary"],
            record["evidence_limitations"], record["clinical_context"],
            json.dumps(record["cautions"]), json.dumps(record["takeaways"]),
            json.dumps([{"question": q, "answer": a} for q, a in record["faq"]]), record["reviewed"]))
        if len(self.pending) >= 2000:
            self.flush()

    def flush(self):
        self.db.executemany("INSERT INTO pairs VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", self.pending)
        self.pending = []

    def close(self):
        self.flush()
        # Indexes after the rows: far faster than maintaining them row by row.
        # (execute, not executescript: the latter commits first on its own.)
        for statement in ("CREATE UNIQUE INDEX pairs_by_pair ON pairs (code_a, code_b)",
                          "CREATE INDEX pairs_by_b ON pairs (code_b)", "COMMIT", "ANALYZE"):
            self.db.execute(statement)
        self.db.close()


def main(argv):
    args = parse_args(argv)
    # Separate streams, so the catalogue and pair order do not change when prose changes.
    catalogue = Catalogue(args.interventions, random.Random(f"{args.seed}:catalogue"))
    pair_at = PairSequence(args.interventions, random.Random(f"{args.seed}:pairs"))
    prose = Prose(random.Random(f"{args.seed}:prose"))
    rng = random.Random(f"{args.seed}:records")

    n = args.pairs
    # A record in the middle of the file, of an intervention with an alias when there is one.
    def has_alias(k):
        return any(catalogue.entries[i]["aliases"] for i in pair_at(k))
    known_k = next((k for k in range(n // 2, min(n, n // 2 + 1000)) if has_alias(k)), n // 2)
    last_k = n - 1
    # 50 interventions that surely share records: the codes of records spread over the file.
    check_codes = []
    for k in range(0, n, max(1, n // 200)):
        for index in pair_at(k):
            if code_of(index) not in check_codes and len(check_codes) < 50:
                check_codes.append(code_of(index))
    pairs_per_intervention = [0] * args.interventions
    search_matches = 0
    total_record_bytes = 0

    # A killed run never leaves a truncated file under the real name; but a device or pipe
    # (/dev/stdout) is written directly, never replaced.
    regular = not os.path.exists(args.output) or os.path.isfile(args.output)
    tmp = args.output + ".partial" if regular else args.output
    sqlite_copy = SqliteCopy(args.sqlite, catalogue) if args.sqlite else None
    with open(tmp, "w", encoding="utf-8", buffering=1 << 20) as out:
        write_header(out, args, catalogue)
        for k in range(n):
            a, b = pair_at(k)
            pairs_per_intervention[a] += 1
            pairs_per_intervention[b] += 1
            record = make_record(k, a, b, catalogue, prose, rng)
            search_matches += k % SEARCH_EVERY == SEARCH_EVERY // 2
            text = record_json(record)
            total_record_bytes += len(text.encode("utf-8"))
            out.write(text)
            out.write(",\n" if k + 1 < n else "\n")
            if sqlite_copy:
                sqlite_copy.add(record)
        out.write("  ]\n}\n")
    if sqlite_copy:
        sqlite_copy.close()
    if tmp != args.output:
        os.replace(tmp, args.output)

    def pair_facts(k):
        a, b = pair_at(k)
        ea, eb = catalogue.entries[a], catalogue.entries[b]
        if ea["aliases"] and not eb["aliases"]:
            ea, eb = eb, ea
        # The last alias is the least like the name (see Catalogue).
        alias_b = eb["aliases"][-1] if eb["aliases"] else eb["name"]
        return {"codes": [ea["code"], eb["code"]], "names": [ea["name"], eb["name"]],
                "name_and_alias": [ea["name"], alias_b]}

    known = pair_facts(known_k)
    a_index = int(known["codes"][0].split("-")[1]) - 1
    busiest = max(range(args.interventions), key=lambda i: pairs_per_intervention[i])
    facts = {
        "file": os.path.abspath(args.output),
        "bytes": os.path.getsize(args.output) if regular else None,
        "sqlite": os.path.abspath(args.sqlite) if args.sqlite else None,
        "seed": args.seed,
        "pairs": n,
        "interventions": args.interventions,
        "mean_record_bytes": round(total_record_bytes / n),
        "pair": known,
        "last_pair": pair_facts(last_k),
        "intervention": {"code": known["codes"][0], "pairs": pairs_per_intervention[a_index]},
        "busiest_intervention": {"code": code_of(busiest), "pairs": pairs_per_intervention[busiest]},
        "check50": check_codes,
        "search_word": SEARCH_WORD,
        "search_matches": search_matches,
    }
    text = json.dumps(facts, indent=2, ensure_ascii=False)
    print(text)
    if args.facts:
        with open(args.facts, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

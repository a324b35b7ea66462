#!/usr/bin/env python3
"""Writes a drug-interaction table in the shape of DDInter (issue 17) to standard output.

    make_ddinter_table.py [--rows N] [--pairs N] [--drugs N] [--samples FILE] [--seed N]

Header DDInterID_A,Drug_A,DDInterID_B,Drug_B,Level; levels Major, Moderate, Minor and
Unknown; every pair once, then repeats of some pairs (mostly in the other order, a few with
another level), shuffled. The defaults are the real table's counts: 222,383 rows, 160,235
distinct pairs, 1,939 drugs. A few drug names are names or aliases of the bundled data
(Warfarin links to it; Statins is a class alias; Gentamicin and Tobramycin are both aliases of
one bundled intervention), the rest are made up.

--samples FILE writes one pair a line, "NAME_A<TAB>NAME_B<TAB>LEVEL", with the level an
import must keep (the most serious the table gives the pair), for lookups to check.
"""
import argparse
import random
import sys

SEVERITY = {"Unknown": 0, "Minor": 1, "Moderate": 2, "Major": 3}
LEVELS = ["Major", "Moderate", "Minor", "Unknown"]
WEIGHTS = [15, 55, 20, 10]
BUNDLED = ["Warfarin", "Atorvastatin", "Ibuprofen", "Omeprazole", "Clopidogrel", "Aspirin", "Statins",
           "Gentamicin", "Tobramycin"]
FIRST = ["Ab", "Ac", "Al", "Am", "Ar", "Ba", "Be", "Bu", "Ca", "Ce", "Co", "Da", "De", "Do", "El", "Em", "Er",
         "Fa", "Fe", "Fo", "Ga", "Gu", "Ha", "He", "Ib", "Il", "Ka", "Ke", "La", "Le", "Lo", "Ma", "Me", "Mo",
         "Na", "Ne", "No", "Ob", "Pa", "Pe", "Po", "Qu", "Ra", "Re", "Sa", "Se", "Ta", "Te", "Va", "Ze"]
MIDDLE = ["ba", "ce", "da", "fe", "ga", "li", "mo", "na", "pi", "ra", "si", "to", "vu", "xa", "zo"]
LAST = ["mab", "pril", "sartan", "olol", "azole", "cillin", "mycin", "statin", "vir", "tide", "dipine",
        "zepam", "oxacin", "parin", "gliptin", "lukast", "tinib", "profen", "setron", "triptan"]


def drug_names(count, rng):
    names = list(BUNDLED)
    made = [f + m + l for f in FIRST for m in MIDDLE for l in LAST]
    rng.shuffle(made)
    for name in made:
        if len(names) == count:
            break
        names.append(name)
    if len(names) < count:
        sys.exit(f"at most {len(made) + len(BUNDLED)} drugs")
    return names[:count]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=222383)
    parser.add_argument("--pairs", type=int, default=160235)
    parser.add_argument("--drugs", type=int, default=1939)
    parser.add_argument("--samples")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    if not (args.drugs - 1 <= args.pairs <= args.rows) or args.pairs > args.drugs * (args.drugs - 1) // 2:
        sys.exit("the counts do not fit together")
    rng = random.Random(args.seed)
    names = drug_names(args.drugs, rng)
    ids = [f"DDInter{i + 1}" for i in range(args.drugs)]

    # Every drug in at least one pair (a chain), then random pairs up to the count.
    pairs = {}
    for i in range(args.drugs - 1):
        pairs[(i, i + 1)] = rng.choices(LEVELS, WEIGHTS)[0]
    while len(pairs) < args.pairs:
        a, b = rng.randrange(args.drugs), rng.randrange(args.drugs)
        if a != b and (min(a, b), max(a, b)) not in pairs:
            pairs[(min(a, b), max(a, b))] = rng.choices(LEVELS, WEIGHTS)[0]
    order = list(pairs)
    rows = []
    kept = {}
    for pair in order:
        a, b = pair if rng.random() < 0.5 else pair[::-1]
        rows.append((a, b, pairs[pair]))
        kept[pair] = pairs[pair]
    for _ in range(args.rows - args.pairs):
        pair = order[rng.randrange(len(order))]
        a, b = pair[::-1] if rng.random() < 0.8 else pair
        level = pairs[pair] if rng.random() < 0.95 else rng.choice(LEVELS)
        rows.append((a, b, level))
        if SEVERITY[level] > SEVERITY[kept[pair]]:
            kept[pair] = level
    rng.shuffle(rows)

    out = sys.stdout
    out.write("DDInterID_A,Drug_A,DDInterID_B,Drug_B,Level\n")
    out.writelines(f"{ids[a]},{names[a]},{ids[b]},{names[b]},{level}\n" for a, b, level in rows)
    if args.samples:
        with open(args.samples, "w") as samples:
            chosen = rng.sample(order, 20)
            # Pairs whose rows disagree, and pairs of drugs the bundled data also names.
            chosen += [p for p in order if kept[p] != pairs[p]][:5]
            chosen += [p for p in order if names[p[0]] in BUNDLED or names[p[1]] in BUNDLED][:10]
            for a, b in chosen:
                samples.write(f"{names[a]}\t{names[b]}\t{kept[(a, b)]}\n")


if __name__ == "__main__":
    main()

$PAIRINFO HRM-001 AES-001 --format markdown | grep -v "^$" | grep -v "^<!--" | sed -E "s/^#+ //" > md.txt; grep -c . "$CASES/../../fixtures/seed-AES-001_HRM-001.txt" >/dev/null; python3 - "$CASES/../../fixtures/seed-AES-001_HRM-001.txt" md.txt <<'PY'
import sys
article = open(sys.argv[1], encoding="utf-8").read().splitlines()
shown = open(sys.argv[2], encoding="utf-8").read().splitlines()
at = 0
for line in article:
    while at < len(shown) and shown[at] != line:
        at += 1
    if at == len(shown):
        sys.exit("missing or out of order: " + line)
    at += 1
print(f"all {len(article)} lines of the seed article, verbatim and in order")
PY

cat > make_table.py <<'PY'
import random
random.seed(7)
print("ID_A,Name_A,ID_B,Name_B,Level")
seen = set()
levels = ["Major", "Moderate", "Minor"]
while len(seen) < 200000:
    a, b = random.randrange(5000), random.randrange(5000)
    if a == b or (min(a, b), max(a, b)) in seen:
        continue
    seen.add((min(a, b), max(a, b)))
    print(f'DDI{a:05d},Compound {a},DDI{b:05d},"Compound {b}, tablets",{random.choice(levels)}')
PY
python3 make_table.py > table.csv
$PAIRINFO import table.csv -o table.json; echo "import status $?"
$PAIRINFO validate table.json; echo "validate status $?"
$PAIRINFO --data table.json DDI00017 --format jsonl | wc -l | awk '{ print ($1 > 50) ? "DDI00017 has many records" : "too few records" }'
pair=$($PAIRINFO --data table.json DDI00017 --format jsonl | head -n 1 | jq -r '.interventions | map(.code) | join(" ")')
$PAIRINFO --data table.json $pair --json | jq -r '"found " + .pair.significance'
$PAIRINFO --data table.json "compound 17" DDI00017; echo "same intervention twice: $?"

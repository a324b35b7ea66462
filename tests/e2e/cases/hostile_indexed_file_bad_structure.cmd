# Found by fuzz/load_fuzz: files read through the index (64 MiB and more; the threshold is
# lowered here) must be refused for structural errors between sections, as a full parse would.
export PAIRINFO_INDEX_MIN_BYTES=1
for text in '{"format": "pairinfo", "x" "pairs": []}' '{"interventions": [], "pairs": [] "x-a": 1}' \
            '{"pairs": [{"interventions": ["A", "B"]} {"interventions": ["C", "D"]}]}' '{"interventions": [], "x-a": }'; do
  printf '%s\n' "$text" > f.json
  $PAIRINFO --no-bundled --data f.json A B; echo "status $?"
done

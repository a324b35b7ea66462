# A file big enough to be remembered as checked (1 MiB) but refused for a rule that spans
# layers must be refused on every call, not trusted from the cache on the second.
python3 -c '
import json
print(json.dumps({"x-pad": "a" * 1100000,
  "interventions": [{"code": "TST-1", "name": "Testthing one"}, {"code": "TST-2", "name": "Testthing two"}],
  "pairs": [{"interventions": ["TST-1", "TST-2"]}, {"interventions": ["TST-1", "ZZZ-9"]}]}))' > cross.json
for i in 1 2; do $PAIRINFO --data cross.json TST-1 TST-2; echo "status $?"; done
python3 -c '
import json
print(json.dumps({"x-pad": "a" * 1100000,
  "interventions": [{"code": "TST-1", "name": "Testthing one"}],
  "pairs": [{"interventions": ["TST-1", "AES-001"], "significance": "monitor"}]}))' > uses.json
$PAIRINFO --no-bundled --data uses.json TST-1; echo "alone: $?"; $PAIRINFO --data uses.json TST-1 > /dev/null; echo "with bundled: $?"; $PAIRINFO --no-bundled --data uses.json TST-1; echo "alone again: $?"

# A file of the stack that cannot be read is reported by name, and the stack is not
# checked without it (the files after it would be blamed for what it defines).
printf '{"pairs": [{"interventions": ["CLN-001", "HRM-001"]}]}\n' > on-top.json
$PAIRINFO validate missing.json on-top.json; echo "status $?"
$PAIRINFO validate --each missing.json on-top.json; echo "status $?"

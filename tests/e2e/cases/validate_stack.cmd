# validate A B checks the files as one stack, as --data A --data B loads them: a layer may
# use what the ones before it define. Problems in the stack name their file, line and column.
cat > base.json <<'DATA'
{
  "interventions": [{"code": "CLN-001", "name": "Clinic peel"}]
}
DATA
cat > on-top.json <<'DATA'
{
  "pairs": [
    {"interventions": ["CLN-001", "HRM-001"], "significance": "avoid", "evidence": {"tier": "T2"}}
  ]
}
DATA
echo "== validate base.json on-top.json"
$PAIRINFO validate base.json on-top.json; echo "status $?"
$PAIRINFO --data base.json --data on-top.json "clinic peel" estradiol --json | jq -r '.significance.name, .pair.evidence.tier'
echo "== validate --each: on-top.json alone does not know CLN-001"
$PAIRINFO validate --each base.json on-top.json; echo "status $?"
echo "== problems in both files of a stack"
cat > more.json <<'DATA'
{
  "pairs": [
    {"interventions": ["CLN-001", "AES-001"], "significance": "monitor"},
    {"interventions": ["CLN-001", "XYZ-001"]}
  ]
}
DATA
printf '{"interventions": [{"code": "CLN-002", "name": ""}]}\n' > empty-name.json
$PAIRINFO validate base.json empty-name.json more.json; echo "status $?"
$PAIRINFO validate --json base.json empty-name.json more.json | jq -c '.[] | [.file, .line, .column]'
echo "== --no-bundled: the bundled codes are gone"
$PAIRINFO --no-bundled validate base.json on-top.json; echo "status $?"

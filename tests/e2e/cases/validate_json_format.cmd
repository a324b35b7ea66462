cat > clinic.json <<'DATA'
{
  "interventions": [{"code": "CLN-001", "name": "Example procedure"}],
  "pairs": [{"interventions": ["CLN-001", "AES-999"], "significance": "severe"}]
}
DATA
$PAIRINFO validate --format json clinic.json > problems.json; echo "exit $?"
jq -r 'type, length, (map(keys | join(",")) | unique[]), (map([.file, .line, .column, .pointer, .message] | map(type) | join(",")) | unique[])' problems.json
jq -c '.[] | [.file, .line, .column, .pointer, .message]' problems.json
printf '{"interventions": [{"code": "CLN-001", "name": "Example procedure"}]}\n' > fine.json
$PAIRINFO validate --json fine.json; echo "exit $?"

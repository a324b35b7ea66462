# With JSON output, the error object says the same, and suggests --no-user-data.
mkdir -p "$XDG_DATA_HOME/pairinfo"
printf '{"pairs": [{"interventions": ["AES-001", "XYZ-001"]}]}\n' > "$XDG_DATA_HOME/pairinfo/clinic.json"
$PAIRINFO warfarin ginkgo --json 2>err.txt; echo "status $?"
sed "s|$XDG_DATA_HOME|XDG_DATA_HOME|g" err.txt | grep -v '^{'
tail -n 1 err.txt | sed "s|$XDG_DATA_HOME|XDG_DATA_HOME|g" | jq -c '.error | {code, suggestions, term}'
tail -n 1 err.txt | sed "s|$XDG_DATA_HOME|XDG_DATA_HOME|g" | jq -r '.error.message'

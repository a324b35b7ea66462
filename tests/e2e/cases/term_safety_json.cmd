# JSON escapes C0 controls as JSON requires, and keeps the text exact: a script gets the real bytes back.
# (jq -a shows non-ASCII as \u escapes, so this expected output holds no raw control bytes itself.)
cp "$CASES/../fixtures/hostile/controls.json" .
timeout 20 $PAIRINFO --no-bundled --data controls.json TST-001 TST-002 --json >pair.json; echo "status $?"
bash "$CASES/../fixtures/hostile/count_raw_controls.sh" --c0-only pair.json
jq -a '.pair.title, .pair.summary, .pair.clinical_context, .pair.interventions[].name' pair.json
printf 'decoded title bytes:'; jq -j '.pair.title' pair.json | od -An -c | tr -s ' \n' ' '; echo
timeout 20 $PAIRINFO --no-bundled --data controls.json list --format jsonl >list.jsonl; echo "status $?"
bash "$CASES/../fixtures/hostile/count_raw_controls.sh" --c0-only list.jsonl
jq -ac '.interventions[].name, .title' list.jsonl

$PAIRINFO warfarin --format jsonl | head -n 2 | jq -c ".interventions | map(.code)"

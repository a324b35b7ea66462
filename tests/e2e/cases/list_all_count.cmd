$PAIRINFO list | wc -l; $PAIRINFO list --format jsonl | wc -l; $PAIRINFO interventions | wc -l

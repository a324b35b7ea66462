$PAIRINFO check estradiol E2 HRM-001 smoking | head -n 4; $PAIRINFO check estradiol E2 smoking --json | jq -c ".duplicates"

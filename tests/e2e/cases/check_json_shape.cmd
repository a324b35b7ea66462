$PAIRINFO check microneedling estradiol metformin --json | jq -c "keys, (.interventions|map(.code)), (.found|length), (.missing|map(map(.code)))"

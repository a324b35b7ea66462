$PAIRINFO interventions --category supplement | cut -c1-60; $PAIRINFO interventions --json | jq -c "[.[] | select(.code == \"HRM-001\")][0] | {code, name, category, aliases, pairs}"

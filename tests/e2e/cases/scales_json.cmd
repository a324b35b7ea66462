$PAIRINFO scales --json | jq -c "[.tiers[].id], [.significance[].id]"

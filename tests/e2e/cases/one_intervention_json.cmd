$PAIRINFO warfarin --format json | jq -c ".[] | [.interventions[].code, .tier, .significance]"

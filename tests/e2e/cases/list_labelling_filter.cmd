# What product labelling says is its own field, apart from the evidence tier: list filters on it.
$PAIRINFO list --labelling contraindicated | cut -c1-20
$PAIRINFO list warfarin --labelling contraindicated,warns --json | jq -r '.[] | [.interventions[].code] | join("+")' | head -n 5
$PAIRINFO list --labelling sometimes; echo "status $?"

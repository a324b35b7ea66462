# A class (statins, DOACs, NSAIDs, SSRIs) never stands silently for one member, and a member
# never inherits a class record that leaves it out.
$PAIRINFO atorvastatin "grapefruit juice" | head -n 3
$PAIRINFO atorvastatin "grapefruit juice" --json | jq -c '[.via_class.code, .via_class.member, .pair.significance]'
$PAIRINFO rosuvastatin "grapefruit juice" --json | jq -c '[.pair.interventions[].code, .pair.significance, .via_class]'
$PAIRINFO rosuvastatin "st john's wort"; echo "status $?"
$PAIRINFO statin "grapefruit juice" | grep -A1 "Applies to"
$PAIRINFO sertraline warfarin --json | jq -r '.via_class.note'
$PAIRINFO fluoxetine warfarin --json | jq -c '[.pair.interventions[].code, .via_class]'
$PAIRINFO check atorvastatin "grapefruit juice" rosuvastatin --json | jq -c '[.found[] | [.interventions[].code] | join("+")], [.missing[] | [.[].code] | join("+")]'

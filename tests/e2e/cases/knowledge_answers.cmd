# The questions issue 16 says people ask first: each found, with the answer it should have.
verdict() { $PAIRINFO "$@" --json | jq -r '"\(.pair.interventions[0].code)+\(.pair.interventions[1].code) \(.pair.significance) \(.pair.evidence.tier)"'; }
verdict warfarin aspirin
verdict ibuprofen warfarin
verdict "cod liver oil" isotretinoin
verdict rosuvastatin "grapefruit juice"
verdict statin "grapefruit juice"
$PAIRINFO statin "grapefruit juice" | grep -A1 "Applies to"
$PAIRINFO BBL; echo "BBL: exit $?"
$PAIRINFO Tylenol | head -n 1 | cut -c1-40
$PAIRINFO microneedling estradiol | grep -m1 "Source text"
$PAIRINFO "the pill" smoking 2>&1 | head -n 3

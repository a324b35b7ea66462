$PAIRINFO check warfarin "fish oil" ginkgo "vitamin E" "St John’s wort" alcohol --json | jq -r ".found[] | [.significance, .evidence.tier, (.interventions|map(.code)|join(\"+\"))] | @tsv"

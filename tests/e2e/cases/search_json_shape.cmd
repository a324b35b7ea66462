$PAIRINFO search biotin --json | jq -c ".[0] | {codes: [.interventions[].code], field, has_snippet: (.snippet | length > 0), score}"

$PAIRINFO list --with "fish oil" --json | jq -c ".[0] | keys, (.interventions[0] | keys)"

$PAIRINFO aes-001 hrm-001 --json | jq -c "{tier: .pair.evidence.tier, codes: [.pair.interventions[].code], source: .pair.source}"

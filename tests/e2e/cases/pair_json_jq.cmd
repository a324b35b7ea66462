$PAIRINFO AES-001 HRM-001 --format json | jq -r ".schema_version, .pair.evidence.tier, .pair.interventions[].name, .pair.faq[0].question, (.pair.cautions|length), .significance.name"

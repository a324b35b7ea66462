printf '{"format": "pairinfo", "format_version": 1, "pairs": [{"interventions": ["AES-001", "HRM' > cut.json; timeout 20 $PAIRINFO --data cut.json AES-001 HRM-001

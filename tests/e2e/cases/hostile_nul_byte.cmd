printf '{"format": "pairinfo", "format_version": 1,\n "interventions": [{"code": "TST-001", "name": "a\0b", "category": "drug"}]}\n' > nul.json; timeout 20 $PAIRINFO --data nul.json AES-001 HRM-001

printf '{"format": "pairinfo", "format_version": 1,\n "interventions": [{"code": "TST-001", "name": 42, "category": "drug"}]}\n' > number.json; timeout 20 $PAIRINFO --data number.json AES-001 HRM-001

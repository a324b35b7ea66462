# 0xC0 0xAF is an overlong '/', a classic way to sneak a character past filters.
printf '{"format": "pairinfo", "format_version": 1,\n "interventions": [{"code": "TST-001", "name": "a\xc0\xafb", "category": "drug"}]}\n' > overlong.json; timeout 20 $PAIRINFO --data overlong.json AES-001 HRM-001

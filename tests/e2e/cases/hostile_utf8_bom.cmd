# Editors on Windows save with a byte-order mark; such a file loads like any other.
printf '\xef\xbb\xbf{"format": "pairinfo", "format_version": 1,\n "interventions": [{"code": "TST-001", "name": "Bom test", "category": "drug"}]}\n' > bom.json; timeout 20 $PAIRINFO --no-bundled --data bom.json interventions

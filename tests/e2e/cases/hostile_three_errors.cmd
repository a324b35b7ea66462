# Every problem in a file is listed at once, each with its place, so one edit fixes them all.
printf '{"format": "pairinfo", "format_version": 1,\n "pairs": [{"interventions": ["AES-001", "HRM-001"], "significance": "maybe"},\n           {"interventions": ["AES-001"]},\n           {"interventions": ["AES-002", "HRM-001"], "reviewed": "2026-02-30"}]}\n' > three.json
timeout 20 $PAIRINFO --data three.json AES-001 HRM-001; echo "status $?"; timeout 20 $PAIRINFO validate three.json

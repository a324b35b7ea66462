# Error messages quote values and file names from hostile input: they are escaped too.
printf '{"format": "pairinfo", "format_version": 1,\n "pairs": [{"interventions": ["AES-001", "HRM-001"], "significance": "\\u001b[31mred"},\n           {"interventions": ["AES-002", "HRM-001"], "\\u001b]52;c;eA==\\u0007": 1}]}\n' > bad.json
timeout 20 $PAIRINFO validate bad.json >out.txt 2>err.txt; echo "status $?"
cat out.txt err.txt; bash "$CASES/../fixtures/hostile/count_raw_controls.sh" out.txt; bash "$CASES/../fixtures/hostile/count_raw_controls.sh" err.txt
timeout 20 $PAIRINFO --data $'\e[31mmissing\u202e.json' AES-001 HRM-001 >out.txt 2>err.txt; echo "status $?"
cat out.txt err.txt; bash "$CASES/../fixtures/hostile/count_raw_controls.sh" err.txt

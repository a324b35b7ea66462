# Records full of terminal escape sequences print as visible escapes, never as raw bytes.
cp "$CASES/../fixtures/hostile/controls.json" .
timeout 20 $PAIRINFO --no-bundled --data controls.json TST-001 TST-002 >out.txt 2>err.txt; echo "status $?"
cat out.txt err.txt; bash "$CASES/../fixtures/hostile/count_raw_controls.sh" out.txt; bash "$CASES/../fixtures/hostile/count_raw_controls.sh" err.txt

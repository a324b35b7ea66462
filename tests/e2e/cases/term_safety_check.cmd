cp "$CASES/../fixtures/hostile/controls.json" .
for full in "" --full; do
  echo "== check $full"
  timeout 20 $PAIRINFO --no-bundled --data controls.json check $full redalert clipboard >out.txt 2>err.txt; echo "status $?"
  cat out.txt err.txt; bash "$CASES/../fixtures/hostile/count_raw_controls.sh" out.txt; bash "$CASES/../fixtures/hostile/count_raw_controls.sh" err.txt
done

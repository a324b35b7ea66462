cp "$CASES/../fixtures/hostile/controls.json" .
for words in link hostile; do
  echo "== search $words"
  timeout 20 $PAIRINFO --no-bundled --data controls.json search $words >out.txt 2>err.txt; echo "status $?"
  cat out.txt err.txt; bash "$CASES/../fixtures/hostile/count_raw_controls.sh" out.txt; bash "$CASES/../fixtures/hostile/count_raw_controls.sh" err.txt
done

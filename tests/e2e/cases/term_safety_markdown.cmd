# Markdown is often viewed with cat or a pager, so it is escaped like text.
cp "$CASES/../fixtures/hostile/controls.json" .
for command in "TST-001 TST-002" "check TST-001 TST-002"; do
  echo "== $command"
  timeout 20 $PAIRINFO --no-bundled --data controls.json --format markdown $command >out.txt 2>err.txt; echo "status $?"
  cat out.txt err.txt; bash "$CASES/../fixtures/hostile/count_raw_controls.sh" out.txt; bash "$CASES/../fixtures/hostile/count_raw_controls.sh" err.txt
done

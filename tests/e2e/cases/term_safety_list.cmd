cp "$CASES/../fixtures/hostile/controls.json" .
for command in list TST-001 interventions "sources"; do
  echo "== $command"
  timeout 20 $PAIRINFO --no-bundled --data controls.json $command >out.txt 2>err.txt; echo "status $?"
  # sources: the layer line shows the file's name field; the totals line is not about escaping
  if [ "$command" = sources ]; then head -n 1 out.txt; else cat out.txt; fi; cat err.txt
  bash "$CASES/../fixtures/hostile/count_raw_controls.sh" out.txt; bash "$CASES/../fixtures/hostile/count_raw_controls.sh" err.txt
done

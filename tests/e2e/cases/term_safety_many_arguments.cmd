# 10,000 terms to check: answered fast, with a bounded number of error lines.
cp "$CASES/../fixtures/hostile/controls.json" .
timeout 20 $PAIRINFO --no-bundled --data controls.json check $(seq -f 'unknown%g' 10000) >out.txt 2>err.txt; echo "status $?"
echo "stdout lines: $(wc -l <out.txt), stderr lines: $(wc -l <err.txt)"; head -n 2 err.txt; tail -n 1 err.txt
timeout 20 $PAIRINFO --no-bundled --data controls.json check $(for i in $(seq 5000); do echo TST-001 TST-002; done) >out.txt 2>err.txt; echo "status $?"
head -n 1 out.txt; echo "stderr lines: $(wc -l <err.txt)"

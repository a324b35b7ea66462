# Regression (found by fuzz/load_fuzz): a data file past lazy_threshold (64 MB), so streamed
# from disk, whose problem is at the document root (pointer "") aborted with an uncaught
# std::out_of_range while its position was being located.
python3 -c 'import sys; sys.stdout.write(open(sys.argv[1]).read().replace("@PAD@", "x" * 70000000))' \
  "$CASES/../fixtures/hostile/crash-root-pointer-big-file.json" > big.json
timeout 300 $PAIRINFO --data big.json AES-001 HRM-001

# A data file cut short while pairinfo reads it: whatever the timing, the answer is either
# complete (read before the cut) or one clear error with status 3; never a crash, a hang
# or a partial answer.
python3 -c '
import json
pairs = [{"interventions": ["SYN-%d" % i, "SYN-%d" % (i + 1)], "summary": "x" * 2000} for i in range(60000)]
json.dump({"interventions": [{"code": "SYN-%d" % i, "name": "Synthetic %d" % i} for i in range(60001)], "pairs": pairs}, open("big.json", "w"))'
size=$(stat -c %s big.json)
for delay in 0.01 0.05 0.2; do
  cp big.json data.json
  # Streamed from the file (as files of 64 MiB and more are), so the cut lands mid-read.
  PAIRINFO_INDEX_MIN_BYTES=1 timeout 120 $PAIRINFO --no-bundled --data data.json SYN-7 SYN-8 > out.txt 2> err.txt &
  reader=$!
  sleep $delay
  truncate -s $((size / 3)) data.json
  wait $reader
  status=$?
  lines=$(wc -l < err.txt)
  if [ $status -eq 0 ] && grep -q "^SYN-7 + SYN-8" out.txt && [ $lines -eq 0 ]; then echo "complete answer"
  elif [ $status -eq 3 ] && [ ! -s out.txt ] && [ $lines -ge 1 ] && grep -q "^pairinfo: error: data.json" err.txt; then echo "clear error"
  else echo "unexpected: status $status, $lines error lines"; cat err.txt; fi
done | sort -u | sed 's/complete answer\|clear error/complete answer or clear error/' | sort -u

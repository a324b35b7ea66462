# A file past 16 MiB is validated one record at a time: every problem is still found, in
# file order, with its line and column; off a terminal no progress line is written.
python3 -c '
import json
codes = ["SYN-%d" % i for i in range(4001)]
pairs = [{"interventions": [codes[i], codes[i + 1]], "summary": "Text " * 1000} for i in range(4000)]
pairs[1500]["significance"] = "risky"
pairs[3999]["interventions"] = ["SYN-0", "SYN-1"]
json.dump({"format": "pairinfo", "format_version": 1,
           "interventions": [{"code": c, "name": "Synthetic " + c} for c in codes], "pairs": pairs},
          open("big.json", "w"), indent=1)'
[ "$(stat -c %s big.json)" -gt 16777216 ] && echo "more than 16 MiB"
$PAIRINFO --no-bundled validate big.json; echo "status $?"

printf 'Drug_A,Drug_B,Level\nBlorazine,Quintavir,Major\n' > t.csv
$PAIRINFO import t.csv -o t.json 2>/dev/null
$PAIRINFO --data t.json blorazine quintavir --verbose
$PAIRINFO --data t.json blorazine quintavir --json | jq -c '.pair.origin'

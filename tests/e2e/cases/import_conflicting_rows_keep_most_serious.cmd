printf 'Drug_A,Drug_B,Level\nBlorazine,Quintavir,Minor\nQuintavir,Blorazine,Major\nBlorazine,Quintavir,Moderate\nBlorazine,Zeltamab,Minor\nZeltamab,Blorazine,Minor\n' > t.csv
$PAIRINFO import t.csv -o t.json; echo "status $?"
$PAIRINFO --data t.json blorazine quintavir --json | jq -c '[.pair.significance, .pair.origin]'
$PAIRINFO --data t.json blorazine zeltamab --json | jq -c '[.pair.significance, .pair.origin]'

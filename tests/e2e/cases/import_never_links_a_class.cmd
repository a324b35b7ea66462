printf 'DDInterID_A,Drug_A,DDInterID_B,Drug_B,Level\nD1,Statins,D2,Blorazine,Major\nD3,Atorvastatin,D2,Blorazine,Minor\nD4,Gentamicin,D5,Tobramycin,Moderate\nD4,Gentamicin,D2,Blorazine,Minor\nD5,Tobramycin,D2,Blorazine,Major\n' > t.csv
$PAIRINFO import t.csv -o t.json; echo "status $?"
jq -c '[.pairs[].interventions]' t.json
$PAIRINFO --data t.json atorvastatin blorazine --json | jq -c '[.pair.interventions[].code, .pair.origin.value]'
$PAIRINFO --data t.json D1 blorazine --json | jq -c '[.pair.interventions[].code, .pair.origin.value]'

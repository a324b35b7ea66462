printf 'Drug_A,Drug_B,Level\nBlorazine,Quintavir,Major\n' > t.csv
$PAIRINFO import t.csv -o "$XDG_DATA_HOME/pairinfo/fresh/t.json"; echo "status $?"
$PAIRINFO --data "$XDG_DATA_HOME/pairinfo/fresh/t.json" blorazine quintavir --json | jq -r '.pair.significance'
touch file; $PAIRINFO import t.csv -o file/t.json; echo "status $?"

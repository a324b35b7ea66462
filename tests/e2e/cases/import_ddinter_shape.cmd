# Issue 17: a table in DDInter's shape (222,383 rows, 160,235 distinct pairs, 1,939 drugs) over the bundled data.
python3 "$CASES/../../import/make_ddinter_table.py" --samples samples.tsv > ddi.csv
$PAIRINFO import ddi.csv -o ddi.json; echo "import status $?"
jq '.pairs | length' ddi.json
while IFS=$'\t' read -r a b level; do
  # A drug named as a bundled alias (Gentamicin, Statins) keeps its name, and the name finds it.
  shown=$($PAIRINFO --data ddi.json "$a" "$b" --json 2>/dev/null | jq -r '.pair.origin.value // ("not the table'"'"'s pair: " + (.error.message // "" | .[0:60]))')
  echo "$a + $b: table $level, shown $shown"
done < samples.tsv

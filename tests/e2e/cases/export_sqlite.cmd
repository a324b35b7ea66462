# The data in effect, merged from every layer, written to SQLite for any SQL tool.
cat > clinic.json <<'JSON'
{"interventions": [{"code": "CLN-001", "name": "Clinic peel", "aliases": ["house peel"]}],
 "pairs": [{"interventions": ["CLN-001", "DRG-001"], "significance": "avoid", "summary": "Not during isotretinoin."},
           {"interventions": ["HRM-001", "AES-001"], "significance": "monitor", "summary": "The clinic's own view."}]}
JSON
$PAIRINFO --data clinic.json export --format sqlite -o exports/merged.db; echo "status $?"
echo "pairs in effect: $($PAIRINFO --data clinic.json list | wc -l), exported: $(sqlite3 exports/merged.db 'select count(*) from pairs')"
sqlite3 exports/merged.db "select layer, significance, summary from pairs where key_a = 'AES-001' and key_b = 'HRM-001'"
sqlite3 exports/merged.db "select i.name, a.alias from interventions i join aliases a on a.code = i.code where i.code = 'CLN-001'"
sqlite3 exports/merged.db "select layer, source from layers order by layer"
sqlite3 exports/merged.db "select json_extract(review, '$.status'), count(*) from pairs where layer = 0 group by 1 order by 1"
sqlite3 exports/merged.db "select member from members where class = 'DRG-009' order by position"
# With the planner's statistics, for the queries people write (the cache has none).
sqlite3 exports/merged.db "select count(*) > 0 from sqlite_stat1 where tbl = 'pairs'"
$PAIRINFO export --format csv -o exports/x.db; echo "status $?"

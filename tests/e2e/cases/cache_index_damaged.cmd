# The SQLite index kept in the cache: used on the second call, never stale after the data
# changes (a renamed intervention shows its new name at once), and a damaged copy is never
# believed, not even where SQLite itself sees nothing wrong (a changed byte in a name): the
# answer stays the same, with one warning, and the copy is rewritten.
export PAIRINFO_INDEX_MIN_BYTES=1; cp "$CASES/../../../data/pairinfo.json" kb.json
ask() { $PAIRINFO --no-bundled --data kb.json e2 microneedling 2>>warnings.txt | head -n 1; }
ask; ask; ls "$XDG_CACHE_HOME/pairinfo" | grep -c "\.db$"
sed -i 's/"name": "Estradiol"/"name": "Oestradiol"/' kb.json
ask
db=$(ls "$XDG_CACHE_HOME"/pairinfo/*.db)
damage() { printf "$2" | dd of="$db" bs=1 seek="$1" conv=notrunc 2>/dev/null; }
damage 8 '\xff\xfe\xfd'; echo "damaged header: $(ask)"
at=$(grep -boa "Oestradiol" "$db" | head -n 1 | cut -d: -f1); damage "$at" 'Q'; echo "damaged name: $(ask)"
# A lookup reads only the pages it needs: damage elsewhere is found by the first command
# that reads it (here a list of every record), never believed.
size=$(stat -c %s "$db"); damage $((size / 2)) '\xff\xfe\xfd'; echo "damaged middle: $(ask)"
echo "listed after: $($PAIRINFO --no-bundled --data kb.json list 2>>warnings.txt | grep -c 'HRM-001')"
truncate -s 100 "$db"; echo "cut short: $(ask)"
echo "not an index" > "$db"; echo "foreign: $(ask)"
echo "warnings: $(grep -c "damaged" warnings.txt)"

# The merged catalogue kept in the cache: used on the second call, never stale after the
# data changes (a renamed intervention shows its new name at once), and a damaged copy is
# never believed: the answer stays the same and the copy is rewritten.
export PAIRINFO_INDEX_MIN_BYTES=1; cp "$CASES/../../../data/pairinfo.json" kb.json
ask() { $PAIRINFO --no-bundled --data kb.json e2 microneedling | head -n 1; }
ask; ask; ls "$XDG_CACHE_HOME/pairinfo" | grep -c "\.cat$"
sed -i 's/"name": "Estradiol"/"name": "Oestradiol"/' kb.json
ask
cat_file=$(ls "$XDG_CACHE_HOME"/pairinfo/*.cat); size=$(stat -c %s "$cat_file")
for offset in 8 60 $((size / 2)) $((size - 3)); do
  printf "\xff\xfe\xfd" | dd of="$cat_file" bs=1 seek=$offset conv=notrunc 2>/dev/null
  echo "damaged at $offset: $(ask)"
done
truncate -s 100 "$cat_file"; echo "cut short: $(ask)"
echo "not an image" > "$cat_file"; echo "foreign: $(ask)"

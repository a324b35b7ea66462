export PAIRINFO_INDEX_MIN_BYTES=1; cp "$CASES/../../../data/pairinfo.json" kb.json; $PAIRINFO --no-bundled --data kb.json estradiol microneedling --json | jq -r .pair.significance; ls "$XDG_CACHE_HOME/pairinfo" | grep -c "\.db$"; sed -i "0,/\"significance\": \"benefit\"/s//\"significance\": \"caution\"/" kb.json; $PAIRINFO --no-bundled --data kb.json estradiol microneedling --json | jq -r .pair.significance; sed -i "0,/\"significance\": \"caution\"/s//\"significance\": \"monitor\"/" kb.json; $PAIRINFO --no-bundled --data kb.json estradiol microneedling --json | jq -r .pair.significance
python3 -c "
import sys
with open('kb.json', 'r+b') as f:
    data = f.read(); at = data.index(b'\"significance\": \"monitor\"') + len(b'\"significance\": \"')
    f.seek(at); f.write(b'caution')
"; $PAIRINFO --no-bundled --data kb.json estradiol microneedling --json | jq -r '"in place, same size: " + .pair.significance'

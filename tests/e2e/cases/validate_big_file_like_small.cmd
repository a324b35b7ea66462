# A file of 64 MiB or more is split into its records rather than parsed whole: it must fail
# `validate` exactly as the same defect does in a small file. Three defects at the top level:
# bytes glued in front of a value, invalid UTF-8 in a key, a control character in a key.
make() {  # make DIR HEAD_JSON_TEXT PAIRS
  mkdir -p "$1"; python3 - "$1/f.json" "$2" "$3" <<'PY'
import sys
path, head, pairs = sys.argv[1], sys.argv[2].encode("utf-8", "surrogateescape"), int(sys.argv[3])
with open(path, "wb") as f:
    f.write(b'{"interventions": [{"code": "A-1", "name": "Alpha"}, {"code": "B-1", "name": "Beta"}],\n')
    f.write(head)
    f.write(b'\n "pairs": [\n')
    record = b'  {"interventions": ["A-1", "B-%d"], "summary": "' + b"x" * 300 + b'"}'
    f.write(b",\n".join(record % i for i in range(pairs)))
    f.write(b"\n]}\n")
PY
}
for defect in glued key_utf8 key_control; do
  case $defect in
    glued) head=' "x-a": 1[],' ;;
    key_utf8) head=$' "x-\xff": 1,' ;;
    key_control) head=$' "x-\x01": 1,' ;;
  esac
  make small "$head" 3; make big "$head" 220000
  [ "$(stat -c %s big/f.json)" -ge 67108864 ] || echo "big file too small"
  small=$(cd small && $PAIRINFO --no-bundled validate f.json 2>&1); small_status=$?
  big=$(cd big && $PAIRINFO --no-bundled validate f.json 2>&1); big_status=$?
  echo "$defect: small $small_status, big $big_status"
  [ "$small" = "$big" ] && echo "  same report: $small" || { echo "  small: $small"; echo "  big:   $big"; }
done

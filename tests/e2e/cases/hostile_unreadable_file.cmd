printf '{"format": "pairinfo", "format_version": 1, "pairs": []}\n' > locked.json; chmod 000 locked.json
if [ "$(id -u)" != 0 ]; then
  timeout 20 $PAIRINFO --data locked.json AES-001 HRM-001
else
  # root reads any file, so run as nobody: from a copy of the binary, in a directory nobody can enter.
  chmod 755 . && cp "$PAIRINFO" ./pairinfo-as-nobody && chmod 755 ./pairinfo-as-nobody
  timeout 20 setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$PWD" XDG_DATA_HOME="$PWD/none" ./pairinfo-as-nobody --data locked.json AES-001 HRM-001
fi

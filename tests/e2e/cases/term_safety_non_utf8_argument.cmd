# Latin-1 bytes from an old terminal: no match, shown as \xNN, never a crash.
for command in "" check "list --with"; do
  timeout 20 $PAIRINFO $command $'caf\xe9' AES-001 >out.txt 2>err.txt; echo "status $?"
  cat out.txt err.txt; bash "$CASES/../fixtures/hostile/count_raw_controls.sh" err.txt
done
timeout 20 $PAIRINFO search $'\xff\xfe' >out.txt 2>err.txt; echo "status $?"; cat out.txt err.txt

# Compares what a shell offered with what it should, for the zsh and fish tests.
# `output` holds "> LINE" headers each followed by candidates, one per line; `lines` and
# `expected` are parallel arrays, each expectation "exactly|a|b" or "at least|a|b".
check_offered() {
  local i got mode want failures=0
  for i in "${!lines[@]}"; do
    got=$(awk -v line="> ${lines[i]}" '$0 == line { on = 1; next } /^> / { on = 0 } on' <<<"$output" | LC_ALL=C sort)
    mode=${expected[i]%%|*}
    want=$(tr '|' '\n' <<<"${expected[i]#*|}" | LC_ALL=C sort)
    if [ "$mode" = exactly ]; then
      [ "$got" = "$want" ] && continue
    elif [ -z "$(LC_ALL=C comm -23 <(echo "$want") <(echo "$got"))" ]; then
      continue
    fi
    echo "FAIL: completing '${lines[i]}': expected $mode [$(paste -sd '|' <<<"$want")]," \
         "got [$(head -n 20 <<<"$got" | paste -sd '|')$( (($(wc -l <<<"$got") > 20)) && echo '|...')]"
    failures=$((failures + 1))
  done
  echo "${#lines[@]} completions checked, $failures failed"
  return $((failures > 0))
}

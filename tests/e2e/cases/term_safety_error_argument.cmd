set -f  # the terms hold [ and ], which must not glob
# What the user typed is quoted back escaped: ESC, a C1 CSI, a bidi override.
for args in $'\e[31mred\e]52;c;eA==\a AES-001' $'\xc2\x9b31m AES-001' $'\xe2\x80\xaeevil AES-001' \
            $'--format \e[2J' $'check --fail-on \e[1m AES-001 HRM-001' $'list --with \e[5m' $'list --category \xc2\x9b1m' $'--\e[31mopt'; do
  timeout 20 $PAIRINFO $args >out.txt 2>err.txt; echo "status $?"
  cat out.txt err.txt; bash "$CASES/../fixtures/hostile/count_raw_controls.sh" err.txt
done

NO_COLOR=1 $PAIRINFO AES-001 HRM-001 --color auto | grep -c $'\x1b'; true

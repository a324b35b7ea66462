$PAIRINFO AES-001 HRM-001 | grep -c $'\x1b' ; $PAIRINFO AES-001 HRM-001 --color always | grep -c $'\x1b\\[1m'

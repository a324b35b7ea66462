: > empty.json; timeout 20 $PAIRINFO --data empty.json AES-001 HRM-001

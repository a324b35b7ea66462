mkdir data.json; timeout 20 $PAIRINFO --data data.json AES-001 HRM-001

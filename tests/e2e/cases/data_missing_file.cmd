$PAIRINFO --data missing.json AES-001 HRM-001

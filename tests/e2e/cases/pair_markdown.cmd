$PAIRINFO AES-001 HRM-001 --format markdown

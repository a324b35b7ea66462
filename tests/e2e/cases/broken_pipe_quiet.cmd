$PAIRINFO AES-001 HRM-001 | head -n 1; echo "status ${PIPESTATUS[0]}"

$PAIRINFO check warfarin lisinopril ginkgo --json 2>&1 >/dev/null | jq -c .error; echo "status ${PIPESTATUS[0]}"; $PAIRINFO check warfarin lisinopril ginkgo 2>&1 >/dev/null | wc -l

$PAIRINFO check warfarin ibuprofen ginkgo --json 2>&1 >/dev/null | jq -c .error; echo "status ${PIPESTATUS[0]}"; $PAIRINFO check warfarin ibuprofen ginkgo 2>&1 >/dev/null | wc -l

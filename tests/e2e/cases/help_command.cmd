$PAIRINFO help | head -n 3; echo "exit ${PIPESTATUS[0]}"; $PAIRINFO help | grep -E "^  (help|check) "

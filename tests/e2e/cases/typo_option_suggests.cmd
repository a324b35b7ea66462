$PAIRINFO warfarin ginkgo --jsn; echo "exit $?"; $PAIRINFO list --effct avoid; echo "exit $?"; $PAIRINFO --colour never warfarin; echo "exit $?"; $PAIRINFO --bogus; echo "exit $?"

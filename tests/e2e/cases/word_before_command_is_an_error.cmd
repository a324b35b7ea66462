$PAIRINFO warfarin scales; echo "status $?"; $PAIRINFO ginkgo list --with warfarin; echo "status $?"

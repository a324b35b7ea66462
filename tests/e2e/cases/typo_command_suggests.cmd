$PAIRINFO serch bleeding; echo "exit $?"; $PAIRINFO chek warfarin ginkgo aspirin; echo "exit $?"; $PAIRINFO lsit --with warfarin; echo "exit $?"

$PAIRINFO help check; echo "exit $?"; $PAIRINFO help tiers | head -n 2; $PAIRINFO help chek; echo "exit $?"; $PAIRINFO help nosuchcommand; echo "exit $?"

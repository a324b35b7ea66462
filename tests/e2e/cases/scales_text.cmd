$PAIRINFO scales; $PAIRINFO tiers | head -n 2

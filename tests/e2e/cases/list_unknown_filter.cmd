$PAIRINFO list --tier T9; $PAIRINFO list --category spaceflight

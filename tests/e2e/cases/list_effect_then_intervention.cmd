$PAIRINFO list --effect caution,avoid warfarin | cut -c1-60; $PAIRINFO list --effect avoid --effect caution warfarin | wc -l

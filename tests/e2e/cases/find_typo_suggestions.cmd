$PAIRINFO "st johns wart" warfarin; $PAIRINFO isotretinion "laser resurfacing"

$PAIRINFO vitamin warfarin

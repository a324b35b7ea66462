$PAIRINFO qqqqqqqqqq warfarin

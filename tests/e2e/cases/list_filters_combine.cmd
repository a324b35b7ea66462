$PAIRINFO list --with warfarin --effect caution; $PAIRINFO list --category hormone --tier T1 | cut -c1-40; $PAIRINFO list --effect "use with caution" --category lifestyle | cut -c1-60

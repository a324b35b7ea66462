$PAIRINFO check estradiol estradol smokking warfarin; echo "status $?"

$PAIRINFO estradiol E2

$PAIRINFO microneedling E2 | head -n 1; $PAIRINFO "  Oestradiol " "MICRO-NEEDLING" | head -n 1; $PAIRINFO aes001 hrm001 | head -n 1

$PAIRINFO "St Johns Wort" estradiol | head -n 1; $PAIRINFO "st. john’s wort" "ESTRADIOL" | head -n 1; $PAIRINFO "Ginkgo Bilóba" warfarin | head -n 1

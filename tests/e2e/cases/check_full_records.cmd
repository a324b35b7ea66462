$PAIRINFO check estradiol smoking --full | grep -c "Frequently asked questions"

$PAIRINFO --help | head -n 3

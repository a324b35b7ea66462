$PAIRINFO --version

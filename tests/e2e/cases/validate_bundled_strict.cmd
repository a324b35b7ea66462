$PAIRINFO validate --strict

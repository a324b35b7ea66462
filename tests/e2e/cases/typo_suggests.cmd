$PAIRINFO microneedling estradol

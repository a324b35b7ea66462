$PAIRINFO check microneedling estradiol warfarin --format markdown

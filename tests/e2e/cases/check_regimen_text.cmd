$PAIRINFO check microneedling estradiol isotretinoin "fish oil" metformin

$PAIRINFO check microneedling estradiol isotretinoin "fish oil" metformin warfarin smoking "vitamin C" | awk "/\\[1\\]/,/Legend/" > m.txt; LC_ALL=C.UTF-8 wc -L < m.txt; grep -c "^\\[" m.txt

$PAIRINFO isotretinoin

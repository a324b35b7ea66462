$PAIRINFO search zzyzx; echo "status $?"

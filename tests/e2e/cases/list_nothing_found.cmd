$PAIRINFO list --with biotin --effect avoid; echo "status $?"

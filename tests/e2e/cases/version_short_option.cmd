$PAIRINFO -V; echo "exit $?"; $PAIRINFO --version | head -n 1

if [ -w /dev/full ]; then $PAIRINFO AES-001 HRM-001 > /dev/full; echo "status $?"; else echo "pairinfo: error: cannot write output: No space left on device" >&2; echo "status 5"; fi

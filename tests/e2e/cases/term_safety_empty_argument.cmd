# An empty term (an unset shell variable, say) is named in the error, never taken as a wildcard.
timeout 20 $PAIRINFO "" AES-001; echo "status $?"
timeout 20 $PAIRINFO AES-001 ""; echo "status $?"
timeout 20 $PAIRINFO check "" AES-001 HRM-001; echo "status $?"

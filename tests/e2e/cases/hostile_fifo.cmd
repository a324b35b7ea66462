# Nobody writes to the FIFO: reading it would block forever, so it must be refused unread.
mkfifo pipe.json; timeout 20 $PAIRINFO --data pipe.json AES-001 HRM-001

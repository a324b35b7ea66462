a=$($PAIRINFO AES-001 HRM-001 --json); b=$($PAIRINFO hrm-001 Aes-001 --json); c=$($PAIRINFO microneedling E2 --json); [ "$a" = "$b" ] && [ "$a" = "$c" ] && echo same

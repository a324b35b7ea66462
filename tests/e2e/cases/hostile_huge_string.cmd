# A 100 MB string where a number belongs: refused quickly, and the message does not echo it.
{ printf '{"format": "pairinfo", "format_version": "'; head -c 100000000 /dev/zero | tr '\0' x; printf '", "pairs": []}\n'; } > huge.json
timeout 50 $PAIRINFO --data huge.json AES-001 HRM-001

# 100,000 nested arrays must be refused at the depth limit, not overflow the stack.
python3 -c 'import sys; sys.stdout.write("[" * 100000 + "]" * 100000)' > deep.json; timeout 20 $PAIRINFO --data deep.json AES-001 HRM-001

# Linux caps one argument at 128 KiB (MAX_ARG_STRLEN), so this is the longest term a user can pass.
long=$(head -c 131071 /dev/zero | tr '\0' x)
for command in "" check search; do
  echo "== ${command:-pair}"
  timeout 20 $PAIRINFO $command "$long" AES-001 >out.txt 2>err.txt; echo "status $?"
  echo "stdout bytes: $(wc -c <out.txt), stderr bytes: $(wc -c <err.txt)"; cut -c1-60 err.txt
done

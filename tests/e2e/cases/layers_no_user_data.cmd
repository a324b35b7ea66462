# --no-user-data, or PAIRINFO_NO_USER_DATA, leaves the user data directory and PAIRINFO_DATA
# out for one call; --data files still load. PAIRINFO_NO_USER_DATA=0 or empty leaves it in.
mkdir -p "$XDG_DATA_HOME/pairinfo"
printf '{"pairs": [\n' > "$XDG_DATA_HOME/pairinfo/broken.json"
printf '{"interventions": [{"code": "CLN-001", "name": "Clinic peel"}]}\n' > clinic.json
echo "== --no-user-data"
$PAIRINFO --no-user-data warfarin ginkgo --json | jq -r '.significance.id'; echo "status ${PIPESTATUS[0]}"
$PAIRINFO scales --no-user-data | head -n 1
$PAIRINFO --no-user-data --data clinic.json sources | sed "s|$PWD|CWD|"
echo "== PAIRINFO_NO_USER_DATA=1"
PAIRINFO_NO_USER_DATA=1 $PAIRINFO warfarin ginkgo --json | jq -r '.significance.id'; echo "status ${PIPESTATUS[0]}"
echo "== PAIRINFO_DATA is user data too"
rm "$XDG_DATA_HOME/pairinfo/broken.json"
printf '{"pairs": [\n' > env-broken.json
PAIRINFO_DATA=$PWD/env-broken.json $PAIRINFO scales 2>&1 | sed "s|$PWD|CWD|g"; echo "status ${PIPESTATUS[0]}"
PAIRINFO_DATA=$PWD/env-broken.json $PAIRINFO --no-user-data scales | head -n 1
echo "== PAIRINFO_NO_USER_DATA=0 and empty leave it in"
PAIRINFO_DATA=$PWD/env-broken.json PAIRINFO_NO_USER_DATA=0 $PAIRINFO scales >/dev/null 2>&1; echo "status $?"
PAIRINFO_DATA=$PWD/env-broken.json PAIRINFO_NO_USER_DATA= $PAIRINFO scales >/dev/null 2>&1; echo "status $?"
echo "== a broken --data file is not user data: no hint"
$PAIRINFO --no-user-data --data env-broken.json scales; echo "status $?"

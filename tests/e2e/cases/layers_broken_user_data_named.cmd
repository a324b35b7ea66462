# One broken file among the user data: every command that reads data refuses, naming the
# file and the way round it; nothing else is blamed.
mkdir -p "$XDG_DATA_HOME/pairinfo"
printf '{"interventions": [{"code": "CLN-001", "name": "Clinic peel"}]}\n' > "$XDG_DATA_HOME/pairinfo/a-good.json"
printf '{"pairs": [{"interventions": ["CLN-001", "HRM-001"], "significance": "severe"}\n' > "$XDG_DATA_HOME/pairinfo/b-broken.json"
for command in "warfarin ginkgo" "scales" "sources" "list --with warfarin" "check warfarin ginkgo"; do
  echo "== pairinfo $command"
  $PAIRINFO $command 2>&1 | sed "s|$XDG_DATA_HOME|XDG_DATA_HOME|g"; echo "status ${PIPESTATUS[0]}"
done

# What does not read the user data works whatever is in it: help, --help, --version (which
# reports the problem), validate of named files and import --standalone.
mkdir -p "$XDG_DATA_HOME/pairinfo"
printf 'not json\n' > "$XDG_DATA_HOME/pairinfo/broken.json"
printf '{"interventions": [{"code": "CLN-001", "name": "Clinic peel"}]}\n' > clinic.json
printf 'Drug A,Drug B,Level\nAlpha,Beta,Major\n' > table.csv
$PAIRINFO help | head -n 1; echo "status ${PIPESTATUS[0]}"
$PAIRINFO help scales | head -n 1; echo "status ${PIPESTATUS[0]}"
$PAIRINFO --help | head -n 1; echo "status ${PIPESTATUS[0]}"
$PAIRINFO --version | sed "s|$XDG_DATA_HOME|XDG_DATA_HOME|g; s|^pairinfo [0-9.]*$|pairinfo VERSION|"; echo "status ${PIPESTATUS[0]}"
$PAIRINFO validate clinic.json; echo "status $?"
$PAIRINFO import --standalone table.csv > imported.json 2>/dev/null; echo "status $?"
$PAIRINFO --no-user-data --no-bundled validate imported.json | tail -n 1

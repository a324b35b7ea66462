# validate --each checks every file alone on the bundled data: a file that builds on
# another fails, and each problem names its file.
printf '{"interventions": [{"code": "CLN-001", "name": "Clinic peel"}]}\n' > base.json
printf '{"pairs": [{"interventions": ["CLN-001", "HRM-001"]}]}\n' > on-top.json
printf '{"pairs": [{"interventions": ["AES-001", "HRM-001"], "evidence": {"tier": "T9"}}]}\n' > bad-tier.json
$PAIRINFO validate --each base.json on-top.json bad-tier.json; echo "status $?"
$PAIRINFO validate base.json on-top.json bad-tier.json; echo "status $?"
$PAIRINFO validate --each base.json; echo "status $?"
$PAIRINFO validate --each; echo "status $?"

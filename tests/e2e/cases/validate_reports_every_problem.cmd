cat > clinic.json <<'DATA'
{
  "format": "pairinfo",
  "owner": "Example clinic",
  "interventions": [
    {"code": "CLN-001", "name": "Example procedure"},
    {"code": "CLN-002", "name": " "}
  ],
  "pairs": [
    {"interventions": ["CLN-001", "AES-001"], "significance": "monitor", "reviewed": "2024-13-01"},
    {"interventions": ["CLN-001", "AES-999"], "evidence": {"tier": "T7"}},
    {"interventions": ["AES-001", "CLN-001"], "significance": "benefit"}
  ]
}
DATA
$PAIRINFO validate clinic.json

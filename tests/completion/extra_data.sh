# A small data file for the completion tests: one made-up category and intervention,
# so a candidate from it can only have come through --data.
write_extra_data() {
    cat >"$1" <<'JSON'
{"format": "pairinfo", "format_version": 1,
 "categories": [{"id": "testing", "prefix": "TST", "name": "Testing",
                 "description": "Made up for the completion tests."}],
 "interventions": [{"code": "TST-001", "name": "Zeta test", "category": "testing",
                    "aliases": ["zeta alias"], "summary": "Made up for the completion tests."}]}
JSON
}

printf "{\n  \"pairs\": [\n    {\"interventions\": [\"A-1\", \"B-1\"],,}\n  ]\n}\n" > bad.json; $PAIRINFO --data bad.json AES-001 HRM-001

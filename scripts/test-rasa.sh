#!/usr/bin/env bash
# Rasa's own tests on the trained model: test stories must predict every action, and NLU F1 on the
# held-out set must reach the floor (intents and entities). Reports land in reports/rasa/.
set -euo pipefail
cd "$(dirname "$0")/.."
RASA=.venv/bin/rasa
MODEL=models/credential-advisor.tar.gz
OUT=reports/rasa
FLOOR=${NLU_F1_FLOOR:-0.90}
rm -rf "$OUT"; mkdir -p "$OUT"

echo "rasa test: tests/test_stories.yml"
$RASA test core --model "$MODEL" --stories tests/test_stories.yml --fail-on-prediction-errors \
  --out "$OUT/core" > "$OUT/core.log" 2>&1 || { grep -v "^WARNING\|UserWarning" "$OUT/core.log" | tail -60; cat "$OUT/core/failed_test_stories.yml" 2>/dev/null | head -80; exit 1; }
grep -h "Correct:" "$OUT/core.log" | tail -2 || true

echo "rasa test nlu: tests/nlu/test_nlu.yml"
$RASA test nlu --model "$MODEL" --nlu tests/nlu/test_nlu.yml --out "$OUT/nlu" > "$OUT/nlu.log" 2>&1 || { tail -40 "$OUT/nlu.log"; exit 1; }
.venv/bin/python scripts/nlu_gate.py "$OUT/nlu" "$FLOOR"

#!/usr/bin/env bash
# make run: the action server (5055), Rasa (5005: REST + socket.io + Slack webhooks) and the student page
# (8080), each in its own process group; Ctrl-C (or any server exiting) stops all three.
#   HOST=0.0.0.0 make run          serve the school network instead of this machine only
#   RASA_AUTH_TOKEN=... make run   also open Rasa's HTTP API (models, trackers), token-only; unset = API off
#   SLACK_BOT_TOKEN / SLACK_SIGNING_SECRET   turn the Slack channel on (without them Slack gets 401)
#   scripts/run.sh --dry-run       print the commands (token masked) and exit
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
PY=.venv/bin/python
RASA=.venv/bin/rasa
MODEL=models/credential-advisor.tar.gz
HOST="${HOST:-127.0.0.1}"

die() { echo "run: $*" >&2; exit 1; }

mapfile -t ORIGINS < <("$PY" - <<'PYEOF'
import yaml
web = (yaml.safe_load(open("district.yml")) or {}).get("web") or {}
print("\n".join(str(origin) for origin in web.get("allowed_origins") or []))
PYEOF
)
[ "${#ORIGINS[@]}" -gt 0 ] && [ -n "${ORIGINS[0]}" ] || die "district.yml: web.allowed_origins is empty (CORS would refuse the page)"

API=()
if [ -n "${RASA_AUTH_TOKEN:-}" ]; then
  API=(--enable-api --auth-token "$RASA_AUTH_TOKEN")
fi

# rasa_sdk has no bind option; Sanic reads SANIC_HOST, so the action server listens on loopback only.
# Channels, stores and logging come from deploy/settings.yml (the local path), like every other way of running.
mapfile -t RASA_FLAGS < <("$PY" -m deploy.render flags rasa local)
mapfile -t ACTION_FLAGS < <("$PY" -m deploy.render flags actions local)
[ "${#RASA_FLAGS[@]}" -gt 0 ] && [ "${#ACTION_FLAGS[@]}" -gt 0 ] || die "deploy/settings.yml could not be read"
ACTIONS_CMD=(env SANIC_HOST=127.0.0.1 "$PY" -m rasa_sdk "${ACTION_FLAGS[@]}" --port 5055)
RASA_CMD=("$RASA" run --model "$MODEL" "${RASA_FLAGS[@]}"
          --interface "$HOST" --port 5005 --cors "${ORIGINS[@]}" "${API[@]}")
WEB_CMD=("$PY" web/serve.py --host "$HOST" --port 8080)

if [ "${1:-}" = "--dry-run" ]; then
  for cmd in ACTIONS_CMD RASA_CMD WEB_CMD; do
    declare -n parts=$cmd
    line="${parts[*]}"
    [ -n "${RASA_AUTH_TOKEN:-}" ] && line="${line//"$RASA_AUTH_TOKEN"/***}"
    echo "$line"
  done
  exit 0
fi

[ -f "$MODEL" ] || die "no trained model at $MODEL: run \`make model\`"
[ -f web/node_modules/rasa-webchat/lib/index.js ] || die "the chat widget is missing: run \`make web-deps\`"
[ -n "${SLACK_SIGNING_SECRET:-}" ] || echo "run: SLACK_SIGNING_SECRET not set: the Slack channel refuses every request"

PIDS=()
stop_all() {
  for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "run: stopped"
}
trap stop_all EXIT
trap 'echo; echo "run: stopping (Ctrl-C)"; exit 130' INT TERM

start() { setsid "$@" & PIDS+=("$!"); }   # own process group each: stop_all ends children too
start "${ACTIONS_CMD[@]}"
start "${RASA_CMD[@]}"
start "${WEB_CMD[@]}"

echo "run: action server http://$HOST:5055  Rasa http://$HOST:5005 (loading the model takes ~30 s)"
echo "run: student page  http://localhost:8080/   (Ctrl-C stops everything)"
status=0
wait -n "${PIDS[@]}" || status=$?
echo "run: a server exited (status $status); stopping the others" >&2
exit "$status"   # the EXIT trap stops the rest

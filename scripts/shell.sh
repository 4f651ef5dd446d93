#!/usr/bin/env bash
# make shell: the counselor's `rasa shell` with the trained model, the action server running in the
# background (stopped again on exit). An action server already answering on the port is reused as is.
#   ACTION_PORT (5055) where the action server listens; SHELL_PORT (5005) the port `rasa shell` serves on.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export TF_CPP_MIN_LOG_LEVEL="${TF_CPP_MIN_LOG_LEVEL:-2}"
PY=.venv/bin/python
RASA=.venv/bin/rasa
MODEL=models/credential-advisor.tar.gz
ACTION_PORT="${ACTION_PORT:-5055}"
SHELL_PORT="${SHELL_PORT:-5005}"
[ -f "$MODEL" ] || { echo "shell: no trained model at $MODEL: run \`make model\`" >&2; exit 1; }

healthy() { "$PY" -c "import sys, urllib.request; urllib.request.urlopen('http://127.0.0.1:$ACTION_PORT/health', timeout=1)" 2>/dev/null; }

workdir=$(mktemp -d)
action_pid=""
cleanup() {
  if [ -n "$action_pid" ]; then
    kill -TERM -- "-$action_pid" 2>/dev/null || true
    wait "$action_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# endpoints.yml with the action server's port (everything else as in the repository's file)
"$PY" - "$workdir/endpoints.yml" "$ACTION_PORT" <<'PYEOF'
import sys, yaml
endpoints = yaml.safe_load(open("endpoints.yml")) or {}
endpoints["action_endpoint"] = {"url": f"http://localhost:{sys.argv[2]}/webhook"}
yaml.safe_dump(endpoints, open(sys.argv[1], "w"))
PYEOF

if healthy; then
  echo "shell: using the action server already running on port $ACTION_PORT"
else
  mkdir -p .data
  SANIC_HOST=127.0.0.1 setsid "$PY" -m rasa_sdk --actions actions --port "$ACTION_PORT" > .data/shell-actions.log 2>&1 &
  action_pid=$!
  for _ in $(seq 1 120); do
    healthy && break
    kill -0 "$action_pid" 2>/dev/null || { echo "shell: the action server failed:" >&2; tail -20 .data/shell-actions.log >&2; exit 1; }
    sleep 0.5
  done
  healthy || { echo "shell: the action server did not start (log: .data/shell-actions.log)" >&2; exit 1; }
fi

echo "shell: loading the model (about 30 s); type /stop or press Ctrl-C to leave"
status=0
"$RASA" shell --model "$MODEL" --endpoints "$workdir/endpoints.yml" --port "$SHELL_PORT" "$@" || status=$?
exit "$status"

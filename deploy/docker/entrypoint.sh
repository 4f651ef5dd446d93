#!/bin/sh
# Entry point of both images. Channels, tracker store and logging come from deploy/settings.yml through
# `python -m deploy.render flags`, exactly as `make run` and deploy/cluster.sh get them.
#   rasa [ARGS]            the Rasa server (port 5005; ARGS are added to `rasa run`)
#   start [ARGS]           the action server (rasa-sdk image convention; port 5055)
#   knowledge-load         load knowledge/data into KNOWLEDGE_DB_URL (run again to update; servers pick it up)
#   retention              delete conversations, gaps and handoffs older than RETENTION_DAYS (30), then every day
#   handoff-deliver        deliver counselor handoff requests to the district webhook, with retries
#   web-build OUT          write the student page, embed and widget for nginx into OUT (PUBLIC_URL: Rasa's origin)
set -eu
role="${1:-rasa}"
# Secrets arrive as files (compose and Kubernetes secrets): NAME_FILE=/run/secrets/x sets NAME.
for name in CA_PG_PASSWORD CA_REDIS_PASSWORD RASA_AUTH_TOKEN SLACK_BOT_TOKEN SLACK_SIGNING_SECRET PRIVACY_SENDER_SALT; do
  file="$(printenv "${name}_FILE" || true)"
  if [ -n "$file" ] && [ -r "$file" ]; then export "$name=$(cat "$file")"; fi
done
# Database addresses from the same parts as the tracker store, unless given whole.
if [ -n "${CA_PG_HOST:-}" ]; then
  pg="postgresql://${CA_PG_USER}:${CA_PG_PASSWORD}@${CA_PG_HOST}:${CA_PG_PORT:-5432}"
  export KNOWLEDGE_DB_URL="${KNOWLEDGE_DB_URL:-$pg/knowledge}" HANDOFF_DB_URL="${HANDOFF_DB_URL:-$pg/handoff}"
  export TRACKER_STORE_URL="${TRACKER_STORE_URL:-$pg/${CA_TRACKER_DB:-rasa}}"
fi
[ $# -gt 0 ] && shift
flags() { python -m deploy.render flags "$1" production; }
case "$role" in
  rasa)
    # shellcheck disable=SC2046
    exec rasa run --model models/credential-advisor.tar.gz $(flags rasa) --port 5005 \
      --enable-api --auth-token "${RASA_AUTH_TOKEN:?set RASA_AUTH_TOKEN}" --cors ${RASA_CORS:-https://portal.example.org} "$@" ;;
  start)
    # shellcheck disable=SC2046
    exec python -m rasa_sdk $(flags actions) --port 5055 "$@" ;;
  knowledge-load) exec python -m knowledge load "$@" ;;
  retention)
    while :; do
      python -m privacy retention --days "${RETENTION_DAYS:-30}" || echo "retention: failed; trying again tomorrow" >&2
      sleep "${RETENTION_INTERVAL_SECONDS:-86400}"
    done ;;
  handoff-deliver) exec python -m actions.handoff deliver --loop "$@" ;;
  web-build) exec python web/build.py --out "${1:?web-build OUT}" --rasa-url "${PUBLIC_URL:?set PUBLIC_URL}" --district "${DISTRICT_FILE:-district.yml}" ;;
  *) echo "entrypoint: unknown role '$role' (rasa, start, knowledge-load, retention, handoff-deliver, web-build)" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Writes a random value for each compose secret that does not exist yet (deploy/docker/secrets/, mode 600).
# Slack: put the real bot token and signing secret into slack_bot_token / slack_signing_secret.
set -euo pipefail
dir="$(cd "$(dirname "$0")" && pwd)/secrets"
mkdir -p "$dir"; chmod 700 "$dir"
for name in pg_password redis_password rasa_auth_token privacy_sender_salt slack_bot_token slack_signing_secret; do
  [ -s "$dir/$name" ] && continue
  (umask 077; openssl rand -hex 24 >"$dir/$name")
  echo "wrote $dir/$name"
done

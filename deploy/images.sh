#!/usr/bin/env bash
# Builds the two images with podman on a machine without a container registry:
#   deploy/images.sh base    localhost/python310:local = Debian 12 minbase (mmdebstrap) + this machine's Python 3.10
#   deploy/images.sh build   localhost/credential-advisor-rasa:local and localhost/credential-advisor-actions:local
# A district with a registry builds the Dockerfiles directly (their default base is python:3.10-slim).
# Settings: IMAGE_BASE [localhost/python310:local], IMAGE_TAG [local], PIP_INDEX_DIR [/opt/pypi when it exists:
# a local package mirror mounted read-only into the build].
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
PODMAN=(podman --runtime /usr/sbin/runc)
BASE="${IMAGE_BASE:-localhost/python310:local}"
TAG="${IMAGE_TAG:-local}"
LIMITS=(--network host --ulimit nproc=1024:1024 --ulimit nofile=1024:1024)
CA=/etc/ssl/certs/ca-certificates.crt
WORK="$REPO/.data/images"

die() { echo "images: error: $*" >&2; exit 1; }

python310() {
  local py; py="$("$REPO/scripts/find-python310.sh")" || die "Python 3.10 not found"
  dirname "$(dirname "$(readlink -f "$py")")"
}

build_base() {
  command -v mmdebstrap >/dev/null || die "mmdebstrap missing (scripts/install-system-deps.sh images)"
  mkdir -p "$WORK/base"
  if ! "${PODMAN[@]}" image exists localhost/debian-min:bookworm; then
    mmdebstrap --variant=minbase --include=ca-certificates bookworm "$WORK/base.tar" >"$WORK/mmdebstrap.log" 2>&1 \
      || { tail -20 "$WORK/mmdebstrap.log"; die "mmdebstrap failed (log: $WORK/mmdebstrap.log)"; }
    "${PODMAN[@]}" import "$WORK/base.tar" localhost/debian-min:bookworm >/dev/null
    rm -f "$WORK/base.tar"
  fi
  local prefix; prefix="$(python310)"
  rm -rf "$WORK/base/python"; cp -a "$prefix" "$WORK/base/python"
  cat >"$WORK/base/Containerfile" <<'CEOF'
FROM localhost/debian-min:bookworm
COPY python/ /usr/local/
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-0 libffi8 libssl3 zlib1g libbz2-1.0 \
      liblzma5 libncursesw6 libreadline8 libpq5 && rm -rf /var/lib/apt/lists/* \
    && ldconfig && ln -sf /usr/local/bin/python3.10 /usr/local/bin/python \
    && python -c "import ssl, sqlite3, ctypes; print('python ok')"
CEOF
  "${PODMAN[@]}" build "${LIMITS[@]}" -v "$CA:$CA:ro" -t localhost/python310:local "$WORK/base" >"$WORK/base-build.log" 2>&1 \
    || { tail -30 "$WORK/base-build.log"; die "base image build failed (log: $WORK/base-build.log)"; }
  echo "images: built localhost/python310:local"
}

build_apps() {
  [ -f models/credential-advisor.tar.gz ] || die "no trained model: run make model"
  [ -f web/node_modules/rasa-webchat/lib/index.js ] || die "no chat widget: run make web-deps"
  [ -f requirements/runtime.txt ] && [ -f requirements/actions.txt ] || die "no lock files in requirements/: run make lock"
  if [ "$BASE" = localhost/python310:local ] && ! "${PODMAN[@]}" image exists "$BASE"; then build_base; fi
  local mounts=(-v "$CA:$CA:ro")
  local mirror="${PIP_INDEX_DIR:-/opt/pypi}"
  local index=()
  if [ -d "$mirror/simple" ]; then
    mounts+=(-v "$mirror:$mirror:ro"); index=(--build-arg "PIP_EXTRA_INDEX_URL=file://$mirror/simple")
  fi
  local name file
  for name in rasa actions; do
    file=deploy/docker/Dockerfile; [ "$name" = actions ] && file=deploy/docker/Dockerfile.actions
    # pip inside the build: the machine's CA bundle, and the local mirror first when there is one
    "${PODMAN[@]}" build "${LIMITS[@]}" "${mounts[@]}" --build-arg "BASE=$BASE" \
      --build-arg "PIP_CERT=$CA" "${index[@]}" \
      -f "$file" -t "localhost/credential-advisor-$name:$TAG" . >"$WORK/$name-build.log" 2>&1 \
      || { tail -30 "$WORK/$name-build.log"; die "$name image build failed (log: $WORK/$name-build.log)"; }
    echo "images: built localhost/credential-advisor-$name:$TAG"
  done
  "${PODMAN[@]}" image prune -f >/dev/null  # earlier builds' untagged layers would fill the disk run after run
}

mkdir -p "$WORK"
case "${1:-}" in
  base) build_base ;;
  build) build_apps ;;
  *) echo "usage: deploy/images.sh base|build" >&2; exit 2 ;;
esac

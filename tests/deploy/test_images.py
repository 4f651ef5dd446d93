"""The production images, built with podman and run for real: Rasa and the action server from the images
behind the cluster's TLS nginx, with PostgreSQL and Redis. A conversation through nginx, its redacted
copy in PostgreSQL, and a socket.io reply. Under CI=true a missing podman fails; it never skips."""
from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
import requests

from tests.channels.widget_client import WidgetSession, text_of as widget_text
from tests.deploy.conftest import Cluster, missing, parse_env, text_of
from tests.stack import MODEL, REPO

pytestmark = pytest.mark.stack

# Its own ports and folder, so it never meets the process cluster of the other deploy tests.
IMAGE_CLUSTER = {
    "CLUSTER_RUNTIME": "podman", "CLUSTER_DIR": str(REPO / ".data" / "cluster-images"),
    "CLUSTER_HTTP_PORT": "28180", "CLUSTER_ACTIONS_PROXY_PORT": "28155", "CLUSTER_RASA_PORTS": "25105",
    "CLUSTER_ACTION_PORTS": "25155", "CLUSTER_PG_PORT": "25532", "CLUSTER_REDIS_PORT": "26479",
}


def cluster_sh(*args: str, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([str(REPO / "deploy" / "cluster.sh"), *args], cwd=REPO, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **IMAGE_CLUSTER})


@pytest.fixture(scope="module")
def image_cluster():
    if shutil.which("podman") is None:
        missing("podman not installed (scripts/install-system-deps.sh images)")
    if not MODEL.exists():
        missing(f"no trained model at {MODEL}: run `make model`")
    built = subprocess.run([str(REPO / "deploy" / "images.sh"), "build"], cwd=REPO, capture_output=True, text=True,
                           timeout=2400)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    up = cluster_sh("up")
    try:
        assert up.returncode == 0, up.stdout[-3000:] + up.stderr[-3000:]
        values = parse_env(cluster_sh("env").stdout)
        yield Cluster(url=values["CLUSTER_URL"], token=values["RASA_AUTH_TOKEN"],
                      tracker_db_url=values["CLUSTER_TRACKER_DB_URL"], knowledge_db_url=values["CLUSTER_KNOWLEDGE_DB_URL"],
                      rasa_urls=values["CLUSTER_RASA_URLS"].split(), log_dir=Path(values["CLUSTER_LOG_DIR"]),
                      ca_cert=values["CLUSTER_CA_CERT"])
    finally:
        cluster_sh("down", timeout=300)


def test_servers_run_from_the_images(image_cluster):
    containers = subprocess.run(["podman", "--runtime", "/usr/sbin/runc", "ps", "--format", "{{.Image}} {{.Names}}"],
                                capture_output=True, text=True, check=True).stdout
    assert "credential-advisor-rasa" in containers and "credential-advisor-actions" in containers, containers


def test_a_conversation_through_tls_nginx_is_answered_and_stored_redacted(image_cluster):
    sender = f"image-{uuid.uuid4().hex[:10]}"
    reply = text_of(image_cluster.say(sender, "hi, my email is sam.lee@example.org. what is comptia a+?"))
    assert "A+" in reply and "Source:" in reply and "https://" in reply, reply  # answered, with its source
    stored = " ".join(str(row) for row in image_cluster.sql("SELECT data FROM events WHERE sender_id = %s", (sender,)))
    assert "comptia a+" in stored.lower() and "sam.lee" not in stored  # the question kept, the address never


def test_the_student_page_and_a_socketio_reply_come_through_tls_nginx(image_cluster):
    page = requests.get(f"{image_cluster.url}/", timeout=30, verify=image_cluster.ca_cert)
    assert page.status_code == 200 and "<html" in page.text.lower()
    widget = WidgetSession(image_cluster.url, custom_data={"state": "TX"}, ca_cert=image_cluster.ca_cert)
    try:
        assert "A+" in widget_text(widget.say("what is comptia a+?"))
    finally:
        widget.close()

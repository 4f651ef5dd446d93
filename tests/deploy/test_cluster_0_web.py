"""The student page, embed.js and the widget in production: served by the cluster's nginx over TLS from
files web/build.py made, byte for byte what the development server (web/serve.py) gives, compressed and
with cache headers."""
from __future__ import annotations

import gzip
import subprocess
import sys

import pytest
import requests
import yaml

from tests.deploy.conftest import REPO
from tests.stack import free_port, wait_for_http

pytestmark = pytest.mark.stack


@pytest.fixture(scope="module")
def dev_server(cluster, tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("web") / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, str(REPO / "web" / "serve.py"), "--port", str(port), "--quiet",
                                    "--rasa-url", cluster.url], stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/healthz", process, log, 30)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


def school_ids():
    return list((yaml.safe_load((REPO / "district.yml").read_text()).get("schools") or {}))


def test_every_file_is_what_the_development_server_gives(cluster, dev_server):
    paths = ["/", "/index.html", "/embed.js", "/webchat/index.js", "/theme.css", "/app.js", "/style.css", "/embed-example.html"]
    paths += [f"/?school={school}" for school in school_ids()]
    for path in paths:
        production = requests.get(cluster.url + path, timeout=30, verify=cluster.ca_cert)
        development = requests.get(dev_server + path, timeout=30)
        assert production.status_code == development.status_code == 200, path
        assert production.content == development.content, f"{path} differs"
        assert production.headers["Content-Type"].split(";")[0] == development.headers["Content-Type"].split(";")[0], path


def test_page_security_headers_compression_and_caching(cluster, dev_server):
    page = requests.get(cluster.url + "/", timeout=30, verify=cluster.ca_cert)
    assert page.headers["Content-Security-Policy"] == requests.get(dev_server + "/", timeout=30).headers["Content-Security-Policy"]
    assert page.headers["Cache-Control"] == "no-cache" and "max-age" in page.headers["Strict-Transport-Security"]
    widget = requests.get(cluster.url + "/webchat/index.js", timeout=30, verify=cluster.ca_cert,
                          headers={"Accept-Encoding": "gzip"}, stream=True)
    assert widget.headers["Content-Encoding"] == "gzip" and "max-age" in widget.headers["Cache-Control"]
    compressed = widget.raw.read()
    assert len(compressed) < len(gzip.decompress(compressed)) / 2


def test_the_public_port_speaks_tls_only_with_a_certificate_clients_can_check(cluster):
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(cluster.url + "/", timeout=10)  # the system CAs do not know the cluster's own CA
    plain = cluster.url.replace("https://", "http://")
    answer = requests.get(plain + "/", timeout=10)
    assert answer.status_code == 400  # nginx: plain HTTP sent to an HTTPS port

"""Serves the student chat page, the portal embed script and the rasa-webchat widget (from web/node_modules).

Nothing is fetched from a CDN at run time. District settings (school names, colours, counselor contact,
where browsers reach Rasa) come from district.yml and are injected on the server: into the page as escaped
HTML text, into embed.js as a JSON literal, and into /theme.css as checked colour values.

    .venv/bin/python web/serve.py [--host 127.0.0.1] [--port 8080] [--district district.yml] [--rasa-url URL]
"""
from __future__ import annotations

import argparse
import html
import json
import re
import sys
from functools import lru_cache, partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Optional, Tuple
from urllib.parse import parse_qs, urlsplit

import yaml

WEB = Path(__file__).resolve().parent
REPO = WEB.parent
WIDGET = WEB / "node_modules" / "rasa-webchat" / "lib" / "index.js"
# The widget's CSS @imports Google Fonts: that would be a third-party request from every student's browser
# (and a CDN at run time). It is cut out when the widget is served; the page's own fonts apply instead.
WIDGET_REMOTE_FONT = b"@import url(https://fonts.googleapis.com/css?family=Inter:400,500,700&display=swap);"
COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
DEFAULT_COLOURS = {"primary": "#1f4e79", "primary_text": "#ffffff", "background": "#f5f7fa", "text": "#1b1f24"}
STATIC = {  # path -> (file, content type); everything else is 404
    "/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/style.css": ("style.css", "text/css; charset=utf-8"),
    "/embed-example.html": ("embed-example.html", "text/html; charset=utf-8"),
}


class DistrictError(ValueError):
    pass


def load_district(path: Path, rasa_url: Optional[str] = None) -> Dict[str, Any]:
    """The public part of district.yml (never handoff settings), checked, with defaults filled in."""
    try:
        raw = yaml.safe_load(path.read_text()) or {}
    except FileNotFoundError as error:
        raise DistrictError(f"{path}: not found") from error
    district = raw.get("district") or {}
    web = raw.get("web") or {}
    counselor = raw.get("counselor") or {}
    colours = {**DEFAULT_COLOURS, **(web.get("colors") or {})}
    for name, value in colours.items():
        if not COLOUR.match(str(value)):
            raise DistrictError(f"{path}: web.colors.{name} must be a colour like #1f4e79, not {value!r}")
    schools = {
        str(school_id): {
            "name": str((school or {}).get("name") or school_id),
            "counselor": contact((counselor.get("schools") or {}).get(school_id) or counselor.get("default")),
        }
        for school_id, school in (raw.get("schools") or {}).items()
    }
    default_school = str(district.get("default_school") or next(iter(schools), ""))
    url = (rasa_url or web.get("rasa_url") or "http://localhost:5005").rstrip("/")
    if not re.match(r"^https?://[^\s/]+$", url):
        raise DistrictError(f"{path}: web.rasa_url must be an http(s) origin like http://localhost:5005, not {url!r}")
    return {
        "district_name": str(district.get("name") or ""),
        "default_school": default_school,
        "default_state": str(district.get("default_state") or ""),
        "schools": schools,
        "counselor": contact(counselor.get("default")),
        "title": str(web.get("title") or "Credential Advisor"),
        "subtitle": str(web.get("subtitle") or ""),
        "rasa_url": url,
        "colors": colours,
        "allowed_origins": [str(origin) for origin in web.get("allowed_origins") or []],
    }


def contact(entry: Optional[Dict[str, Any]]) -> Dict[str, str]:
    entry = entry or {}
    return {key: str(entry.get(key) or "") for key in ("name", "email", "phone", "hours")}


def js_literal(value: Any) -> str:
    """JSON that is safe inside <script> and JS files: no '</script>', no HTML comment openers, no U+2028."""
    text = json.dumps(value, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def browser_config(settings: Dict[str, Any]) -> Dict[str, Any]:
    """What embed.js needs (no e-mail internals beyond what the page shows anyway)."""
    return {
        "title": settings["title"],
        "subtitle": settings["subtitle"],
        "rasaUrl": settings["rasa_url"],
        "socketPath": "/socket.io/",
        "colors": settings["colors"],
        "defaults": {"school": settings["default_school"], "state": settings["default_state"], "language": "en"},
        "schools": {school_id: school["name"] for school_id, school in settings["schools"].items()},
    }


def render_page(settings: Dict[str, Any], school_id: Optional[str]) -> str:
    school_id = school_id if school_id in settings["schools"] else settings["default_school"]
    school = settings["schools"].get(school_id) or {"name": settings["district_name"], "counselor": settings["counselor"]}
    person = school["counselor"] if any(school["counselor"].values()) else settings["counselor"]
    escape = html.escape
    lines = []
    if person["email"]:
        lines.append(f'<li>Email: <a href="mailto:{escape(person["email"])}">{escape(person["email"])}</a></li>')
    if person["phone"]:
        phone_digits = re.sub(r"[^0-9+]", "", person["phone"])
        lines.append(f'<li>Phone: <a href="tel:{escape(phone_digits)}">{escape(person["phone"])}</a></li>')
    if person["hours"]:
        lines.append(f"<li>Hours: {escape(person['hours'])}</li>")
    values = {
        "title": escape(settings["title"]),
        "subtitle": escape(settings["subtitle"]),
        "school_name": escape(school["name"]),
        "school_id": escape(school_id),
        "district_name": escape(settings["district_name"]),
        "counselor_name": escape(person["name"] or "Your school counselor"),
        "counselor_lines": "\n        ".join(lines),
    }
    page = (WEB / "index.html").read_text()
    return re.sub(r"\{\{(\w+)\}\}", lambda match: values[match.group(1)], page)


def render_embed(settings: Dict[str, Any]) -> str:
    return (WEB / "embed.js").read_text().replace("/*DISTRICT_CONFIG*/null", js_literal(browser_config(settings)), 1)


@lru_cache(maxsize=1)
def widget_bundle() -> bytes:
    """rasa-webchat's bundle from web/node_modules, without its remote font import."""
    return WIDGET.read_bytes().replace(WIDGET_REMOTE_FONT, b"")


def render_theme(settings: Dict[str, Any]) -> str:
    colours = settings["colors"]  # checked against COLOUR in load_district
    return (
        ":root {\n"
        + "".join(f"  --ca-{name.replace('_', '-')}: {value};\n" for name, value in colours.items())
        + "}\n"
    )


def content_security_policy(settings: Dict[str, Any]) -> str:
    rasa = settings["rasa_url"]
    socket = re.sub(r"^http", "ws", rasa)
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",  # the widget injects its own <style> tags
        "img-src 'self' data:",
        "font-src 'self' data:",
        f"connect-src 'self' {rasa} {socket}",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'self' " + " ".join(settings["allowed_origins"]),
    ])


class Handler(BaseHTTPRequestHandler):
    server_version = "CredentialAdvisorWeb"
    sys_version = ""

    def __init__(self, *args: Any, settings: Dict[str, Any], quiet: bool = False, **kwargs: Any) -> None:
        self.settings = settings
        self.quiet = quiet
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self.respond(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self.respond(head=True)

    def respond(self, head: bool) -> None:
        url = urlsplit(self.path)
        try:
            status, content_type, body, extra = self.route(url.path, parse_qs(url.query))
        except Exception as error:  # a broken district.yml or a missing file: say so, do not die
            self.log_error("error serving %s: %s", url.path, error)
            status, content_type, body, extra = HTTPStatus.INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8", b"server error\n", {}
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def route(self, path: str, query: Dict[str, list]) -> Tuple[int, str, bytes, Dict[str, str]]:
        settings = self.settings
        if path in ("/", "/index.html"):
            school = (query.get("school") or [None])[0]
            page = render_page(settings, school)
            return HTTPStatus.OK, "text/html; charset=utf-8", page.encode(), {"Content-Security-Policy": content_security_policy(settings)}
        if path == "/embed.js":
            return HTTPStatus.OK, "text/javascript; charset=utf-8", render_embed(settings).encode(), {"Cross-Origin-Resource-Policy": "cross-origin"}
        if path == "/webchat/index.js":
            if not WIDGET.exists():
                message = b"rasa-webchat is not installed: run `make web-deps` (npm ci in web/)\n"
                return HTTPStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", message, {}
            return HTTPStatus.OK, "text/javascript; charset=utf-8", widget_bundle(), {"Cross-Origin-Resource-Policy": "cross-origin"}
        if path == "/theme.css":
            return HTTPStatus.OK, "text/css; charset=utf-8", render_theme(settings).encode(), {"Cross-Origin-Resource-Policy": "cross-origin"}
        if path == "/healthz":
            return HTTPStatus.OK, "application/json", b'{"status": "ok"}', {}
        if path in STATIC:
            name, content_type = STATIC[path]
            # embed-example.html stands for a district portal's own page: it gets no CSP from us (the snippet
            # is an inline script there), which also shows the widget stays safe without one.
            return HTTPStatus.OK, content_type, (WEB / name).read_bytes(), {}
        return HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n", {}

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        if not self.quiet:
            super().log_message(format, *args)


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--district", type=Path, default=REPO / "district.yml")
    parser.add_argument("--rasa-url", help="where browsers reach Rasa (default: web.rasa_url in district.yml)")
    parser.add_argument("--quiet", action="store_true", help="no access log")
    args = parser.parse_args(argv)
    try:
        settings = load_district(args.district, args.rasa_url)
    except DistrictError as error:
        print(f"web/serve.py: {error}", file=sys.stderr)
        return 2
    if not WIDGET.exists():
        print("web/serve.py: warning: rasa-webchat missing, run `make web-deps`", file=sys.stderr)
    server = ThreadingHTTPServer((args.host, args.port), partial(Handler, settings=settings, quiet=args.quiet))
    print(f"student page: http://{args.host}:{args.port}/ (Rasa at {settings['rasa_url']})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Builds the student page, embed script, widget and district theme as static files for nginx.

Production serves these files from nginx (gzip, cache headers) instead of the development server; the
content is produced by the same functions web/serve.py answers with, so both give the same bytes. It also
writes `web.nginx.conf`, the locations to include in an nginx `server` block (root, headers, caching).

    .venv/bin/python web/build.py --out .data/web --rasa-url https://advisor.example.org
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Dict, Optional

from serve import (STATIC, WEB, WIDGET, DistrictError, content_security_policy, load_district, render_embed,
                   render_page, render_theme, widget_bundle)

REPO = WEB.parent
# Pages and embed.js change with district.yml and must be revalidated; the widget and styles may be cached.
NO_CACHE = "no-cache"
SHORT_CACHE = "public, max-age=3600"


def site_files(settings: Dict) -> Dict[str, bytes]:
    """Every file of the site: path under the web root -> content."""
    files = {"index.html": render_page(settings, None).encode()}
    for school_id in settings["schools"]:
        files[f"schools/{school_id}.html"] = render_page(settings, school_id).encode()
    files["embed.js"] = render_embed(settings).encode()
    files["theme.css"] = render_theme(settings).encode()
    files["webchat/index.js"] = widget_bundle()
    for route, (name, _content_type) in STATIC.items():
        files[route.lstrip("/")] = (WEB / name).read_bytes()
    return files


def nginx_locations(root: Path, settings: Dict) -> str:
    csp = content_security_policy(settings)
    # a location's own add_header hides the server's, so HSTS is repeated here (nginx serves these over TLS)
    common = ('add_header X-Content-Type-Options nosniff always; '
              'add_header Referrer-Policy no-referrer always; '
              'add_header Strict-Transport-Security "max-age=31536000" always;')
    return f"""# Written by web/build.py: the student page, embed script and widget as static files.
gzip on;
gzip_types text/css text/javascript application/javascript application/json;
gzip_min_length 512;
gzip_vary on;
# ?school=ID picks that school's page (set at server level: an `if` inside a location drops try_files)
set $school_page /index.html;
if ($arg_school ~ "^[A-Za-z0-9_-]+$") {{ set $school_page /schools/$arg_school.html; }}
location ~ ^/(index\\.html)?$ {{
    root {root};
    try_files $school_page /index.html =404;
    default_type "text/html; charset=utf-8";
    add_header Cache-Control "{NO_CACHE}" always;
    add_header Content-Security-Policy "{csp}" always;
    {common}
}}
location = /embed.js {{
    root {root};
    types {{ }} default_type "text/javascript; charset=utf-8";
    add_header Cache-Control "{NO_CACHE}" always;
    add_header Cross-Origin-Resource-Policy cross-origin always;
    {common}
}}
location ~ ^/(webchat/index\\.js|theme\\.css|app\\.js|style\\.css)$ {{
    root {root};
    types {{ text/javascript js; text/css css; }}
    charset utf-8;
    charset_types text/javascript text/css;
    add_header Cache-Control "{SHORT_CACHE}" always;
    add_header Cross-Origin-Resource-Policy cross-origin always;
    {common}
}}
location = /embed-example.html {{
    root {root};
    default_type "text/html; charset=utf-8";
    add_header Cache-Control "{NO_CACHE}" always;
    {common}
}}
location = /healthz {{
    default_type application/json;
    return 200 '{{"status": "ok"}}';
}}
"""


def build(out: Path, district: Path, rasa_url: Optional[str]) -> int:
    settings = load_district(district, rasa_url)
    if not WIDGET.exists():
        raise DistrictError("rasa-webchat is not installed: run `make web-deps` (npm ci in web/)")
    files = site_files(settings)
    for name, content in files.items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    (out / "web.nginx.conf").write_text(nginx_locations(out.resolve(), settings))
    return len(files)


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     epilog="example: web/build.py --out .data/web --rasa-url https://advisor.example.org")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the site into")
    parser.add_argument("--district", type=Path, default=REPO / "district.yml")
    parser.add_argument("--rasa-url", help="where browsers reach Rasa (default: web.rasa_url in district.yml)")
    args = parser.parse_args(argv)
    try:
        count = build(args.out, args.district, args.rasa_url)
    except (DistrictError, OSError) as error:
        print(f"web/build.py: {error}", file=sys.stderr)
        return 2
    print(f"web/build.py: {count} files in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

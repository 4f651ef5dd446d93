"""Writes every way of running's Rasa files from deploy/settings.yml, the one place they are declared.

    python -m deploy.render                 write endpoints/credentials files for every path
    python -m deploy.render --check         exit 1 naming each file that differs from the settings
    python -m deploy.render flags rasa production     the flags `rasa run` needs on that path, one a line
    python -m deploy.render flags actions local       the same for the action server

Scripts (scripts/run.sh, deploy/cluster.sh, the image entrypoint) read the flags from here, so no path can
start Rasa without the guarded channels, the redacting tracker store or the redacting logging config.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any, Dict, List

import yaml

REPO = Path(__file__).resolve().parents[1]
SETTINGS = REPO / "deploy" / "settings.yml"
HEADER = ("# Written by `python -m deploy.render` from deploy/settings.yml ({path} path): edit that file, not\n"
          "# this one. `make test` fails when the two disagree.\n")
# Rasa expands ${VAR} only in plain (unquoted) YAML scalars.
QUOTED_ENV = re.compile(r"""(['"])(\$\{[A-Z0-9_]+\})\1""")


class SettingsError(ValueError):
    pass


def load_settings(path: Path = SETTINGS) -> Dict[str, Any]:
    settings = yaml.safe_load(path.read_text())
    for key in ("channels", "logging_config", "tracker_store_wrapper", "paths"):
        if not settings.get(key):
            raise SettingsError(f"{path}: '{key}' is missing")
    return settings


def path_settings(settings: Dict[str, Any], name: str) -> Dict[str, Any]:
    try:
        return settings["paths"][name]
    except KeyError:
        raise SettingsError(f"unknown path {name!r}; choose one of: {', '.join(settings['paths'])}") from None


def endpoints(settings: Dict[str, Any], name: str) -> Dict[str, Any]:
    """The endpoints file of one path: the real store always wrapped in the redacting one."""
    chosen = path_settings(settings, name)
    result: Dict[str, Any] = {
        "action_endpoint": {"url": chosen["action_endpoint"]},
        "tracker_store": {"type": settings["tracker_store_wrapper"], "store": chosen["tracker_store"]},
    }
    if chosen.get("lock_store"):
        result["lock_store"] = chosen["lock_store"]
    return result


def credentials(settings: Dict[str, Any]) -> Dict[str, Any]:
    return dict(settings["channels"])


def flags(settings: Dict[str, Any], server: str, name: str) -> List[str]:
    chosen = path_settings(settings, name)
    if server == "rasa":
        return ["--endpoints", chosen["endpoints_file"], "--credentials", chosen["credentials_file"],
                "--logging-config-file", settings["logging_config"]]
    if server == "actions":
        return ["--actions", "actions", "--logging-config_file", settings["logging_config"]]
    raise SettingsError(f"unknown server {server!r}; choose rasa or actions")


def dump(name: str, data: Dict[str, Any]) -> str:
    text = yaml.safe_dump(data, sort_keys=False, default_flow_style=False)
    return HEADER.format(path=name) + QUOTED_ENV.sub(r"\2", text).replace(": null\n", ":\n")


def rendered_files(settings: Dict[str, Any]) -> Dict[Path, str]:
    files = {}
    for name, chosen in settings["paths"].items():
        files[REPO / chosen["endpoints_file"]] = dump(name, endpoints(settings, name))
        files[REPO / chosen["credentials_file"]] = dump(name, credentials(settings))
    return files


def main(argv: List[str] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.render", description=__doc__.split("\n")[0],
                                     epilog="example: python -m deploy.render flags rasa production")
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when a file is out of date")
    parser.add_argument("what", nargs="*", help="`flags SERVER PATH` prints the flags of that server and path")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        if args.what:
            if len(args.what) != 3 or args.what[0] != "flags":
                raise SettingsError("usage: python -m deploy.render flags rasa|actions local|production")
            print("\n".join(flags(settings, args.what[1], args.what[2])))
            return 0
        stale = []
        for path, text in rendered_files(settings).items():
            if path.exists() and path.read_text() == text:
                continue
            if args.check:
                stale.append(str(path.relative_to(REPO)))
            else:
                path.write_text(text)
                print(f"wrote {path.relative_to(REPO)}")
        if stale:
            print(f"render: out of date with deploy/settings.yml: {', '.join(stale)}; run: python -m deploy.render",
                  file=sys.stderr)
            return 1
        return 0
    except (OSError, yaml.YAMLError, SettingsError) as error:
        print(f"render: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

"""The scoring configuration: knowledge/weights.yml merged with a district's partial override."""
from __future__ import annotations

import copy
import hashlib
import json
import os
from pathlib import Path
from typing import Any, Dict, Union

import yaml

from .errors import KnowledgeError
from .paths import WEIGHTS_FILE

FACTOR_IDS = {"credential": [f"F{i}" for i in range(1, 10)], "route": [f"T{i}" for i in range(1, 9)]}


def merge(base: Dict[str, Any], override: Dict[str, Any]) -> Dict[str, Any]:
    """Deep merge: mappings merge key by key, anything else replaces."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _read(path: Path) -> Dict[str, Any]:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"cannot read weights file {path}: {str(exc).splitlines()[0]}") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"weights file {path} must be a mapping")
    return data


def _check(config: Dict[str, Any], origin: str) -> None:
    for kind, known in FACTOR_IDS.items():
        weights = config.get(kind, {}).get("weights", {})
        if not isinstance(weights, dict) or not weights:
            raise KnowledgeError(f"{origin}: {kind}.weights must map factor ids to numbers")
        for factor, value in weights.items():
            if factor not in known:
                raise KnowledgeError(f"{origin}: {kind}.weights.{factor}: unknown factor; use {', '.join(known)}")
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise KnowledgeError(f"{origin}: {kind}.weights.{factor} must be a number >= 0")
        if sum(weights.values()) <= 0:
            raise KnowledgeError(f"{origin}: {kind}.weights must not all be 0")


def load_weights(override: Union[None, str, Path, Dict[str, Any]] = None) -> Dict[str, Any]:
    """Defaults, then env KNOWLEDGE_WEIGHTS, then the explicit override (path or dict)."""
    config = _read(WEIGHTS_FILE)
    origin = str(WEIGHTS_FILE)
    env_path = os.environ.get("KNOWLEDGE_WEIGHTS")
    if env_path:
        config, origin = merge(config, _read(Path(env_path))), env_path
    if isinstance(override, dict):
        config, origin = merge(config, override), "weights override"
    elif override:
        config, origin = merge(config, _read(Path(override))), str(override)
    _check(config, origin)
    return config


def fingerprint(config: Dict[str, Any]) -> str:
    """Short stable id of a configuration, for score caches."""
    return hashlib.sha1(json.dumps(config, sort_keys=True).encode()).hexdigest()[:12]

"""Where the built-in rule packs are, and how a rule or lexicon data file is read.

Analyses read their lexicons with these, so they sit below them (and below the
engine's rule loader, which uses them too).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .errors import RuleError
from .yaml_load import safe_load


def builtin_pack_dir() -> Path:
    """The packaged rules: inside the wheel, or at the repo root when run from source."""
    # this file is lint/model/packs.py: the package is two levels up
    here = Path(__file__).resolve().parents[1]
    for candidate in (here / "_rules", here.parent / "rules"):
        if (candidate / "default").is_dir():
            return candidate
    raise RuleError(
        f"the built-in rule packs are missing (looked in {here / '_rules'} and {here.parent / 'rules'})"
    )


def load_data_file(path: Path) -> Any:
    text = path.read_text(encoding="utf-8")
    try:
        return json.loads(text) if path.suffix == ".json" else safe_load(text)
    except (ValueError, yaml.YAMLError) as err:
        raise RuleError(f"{path}: cannot parse: {err}") from None


@cache
def builtin_data(relative: str) -> Any:
    """A packaged data file (`lexicon/figures.yaml`, `evidence.yaml`), parsed once per process
    and shared by every reader: callers must not change it."""
    return load_data_file(builtin_pack_dir() / relative)

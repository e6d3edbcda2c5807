"""Where the built-in rule packs are, and how a rule or lexicon data file is read.

Analyses read their lexicons with these, so they sit below them (and below the
engine's rule loader, which uses them too).
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from .errors import RuleError


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


# What loading the rules read from the disk in this process: "file:<path>" -> a hash of its
# text, "list:<folder>" -> the rule files in it, "isfile:<path>" -> whether it was a file.
# A replayed run (lint.engine.replay) is valid only while every one of them still holds.
SEEN: dict[str, str] = {}


def seen_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def seen_key(path: Path) -> str:
    return f"file:{os.path.abspath(path)}"


def load_data_file(path: Path) -> Any:
    import yaml  # here, not at the top: a replayed run (lint.engine.replay) parses no YAML

    from .yaml_load import safe_load

    text = path.read_text(encoding="utf-8")
    SEEN[seen_key(path)] = seen_text(text)
    try:
        return json.loads(text) if path.suffix == ".json" else safe_load(text)
    except (ValueError, yaml.YAMLError) as err:
        raise RuleError(f"{path}: cannot parse: {err}") from None


@cache
def builtin_data(relative: str) -> Any:
    """A packaged data file (`lexicon/figures.yaml`, `evidence.yaml`), parsed once per process
    and shared by every reader: callers must not change it."""
    return load_data_file(builtin_pack_dir() / relative)

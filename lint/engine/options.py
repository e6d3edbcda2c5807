"""Rule options: typed and validated when a rule or a config loads, and "@file" values read.

A bad value is a usage error (exit 2) naming the file and key, never a crash in a
worker. A data file named by several rules ("@lexicon/subjects.yaml") is parsed once
and shared: every rule then holds the same object, which the analyses' caches key on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..model import packs
from ..model.check_kind import CheckKind
from ..model.errors import RuleError

# resolved path -> (mtime_ns, size, data, what packs.SEEN noted): one parse per data file
_PARSED: dict[Path, tuple[int, int, Any, tuple[str, str | None]]] = {}


def load_shared(path: Path) -> Any:
    """The data of a rule or lexicon file, parsed once while the file is unchanged."""
    stat = path.stat()
    hit = _PARSED.get(path)
    if hit is not None and hit[:2] == (stat.st_mtime_ns, stat.st_size):
        if hit[3][1] is not None:
            packs.SEEN[hit[3][0]] = hit[3][1]  # read again, as far as lint.engine.replay knows
        return hit[2]
    data = packs.load_data_file(path)
    noted = packs.seen_key(path)
    _PARSED[path] = (stat.st_mtime_ns, stat.st_size, data, (noted, packs.SEEN.get(noted)))
    return data


def resolve_resource(value: Any, roots: Iterable[Path]) -> Any:
    """Option values written as "@relative/path" load that YAML or JSON file."""
    if isinstance(value, str) and value.startswith("@"):
        rel = value[1:]
        roots = list(roots)
        from .files import inside_roots

        for root in roots:
            path = (root / rel).resolve()
            exists = path.is_file()
            packs.SEEN[f"isfile:{path}"] = str(exists)  # lint.engine.replay: where it was found
            if exists:
                # A committed config must not read the rest of the disk ("@../../../../etc/passwd").
                if not inside_roots(path, roots):
                    raise RuleError(f"resource {rel!r} resolves outside the project root; not read")
                return load_shared(path)
        raise RuleError(
            f"resource {rel!r} not found (looked in {', '.join(str(r) for r in roots)})"
        )
    if isinstance(value, list):
        return [resolve_resource(v, roots) for v in value]
    return value


# Options whose values are a closed set, whichever check kind takes them.
CHOICES = {"citation-scope": ("sentence", "paragraph"), "placement": ("end", "start", "anywhere")}


def check_options(kind: CheckKind, options: Mapping[str, Any], where: str) -> None:
    """Every option typed and validated when the rule (or a config override) is loaded,
    so a bad value is a usage error (exit 2), never a crash in a worker."""
    for key, value in options.items():
        problem = option_problem(key, value, kind.options.get(key))
        if problem:
            raise RuleError(f"{where}: option {key!r} {problem}, got {_short(value)}")
    if kind.validate is None:
        return
    try:
        kind.validate(options)
    except (ValueError, TypeError, re.error) as err:
        raise RuleError(f"{where}: {err}") from None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"


def option_problem(key: str, value: Any, default: Any) -> str | None:
    """What is wrong with an option's value, judged by its default's type; None when fine."""
    if key in CHOICES and value not in CHOICES[key]:
        return "must be one of " + ", ".join(repr(c) for c in CHOICES[key])
    if default is not None and value is not None:
        if isinstance(default, bool):
            if not isinstance(value, bool):
                return "must be true or false"
        elif isinstance(default, int):
            if isinstance(value, bool) or not isinstance(value, int):
                return "must be an integer"
            if default >= 0 > value:  # counts, lengths and months: a negative one is a typo
                return "must be zero or more"
        elif isinstance(default, float):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return "must be a number"
        elif isinstance(default, str):
            if not isinstance(value, str):
                return "must be a string"
        elif isinstance(default, (list, tuple)):
            if not isinstance(value, (list, tuple)):
                return "must be a list"
        elif isinstance(default, Mapping) and not isinstance(value, Mapping):
            return "must be a table (mapping)"
    return _regex_problem(key, value, 0)


def _regex_problem(key: str, value: Any, depth: int) -> str | None:
    """Regular expressions in options and lexicons (`pattern`, `*-pattern`) must compile. A list
    named `patterns` is regexes for some kinds and token patterns for others: each kind that
    compiles it as regexes checks it in its `validate` hook (checks/prose_text.pattern_validator)."""
    if depth > 6:
        return None
    if key == "pattern" or key.endswith("-pattern"):
        for item in [value] if isinstance(value, str) else value if isinstance(value, list) else []:
            if isinstance(item, str):
                try:
                    re.compile(item)
                except re.error as err:
                    return f"holds an invalid regular expression {item!r} ({err})"
    if isinstance(value, Mapping):
        for sub_key, sub in value.items():
            problem = _regex_problem(str(sub_key), sub, depth + 1)
            if problem:
                return f"({sub_key}) {problem}"
    return None

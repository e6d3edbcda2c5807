"""Settings in layers: packaged defaults, then the project's file, then CLI flags.

The project's file is `.contentlint.toml` (top level) or `[tool.contentlint]`
in pyproject.toml, whichever is found first walking up from the target.
Unknown keys and bad values are errors that name the key and the file.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ..model.errors import ConfigError
from ..model.finding import SEVERITIES

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.mdx")
DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    ".venv",
    "venv",
    ".tox",
    "build",
    "dist",
    "__pycache__",
    ".contentlint_cache",
)


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ("CL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    rule_packs: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    fail_on: str = "error"
    jobs: int | None = None
    nlp_model: str | None = None
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    draft_statuses: tuple[str, ...] = ("draft",)
    drafts_block: bool = False
    cache: bool = True
    cache_dir: str = ".contentlint_cache"
    respect_gitignore: bool = (
        True  # skip what .gitignore/.ignore files ignore (lint.engine.discover)
    )
    force_exclude: bool = False  # apply exclude and ignore files to files named explicitly too
    preset: str | None = None  # a frontmatter convention from rules/presets/ (lint.engine.presets)
    # The file policy (lint/engine/files.py) and the per-article bounds.
    follow_symlinks: str = "inside-root"
    max_file_size: int = 2 * 1024 * 1024
    time_budget: float = 60.0  # seconds of analysis per article before it becomes a CL001 finding
    cache_max_size: int = 256 * 1024 * 1024
    # The site's own citation markup ([{tag = "Cite"}, {shortcode = "cite"}, {pattern = "…"}]):
    # checked here, handed to every rule that reads citations (lint/analysis/components.py).
    citation_components: tuple = ()
    # Shared resources, declared once per project ([resources]: lint/engine/resources.py).
    resources: Mapping[str, Any] = field(default_factory=dict)
    # Where the config came from; relative paths in it are relative to `root`.
    source: str | None = None
    root: str = "."

    def resolve(self, value: str) -> Path:
        path = Path(value).expanduser()
        return path if path.is_absolute() else Path(self.root) / path


def _key(name: str) -> str:
    return name.replace("_", "-")


# TOML key -> field name; `source` and `root` are not user settings.
KEYS = {_key(f.name): f.name for f in fields(Settings) if f.name not in ("source", "root")}


def _list_of_str(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where}: '{key}' must be a list of strings, got {value!r}")


LIST_KEYS = (
    "select",
    "extend_select",
    "ignore",
    "rule_packs",
    "include",
    "exclude",
    "extend_exclude",
    "draft_statuses",
)
BOOL_KEYS = ("drafts_block", "cache", "respect_gitignore", "force_exclude")


def validate(raw: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Checked values from a config table, keyed by Settings field name."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in KEYS:
            close = difflib.get_close_matches(key, list(KEYS), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ConfigError(f"{where}: unknown key '{key}'{hint}")
        name = KEYS[key]
        if name in LIST_KEYS:
            out[name] = _list_of_str(value, key, where)
        elif name in BOOL_KEYS:
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: '{key}' must be true or false, got {value!r}")
            out[name] = value
        elif name in HARDENING_KEYS:
            out[name] = validate_hardening(name, key, value, where)
        else:
            out[name] = VALIDATORS[name](value, key, where)
    return out


def _severity(value: Any, key: str, where: str) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'severity' must be a table of code = \"error|warning|info\"")
    for code, sev in value.items():
        if sev not in SEVERITIES:
            raise ConfigError(
                f"{where}: severity.{code} must be one of {', '.join(SEVERITIES)}, got {sev!r}"
            )
    return dict(value)


def _per_file_ignores(value: Any, key: str, where: str) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: 'per-file-ignores' must be a table of glob = [codes]")
    return {
        glob: _list_of_str(codes, f"per-file-ignores.{glob}", where)
        for glob, codes in value.items()
    }


def _fail_on(value: Any, key: str, where: str) -> str:
    if value not in ("error", "warning", "info"):
        raise ConfigError(f'{where}: \'fail-on\' must be "error" or "warning", got {value!r}')
    return value


def _jobs(value: Any, key: str, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{where}: 'jobs' must be a positive integer, got {value!r}")
    return value


def _preset(value: Any, key: str, where: str) -> str:
    from .presets import check_preset_name

    return check_preset_name(value, where)


def _string(value: Any, key: str, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: '{key}' must be a string, got {value!r}")
    return value


def _citation_components(value: Any, key: str, where: str) -> tuple:
    from ..analysis.components import ComponentError, validate_components

    try:
        return validate_components(value, key)
    except ComponentError as err:
        raise ConfigError(f"{where}: {err}") from None


def _rules(value: Any, key: str, where: str) -> dict:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ConfigError(
            f"{where}: 'rules' must hold one table per rule, e.g. [tool.contentlint.rules.CL105]"
        )
    return {str(k): dict(v) for k, v in value.items()}


def _resources(value: Any, key: str, where: str) -> dict:
    from .resources import validate_table

    return validate_table(value, where)


VALIDATORS = {
    "severity": _severity,
    "per_file_ignores": _per_file_ignores,
    "fail_on": _fail_on,
    "jobs": _jobs,
    "preset": _preset,
    "nlp_model": _string,
    "cache_dir": _string,
    "citation_components": _citation_components,
    "rules": _rules,
    "resources": _resources,
}


HARDENING_KEYS = ("follow_symlinks", "max_file_size", "time_budget", "cache_max_size")


def validate_hardening(name: str, key: str, value: Any, where: str) -> Any:
    """The file-policy and bounds settings, typed at load."""
    from .files import SYMLINK_MODES, parse_size

    if name == "follow_symlinks":
        if value not in SYMLINK_MODES:
            raise ConfigError(
                f"{where}: '{key}' must be one of {', '.join(repr(m) for m in SYMLINK_MODES)}, "
                f"got {value!r}"
            )
        return value
    if name == "time_budget":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 86400:
            raise ConfigError(
                f"{where}: '{key}' must be a number of seconds above 0, got {value!r}"
            )
        return float(value)
    try:
        return parse_size(value)
    except ValueError as err:
        raise ConfigError(f"{where}: '{key}' must be {err}, got {value!r}") from None


def find_config(start: Path) -> tuple[Path, dict] | None:
    """The nearest .contentlint.toml, or pyproject.toml with [tool.contentlint], walking up."""
    start = start.resolve()
    directory = start if start.is_dir() else start.parent
    for folder in (directory, *directory.parents):
        dedicated = folder / ".contentlint.toml"
        if dedicated.is_file():
            return dedicated, _read(dedicated)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read(pyproject).get("tool", {}).get("contentlint")
            if table is not None:
                return pyproject, table
    return None


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: invalid TOML: {err}") from None
    except OSError as err:
        raise ConfigError(f"{path}: cannot read: {err.strerror}") from None
    return data


def load_settings(
    target: Path | None = None,
    config_file: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    settings = Settings(root=os.getcwd())
    found: tuple[Path, dict] | None
    if config_file is not None:
        if not config_file.is_file():
            raise ConfigError(f"{config_file}: config file not found")
        data = _read(config_file)
        table = (
            data.get("tool", {}).get("contentlint", {})
            if config_file.name == "pyproject.toml"
            else data
        )
        found = (config_file, table)
    else:
        found = find_config(target or Path.cwd())
    if found is not None:
        path, table = found
        where = f"{path} [tool.contentlint]" if path.name == "pyproject.toml" else str(path)
        settings = replace(
            settings, **validate(table, where), source=str(path), root=str(path.parent)
        )
    if overrides:
        settings = replace(settings, **{k: v for k, v in overrides.items() if v is not None})
    if settings.preset:
        from .presets import apply_preset

        settings = apply_preset(settings)
    return settings

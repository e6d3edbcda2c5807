"""Frontmatter presets: the metadata conventions of common site generators, as data.

A preset is `rules/presets/NAME.yaml`: a JSON Schema for the frontmatter
(used by CL101 and, for its known keys, CL113) and option tables for the other
metadata rules (which fields hold dates, the summary field, image fields...).
`preset = "hugo"` in the config, or `contentlint init --preset hugo`, selects
one. It is a layer between the packaged rules and the project's own
`[rules.X]` tables: an option the project sets wins over the preset's.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from ..model.errors import RuleError
from ..model.packs import builtin_pack_dir, load_data_file
from .options import resolve_resource


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    description: str
    detect: tuple[str, ...]
    schema: Mapping[str, Any]
    rules: Mapping[str, Mapping[str, Any]]

    def tables(self) -> dict[str, dict[str, Any]]:
        """Rule option tables, the schema included for CL101 and CL113."""
        out = {code: dict(opts) for code, opts in self.rules.items()}
        for code in ("CL101", "CL113"):
            out.setdefault(code, {})["schema"] = self.schema
        return out


def preset_dir() -> Path:
    return builtin_pack_dir() / "presets"


def preset_names() -> list[str]:
    folder = preset_dir()
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


@cache
def load_preset(name: str) -> Preset:
    path = preset_dir() / f"{name}.yaml"
    if not path.is_file():
        raise RuleError(_unknown(name))
    data = load_data_file(path)
    if not isinstance(data, dict):
        raise RuleError(f"{path}: a preset must be a mapping")
    roots = [preset_dir(), builtin_pack_dir()]
    schema = resolve_resource(data.get("schema") or {}, roots)
    rules = {
        str(code): {k: resolve_resource(v, roots) for k, v in (opts or {}).items()}
        for code, opts in (data.get("rules") or {}).items()
    }
    return Preset(
        name=name,
        title=str(data.get("title", name)),
        description=str(data.get("description", "")),
        detect=tuple(data.get("detect") or ()),
        schema=schema,
        rules=rules,
    )


def _unknown(name: Any) -> str:
    names = preset_names()
    close = difflib.get_close_matches(str(name), names, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown preset {name!r}{hint}; presets: {', '.join(names)}"


def check_preset_name(value: Any, where: str) -> str:
    from ..model.errors import ConfigError

    if not isinstance(value, str) or value not in preset_names():
        raise ConfigError(f"{where}: 'preset': {_unknown(value)}")
    return value


def merged_tables(
    preset: Preset, own: Mapping[str, Mapping[str, Any]]
) -> dict[str, dict[str, Any]]:
    """The preset's option tables under the project's: per option, the project wins."""
    out = preset.tables()
    for key, opts in own.items():
        out[key] = {**out.get(key, {}), **dict(opts)}
    return out


def apply_preset(settings):
    """Settings with the preset's rule options layered under the project's own tables."""
    from ..model.errors import ConfigError

    try:
        preset = load_preset(str(settings.preset))
    except RuleError as err:
        raise ConfigError(f"{settings.source or 'settings'}: 'preset': {err}") from None
    return replace(settings, rules=merged_tables(preset, settings.rules))


def detect_preset(folder: Path) -> str | None:
    """The generator whose marker files sit in `folder` or above (hugo.toml, _config.yml, astro.config.mjs...)."""
    folder = folder.resolve()
    for here in (folder, *folder.parents):
        for name in preset_names():
            preset = load_preset(name)
            if any((here / marker).exists() for marker in preset.detect):
                return name
        if (here / ".git").exists():
            break
    return None

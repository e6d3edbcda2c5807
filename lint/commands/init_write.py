"""Writing `contentlint init`'s plan: `[tool.contentlint]` in the folder's pyproject.toml
(tomlkit keeps its formatting) when there is one, else `.contentlint.toml`; the schema
goes to `contentlint.schema.json` beside it, referenced as `@contentlint.schema.json`.
An existing config is never replaced without `force`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .init_infer import Plan

SCHEMA_FILE = "contentlint.schema.json"


class InitError(Exception):
    """Refused: exit 2 with this message."""


def config_target(folder: Path) -> tuple[Path, bool]:
    """(file to write, whether it already holds a contentlint config)."""
    from ..engine.config import _read

    dedicated = folder / ".contentlint.toml"
    if dedicated.is_file():
        return dedicated, True
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        return pyproject, "contentlint" in (_read(pyproject).get("tool") or {})
    return dedicated, False


def refuse_to_replace(folder: Path, force: bool) -> None:
    """InitError when the config or the schema exists and `force` was not given."""
    target, exists = config_target(folder)
    if exists and not force:
        raise InitError(f"{target} already holds a contentlint config; use --force to replace it")
    if (folder / SCHEMA_FILE).exists() and not force:
        raise InitError(f"{folder / SCHEMA_FILE} already exists; use --force to replace it")


def config_table(plan: Plan, schema_ref: str) -> Any:
    """The config as a tomlkit table: preset, then one [rules.X] table per decision."""
    import tomlkit

    table = tomlkit.table()
    if plan.preset:
        table.add("preset", plan.preset)
    rules = tomlkit.table(is_super_table=True)
    for code in ("CL101", "CL113"):
        sub = tomlkit.table()
        sub.add("schema", schema_ref)
        rules.add(code, sub)
    for code in sorted(plan.rules):
        sub = tomlkit.table()
        for key, value in plan.rules[code].items():
            sub.add(key, _toml_value(value))
        rules.add(code, sub)
    table.add("rules", rules)
    return table


def _toml_value(value: Any) -> Any:
    import tomlkit

    if isinstance(value, list) and len(value) > 4:
        array = tomlkit.array()
        array.extend(value)
        array.multiline(True)
        return array
    return value


def render(plan: Plan, target: Path) -> str:
    """The text of the config file to write (a pyproject keeps everything it had)."""
    import tomlkit

    table = config_table(plan, f"@{SCHEMA_FILE}")
    if target.name == "pyproject.toml" and target.is_file():
        doc = tomlkit.parse(target.read_text(encoding="utf-8"))
        tool = doc.get("tool")
        if tool is None:
            tool = tomlkit.table(is_super_table=True)
            doc.add("tool", tool)
        if "contentlint" in tool:
            del tool["contentlint"]
        tool.add("contentlint", table)
        return tomlkit.dumps(doc)
    new = tomlkit.document()
    new.add(
        tomlkit.comment(
            f"Written by `contentlint init` from {plan.articles} article(s); the frontmatter "
            f"schema is {SCHEMA_FILE}."
        )
    )
    new.add(
        tomlkit.comment(
            "Settings and rule options: see the README's Configuration section and "
            "`contentlint explain CODE`."
        )
    )
    for key, value in table.items():
        new.add(key, value)
    return tomlkit.dumps(new)


def write_config(folder: Path, plan: Plan, force: bool = False) -> tuple[Path, Path]:
    """Write the config and the schema; refuse (InitError) to replace either without `force`."""
    from ..engine.config import tomllib

    refuse_to_replace(folder, force)
    target, _exists = config_target(folder)
    schema_path = folder / SCHEMA_FILE
    text = render(plan, target)
    tomllib.loads(text)  # never write a file that would not load
    schema_path.write_text(
        json.dumps(plan.schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    target.write_text(text, encoding="utf-8")
    return target, schema_path

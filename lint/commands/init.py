"""`contentlint init`: a starting config inferred from the articles a site already has.

Reading: every article under the folder (the same discovery as `check`,
ignore files respected), its frontmatter parsed as `check` parses it.
Deciding: init_infer.py (the schema) and init_rules.py (rule options), pure.
Writing: init_write.py. Telling the writer what was decided: init_summary.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..engine.discover import display_path
from .init_infer import Plan, infer
from .init_summary import describe_plan, first_run_summary
from .init_write import (
    SCHEMA_FILE,
    InitError,
    config_target,
    refuse_to_replace,
    render,
    write_config,
)

__all__ = ["InitError", "command", "read_site"]


def read_site(folder: Path) -> tuple[list[dict | None], list[str], list[Path]]:
    """Frontmatter of every article under `folder` (None without), unreadable files, and the files."""
    from ..engine.config import DEFAULT_EXCLUDE, DEFAULT_INCLUDE
    from ..engine.discover import discover
    from ..model.article import InputError, load_article

    files = discover([folder], DEFAULT_INCLUDE, DEFAULT_EXCLUDE, respect_gitignore=True)
    metas: list[dict | None] = []
    unreadable: list[str] = []
    for path in files:
        try:
            article = load_article(display_path(path), path.read_bytes())
        except (InputError, OSError) as err:
            unreadable.append(f"{display_path(path)}: {getattr(err, 'message', None) or err}")
            continue
        metas.append(dict(article.meta) if article.frontmatter is not None else None)
    return metas, unreadable, files


def command(
    folder: Path,
    preset_name: str | None,
    force: bool,
    require: float,
    dry_run: bool,
    preview: bool,
    echo: Callable[[str], Any],
) -> int:
    """`contentlint init`: 0 when written (or shown), 2 when refused."""
    from ..engine.presets import detect_preset

    shown = display_path(folder) or "."
    detected = detect_preset(folder) if preset_name is None else None
    preset = _load_preset(detected or preset_name)
    if not dry_run:
        refuse_to_replace(folder, force)
    metas, unreadable, files = read_site(folder)
    if not files:
        raise InitError(f"no articles (*.md, *.markdown, *.mdx) under {shown}")
    # With an explicit preset its required keys stand; a detected one only lends its names and options.
    plan = infer(
        metas,
        require=require,
        preset=preset,
        preset_required=detected is None,
        unreadable=unreadable,
    )
    if detected and preset is not None:
        plan.notes.insert(
            0,
            f'looks like a {preset.title} site: preset = "{detected}" (its rule options, '
            "under the ones written here)",
        )
    _note_config_above(plan, folder, shown)
    for line in describe_plan(plan, shown):
        echo(line)
    if dry_run:
        _show(plan, folder, echo)
        return 0
    config_path, schema_path = write_config(folder, plan, force=force)
    echo(f"  wrote {display_path(config_path)} and {display_path(schema_path)}")
    if preview:
        from ..engine.project import Project, run_project

        for line in first_run_summary(run_project([folder], Project())):
            echo(line)
    return 0


def _load_preset(name: str | None) -> Any:
    from ..engine.presets import load_preset
    from ..model.errors import RuleError

    try:
        return load_preset(name) if name else None
    except RuleError as err:
        raise InitError(f"--preset: {err}") from None


def _note_config_above(plan: Plan, folder: Path, shown: str) -> None:
    """A config further up stops applying to these articles: say so."""
    from ..engine.config import find_config

    above = find_config(folder.resolve().parent)
    if above is not None:
        plan.notes.append(
            f"articles under {shown} will use this config instead of {display_path(above[0])}"
        )


def _show(plan: Plan, folder: Path, echo: Callable[[str], Any]) -> None:
    """--dry-run: the files as they would be written."""
    target, _exists = config_target(folder)
    echo("")
    echo(f"# {display_path(target)} (not written: --dry-run)")
    echo(render(plan, target).rstrip())
    echo(f"# {display_path(folder / SCHEMA_FILE)}")
    echo(json.dumps(plan.schema, indent=2, ensure_ascii=False))

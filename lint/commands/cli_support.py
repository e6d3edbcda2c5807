"""What the command-line commands share: loading settings, usage errors, colour, the run itself."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import __version__
from ..engine.config import Settings, load_settings
from ..model.errors import ConfigError, RuleError

if TYPE_CHECKING:  # the registry's module imports every check: only `load` needs it
    from ..engine.rules import Registry

EXIT_USAGE = 2
EXIT_INTERNAL = (
    3  # a bug in contentlint itself: neither "blocked" (1) nor a mistake of the user's (2)
)


# Options that check, baseline and facts share: one definition each, so their names, types
# and help stay the same everywhere.
JOBS_OPTION = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: CPU count).",
)
CONFIG_OPTION = click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Use this config file instead of searching for one.",
)
NO_CACHE_OPTION = click.option(
    "--no-cache", is_flag=True, help="Ignore and do not write the result cache."
)
GITIGNORE_OPTION = click.option(
    "--respect-gitignore/--no-respect-gitignore",
    default=None,
    help="Skip files that .gitignore and .ignore files ignore (default: on).",
)


def _codes(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """--select CL1,CL2 --select CL3 -> ("CL1", "CL2", "CL3")."""
    out = tuple(c.strip() for v in values for c in v.split(",") if c.strip())
    return out or None


def _fail(message: str) -> click.exceptions.Exit:
    click.echo(f"contentlint: error: {message}", err=True)
    return click.exceptions.Exit(EXIT_USAGE)


def _use_color(flag: bool | None) -> bool:
    if flag is not None:
        return flag
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def load(paths: tuple[Path, ...], config: Path | None, **overrides) -> tuple[Settings, Registry]:
    from ..engine.rules import load_registry

    target = paths[0] if paths else Path.cwd()
    force_exclude = overrides.pop("force_exclude", None)
    try:
        settings = load_settings(target, config, overrides)
        registry = load_registry([settings.resolve(p) for p in settings.rule_packs])
    except (ConfigError, RuleError) as err:
        raise _fail(str(err)) from None
    from ..engine.project import Project

    ctx = click.get_current_context(silent=True)
    if ctx is not None:  # each file finds its own config (lint.engine.project); _lint uses it
        project = Project(overrides, config, force_exclude)
        project.remember(settings, registry)
        ctx.meta["contentlint.project"] = project
    return settings, registry


def default_paths(paths: tuple[Path, ...]) -> tuple[Path, ...]:
    if paths:
        return paths
    return (Path("corpus"),) if Path("corpus").is_dir() else (Path("."),)


class _Group(click.Group):
    """Exit codes mean one thing each: 0 publishable, 1 blocked, 2 usage or config, 3 internal error.

    An unexpected exception would otherwise leave Python's exit status 1, which
    a CI script cannot tell from "an article is blocked"; it exits 3, with the
    traceback on stderr for the bug report, so that 2 keeps meaning "fix your
    command or config".
    """

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (
            click.exceptions.Exit,
            click.ClickException,
            click.Abort,
            SystemExit,
            KeyboardInterrupt,
        ):
            raise
        except Exception:
            import traceback

            traceback.print_exc()
            click.echo(
                f"contentlint: internal error (contentlint {__version__}); the traceback above is "
                "what to report",
                err=True,
            )
            raise click.exceptions.Exit(EXIT_INTERNAL) from None


def _say_fixed(outcomes) -> None:
    """Each changed file and what changed, on stderr; then the files left alone and why."""
    from ..model.display import escape_text, safe_name

    changed = [(shown, o) for shown, o in outcomes if o.changed]
    for shown, outcome in changed:
        click.echo(
            f"contentlint: fixed {safe_name(shown)}: {escape_text('; '.join(outcome.descriptions))}",
            err=True,
        )
    for shown, outcome in outcomes:
        if outcome.refused:
            click.echo(
                f"contentlint: not fixed {safe_name(shown)}: {escape_text(outcome.refused)}",
                err=True,
            )
    if changed:
        click.echo(
            f"contentlint: fixed {len(changed)} file{'s' if len(changed) != 1 else ''}", err=True
        )


def _lint(paths, registry, settings, progress, report_only=None):
    """One run with the progress bar and the comparison context the CLI always wants."""
    from ..engine.progress import ProgressBar
    from ..engine.runner import run, sibling_context

    ctx = click.get_current_context(silent=True)
    project = ctx.meta.get("contentlint.project") if ctx is not None else None
    with ProgressBar(enabled=progress) as bar:
        if project is not None:
            from ..engine.project import run_project

            return run_project(
                list(paths),
                project,
                bar,
                report_only=report_only,
                context=sibling_context(list(paths), settings),
            )
        return run(
            list(paths),
            registry,
            settings,
            bar,
            report_only=report_only,
            context=sibling_context(list(paths), settings),
        )


def _load_baseline(path: Path):
    from ..engine.baseline import BaselineError
    from ..engine.baseline import load as load_baseline

    try:
        return load_baseline(path)
    except BaselineError as err:
        raise _fail(str(err)) from None


def _changed_since(ref: str) -> list[Path]:
    from ..engine.vcs import VcsError, changed_files

    try:
        return changed_files(ref)
    except VcsError as err:
        raise _fail(str(err)) from None

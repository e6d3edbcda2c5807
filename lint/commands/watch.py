"""`contentlint check --watch`: lint, then re-lint as articles are saved.

One process stays up, so the spaCy pipeline is built once and every re-lint
reads unchanged articles from the result cache: a save costs the analysis of
the saved article plus the cross-article pass. After the first full report,
each re-lint prints the articles whose findings changed (the saved ones, and
any other whose cross-article findings moved with them), then a one-line
summary of the whole set. Saving a config file reloads it; a broken one is
reported and the last good one is kept until it is fixed. Ctrl-C stops.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..engine.config import Settings
from ..engine.rules import Registry

if TYPE_CHECKING:
    from ..engine.runner import Run

CONFIG_NAMES = (".contentlint.toml", "pyproject.toml")


def _roots(paths: tuple[Path, ...], settings: Settings) -> list[Path]:
    """Folders to watch: each directory named, the folder of each file named, the config's folder."""
    roots = {(p if p.is_dir() else p.parent).resolve() for p in paths}
    if settings.source:
        roots.add(Path(settings.source).resolve().parent)
    # Watching a folder already covers the folders below it.
    return sorted(r for r in roots if not any(o != r and o in r.parents for o in roots))


def _relevant(path: str, settings: Settings) -> bool:
    name = Path(path).name
    return name in CONFIG_NAMES or any(fnmatch(name, pattern) for pattern in settings.include)


def _signature(result: Any) -> tuple:
    return tuple(
        (f.code, f.line, f.column, f.end_line, f.end_column, f.message) for f in result.findings
    )


def _status(message: str) -> None:
    click.echo(f"contentlint: {message}", err=True)


def watch(
    paths: tuple[Path, ...],
    load: Callable[[], tuple[Settings, Registry]],
    fmt: str | None = None,
    quiet: bool = False,
    color: bool = False,
) -> int:
    try:
        import watchfiles
    except ImportError:
        _status(
            "error: --watch needs the 'watch' extra (watchfiles is not installed): "
            "pip install 'contentlint[watch]'"
        )
        return 2
    import logging

    from ..model.errors import ConfigError

    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # we say "stopped watching" ourselves
    session = _Session(paths, load, fmt, quiet, color)
    try:
        session.start()
    except ConfigError as err:
        _status(f"error: {err}")
        return 2
    ready = False
    try:
        # yield_on_timeout: an empty batch says the watches are in place, and only
        # then do we say "watching", so nothing saved after that line is missed.
        # The filter reads `session.settings` when called, so a reloaded config's `include` applies.
        for changes in watchfiles.watch(
            *_roots(paths, session.settings),
            watch_filter=lambda _c, p: _relevant(p, session.settings),
            raise_interrupt=False,
            yield_on_timeout=True,
            rust_timeout=1000,
        ):
            if not ready:
                ready = True
                n = len(session.current.results)
                _status(f"watching {n} article{'s' if n != 1 else ''} for changes (Ctrl-C to stop)")
            if changes:
                session.saved({Path(p) for _, p in changes})
    except KeyboardInterrupt:
        pass
    _status("stopped watching")
    return 0


class _Session:
    """The watched paths, the configuration in force and the last run's findings."""

    def __init__(
        self,
        paths: tuple[Path, ...],
        load: Callable[[], tuple[Settings, Registry]],
        fmt: str | None,
        quiet: bool,
        color: bool,
    ) -> None:
        self.paths, self.load = paths, load
        self.fmt, self.quiet, self.color = fmt, quiet, color
        self.settings, self.registry = load()  # a broken config at start fails closed (exit 2)
        self.current: Run
        self.seen: dict[str, tuple] = {}

    def lint(self) -> Run:
        from ..engine.runner import run, sibling_context

        paths = list(self.paths)
        return run(
            paths, self.registry, self.settings, context=sibling_context(paths, self.settings)
        )

    def report(self, result: Run) -> None:
        from ..report.output import write_report

        write_report(result, self.fmt, None, quiet=self.quiet, color=self.color)

    def start(self) -> None:
        """The first full report, then the pipeline built while the writer reads it."""
        from ..text import nlp

        self.current = self.lint()
        self.report(self.current)
        self.seen = {r.path: _signature(r) for r in self.current.results}
        # Re-lints of one saved article run in this process: build its pipeline now.
        nlp.configure(self.settings.nlp_model)
        threading.Thread(target=nlp.get_nlp, daemon=True).start()

    def saved(self, changed: set[Path]) -> None:
        """Re-lint after a save: the articles whose findings moved, then the whole set's summary."""
        from ..engine.discover import display_path
        from ..engine.runner import Run
        from ..model.errors import ConfigError

        if any(p.name in CONFIG_NAMES for p in changed):
            try:
                self.settings, self.registry = self.load()
                _status("configuration reloaded")
            except click.exceptions.Exit:
                _status("keeping the last good configuration until this one is fixed")
        started = time.perf_counter()
        try:
            self.current = current = self.lint()
        except ConfigError as err:
            _status(f"error: {err}; fix it and save to re-lint")
            return
        saved = {display_path(p) for p in changed}
        moved = [
            r for r in current.results if r.path in saved or self.seen.get(r.path) != _signature(r)
        ]
        self.seen = {r.path: _signature(r) for r in current.results}
        stamp = time.strftime("%H:%M:%S")
        names = ", ".join(sorted(saved & {r.path for r in current.results})) or "no article"
        _status(
            f"[{stamp}] re-linted after a save ({names}) in {time.perf_counter() - started:.2f}s"
        )
        if moved:
            verdicts = {r.path: current.verdicts[r.path] for r in moved}
            self.report(Run(moved, current.registry, current.rules, current.settings, verdicts))
        _status(_summary(current))


def _summary(current: Run) -> str:
    from ..model.verdicts import DRAFT

    drafts = sum(v == DRAFT for v in current.verdicts.values())
    publishable = len(current.results) - current.blocked - drafts
    return (
        f"all {len(current.results)} articles: {current.blocked} blocked, {publishable} publishable"
        + (f", {drafts} draft{'s' if drafts != 1 else ''}" if drafts else "")
        + "; watching (Ctrl-C to stop)"
    )

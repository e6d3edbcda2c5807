"""`check` without loading a rule when nothing it reads has changed (lint.engine.replay).

The usual `check` imports every check, loads the rule packs and lexicons, reads the
cached results and renders them. When the same request over the same bytes was
answered before, and printed nothing on stderr, its output is printed again as it was.
"""

from __future__ import annotations

import os
import sys
from types import SimpleNamespace
from typing import Any


def request(o: SimpleNamespace, paths, color: bool) -> dict[str, Any] | None:
    """What shapes the output beyond the files, or None when this run is not replayable
    (standard input, fixes, a baseline, --since, --watch, reports written to files, no cache).

    The report formats are named as given: a stored output exists only for a request
    that `plan_outputs` accepted, with the same code."""
    if o.stdin_filename is not None or any(os.fspath(p) == "-" for p in paths):
        return None
    if o.fix or o.show_diff or o.watch or o.baseline_file or o.since or o.no_cache or o.outputs:
        return None
    return {
        "paths": [os.fspath(p) for p in paths],
        "format": o.fmt,
        "statistics": o.statistics,
        "quiet": o.quiet,
        "color": color,
        "select": o.select,
        "extend_select": o.extend_select,
        "ignore": o.ignore,
        "fail_on": o.fail_on,
        "config": os.fspath(o.config) if o.config else None,
        "respect_gitignore": o.respect_gitignore,
        "force_exclude": o.force_exclude,
    }


def attempt(given, o: SimpleNamespace, overrides: dict, color: bool):
    """Print the stored output and exit when it still stands; else what `Capture` needs
    to store this run's output (None: not replayable)."""
    from .cli_support import default_paths

    paths = default_paths(given)
    asked = request(o, paths, color)
    if asked is None:
        return None
    from ..engine import replay
    from ..engine.project import Project

    try:
        project = Project(overrides, o.config, o.force_exclude or None)
        found = replay.inputs(project, list(paths), asked)
        stored = replay.load(found) if found is not None else None
    except Exception:  # a config error, a vanished file: the usual way reports it
        return None
    if stored is None:
        return found
    printed, code = stored
    _print(printed)
    sys.exit(0 if o.exit_zero else code)


def _print(printed: memoryview) -> None:
    """Bytes as the report's own writes would have put them on stdout."""
    out = sys.stdout
    encoding = (getattr(out, "encoding", None) or "").lower().replace("_", "-")
    buffer = getattr(out, "buffer", None)
    if buffer is not None and encoding in ("utf-8", "utf8") and os.linesep == "\n":
        out.flush()
        buffer.write(printed)
        buffer.flush()
    else:
        out.write(bytes(printed).decode("utf-8"))
        out.flush()


class Capture:
    """Records stdout (to store) and watches stderr (anything there: not stored) while the
    usual way runs; `done` stores the output when the run is replayable."""

    def __init__(self, found) -> None:
        from ..engine.replay import Recorder

        self.recorder = Recorder(sys.stdout, found) if found is not None else None
        self.errors = _Watch(sys.stderr)
        if self.recorder is not None:
            sys.stdout, sys.stderr = self.recorder, self.errors

    def _restore(self) -> None:
        if self.recorder is not None and sys.stdout is self.recorder:
            sys.stdout, sys.stderr = self.recorder.stream, self.errors.stream

    def release(self) -> None:
        """Back to the real streams; what was recorded and not kept is dropped."""
        self._restore()
        if self.recorder is not None:
            self.recorder.drop()

    def done(self, result) -> None:
        self._restore()
        if self.recorder is None:
            return
        from ..engine.replay import replayable

        rules_ok = all(replayable(rules, registry) for rules, registry in _rule_sets(result))
        if self.errors.wrote or not rules_ok or not result.results:
            self.recorder.drop()
            return
        self.recorder.keep(result.exit_code)


def _rule_sets(result):
    """The rules of each config in the run (a merged run names one registry per config)."""
    import click

    from ..engine.selection import select_rules

    ctx = click.get_current_context(silent=True)
    project = ctx.meta.get("contentlint.project") if ctx is not None else None
    settings_list = {id(s): s for s in result.settings_by_path.values()} or {0: result.settings}
    out = [(result.rules, result.registry)]
    for settings in settings_list.values():
        registry = project.registry_for(settings) if project is not None else result.registry
        out.append((select_rules(registry, settings), registry))
    return out


class _Watch:
    def __init__(self, stream) -> None:
        self.stream = stream
        self.wrote = False

    def write(self, text: str) -> int:
        self.wrote = self.wrote or bool(text)
        return self.stream.write(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)

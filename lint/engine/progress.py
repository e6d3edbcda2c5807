"""A progress bar on stderr, for people watching a long run in a terminal.

It appears only when stderr is a terminal, never in CI (the `CI` variable that
GitHub Actions, GitLab and most others set) and never when stderr is piped,
and only once a run has taken longer than `delay` seconds, so quick runs and
pre-commit hooks stay silent. It is transient: it erases itself when done.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Mapping
from typing import IO, Any

DELAY = 1.0


def wanted(stream: IO | None = None, environ: Mapping[str, str] | None = None) -> bool:
    stream = stream if stream is not None else sys.stderr
    environ = environ if environ is not None else os.environ
    if environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    if environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class ProgressBar:
    """A `progress(done, total)` callback for the runner; use as a context manager."""

    def __init__(
        self, enabled: bool | None = None, delay: float = DELAY, stream: IO | None = None
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = wanted(self.stream) if enabled is None else enabled
        self.delay = delay
        self.done = 0
        self.total = 0
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._progress: Any = None  # a rich Progress once shown (rich is imported then)
        self._task = None
        self._finished = False

    def __enter__(self) -> ProgressBar:
        if self.enabled:
            self._timer = threading.Timer(self.delay, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __call__(self, done: int, total: int) -> None:
        with self._lock:
            self.done, self.total = done, total
            if self._progress is not None:
                self._progress.update(self._task, completed=done, total=total)

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        with self._lock:
            if self._finished or (self.total and self.done >= self.total):
                return
            console = Console(file=self.stream, force_terminal=True)
            self._progress = Progress(
                TextColumn("checking articles"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=console,
                transient=True,
            )
            self._task = self._progress.add_task(
                "check", total=self.total or None, completed=self.done
            )
            self._progress.start()

    def __exit__(self, *exc) -> None:
        with self._lock:
            self._finished = True
            if self._timer is not None:
                self._timer.cancel()
            if self._progress is not None:
                self._progress.stop()
                self._progress = None

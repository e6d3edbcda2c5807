"""Where reports go (stdout or an atomically written file) and applying --fix."""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Optional

from .fixes import fix_file, write_atomically
from .report import EXTENSIONS, REPORTERS
from .runner import Run


def pick_format(fmt: Optional[str], output: Optional[Path]) -> str:
    if fmt:
        return fmt
    if output is not None:
        name = output.name.lower()
        if name.endswith(".sarif.json"):
            return "sarif"
        return EXTENSIONS.get(output.suffix.lower(), "text")
    return "text"


def write_report(run: Run, fmt: Optional[str], output: Optional[Path], quiet: bool = False,
                 color: bool = False) -> None:
    name = pick_format(fmt, output)
    reporter_cls = REPORTERS[name]
    reporter = reporter_cls(quiet=quiet)
    rendered = reporter.render(run, color=color)
    if output is None:
        if name != "github":
            from .files import guard_commands

            rendered = guard_commands(rendered)
        sys.stdout.write(rendered)
        sys.stdout.flush()
    else:
        write_file(output, rendered.encode("utf-8"))


def write_file(path: Path, data: bytes) -> None:
    """Atomically onto a regular file (or a new one), creating missing folders.

    A rename would replace whatever is at `path`: run as root, `-o /dev/null`
    once replaced the system's /dev/null with a regular file. So a device, a
    FIFO or a symlink is written in place, through an ordinary open(), and is
    never renamed over; a directory is an error."""
    import os
    import stat

    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "is a directory")
        if stat.S_ISLNK(info.st_mode) and os.path.isfile(path):
            # Through the link to its target, atomically there (the link stays a link).
            write_atomically(Path(os.path.realpath(path)), data)
            return
        _write_in_place(path, data)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)


def _write_in_place(path: Path, data: bytes) -> None:
    """A device, a FIFO or a link to one. A FIFO without a reader is an error, not a hang."""
    import fcntl
    import os

    fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)  # ENXIO: a FIFO nobody reads
    try:
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def apply_fixes(run: Run, write: bool = True) -> list:
    """Apply every fix the run found. Returns [(shown path, FixOutcome)] for each file with fixes."""
    by_path = defaultdict(list)
    for result in run.results:
        for finding in result.findings:
            if finding.fix is not None:
                by_path[result.path].append(finding.fix)
    hashes = {r.path: r.content_hash for r in run.results}
    sources = getattr(run, "sources", {}) or {}
    out = []
    for shown, fixes in sorted(by_path.items()):
        outcome = fix_file(Path(sources.get(shown, shown)), hashes[shown], fixes, write=write, shown=shown)
        out.append((shown, outcome))
    return out


def refusal_findings(run: Run, outcomes: list) -> None:
    """A file --fix had to leave alone gets a warning finding saying why (after the re-lint)."""
    from .finding import Finding

    refused = {shown: o.refused for shown, o in outcomes if o.refused}
    for result in run.results:
        if result.path in refused:
            result.findings.append(Finding(
                path=result.path, line=1, column=1, code="CL001", end_line=1, end_column=1,
                name="unreadable-file", category="input", severity="warning",
                message=f"--fix left this file unchanged: {refused[result.path]}"))
            result.findings.sort()
    if refused:
        run.refresh_verdicts()

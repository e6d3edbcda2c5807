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
    """Atomically, creating missing folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)


def apply_fixes(run: Run) -> int:
    """Apply every fix the run found; returns the number of files changed."""
    by_path = defaultdict(list)
    for result in run.results:
        for finding in result.findings:
            if finding.fix is not None:
                by_path[result.path].append(finding.fix)
    hashes = {r.path: r.content_hash for r in run.results}
    return sum(1 for path, fixes in by_path.items() if fix_file(Path(path), hashes[path], fixes))

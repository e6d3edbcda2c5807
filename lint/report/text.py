"""Terminal output for writers: each finding, the line it is on, the span underlined."""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from ..runner import Run

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


class TextReporter:
    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet

    def render(self, run: Run, color: bool = False) -> str:
        buffer = io.StringIO()
        console = Console(file=buffer, force_terminal=color, no_color=not color, highlight=False,
                          width=10_000, soft_wrap=True, emoji=False, markup=False)
        for result in run.results:
            if not result.findings:
                continue
            for f in result.findings:
                line = Text()
                line.append(f"{f.path}:{f.line}:{f.column}", style="bold")
                line.append(" ")
                line.append(f.code, style="bold magenta")
                line.append(" ")
                line.append(f.severity, style=STYLE.get(f.severity, ""))
                line.append(" " + f.message)
                console.print(line)
                if not self.quiet and f.line_text.strip():
                    self._excerpt(console, f)
            console.print()
        self._summary(console, run)
        return buffer.getvalue()

    def _excerpt(self, console: Console, f) -> None:
        source = f.line_text.replace("\t", " ")
        gutter = f"{f.line:>5} | "
        console.print(Text(gutter, style="dim") + Text(source))
        width = (f.end_column - f.column + 1) if f.end_line == f.line else len(source) - f.column + 1
        marks = " " * (f.column - 1) + "^" * max(1, width)
        console.print(Text(" " * (len(gutter) - 2) + "| ", style="dim") + Text(marks, style=STYLE.get(f.severity, "")))

    def _summary(self, console: Console, run: Run) -> None:
        if not self.quiet:
            for result in run.results:
                verdict = run.verdicts.get(result.path, "publishable")
                counts = _counts(result.findings)
                style = "bold red" if verdict == "blocked" else "green"
                console.print(Text(f"{verdict:>11}", style=style) + Text(f"  {result.path}  {counts}"))
        n = len(run.results)
        blocked = run.blocked
        errors = sum(1 for f in run.findings if f.severity == "error")
        warnings = sum(1 for f in run.findings if f.severity == "warning")
        noun = "article" if n == 1 else "articles"
        summary = Text(f"{n} {noun}: {blocked} blocked, {n - blocked} publishable", style="bold")
        summary.append(f" ({_plural(errors, 'error')}, {_plural(warnings, 'warning')})")
        console.print(summary)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _counts(findings) -> str:
    parts = []
    for sev in ("error", "warning", "info"):
        n = sum(1 for f in findings if f.severity == sev)
        if n:
            parts.append(_plural(n, sev))
    return ", ".join(parts) if parts else "no findings"

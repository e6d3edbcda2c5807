"""Terminal output for writers: each finding, the line it is on, the span underlined."""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from ..files import escape_text, safe_name, visible_line
from ..runner import BLOCKED, DRAFT, WARNINGS, Run
from .common import gating, verdict_label, verdict_of, verdict_summary

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
VERDICT_STYLE = {BLOCKED: "bold red", WARNINGS: "yellow", DRAFT: "cyan", "publishable": "green"}


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
                # Article text and file names are untrusted: no control character
                # reaches the terminal and no line starts with "::" (a CI command).
                line.append(f"{safe_name(f.path)}:{f.line}:{f.column}", style="bold")
                line.append(" ")
                line.append(f.code, style="bold magenta")
                line.append(" ")
                line.append(f.severity, style=STYLE.get(f.severity, ""))
                line.append(" " + escape_text(f.message))
                console.print(line)
                if not self.quiet and f.line_text.strip():
                    self._excerpt(console, f)
            console.print()
        self._summary(console, run)
        return buffer.getvalue()

    def _excerpt(self, console: Console, f) -> None:
        source = visible_line(f.line_text.replace("\t", " "))
        gutter = f"{f.line:>5} | "
        console.print(Text(gutter, style="dim") + Text(source))
        width = (f.end_column - f.column + 1) if f.end_line == f.line else len(source) - f.column + 1
        marks = " " * (f.column - 1) + "^" * max(1, width)
        console.print(Text(" " * (len(gutter) - 2) + "| ", style="dim") + Text(marks, style=STYLE.get(f.severity, "")))

    def _summary(self, console: Console, run: Run) -> None:
        if not self.quiet:
            width = max((len(verdict_label(v)) for v in run.verdicts.values()), default=0)
            for result in run.results:
                verdict = verdict_of(run, result.path)
                counts = _counts(result.findings)
                if verdict == DRAFT and any(gating(f, run) for f in result.findings):
                    counts += " (not blocking: draft)"
                label = verdict_label(verdict)
                console.print(Text(f"{label:<{width}}", style=VERDICT_STYLE.get(verdict, "")) +
                              Text(f"  {safe_name(result.path)}  {counts}"))
        for entry in run.stale:
            console.print(Text(f"{safe_name(str(entry['path']))}: stale baseline entry {entry['rule']} "
                               f"(was line {entry['line']}: {escape_text(str(entry['message']))})", style="dim"))
        if run.stale:
            console.print(Text("  these no longer occur; `contentlint baseline --prune` removes them", style="dim"))
        errors = sum(1 for f in run.findings if f.severity == "error")
        warnings = sum(1 for f in run.findings if f.severity == "warning")
        summary = Text(verdict_summary(run), style="bold")
        summary.append(f" ({_plural(errors, 'error')}, {_plural(warnings, 'warning')})")
        if run.baseline is not None:
            summary.append(f"; {_plural(run.baselined, 'baselined finding')} not shown")
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

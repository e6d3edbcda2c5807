"""Terminal output for writers: each finding, the line it is on, the span underlined."""

from __future__ import annotations

import io
from collections.abc import Iterator

from rich.console import Console
from rich.text import Text

from ..engine.runner import Run
from ..model.display import escape_text, safe_name, visible_line
from ..model.verdicts import BLOCKED, DRAFT, WARNINGS
from .common import gating, verdict_label, verdict_of, verdict_summary

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
# How much of a source line the excerpt shows. Long lines (a paragraph is one line
# in Markdown) are cut to a window around the flagged span, marked with "…".
EXCERPT_WIDTH = 100
ELLIPSIS = "…"
VERDICT_STYLE = {BLOCKED: "bold red", WARNINGS: "yellow", DRAFT: "cyan", "publishable": "green"}


def _taken(buffer: io.StringIO) -> str:
    """What was printed to `buffer` since the last call; the buffer is emptied."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


class TextReporter:
    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet

    def render(self, run: Run, color: bool = False) -> str:
        return "".join(self.stream(run, color))

    def stream(self, run: Run, color: bool = False) -> Iterator[str]:
        """The report one article at a time: a long run's report is never held whole."""
        buffer = io.StringIO()
        console = Console(
            file=buffer,
            force_terminal=color,
            no_color=not color,
            highlight=False,
            width=10_000,
            soft_wrap=True,
            emoji=False,
            markup=False,
        )
        for result in run.results:
            if not result.findings:
                continue
            # One print per article: rich's cost is per print, and a Text of many lines
            # renders exactly as those lines printed one by one.
            block = Text()
            for f in result.findings:
                # Article text and file names are untrusted: no control character
                # reaches the terminal and no line starts with "::" (a CI command).
                block.append(f"{safe_name(f.path)}:{f.line}:{f.column}", style="bold")
                block.append(" ")
                block.append(f.code, style="bold magenta")
                block.append(" ")
                block.append(f.severity, style=STYLE.get(f.severity, ""))
                block.append(" " + escape_text(f.message) + "\n")
                if not self.quiet and f.line_text.strip():
                    self._excerpt(block, f)
            console.print(block)
            yield _taken(buffer)
        self._summary(console, run)
        yield _taken(buffer)

    def _excerpt(self, block: Text, f) -> None:
        source = visible_line(f.line_text.replace("\t", " "))
        start = f.column - 1
        end = f.end_column if f.end_line == f.line else len(source)
        shown, mark_start, mark_end = window(source, start, end)
        gutter = f"{f.line:>5} | "
        block.append(gutter, style="dim")
        block.append_text(Text(shown))
        block.append("\n")
        marks = " " * mark_start + "^" * max(1, mark_end - mark_start)
        block.append(" " * (len(gutter) - 2) + "| ", style="dim")
        block.append(marks + "\n", style=STYLE.get(f.severity, ""))

    def _summary(self, console: Console, run: Run) -> None:
        if not self.quiet:
            width = max((len(verdict_label(v)) for v in run.verdicts.values()), default=0)
            for result in run.results:
                verdict = verdict_of(run, result.path)
                counts = _counts(result.findings)
                if verdict == DRAFT and any(gating(f, run) for f in result.findings):
                    counts += " (not blocking: draft)"
                label = verdict_label(verdict)
                console.print(
                    Text(f"{label:<{width}}", style=VERDICT_STYLE.get(verdict, ""))
                    + Text(f"  {safe_name(result.path)}  {counts}")
                )
        for entry in run.stale:
            console.print(
                Text(
                    f"{safe_name(str(entry['path']))}: stale baseline entry {entry['rule']} "
                    f"(was line {entry['line']}: {escape_text(str(entry['message']))})",
                    style="dim",
                )
            )
        if run.stale:
            console.print(
                Text(
                    "  these no longer occur; `contentlint baseline --prune` removes them",
                    style="dim",
                )
            )
        severities = run.tally.by(3)
        errors, warnings = severities[("error",)], severities[("warning",)]
        summary = Text(verdict_summary(run), style="bold")
        summary.append(f" ({_plural(errors, 'error')}, {_plural(warnings, 'warning')})")
        if run.baseline is not None:
            summary.append(f"; {_plural(run.baselined, 'baselined finding')} not shown")
        console.print(summary)


def window(line: str, start: int, end: int, width: int = EXCERPT_WIDTH) -> tuple[str, int, int]:
    """The part of `line` to print around the span [start, end), and the span's place in it.

    A line that fits is returned whole. Otherwise the window keeps some context
    before the span (a third of the width, less for a long span), fills the rest after it,
    and marks each cut with an ellipsis; a span longer than the window is cut
    at the window's end.
    """
    start = max(0, min(start, len(line)))
    end = max(start, min(end, len(line)))
    if len(line) <= width:
        return line, start, end
    room = width - 2  # an ellipsis may take a column at each end
    lead = min(start, max(min(room // 3, room - (end - start)), 10))
    left = start - lead
    right = min(len(line), left + room)
    if right == len(line):  # near the end: use the whole width
        left = max(0, right - room)
    text = line[left:right]
    prefix = ELLIPSIS if left > 0 else ""
    suffix = ELLIPSIS if right < len(line) else ""
    offset = len(prefix) - left
    return prefix + text + suffix, start + offset, min(end, right) + offset


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _counts(findings) -> str:
    parts = []
    for sev in ("error", "warning", "info"):
        n = sum(1 for f in findings if f.severity == sev)
        if n:
            parts.append(_plural(n, sev))
    return ", ".join(parts) if parts else "no findings"

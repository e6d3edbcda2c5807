"""Pieces of the HTML report: one article's lines with findings, highlighted, with their notes;
titles, badges and display names.

Split from lint/report/html.py (the page around them); every string is escaped here too."""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Iterable
from html import escape
from pathlib import Path

from ..engine.pipeline import ArticleResult
from ..model.finding import Finding
from .common import SEVERITY_ORDER, plural, seriousness, verdict_label

SEVERITY_LABELS = {"error": "Error", "warning": "Warning", "info": "Note"}
HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
# Each article shows the lines with findings and this many lines around them;
# the rest of the text is summarised as "N lines" (a report of 1,000 articles
# stays a few MB, and an editor sees each problem in its paragraph).
CONTEXT_LINES = 2
# A finding spanning many lines (a whole frontmatter block) shows its first and last few.
SPAN_LINES = 4
PROJECT_MARKERS = (".git", "pyproject.toml", ".contentlint.toml")


def e(value: object) -> str:
    return escape(str(value), quote=True)


def finding_data(f: Finding, fid: str) -> str:
    return (
        f'data-f="{fid}" data-severity="{e(f.severity)}" data-category="{e(f.category)}" '
        f'data-rule="{e(f.code)}"'
    )


def source_lines(
    result: ArticleResult, findings: list[Finding], fids: dict[int, str], doc_id: str
) -> str:
    lines = [line.rstrip("\r") for line in result.text.split("\n")] if result.text else [""]
    if len(lines) > 1 and lines[-1] == "":  # the final newline ends the last line; it opens none
        lines.pop()
    while len(lines) < max((f.end_line for f in findings), default=0):
        lines.append("")
    spans: dict[int, list[tuple[int, int, Finding]]] = {}
    notes: dict[int, list[Finding]] = {}
    for f in findings:
        notes.setdefault(min(f.line, len(lines)), []).append(f)
        for n in range(f.line, min(f.end_line, len(lines)) + 1):
            start = f.column - 1 if n == f.line else 0
            end = f.end_column if n == f.end_line else len(lines[n - 1])
            spans.setdefault(n, []).append((start, max(start, end), f))
    frontmatter_end = _frontmatter_end(lines)
    shown = _lines_to_show(findings, len(lines))
    out = []
    previous = 0
    for n, line in enumerate(lines, 1):
        if n not in shown:
            continue
        if n > previous + 1:
            out.append(_gap(n - previous - 1))
        previous = n
        kind = "fm" if n <= frontmatter_end else ("h" if HEADING.match(line) else "")
        text = _highlight(line, spans.get(n, []), fids)
        note_html = ""
        if n in notes:
            note_html = (
                '<div class="notes">'
                + "".join(
                    f'<div class="note s-{e(f.severity)}" {finding_data(f, fids[id(f)])}>'
                    f'<span class="sev s-{e(f.severity)}">{SEVERITY_LABELS.get(f.severity, e(f.severity))}</span> '
                    f'{e(f.message)}<span class="rule"><code>{e(f.code)}</code> {e(f.name)} · {e(f.category)}</span>'
                    "</div>"
                    for f in sorted(notes[n], key=lambda f: (f.column, f.code))
                )
                + "</div>"
            )
        out.append(
            f'<div class="ln {kind}{" has" if note_html else ""}" id="{doc_id}-L{n}">'
            f'<a class="no" href="#{doc_id}-L{n}">{n}</a><div class="tx">{text}</div>{note_html}</div>'
        )
    if previous < len(lines) and (len(lines) > 1 or lines[0]):
        out.append(_gap(len(lines) - previous))
    return "".join(out)


def _lines_to_show(findings: list[Finding], count: int) -> set[int]:
    shown: set[int] = set()
    for f in findings:
        first, last = max(1, min(f.line, count)), max(1, min(max(f.end_line, f.line), count))
        span: list[int] = list(range(first, last + 1))
        if len(span) > 2 * SPAN_LINES:
            span = [*range(first, first + SPAN_LINES), *range(last - SPAN_LINES + 1, last + 1)]
        for n in span:
            shown.update(range(max(1, n - CONTEXT_LINES), min(count, n + CONTEXT_LINES) + 1))
    return shown


def _gap(lines: int) -> str:
    return f'<div class="gap" aria-label="{plural(lines, "line")} not shown">⋯ {plural(lines, "line")}</div>'


def _lazy(body: str) -> str:
    """An article's body, parsed only when it is opened.

    With scripting on, a browser reads <noscript> as raw text: the body costs a
    scan, not a DOM, until report.js turns it into elements on opening. With
    scripting off the same markup is ordinary content of the <details>. Every
    string inside is escaped, so it cannot contain "</noscript".
    """
    return f'<noscript class="body">{body}</noscript>' if body else ""


def _frontmatter_end(lines: list[str]) -> int:
    if not lines or lines[0].lstrip("\ufeff").rstrip() != "---":
        return 0
    for i, line in enumerate(lines[1:], 2):
        if line.rstrip() == "---":
            return i
    return 0


def _highlight(line: str, spans: Iterable[tuple[int, int, Finding]], fids: dict[int, str]) -> str:
    """The line with each flagged span in a <mark>; overlapping spans split into segments."""
    spans = [(max(0, min(s, len(line))), max(0, min(t, len(line))), f) for s, t, f in spans]
    if not spans:
        return e(line) or "\u200b"
    cuts = sorted({0, len(line), *(s for s, _, _ in spans), *(t for _, t, _ in spans)})
    out = []
    for start, end in itertools.pairwise(cuts):
        covering = [f for s, t, f in spans if s <= start and end <= t and s < t]
        piece = e(line[start:end])
        out.append(_mark(piece, covering, fids) if covering else piece)
    # Findings with nothing to underline on this line (a missing element, the end of a line) get a marker.
    for s, t, f in spans:
        if s == t:
            out.append(_mark("", [f], fids, point=True))
    return "".join(out) or "\u200b"


def _mark(piece: str, covering: list[Finding], fids: dict[int, str], point: bool = False) -> str:
    worst = min(covering, key=lambda f: SEVERITY_ORDER.index(f.severity)).severity
    # No title tooltip: the messages are in the notes beside the line, and hovering
    # a mark outlines its notes (report.js), so the text is not repeated per mark.
    ids = " ".join(fids[id(f)] for f in covering)
    return f'<mark class="hl s-{e(worst)}{" pt" if point else ""}" data-f="{e(ids)}">{piece}</mark>'


def status_text(findings: int, articles: int) -> str:
    """The filter bar's status line (report.js writes the same sentence after filtering)."""
    return (
        f"Showing {findings} of {findings} problem{'' if findings == 1 else 's'} in "
        f"{articles} of {articles} article{'' if articles == 1 else 's'}."
    )


def display_names(paths: list[str]) -> tuple[str | None, dict[str, str]]:
    """Paths as an editor reads them: relative to the project the articles are in.

    Paths below the working directory (the usual case: run from the project)
    are kept. When any is absolute or climbs out of it (`../site/a.md`), they
    are shown relative to the nearest folder above all of them holding a .git,
    pyproject.toml or .contentlint.toml, or else to the folder they all share;
    that base is named once at the top of the report.
    """
    if not paths or not any(os.path.isabs(p) or p.startswith("../") for p in paths):
        return None, {p: p for p in paths}
    absolute = [os.path.abspath(p) for p in paths]
    try:
        common = os.path.commonpath(absolute)
    except ValueError:  # different drives
        return None, {p: p for p in paths}
    if len(absolute) == 1 or os.path.isfile(common):
        common = os.path.dirname(common)
    base = common
    for folder in (Path(common), *Path(common).parents):
        if any((folder / marker).exists() for marker in PROJECT_MARKERS):
            base = str(folder)
            break
    return base, {
        p: Path(os.path.relpath(a, base)).as_posix() for p, a in zip(paths, absolute, strict=False)
    }


def _title(result: ArticleResult) -> str:
    title = result.meta.get("title")
    return " ".join(str(title).split()) if isinstance(title, str) and title.strip() else result.path


def _path_note(result: ArticleResult, name: str, tag: str = "span") -> str:
    """The file name under the title (not twice when the article has no title)."""
    return "" if _title(result) == result.path else f'<{tag} class="path">{e(name)}</{tag}>'


def _badge(verdict: str) -> str:
    return f'<span class="badge v-{verdict}">{e(verdict_label(verdict))}</span>'


def _top_finding(findings: list[Finding]) -> Finding | None:
    """The problem an editor should hear about first (see common.seriousness)."""
    return min(findings, key=seriousness, default=None)


def _top_html(finding: Finding | None) -> str:
    if finding is None:
        return ""
    return (
        f'<span class="sev s-{e(finding.severity)}">{SEVERITY_LABELS.get(finding.severity, e(finding.severity))}'
        f"</span> {e(finding.message)} <code>{e(finding.code)}</code>"
    )

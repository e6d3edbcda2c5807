"""A Markdown summary for a pull-request comment or a GitHub job summary.

Links to lines are relative (`corpus/a.md#L12`), which works in files and
job summaries; inside GitHub Actions (GITHUB_SERVER_URL, GITHUB_REPOSITORY
and GITHUB_SHA set) they point at the commit instead, which also works in
PR comments. Everything taken from articles is escaped: a finding's message
must not become Markdown, HTML or an @-mention.
"""

from __future__ import annotations

import heapq
import os
import re
from collections.abc import Mapping
from urllib.parse import quote

from ..engine.runner import Run
from ..model.finding import Finding
from ..model.verdicts import BLOCKED, DRAFT, PUBLISHABLE, WARNINGS
from .common import (
    SEVERITY_ORDER,
    VERDICT_ORDER,
    category_counts,
    headline,
    plural,
    run_severity_counts,
    seriousness,
    severity_counts,
    verdict_label,
    verdict_of,
    verdict_summary,
)

TOP = 25  # findings listed in full; the rest are counted
ICONS = {BLOCKED: "⛔", WARNINGS: "⚠️", PUBLISHABLE: "✅", DRAFT: "📝"}
SEVERITY_ICONS = {"error": "⛔", "warning": "⚠️", "info": "ℹ️"}
SEVERITY_NOUNS = {"error": "error", "warning": "warning", "info": "note"}
_SPECIAL = re.compile(r"([\\`*_\[\]|~#!])")


def escape(text: str) -> str:
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return text.replace("@", "@\u2060")  # no mentions


def link_base(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    if all(env.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")):
        return f"{env['GITHUB_SERVER_URL']}/{env['GITHUB_REPOSITORY']}/blob/{env['GITHUB_SHA']}/"
    return ""


def line_link(base: str, path: str, line: int | None = None) -> str:
    target = base + quote(path, safe="/-._~")
    return f"{target}#L{line}" if line else target


class MarkdownReporter:
    def __init__(self, quiet: bool = False, environ: Mapping[str, str] | None = None) -> None:
        self.quiet = quiet
        self.base = link_base(environ)

    def render(self, run: Run, color: bool = False) -> str:
        out = [f"## contentlint: {escape(headline(run))}", ""]
        totals = run_severity_counts(run)
        out.append(
            f"**{escape(verdict_summary(run))}** · "
            + ", ".join(plural(totals[s], SEVERITY_NOUNS[s]) for s in SEVERITY_ORDER)
            + f" · articles blocked at: {run.settings.fail_on}"
        )
        if run.baseline is not None:
            out.append(
                f"\nBaseline `{escape(run.baseline)}`: {plural(run.baselined, 'known finding')} hidden, "
                f"{len(run.stale)} stale {'entry' if len(run.stale) == 1 else 'entries'}."
            )
        out.append("")
        if run.results:
            out += self._articles(run)
            out += self._categories(run)
            out += self._findings(run)
        if run.stale:
            out += [
                "",
                "### Stale baseline entries",
                "",
                "These findings no longer occur; `contentlint baseline --prune` removes them.",
                "",
            ]
            for entry in run.stale:
                out.append(
                    f"- `{entry['rule']}` [{escape(entry['path'])}]({line_link(self.base, entry['path'])}) "
                    f"{escape(entry['message'])}"
                )
        return "\n".join(out).rstrip() + "\n"

    def _articles(self, run: Run) -> list[str]:
        rows = [
            "### Articles",
            "",
            "| Verdict | Article | Errors | Warnings | Notes |",
            "|---|---|--:|--:|--:|",
        ]
        paths = [r.path for r in run.results]
        ranked = sorted(
            range(len(paths)),
            key=lambda i: (VERDICT_ORDER.index(verdict_of(run, paths[i])), paths[i]),
        )
        clean = 0
        for result in (run.results[i] for i in ranked):  # read one at a time
            verdict = verdict_of(run, result.path)
            if verdict == PUBLISHABLE and not result.findings and len(run.results) > 10:
                clean += 1  # a long list of clean articles buries the ones that matter
                continue
            counts = severity_counts(result.findings)
            rows.append(
                f"| {ICONS[verdict]} {verdict_label(verdict)} | "
                f"[{escape(result.path)}]({line_link(self.base, result.path)}) | "
                + " | ".join(str(counts[s]) for s in SEVERITY_ORDER)
                + " |"
            )
        if clean:
            rows += ["", f"…and {plural(clean, 'more article')} with no findings."]
        return [*rows, ""]

    def _categories(self, run: Run) -> list[str]:
        table = {
            cat: counts for cat, counts in category_counts(run).items() if any(counts.values())
        }
        if not table:
            return []
        rows = [
            "### Findings by category",
            "",
            "| Category | Errors | Warnings | Notes |",
            "|---|--:|--:|--:|",
        ]
        for category, counts in table.items():
            rows.append(
                f"| {escape(category)} | "
                + " | ".join(str(counts[s]) for s in SEVERITY_ORDER)
                + " |"
            )
        return [*rows, ""]

    def _findings(self, run: Run) -> list[str]:
        # The TOP most serious, as sorting them all would rank them, without holding them all.
        findings = heapq.nsmallest(TOP, run.findings, key=lambda f: (*seriousness(f)[:2], f))
        if not findings:
            return []
        total = run.tally.total
        title = "Top findings" if total > TOP else "Findings"
        rows = [f"### {title}", "", "| | Where | Rule | Message |", "|---|---|---|---|"]
        for finding in findings:
            rows.append(self._row(finding))
        if total > TOP:
            rows += [
                "",
                f"…and {plural(total - TOP, 'more finding')}; the HTML or text report lists them all.",
            ]
        return [*rows, ""]

    def _row(self, finding: Finding) -> str:
        where = f"[{escape(finding.path)}:{finding.line}]({line_link(self.base, finding.path, finding.line)})"
        return (
            f"| {SEVERITY_ICONS.get(finding.severity, '')} | {where} | `{finding.code}` {escape(finding.name)} | "
            f"{escape(finding.message)} |"
        )

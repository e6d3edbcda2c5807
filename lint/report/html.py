"""The HTML report for editors: one self-contained file, readable without a terminal.

Everything is rendered here, server-side, with every string from an article,
a rule pack or the file system escaped; the inline script only sorts, filters
and highlights what is already on the page. A Content-Security-Policy forbids
any network load, so the file behaves the same offline, attached to an email
or opened from a CI artifact.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib.resources import files

from .. import __version__
from ..engine.pipeline import ArticleResult
from ..engine.runner import Run
from ..model.verdicts import BLOCKED, DRAFT, PUBLISHABLE, WARNINGS
from .common import (
    SEVERITY_ORDER,
    VERDICT_ORDER,
    category_counts,
    gating,
    headline,
    plural,
    rule_counts,
    run_severity_counts,
    severity_counts,
    verdict_label,
    verdict_of,
)
from .html_index import findings_index
from .html_source import (  # noqa: F401  (tests and callers import them from here)
    CONTEXT_LINES,
    HEADING,
    SEVERITY_LABELS,
    SPAN_LINES,
    _badge,
    _highlight,
    _lazy,
    _path_note,
    _title,
    _top_finding,
    _top_html,
    display_names,
    e,
    source_lines,
    status_text,
)

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
SEVERITY_PLURALS = {"error": "Errors", "warning": "Warnings", "info": "Notes"}
VERDICT_HELP = {
    BLOCKED: "has at least one problem that must be fixed before it is published",
    WARNINGS: "may be published; its warnings are worth a look",
    PUBLISHABLE: "may be published",
    DRAFT: "is a draft: its problems are listed but do not block it",
}


def _asset(name: str) -> str:
    return files("lint.report").joinpath("assets").joinpath(name).read_text(encoding="utf-8")


def _inline_script(code: str) -> str:
    # An inline <script> ends at the first "</script", whatever the JS means.
    return code.replace("</", "<\\/")


def _lines(parts: Iterable[str], first: bool = False) -> Iterator[str]:
    """The non-empty parts, one per line (what joining them with newlines wrote)."""
    for part in parts:
        if part:
            yield part if first else "\n" + part
            first = False


class HtmlReporter:
    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet

    def render(self, run: Run, color: bool = False) -> str:
        return "".join(self.stream(run, color))

    def stream(self, run: Run, color: bool = False) -> Iterator[str]:
        """The page in pieces, one article's details at a time (results are read as they go)."""
        paths = [r.path for r in run.results]
        ids = {path: f"a{i}" for i, path in enumerate(paths)}
        self.base, self.names = display_names(paths)
        # Editors read top-down: blocked articles first, clean ones last.
        ordered = sorted(
            range(len(paths)),
            key=lambda i: (VERDICT_ORDER.index(verdict_of(run, paths[i])), paths[i]),
        )
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="referrer" content="no-referrer">',
            f"<title>{e(headline(run))} · contentlint report</title>",
            f"<style>{_asset('report.css')}</style>",
            # Without scripts the filters could not work: show the articles only.
            "<noscript><style>#filters, #expand, #collapse { display: none; }</style></noscript>",
            "</head><body>",
            self._header(run),
            "<main>",
            self._dashboard(run),
            self._filters(run),
            self._table(run, (run.results[i] for i in ordered), ids),
            self._stale(run),
            '<section class="docs" aria-label="Articles in detail">',
            "<h2>Articles in detail</h2>",
        ]
        yield from _lines(parts, first=True)
        articles = (self._article(run, run.results[i], ids[paths[i]]) for i in ordered)
        yield from _lines(articles)
        yield from _lines(
            [
                "</section>",
                self._index(run, ids),
                "</main>",
                f"<footer>contentlint {e(__version__)} · {plural(len(run.rules), 'rule')} checked"
                f"{self._baseline_note(run)}</footer>",
                f"<script>{_inline_script(_asset('report.js'))}</script>",
                "</body></html>",
            ]
        )
        yield "\n"

    # -- top of the page ---------------------------------------------------
    def _header(self, run: Run) -> str:
        tone = "bad" if run.blocked else "good"
        threshold = (
            "an error" if run.settings.fail_on == "error" else f"a {run.settings.fail_on} or worse"
        )
        where = (
            f' Paths are relative to <code class="base">{e(self.base)}</code>.' if self.base else ""
        )
        return (
            f'<header class="top"><p class="brand">contentlint report</p>'
            f'<h1 class="headline {tone}" data-stat="headline">{e(headline(run))}</h1>'
            f'<p class="explain">An article is <b>blocked</b> when it has {threshold}. '
            f"Open an article to see each problem highlighted in its paragraph.{where}</p></header>"
        )

    def _baseline_note(self, run: Run) -> str:
        if run.baseline is None:
            return ""
        return (
            f" · baseline {e(run.baseline)}: {plural(run.baselined, 'known finding')} hidden, "
            f"{len(run.stale)} stale"
        )

    def _card(
        self, key: str, number: int, label: str, tone: str = "", filter_value: str = ""
    ) -> str:
        attr = (
            f' data-set-verdict="{e(filter_value)}" role="button" tabindex="0"'
            if filter_value
            else ""
        )
        return (
            f'<div class="card {tone}" data-stat="{e(key)}"{attr}><span class="num">{number}</span>'
            f'<span class="lbl">{e(label)}</span></div>'
        )

    def _dashboard(self, run: Run) -> str:
        totals = run_severity_counts(run)
        cards = [self._card("articles", len(run.results), "articles checked", "", "all")]
        for verdict in VERDICT_ORDER:
            count = run.count(verdict)
            if count or verdict in (BLOCKED, PUBLISHABLE):
                cards.append(
                    self._card(verdict, count, verdict_label(verdict), f"v-{verdict}", verdict)
                )
        finding_cards = [
            self._card(f"{sev}s", totals[sev], SEVERITY_PLURALS[sev].lower(), f"s-{sev}")
            for sev in SEVERITY_ORDER
        ]
        return (
            '<section class="dashboard" aria-label="Summary">'
            f'<div class="cards">{"".join(cards)}<span class="sep"></span>{"".join(finding_cards)}</div>'
            f'<div class="breakdown">{self._by_category(run)}{self._by_rule(run)}</div></section>'
        )

    def _by_category(self, run: Run) -> str:
        table = category_counts(run)
        peak = max((sum(c.values()) for c in table.values()), default=0) or 1
        rows = []
        for category, counts in table.items():
            total = sum(counts.values())
            bars = "".join(
                f'<span class="bar s-{sev}" style="width:{100 * counts[sev] / peak:.1f}%"></span>'
                for sev in SEVERITY_ORDER
                if counts[sev]
            )
            cells = "".join(f'<td class="n">{counts[sev] or ""}</td>' for sev in SEVERITY_ORDER)
            rows.append(
                f'<tr class="{"" if total else "zero"}" data-set-category="{e(category)}" '
                f'data-category-total="{total}"><th scope="row">{e(category)}</th>{cells}'
                f'<td class="n total">{total}</td><td class="bars">{bars}</td></tr>'
            )
        head = "".join(f'<th class="n">{SEVERITY_PLURALS[s]}</th>' for s in SEVERITY_ORDER)
        return (
            '<div class="panel"><h2>Problems by category</h2><table class="mini" id="by-category">'
            f'<thead><tr><th>Category</th>{head}<th class="n">Total</th><th></th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )

    def _by_rule(self, run: Run) -> str:
        rows = [
            f'<tr data-set-rule="{e(code)}" data-rule-total="{n}"><th scope="row"><code>{e(code)}</code></th>'
            f'<td>{e(name)}</td><td>{e(category)}</td><td class="n total">{n}</td></tr>'
            for code, name, category, n in rule_counts(run)
        ]
        body = "".join(rows) or '<tr><td colspan="4" class="empty">No problems found.</td></tr>'
        return (
            '<div class="panel"><h2>Problems by rule</h2><table class="mini" id="by-rule">'
            '<thead><tr><th>Rule</th><th>What</th><th>Category</th><th class="n">Count</th></tr></thead>'
            f"<tbody>{body}</tbody></table></div>"
        )

    def _filters(self, run: Run) -> str:
        totals = run_severity_counts(run)
        sev = "".join(
            f'<label class="chip s-{s}"><input type="checkbox" data-filter="severity" value="{s}" checked>'
            f'{SEVERITY_PLURALS[s]} <span class="count">{totals[s]}</span></label>'
            for s in SEVERITY_ORDER
        )
        present = [c for c, counts in category_counts(run).items() if any(counts.values())]
        cats = (
            "".join(
                f'<label class="chip"><input type="checkbox" data-filter="category" value="{e(c)}" checked>'
                f"{e(c)}</label>"
                for c in present
            )
            or '<span class="none">none</span>'
        )
        rules = "".join(
            f'<option value="{e(code)}">{e(code)} {e(name)} ({n})</option>'
            for code, name, _, n in sorted(rule_counts(run))
        )
        verdicts = "".join(
            f'<option value="{v}">{e(verdict_label(v))}</option>' for v in VERDICT_ORDER
        )
        return (
            '<section class="filters" id="filters" aria-label="Filters">'
            f'<div class="group"><span class="glabel">Severity</span>{sev}</div>'
            f'<div class="group"><span class="glabel">Category</span>{cats}</div>'
            '<div class="group"><label class="glabel" for="rule-filter">Rule</label>'
            f'<select id="rule-filter" data-filter="rule"><option value="">All rules</option>{rules}</select>'
            '<label class="glabel" for="verdict-filter">Verdict</label>'
            f'<select id="verdict-filter" data-filter="verdict"><option value="">All verdicts</option>{verdicts}'
            '</select><label class="glabel" for="search">Article</label>'
            '<input id="search" type="search" data-filter="search" placeholder="title or file name">'
            '<button type="button" id="reset">Reset</button>'
            '<button type="button" id="expand" title="open every article shown">Expand all</button>'
            '<button type="button" id="collapse">Collapse all</button></div>'
            f'<p class="status" id="status" aria-live="polite" data-shown-findings="{run.tally.total}" '
            f'data-shown-articles="{len(run.results)}">{e(status_text(run.tally.total, len(run.results)))}</p>'
            "</section>"
        )

    # -- the table of articles -------------------------------------------------
    def _table(self, run: Run, ordered: Iterable[ArticleResult], ids: dict[str, str]) -> str:
        rows = []
        for result in ordered:
            verdict = verdict_of(run, result.path)
            counts = severity_counts(result.findings)
            title = _title(result)
            name = self.names.get(result.path, result.path)
            top = _top_finding(result.findings)
            more = (
                f' <span class="more">+{len(result.findings) - 1} more</span>'
                if len(result.findings) > 1
                else ""
            )
            cells = "".join(
                f'<td class="n c-{s}" data-v="{counts[s]}">{counts[s]}</td>' for s in SEVERITY_ORDER
            )
            rows.append(
                f'<tr data-doc="{ids[result.path]}" data-path="{e(result.path)}" data-verdict="{verdict}" '
                f'data-search="{e((title + " " + name).lower())}">'
                f'<td data-v="{VERDICT_ORDER.index(verdict)}">{_badge(verdict)}</td>'
                f'<td data-v="{e(title.lower())}"><a href="#{ids[result.path]}">{e(title if title != result.path else name)}'
                f"</a>{_path_note(result, name, 'div')}</td>{cells}"
                f'<td class="n match" data-v="{len(result.findings)}">{len(result.findings)}</td>'
                f'<td class="top">{_top_html(top)}{more if top else ""}</td></tr>'
            )
        head = "".join(
            f'<th class="n" data-sort="num" aria-sort="none"><button type="button">{SEVERITY_PLURALS[s]}'
            f"</button></th>"
            for s in SEVERITY_ORDER
        )
        return (
            '<section aria-label="Articles"><h2>Articles</h2><table class="articles sortable" id="articles">'
            '<thead><tr><th data-sort="num" aria-sort="none"><button type="button">Verdict</button></th>'
            '<th data-sort="text" aria-sort="none"><button type="button">Article</button></th>'
            f'{head}<th class="n" data-sort="num" aria-sort="none"><button type="button" '
            'title="problems matching the filters">Shown</button></th><th>Most serious problem</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></section>"
        )

    def _stale(self, run: Run) -> str:
        if not run.stale:
            return ""
        items = "".join(
            f"<li><code>{e(s['rule'])}</code> {e(s['path'])} (was line {e(s['line'])}): "
            f"{e(s['message'])}</li>"
            for s in run.stale
        )
        return (
            '<section class="stale"><h2>Fixed since the baseline</h2><p>These baselined problems no longer '
            "occur. Run <code>contentlint baseline --prune</code> to remove them from the baseline.</p>"
            f"<ul>{items}</ul></section>"
        )

    # -- one article -------------------------------------------------------------
    def _article(self, run: Run, result: ArticleResult, doc_id: str) -> str:
        verdict = verdict_of(run, result.path)
        findings = list(result.findings)
        fids = {id(f): f"{doc_id}-f{i}" for i, f in enumerate(findings)}
        counts = severity_counts(findings)
        summary = ", ".join(
            plural(counts[s], SEVERITY_LABELS[s].lower()) for s in SEVERITY_ORDER if counts[s]
        )
        note = ""
        if verdict == DRAFT and any(gating(f, run) for f in findings):
            note = '<p class="draftnote">This article is a draft, so these problems do not block it yet.</p>'
        name = self.names.get(result.path, result.path)
        title = _title(result)
        source = source_lines(result, findings, fids, doc_id) if findings else ""
        return (
            f'<article class="doc v-{verdict}" id="{doc_id}" data-verdict="{verdict}" '
            f'data-path="{e(result.path)}">'
            f'<details><summary><span class="doc-head">{_badge(verdict)}'
            f'<span class="doc-title">{e(title if title != result.path else name)}</span>'
            f"{_path_note(result, name)}"
            f'<span class="doc-count">{e(summary or "no problems")}</span></span></summary>'
            f'<p class="verdict-help">This article {VERDICT_HELP.get(verdict, "")}.</p>'
            f"{_lazy(note + (f'<div class=src role=document>{source}</div>' if source else ''))}"
            "</details></article>"
        )

    def _index(self, run: Run, ids: dict[str, str]) -> str:
        return findings_index(run, ids)

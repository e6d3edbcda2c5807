"""The HTML report, read as a file: self-contained, escaped, every finding shown in place.

tests/test_html_browser.py opens it in a real browser.
"""

import json
import os
import re
from html.parser import HTMLParser

from conftest import DISCLAIMER, GOOD_FRONTMATTER
from reporting import lint, write_corpus

from lint.report.html import HtmlReporter
from lint.report.json import JsonReporter


class Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []  # (tag, attrs)
        self.stats = {}
        self._stat = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "data-stat" in attrs:
            self._stat = attrs["data-stat"]
        elif self._stat and attrs.get("class") == "num":
            self._stat = (self._stat,)

    def handle_data(self, data):
        if isinstance(self._stat, tuple):
            self.stats[self._stat[0]] = data
            self._stat = None


def build(tmp_path):
    run = lint([write_corpus(tmp_path / "articles")])
    html = HtmlReporter().render(run)
    parser = Collector()
    parser.feed(html)
    return run, html, parser, json.loads(JsonReporter().render(run))


def test_loads_nothing_from_the_network(tmp_path):
    _, html, parser, _ = build(tmp_path)
    for tag, attrs in parser.tags:
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            value = attrs.get(name) or ""
            assert not re.match(r"\s*(https?:|//|ftp:)", value, re.I), (tag, name, value)
        assert tag not in ("link", "iframe", "object", "embed", "img", "base")
    assert "@import" not in html and not re.search(r"url\((?!\s*['\"]?data:)", html)
    csp = next(
        a["content"]
        for t, a in parser.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in csp


def test_article_text_is_escaped(tmp_path):
    _, html, parser, _ = build(tmp_path)
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "<b>readers</b>" not in html
    scripts = [a for t, a in parser.tags if t == "script"]
    assert len(scripts) == 2  # only the report's own: its code and its findings index (inert JSON)
    assert sorted(a.get("type", "") for a in scripts) == ["", "application/json"]


def test_dashboard_counts_equal_the_json(tmp_path):
    _run, _, parser, doc = build(tmp_path)
    stats = {k: int(v) for k, v in parser.stats.items() if k != "headline"}
    summary = doc["summary"]
    assert stats["articles"] == summary["files"] == 6
    assert stats["blocked"] == summary["blocked"]
    assert stats["errors"] == summary["errors"]
    assert stats["warnings"] == summary["warnings"]
    assert stats["infos"] == sum(
        x["severity"] == "info" for f in doc["files"] for x in f["findings"]
    )
    assert stats["draft"] == doc["outcomes"]["draft"] == 1
    assert stats["publishable"] == sum(f["outcome"] == "publishable" for f in doc["files"])


def test_every_finding_has_a_note_and_a_highlight(tmp_path):
    run, _, parser, _ = build(tmp_path)
    notes = [a for t, a in parser.tags if t == "div" and "note" in a.get("class", "").split()]
    marks = [a for t, a in parser.tags if t == "mark"]
    assert len(notes) == len(run.findings) > 0
    highlighted = {fid for m in marks for fid in m["data-f"].split()}
    texts = {r.path for r in run.results if r.text}
    expected = {
        n["data-f"]
        for n, f in zip(notes, [f for r in run.results for f in r.findings], strict=False)
        if f.path in texts
    }
    assert expected <= highlighted
    for note in notes:
        assert (
            note["data-severity"] in ("error", "warning", "info")
            and note["data-category"]
            and note["data-rule"]
        )


def test_overlapping_findings_split_into_segments():
    from lint.model.finding import Finding
    from lint.report.html import _highlight

    def f(col, end, sev):
        return Finding(
            path="a",
            line=1,
            column=col,
            code="CL1",
            end_line=1,
            end_column=end,
            name="n",
            category="metadata",
            severity=sev,
            message="m",
        )

    a, b = f(1, 5, "warning"), f(3, 8, "error")
    fids = {id(a): "A", id(b): "B"}
    out = _highlight("abcdefghij", [(0, 5, a), (2, 8, b)], fids)
    assert out == (
        '<mark class="hl s-warning" data-f="A">ab</mark>'
        '<mark class="hl s-error" data-f="A B">cde</mark>'
        '<mark class="hl s-error" data-f="B">fgh</mark>ij'
    )


def test_articles_are_collapsed_with_their_counts(tmp_path):
    run, html, parser, _doc = build(tmp_path)
    details = [a for t, a in parser.tags if t == "details"]
    assert len(details) == len(run.results) and not any("open" in a for a in details)
    flagged = next(r for r in run.results if r.findings)
    counts = re.search(
        rf'data-path="{re.escape(flagged.path)}".*?<span class="doc-count">([^<]*)</span>', html
    )
    assert counts and re.search(r"\d+ (error|warning|note)", counts[1])


def test_an_article_shows_its_flagged_lines_in_context():
    from lint.report.html import CONTEXT_LINES, HtmlReporter

    text = (
        GOOD_FRONTMATTER
        + "\n# Title\n\n"
        + "".join(f"Plain line {n}.\n\n" for n in range(40))
        + "In one trial 73% of patients improved.\n\n"
        + "".join(f"More text {n}.\n\n" for n in range(40))
        + DISCLAIMER
    )
    from pathlib import Path

    from conftest import ROOT  # noqa: F401 - the fixtures' cwd is a fresh folder

    Path("long.md").write_text(text, encoding="utf-8")
    run = lint(["long.md"], select=("CL301",))
    (finding,) = run.findings
    html = HtmlReporter().render(run)
    shown = [int(n) for n in re.findall(r'<div class="ln[^"]*" id="a0-L(\d+)"', html)]
    assert shown == list(range(finding.line - CONTEXT_LINES, finding.line + CONTEXT_LINES + 1))
    gaps = [int(n) for n in re.findall(r'<div class="gap"[^>]*>⋯ (\d+) lines', html)]
    assert sum(gaps) + len(shown) == len(text.split("\n")) - (1 if text.endswith("\n") else 0)


def test_most_serious_problem_puts_evidence_and_claims_before_metadata():
    from lint.model.finding import Finding
    from lint.report.html import _top_finding

    def f(code, category, severity, line):
        return Finding(
            path="a",
            line=line,
            column=1,
            code=code,
            end_line=line,
            end_column=2,
            name="n",
            category=category,
            severity=severity,
            message=code,
        )

    metadata = f("CL101", "metadata", "error", 1)
    claim = f("CL301", "numeric-claim", "error", 40)
    conflict = f("CL503", "consistency", "error", 60)
    assert _top_finding([metadata, claim]) is claim
    assert _top_finding([metadata, claim, conflict]) is conflict
    assert (
        _top_finding([metadata, f("CL502", "consistency", "warning", 2)]) is metadata
    )  # severity first


def test_absolute_paths_are_shown_relative_to_their_project(tmp_path):
    from lint.report.html import display_names

    site = tmp_path / "site"
    (site / "content" / "a").mkdir(parents=True)
    (site / "pyproject.toml").write_text("")
    paths = [str(site / "content" / "a" / "x.md"), str(site / "content" / "y.md")]
    base, names = display_names(paths)
    assert base == str(site)
    assert names == {paths[0]: "content/a/x.md", paths[1]: "content/y.md"}
    assert display_names(["content/x.md"]) == (None, {"content/x.md": "content/x.md"})
    (tmp_path / "work").mkdir()
    os.chdir(tmp_path / "work")
    climbing = "../site/content/y.md"
    assert display_names([climbing]) == (str(site), {climbing: "content/y.md"})
    elsewhere = [str(tmp_path / "loose" / "b" / "x.md"), str(tmp_path / "loose" / "y.md")]
    base, names = display_names(elsewhere)
    assert names[elsewhere[0]] == "b/x.md" or base != str(
        tmp_path / "loose"
    )  # a project marker above wins


def test_bodies_are_lazy_and_the_index_counts_every_finding(tmp_path):
    run, html, _parser, _doc = build(tmp_path)
    bodies = re.findall(r'<noscript class="body">(.*?)</noscript>', html, re.S)
    assert (
        len(bodies) == sum(1 for r in run.results if r.findings or run.verdicts[r.path] == "draft")
        or bodies
    )
    assert all(
        "<noscript" not in b for b in bodies
    )  # escaped article text cannot end the raw-text element
    index = json.loads(
        re.search(
            r'<script type="application/json" id="findings-index">(.*?)</script>', html, re.S
        )[1].replace("<\\/", "</")
    )
    assert sum(len(v) for v in index["docs"].values()) == len(run.findings)
    by_rule = {code: index["categories"][cat] for code, cat in index["rules"]}
    for f in run.findings:
        assert by_rule[f.code] == f.category

"""A run's results held out of memory (lint.engine.results) and its files read lazily
(lint.engine.reading) give exactly the findings of results held as objects."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from lint.engine import batch, results
from lint.engine.config import load_settings
from lint.engine.pipeline import ArticleResult, finish
from lint.engine.reading import LazyItems
from lint.engine.results import FindingsView, ResultStore
from lint.engine.rules import load_registry
from lint.engine.runner import analyse_files, run, select_rules
from lint.model.finding import Finding

REGISTRY = load_registry()
HEAD = '---\ntitle: "{title}"\n---\n\n'
ARTICLES = {
    "overview.md": HEAD.format(title="Ketamine for Chronic Pain")
    + "### Fibromyalgia\n\nAbout 40-60% of people with fibromyalgia respond to ketamine infusions.\n",
    "faq.md": HEAD.format(title="Fibromyalgia FAQ")
    + "Fibromyalgia patients do well: 75-90% of fibromyalgia patients respond to ketamine"
    " infusions. <!-- contentlint-disable-line CL999 -->\n",
    "more.md": HEAD.format(title="Sleep") + "Most adults need 7-9 hours of sleep a night.\n",
}


def _finding(line: int) -> Finding:
    return Finding("a.md", line, 1, "CL301", line, 2, "n", "numeric-claim", "error", "m")


def test_a_store_spilled_to_a_file_gives_back_what_was_put() -> None:
    store = ResultStore(3, spill_at=100)
    items = [
        ArticleResult(path=f"p{i}", content_hash="h", findings=[_finding(i + 1)], text="x" * 80)
        for i in range(3)
    ]
    for i, item in enumerate(items):
        store[i] = item
    store[1] = dataclasses.replace(items[1], findings=[])  # rewritten after the spill
    assert store._file is not None
    assert [r.path for r in store] == ["p0", "p1", "p2"]
    assert store[0] == items[0] and store[1].findings == [] and store[-1] == items[2]
    assert store[0] is not store[0]  # a copy per access: changes are written back
    assert store[1:] == [store[1], store[2]]


def test_the_findings_view_reads_like_the_list_it_replaces() -> None:
    rows = [ArticleResult(path="a", content_hash="", findings=[_finding(1), _finding(2)])]
    view = FindingsView(ResultStore.of(rows))
    assert len(view) == 2 and view == [_finding(1), _finding(2)] and view[1] == _finding(2)
    assert bool(view) and not FindingsView([]) and FindingsView([]) == []


def test_lazy_items_read_on_access_and_drop_on_release(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"one")
    items = LazyItems([path], ["a.md"], lambda p: p.read_bytes())
    assert items[0] == ("a.md", b"one") and items.held == {0: b"one"}
    items.release(0)
    path.unlink()
    items.__init__([path], ["a.md"], lambda p: OSError("gone"))
    assert items[0] == ("a.md", b"") and isinstance(items.errors[0], OSError)


def test_a_spilled_lazily_read_run_finds_what_a_run_held_in_memory(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = load_settings(tmp_path, None, {"cache": False, "jobs": 2})
    rules = select_rules(REGISTRY, settings)
    files = sorted(folder.glob("*.md"))
    expected = analyse_files(files, rules, REGISTRY, settings, 1)
    finish(expected, rules, REGISTRY, settings.per_file_ignores, settings.root)
    for result in expected:
        result.findings.sort()
    monkeypatch.setattr(results, "SPILL_AT", 0)
    monkeypatch.setattr(batch, "HOLD_BYTES", 0)
    outcome = run([folder], REGISTRY, settings)
    assert isinstance(outcome.results, ResultStore) and outcome.results._file is not None
    assert [r.path for r in outcome.results] == [r.path for r in expected]
    assert {r.path: r.findings for r in outcome.results} == {r.path: r.findings for r in expected}
    assert any(f.code == "CL502" for f in outcome.findings)  # the corpus pass ran
    assert any(f.code == "CL901" for f in outcome.findings)  # and the suppressions
    assert outcome.results[0].text == ARTICLES["faq.md"]


def test_a_run_too_large_for_memory_is_not_stored_whole(tmp_path, monkeypatch):
    """Storing a spilled run as one cache entry would bring every result back into memory."""
    from lint.engine import runcache

    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = load_settings(tmp_path, None, {"cache": True, "jobs": 1})
    stored = []
    monkeypatch.setattr(runcache, "store", lambda *args: stored.append(args))
    run([folder], REGISTRY, settings)
    assert len(stored) == 1  # a small run is stored whole
    monkeypatch.setattr(results, "SPILL_AT", 0)
    (folder / "faq.md").write_text(ARTICLES["faq.md"] + "\nMore.\n", encoding="utf-8")
    outcome = run([folder], REGISTRY, settings)
    assert outcome.results.spilled and len(stored) == 1


def test_the_tally_counts_in_one_pass_and_follows_put(tmp_path):
    """Report headers count from `Run.tally`; a result changed through `put` is counted anew."""
    from lint.engine.runner import Run

    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = load_settings(tmp_path, None, {"cache": False, "jobs": 1})
    outcome = run([folder], REGISTRY, settings)
    every = list(outcome.findings)
    assert outcome.tally.total == len(every) > 0
    assert outcome.tally.by(3)[("error",)] == sum(f.severity == "error" for f in every)
    first = outcome.results[0]
    dropped = len(first.findings)
    first.findings = []
    outcome.put(0, first)
    assert outcome.tally.total == len(every) - dropped == len(list(outcome.findings))
    assert isinstance(outcome, Run)

"""Issue 13 layout of the facts code: `facts` runs through the runner and its cache,
the figure vocabulary comes from rules/lexicon/, the measures lexicon's `regexes`."""

import json

from click.testing import CliRunner

import lint.commands.facts_report as facts_report
from lint.analysis.facts.lexicon import compile_lexicon
from lint.analysis.facts.values import normalise
from lint.cli import main

ARTICLE = """---
title: Ketamine for CRPS
---

# Ketamine for CRPS

Ketamine infusions help 50-80% of patients with CRPS.
"""


def _facts(runner: CliRunner, *args: str):
    result = runner.invoke(main, ["facts", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["facts"]


def test_facts_are_served_from_the_result_cache(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    first = _facts(runner, "a.md")
    assert any(row["value"] == "50–80%" for row in first)

    def no_extraction(*_args, **_kwargs):
        raise AssertionError("the cached result should have been used")

    monkeypatch.setattr(facts_report, "extract_facts", no_extraction)
    assert _facts(runner, "a.md") == first


def test_facts_no_cache_neither_reads_nor_writes_the_cache(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    first = _facts(CliRunner(), "a.md", "--no-cache", "--jobs", "1")
    assert any(row["value"] == "50–80%" for row in first)
    assert not (tmp_path / ".contentlint_cache").exists()


def test_an_unreadable_file_is_skipped_not_fatal(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_bytes(b"---\ntitle: x\n---\n\n\xff\xfe broken\n")
    result = CliRunner().invoke(main, ["facts", "a.md", "b.md", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {row["file"] for row in json.loads(result.stdout)["facts"]} == {"a.md"}
    assert "b.md: skipped (" in result.stderr


def test_measure_regexes_and_the_deprecated_patterns_key():
    measures = {
        "measures": {
            "new-style": {"dimension": "time", "regexes": ["lasts? for"]},
            "old-style": {"dimension": "time", "patterns": ["runs? for"]},
        }
    }
    lexicon = compile_lexicon({}, measures, {})
    assert [p.pattern for p in lexicon.measures["new-style"].regexes] == ["lasts? for"]
    assert [p.pattern for p in lexicon.measures["old-style"].regexes] == ["runs? for"]


def test_figure_vocabulary_comes_from_the_lexicon():
    assert normalise(2, 2, "hr", "quantity").display == "2 hours"
    assert normalise(1, 1, "wk", "quantity").display == "1 week"
    assert normalise(50, 50, "", "count", scale="million").display == "50 million"
    assert normalise(3, 3, "patients", "count").unit == "people"
    assert normalise(4, 6, "infusions", "count").dimension == "sessions"

"""pre-commit after a configuration change: the siblings' figures are still cached, and the
comparison weighs only what concerns the staged file, with the findings of a full run."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_corpus_buckets import ENTRY, _placed, corpora
from test_siblings import ARTICLES, _folder

from lint.checks.consistency import corpus_conflicts
from lint.cli import main
from lint.engine import isolation
from lint.engine.rules import load_registry
from lint.engine.siblings import comparison_rules

REGISTRY = load_registry()


def _check(*args: str) -> str:
    result = CliRunner().invoke(main, ["check", *args, "--format", "json", "-j", "1"])
    assert result.exit_code in (0, 1), result.output
    return result.output


def _analysed(monkeypatch) -> list[str]:
    """The paths analysed from now on (in this process: one job)."""
    seen: list[str] = []
    real = isolation.timed_analyse

    def spy(path, data, rules, registry, budget):
        seen.append(path)
        return real(path, data, rules, registry, budget)

    monkeypatch.setattr(isolation, "timed_analyse", spy)
    return seen


def _configure(tmp_path: Path, table: str) -> None:
    (tmp_path / ".contentlint.toml").write_text(table, encoding="utf-8")


def test_siblings_run_only_the_rule_that_compares_across_articles() -> None:
    corpus = [r for r in REGISTRY.rules.values() if REGISTRY.kinds[r.check].scope == "corpus"]
    assert [r.code for r in comparison_rules(corpus)] == ["CL502"]
    # a corpus kind we know nothing of: every corpus rule runs, as before
    odd = replace(corpus[0], code="XX900", check="someone-elses")
    assert comparison_rules([*corpus, odd]) == [*corpus, odd]


def test_another_rules_option_keeps_the_siblings_cached(tmp_path, monkeypatch) -> None:
    """CL114 is a corpus rule too: its options were part of the siblings' cache key."""
    _folder(tmp_path, monkeypatch)
    _configure(tmp_path, "[rules.CL114]\nwarn-months = 6\n")
    _check("articles/faq.md")
    analysed = _analysed(monkeypatch)
    _configure(tmp_path, "[rules.CL114]\nwarn-months = 7\n")
    changed = _check("articles/faq.md")
    assert analysed == ["articles/faq.md"]  # overview.md and more.md came from the cache
    assert changed == _check("articles/faq.md", "--no-cache")
    assert "CL502" in changed


def test_the_comparing_rules_own_option_analyses_them_again(tmp_path, monkeypatch) -> None:
    _folder(tmp_path, monkeypatch)
    _check("articles/faq.md")
    analysed = _analysed(monkeypatch)
    _configure(tmp_path, "[rules.CL502]\ntolerance = 0.5\n")
    changed = _check("articles/faq.md")
    assert sorted(analysed) == ["articles/faq.md", "articles/more.md", "articles/overview.md"]
    assert changed == _check("articles/faq.md", "--no-cache")


def test_a_pre_commit_run_matches_a_full_run_with_the_cache(tmp_path, monkeypatch) -> None:
    """Findings of the staged file alone (siblings narrowed, comparison about it only) are the
    full run's, cold and after a change to another rule."""
    folder = _folder(tmp_path, monkeypatch)
    full = _check("articles", "--no-cache")
    for name in ARTICLES:
        staged = _check(f"articles/{name}")
        _configure(tmp_path, f"[rules.CL114]\nwarn-months = {len(name)}\n")
        again = _check(f"articles/{name}")
        path = (folder / name).relative_to(tmp_path).as_posix()
        assert _findings(staged, path) == _findings(full, path) == _findings(again, path), name
        (tmp_path / ".contentlint.toml").unlink()


def _findings(output: str, path: str) -> list:
    import json

    (article,) = [a for a in json.loads(output)["files"] if a["path"] == path]
    return [f for f in article["findings"] if f["rule"] != "CL114"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(), st.data(), st.sampled_from([0.0, 0.1]), st.booleans())
def test_comparing_about_some_articles_keeps_exactly_their_verdicts(
    corpus, data, tolerance, with_entry
) -> None:
    paths = sorted(corpus)
    about = set(data.draw(st.lists(st.sampled_from(paths), unique=True))) if paths else set()
    entries = [ENTRY] if with_entry else []
    everything = _placed(corpus_conflicts(corpus, entries, tolerance, 1.0))
    narrowed = _placed(corpus_conflicts(corpus, entries, tolerance, 1.0, about))
    assert narrowed == [item for item in everything if item[0] in about]


REGISTRY_ENTRY = """extends: builtin
facts:
  - key: fibromyalgia-ketamine-response
    subject: fibromyalgia
    measure: response-rate
    low: {low}
    high: {high}
    unit: "%"
    qualifier: approx
    qualifiers: {{treatment: ketamine}}
    require: [treatment]
    source:
      citation: "An editors' decision, for the test."
      doi: 10.1000/test
"""


def test_editing_the_evidence_registry_keeps_the_siblings_cached(tmp_path, monkeypatch) -> None:
    """CL502's options carry the registry, which only its comparison reads: the siblings'
    figures stand, and the staged file's findings follow the new registry."""
    _folder(tmp_path, monkeypatch)
    _configure(tmp_path, '[resources]\nevidence = "@evidence.yaml"\n')
    (tmp_path / "evidence.yaml").write_text(REGISTRY_ENTRY.format(low=40, high=60), "utf-8")
    before = _check("articles/faq.md")
    analysed = _analysed(monkeypatch)
    (tmp_path / "evidence.yaml").write_text(REGISTRY_ENTRY.format(low=75, high=90), "utf-8")
    after = _check("articles/faq.md")
    assert analysed == ["articles/faq.md"]
    assert after == _check("articles/faq.md", "--no-cache") != before


def test_what_a_figure_collects_does_not_read_the_registry() -> None:
    from lint.checks.consistency import KIND, collect_facts
    from lint.model.article import parse_article

    assert "evidence" in KIND.collect_ignores
    rule = REGISTRY.rules["CL502"]
    entries = REGISTRY_ENTRY.format(low=75, high=90)
    import yaml

    with_registry = {**rule.options, "evidence": yaml.safe_load(entries)}
    for name, text in ARTICLES.items():
        article = parse_article(name, text)
        assert collect_facts(article, with_registry) == collect_facts(article, rule.options)

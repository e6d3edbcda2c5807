"""The run cache (lint.engine.runcache): an unchanged run reads its stored results, and any
change (an article, a sibling, a damaged entry) sends the run the usual way, with the same output."""

import json

from click.testing import CliRunner
from conftest import GOOD_FRONTMATTER

from lint.cli import main
from lint.report.jsonout import dumps

BODY = GOOD_FRONTMATTER + "\n# Ketamine\n\nAbout 30% of patients improved in one trial.\n"


def check(*args):
    result = CliRunner().invoke(main, ["check", ".", "--format", "json", "-j", "1", *args])
    return result.output


def test_an_unchanged_run_is_read_back_and_identical(tmp_path, write, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write("a.md", BODY)
    write("b.md", BODY.replace("30%", "40%"))
    first = check()
    runs = list(tmp_path.rglob("*.run"))
    assert len(runs) == 1
    assert check() == first  # read back
    assert check("--no-cache") == first


def test_a_read_back_run_does_not_compare_the_figures_again(tmp_path, write, monkeypatch):
    """The fact comparison reads only the articles, so an unchanged run reuses its result;
    rules that read today's date or the file system are asked again."""
    from lint.checks import consistency
    from lint.engine.rules import load_registry
    from lint.engine.runcache import live_rules

    registry = load_registry()
    live = {rule.check for rule in live_rules(list(registry.rules.values()), registry)}
    assert consistency.KIND.name not in live
    assert live  # the date and asset rules are still asked
    monkeypatch.chdir(tmp_path)
    write("a.md", BODY)
    write("b.md", BODY.replace("30%", "40%"))
    first = check()

    def compared(*_args, **_kwargs):
        raise AssertionError("the stored run should have been used")

    monkeypatch.setattr(consistency, "corpus_conflicts", compared)
    assert check() == first


def test_a_changed_article_or_a_damaged_entry_is_seen(tmp_path, write, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write("a.md", BODY)
    first = check()
    write("a.md", BODY.replace("30%", "35%"))
    changed = check()
    assert changed != first and "35%" in changed
    (entry,) = [p for p in tmp_path.rglob("*.json") if ".contentlint_cache" in p.parts]
    entry.write_bytes(b"not an entry")
    assert check() == changed
    assert entry.read_bytes().startswith(b'{"format": "contentlint-cache"')  # rewritten


def test_json_pieces_match_the_json_module():
    value = {"a": [], "b": {}, "c": [1, {"x": 'é\u2028\x00"\\'}], "d": True, "e": None}
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)
    for odd in ({"f": 1e16}, {"n": float("nan")}, {"i": 1 << 70}, {"s": "\ud800"}, {1: 2}):
        assert dumps(odd) == json.dumps(odd, indent=2, ensure_ascii=False)

"""A replayed `check` (lint.engine.replay): the second, unchanged run prints exactly what the
first printed, in every format, without loading a rule; any change in what the run reads
(an article, a sibling, a lexicon, the date, a damaged cache entry) runs the usual way."""

import datetime as dt

import pytest
from click.testing import CliRunner
from conftest import GOOD_FRONTMATTER

from lint.cli import main
from lint.engine import replay
from lint.model import packs

BODY = GOOD_FRONTMATTER + "\n# Ketamine\n\nAbout 30% of patients improved in one trial.\n"


def check(*args):
    result = CliRunner().invoke(main, ["check", ".", "-j", "1", *args])
    return result.exit_code, result.output


def went_the_usual_way(*args) -> bool:
    """With `no_rules` on: whether the run loaded rules (it then fails, exit 3)."""
    code, output = check(*args)
    return code == 3 and "should have been replayed" in output


@pytest.fixture
def no_rules(monkeypatch):
    """After this, loading a rule fails the run: only a replay can answer."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("the stored output should have been replayed")

    def forbid():
        import lint.commands.cli_support as support
        import lint.engine.rules as rules

        monkeypatch.setattr(rules, "load_registry", refuse)
        monkeypatch.setattr(support, "load", refuse)

    return forbid


@pytest.fixture
def corpus(tmp_path, write, monkeypatch):
    monkeypatch.chdir(tmp_path)
    packs.SEEN.clear()  # what earlier tests read (and deleted) is not this run's
    write("a.md", BODY)
    write("b.md", BODY.replace("30%", "40%"))
    return tmp_path


FORMATS = [
    ["--format", "text"],
    ["--format", "json"],
    ["--format", "sarif"],
    ["--format", "github"],
    ["--format", "junit"],
    ["--format", "markdown"],
    ["--format", "html"],
    ["--statistics"],
    ["--statistics", "--format", "json"],
    ["--quiet"],
]


@pytest.mark.parametrize("args", FORMATS, ids=lambda a: " ".join(a))
def test_the_second_run_is_replayed_byte_for_byte(corpus, no_rules, args):
    first = check(*args)
    assert first[1]
    no_rules()
    assert check(*args) == first
    assert check(*args, "--exit-zero") == (0, first[1])


def test_a_changed_article_is_linted_again(corpus, write):
    first = check("--format", "json")
    write("b.md", BODY.replace("30%", "45%"))
    changed = check("--format", "json")
    assert "45%" in changed[1] and changed != first
    assert check("--format", "json") == changed


def test_a_new_sibling_is_seen(corpus, write):
    first = check("a.md", "--format", "json")
    write("c.md", BODY.replace("30%", "50%"))
    again = check("a.md", "--format", "json")
    assert again == check("a.md", "--format", "json", "--no-cache")
    assert first[1] != again[1] or first == again  # the usual way decided, not the replay


def test_a_changed_resource_is_read_again(corpus, write, no_rules):
    """A lexicon named by the config is part of what a replay checks."""
    from lint.engine.resources import RESOURCES

    (name,) = [r for r in RESOURCES if r.name == "not-claims"]
    write(".contentlint.toml", '[resources]\nnot-claims = "@not-claims.yaml"\n')
    write("not-claims.yaml", (packs.builtin_pack_dir() / "lexicon/not-claims.yaml").read_text())
    assert name and check("--format", "json")[1]
    no_rules()
    assert not went_the_usual_way("--format", "json")  # replayed while unchanged
    write("not-claims.yaml", "\n" + (corpus / "not-claims.yaml").read_text())
    assert went_the_usual_way("--format", "json")


def test_another_day_is_linted_again(corpus, monkeypatch, no_rules):
    assert check("--format", "json")[1]
    no_rules()
    assert not went_the_usual_way("--format", "json")
    monkeypatch.setattr(replay, "_today", lambda: (dt.date.today() + dt.timedelta(1)).isoformat())
    assert went_the_usual_way("--format", "json")


def test_a_damaged_article_entry_is_repaired(corpus):
    first = check("--format", "json")
    (entry,) = [p for p in corpus.rglob("*.json") if "a.md" in p.read_text(errors="replace")][:1]
    entry.write_bytes(b"not an entry")
    assert check("--format", "json") == first
    assert entry.read_bytes().startswith(b'{"format": "contentlint-cache"')


def test_a_damaged_output_entry_is_not_replayed(corpus):
    first = check("--format", "json")
    for path in corpus.rglob("*.out"):
        data = path.read_bytes()
        if data.startswith(b"{\n"):  # the stored JSON report, not a run's results
            path.write_bytes(data.replace(b"30%", b"99%"))
    assert check("--format", "json") == first


def test_not_replayed_for_files_fixes_or_no_cache(corpus, no_rules):
    check("--format", "json")
    no_rules()
    for args in (["--no-cache"], ["-o", "out.json"], ["--fix"], ["--diff"]):
        assert went_the_usual_way("--format", "json", *args)
    assert not went_the_usual_way("--format", "json")


def test_changed_code_is_run_again(corpus, monkeypatch, no_rules):
    """An edited checkout or an upgraded library changes `code_state`: no replay."""
    assert check("--format", "json")[1]
    no_rules()
    assert not went_the_usual_way("--format", "json")
    monkeypatch.setattr(replay, "code_state", lambda: {"lint/cli.py": [1, 2, 3]})
    assert went_the_usual_way("--format", "json")

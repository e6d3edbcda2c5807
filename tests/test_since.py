"""--since REF: lint only what changed, but compare it against every article."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DISCLAIMER, GOOD_FRONTMATTER
from reporting import settings, test_registry

from lint.cli import main
from lint.engine import vcs
from lint.engine.runner import run, sibling_context

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(*args, cwd="."):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def article(dose: str, extra: str = "") -> str:
    return (
        GOOD_FRONTMATTER.replace("---\n", f'---\ndose: "{dose}"\n', 1) + "\n# Ketamine for CRPS\n\n"
        f"Infusions are given over several days.{extra}\n\n" + DISCLAIMER
    )


@pytest.fixture
def repo(tmp_path):
    git("init", "-q", "-b", "main")
    git("config", "user.email", "test@example.invalid")
    git("config", "user.name", "Test")
    git("config", "commit.gpgsign", "false")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.md").write_text(article("0.5 mg/kg"))
    (tmp_path / "articles" / "b.md").write_text(article("0.5 mg/kg"))
    git("add", ".")
    git("commit", "-q", "-m", "two articles")
    (tmp_path / "articles" / "a.md").write_text(article("2 mg/kg", " Sessions last four hours."))
    git("commit", "-q", "-am", "change a")
    return tmp_path


def test_changed_files_since_merge_base(repo):
    assert vcs.changed_files("HEAD~1") == [repo / "articles" / "a.md"]
    (repo / "articles" / "c.md").write_text("untracked\n")
    (repo / "articles" / "b.md").write_text(article("0.5 mg/kg", " Edited, not committed."))
    assert [p.name for p in vcs.changed_files("HEAD~1")] == ["a.md", "b.md", "c.md"]
    assert vcs.changed_files("HEAD") == [repo / "articles" / "b.md", repo / "articles" / "c.md"]


def test_since_reports_only_the_changed_file_but_its_conflict_with_an_unchanged_one(repo):
    result = run(
        [Path("articles")],
        test_registry(),
        settings(select=("TS5",)),
        report_only=vcs.changed_files("HEAD~1"),
    )
    assert [r.path for r in result.results] == ["articles/a.md"]
    [conflict] = result.findings
    assert (
        conflict.code == "TS501"
        and "articles/b.md" in conflict.message
        and "0.5 mg/kg" in conflict.message
    )
    assert result.compared == 1  # b.md was read for the comparison only
    assert result.verdicts == {"articles/a.md": "blocked"}


def test_without_corpus_rules_unchanged_files_are_not_even_read(repo):
    result = run(
        [Path("articles")],
        test_registry(),
        settings(select=("CL101", "CL201")),
        report_only=vcs.changed_files("HEAD~1"),
    )
    assert [r.path for r in result.results] == ["articles/a.md"] and result.compared == 0


def test_named_files_are_compared_with_their_folder(repo):
    """pre-commit passes only the staged files; their neighbours still count for cross-article rules."""
    named = [Path("articles/a.md")]
    result = run(
        named,
        test_registry(),
        settings(select=("TS5",)),
        context=sibling_context(named, settings()),
    )
    assert [r.path for r in result.results] == ["articles/a.md"]
    assert [f.code for f in result.findings] == ["TS501"]


def test_cli_since(repo):
    (repo / "articles" / "b.md").write_text(article("0.5 mg/kg"))  # unchanged content
    (repo / "articles" / "a.md").write_text("# Changed\n\nNo frontmatter any more.\n")
    git("commit", "-q", "-am", "break a")
    result = CliRunner().invoke(main, ["check", "articles", "--since", "HEAD~1", "--no-cache"])
    assert result.exit_code == 1
    assert "articles/a.md:1:1 CL101" in result.output
    assert "articles/b.md" not in result.output
    assert "1 article: 1 blocked" in result.output
    result = CliRunner().invoke(main, ["check", "articles", "--since", "HEAD", "--no-cache"])
    assert result.exit_code == 0 and "0 articles" in result.output


def test_cli_since_errors_are_usage_errors(repo, tmp_path_factory, monkeypatch):
    result = CliRunner().invoke(main, ["check", "articles", "--since", "no-such-branch"])
    assert result.exit_code == 2 and "unknown git revision 'no-such-branch'" in result.output
    elsewhere = tmp_path_factory.mktemp("not-a-repo")
    (elsewhere / "x.md").write_text("# x\n")
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(elsewhere.parent))
    result = CliRunner().invoke(main, ["check", ".", "--since", "HEAD"])
    assert result.exit_code == 2 and "not inside a git repository" in result.output


FIBRO = "# Ketamine for Fibromyalgia\n\nAbout {} of fibromyalgia patients respond to a series of ketamine infusions.\n"


def test_cli_since_reports_a_conflict_with_an_unchanged_article(repo):
    """The acceptance case, with the built-in cross-article rule (CL502)."""
    from lint.engine.rules import load_registry

    if "CL502" not in load_registry().rules:
        pytest.skip("the cross-article consistency rule CL502 is not in this build")
    (repo / "articles" / "a.md").write_text(FIBRO.format("40-60%"))
    (repo / "articles" / "b.md").write_text(FIBRO.format("40-60%"))
    git("commit", "-q", "-am", "agreeing figures")
    (repo / "articles" / "a.md").write_text(FIBRO.format("75-90%"))
    git("commit", "-q", "-am", "a changes its figure")
    result = CliRunner().invoke(
        main,
        [
            "check",
            "articles",
            "--since",
            "HEAD~1",
            "--no-cache",
            "--select",
            "CL502",
            "--format",
            "json",
        ],
    )
    doc = json.loads(result.output)
    assert [f["path"] for f in doc["files"]] == ["articles/a.md"]
    [conflict] = doc["files"][0]["findings"]
    assert conflict["rule"] == "CL502" and "b.md" in conflict["message"]

"""The pre-commit hook other repositories install: which files it sees, and that a
cross-article conflict in a staged article reaches the writer even when the commit passes."""

import os
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"
HEAD = '---\ntitle: "{title}"\n---\n\n'
# Two articles that give one figure two different values: CL502, a warning.
OVERVIEW = HEAD.format(title="Ketamine for Chronic Pain") + (
    "### Fibromyalgia\n\nAbout 40-60% of people with fibromyalgia respond to ketamine infusions.\n"
)
FAQ = HEAD.format(title="Fibromyalgia FAQ") + (
    "Fibromyalgia patients do well: 75-90% of fibromyalgia patients respond to ketamine infusions.\n"
)


def hook():
    (entry,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    return entry


def test_the_hook_covers_markdown_and_mdx():
    entry = hook()
    assert entry["id"] == "contentlint" and entry["entry"] == "contentlint check"
    assert entry["language"] == "python"
    assert set(entry["types_or"]) == {"markdown", "mdx"} and "types" not in entry
    assert (
        entry["verbose"] is True
    )  # warnings (a cross-article conflict) are shown when the commit passes
    assert (
        entry["require_serial"] is True
    )  # one process sees every staged file: cross-article checks


def test_identify_tags_what_the_discovery_lints():
    identify = pytest.importorskip("identify.identify", reason="identify comes with pre-commit")
    types = set(hook()["types_or"])
    for name in ("a.md", "a.markdown", "a.mdx"):  # what `contentlint check DIR` searches for
        assert identify.tags_from_filename(name) & types, name
    assert not identify.tags_from_filename("a.txt") & types


def test_pre_commit_accepts_the_manifest():
    if shutil.which("pre-commit") is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        ["pre-commit", "validate-manifest", str(HOOKS)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_cross_article_conflict_is_shown_when_the_commit_passes(tmp_path):
    """The hook as pre-commit runs it, on a staged .mdx whose figure contradicts an unchanged article.

    `language: system` stands in for `language: python` (which would build a
    virtualenv and install contentlint from an index); everything else is the
    manifest's own definition.
    """
    if shutil.which("pre-commit") is None or shutil.which("git") is None:
        pytest.skip("needs pre-commit and git")
    repo = tmp_path / "site"
    (repo / "content").mkdir(parents=True)
    (repo / "content" / "overview.md").write_text(OVERVIEW, encoding="utf-8")
    definition = {
        **hook(),
        "language": "system",
        "entry": f"{sys.executable} -m lint.cli check --no-cache --no-progress --select CL502",
    }
    definition.pop("minimum_pre_commit_version")
    config = {"repos": [{"repo": "local", "hooks": [definition]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PYTHONPATH": str(ROOT),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }

    def run(*args):
        return subprocess.run(list(args), cwd=repo, env=env, capture_output=True, text=True)

    assert run("git", "init", "-q").returncode == 0
    run("git", "add", "-A")
    assert run("git", "commit", "-qm", "overview").returncode == 0
    (repo / "content" / "faq.mdx").write_text(FAQ, encoding="utf-8")
    (repo / "content" / "notes.txt").write_text("not an article\n", encoding="utf-8")
    run("git", "add", "-A")
    result = run("pre-commit", "run")
    out = result.stdout + result.stderr
    assert result.returncode == 0, out  # a warning does not block the commit...
    assert "Passed" in out
    assert "content/faq.mdx" in out and "CL502" in out  # ...but the writer sees it
    assert "notes.txt" not in out

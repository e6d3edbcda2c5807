"""Which files a run lints, and which config each one uses: ignore files, patterns, nested configs."""

import json

import pytest
from click.testing import CliRunner
from conftest import DISCLAIMER

from lint.cli import main
from lint.engine.discover import discover, display_path


def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def linted(*args):
    result = invoke("check", *args, "--no-cache", "--format", "json", "--select", "CL101")
    return sorted(entry["path"] for entry in json.loads(result.stdout)["files"])  # stderr may warn


ARTICLE = "# Title\n\nText.\n"


@pytest.fixture
def tree(write):
    for name in (
        "docs/a.md",
        "docs/drafts/b.md",
        "docs/archive/c.md",
        "docs/archive/old/d.md",
        "docs/e.mdx",
    ):
        write(name, ARTICLE)
    return "docs"


def test_gitignored_folder_is_skipped(tree, write):
    write(".gitignore", "drafts/\n")
    assert linted(tree) == ["docs/a.md", "docs/archive/c.md", "docs/archive/old/d.md", "docs/e.mdx"]


def test_no_respect_gitignore_lints_everything(tree, write):
    write(".gitignore", "drafts/\n*.mdx\n")
    assert linted(tree, "--no-respect-gitignore") == [
        "docs/a.md",
        "docs/archive/c.md",
        "docs/archive/old/d.md",
        "docs/drafts/b.md",
        "docs/e.mdx",
    ]
    write(".contentlint.toml", "respect-gitignore = false\n")
    assert "docs/drafts/b.md" in linted(tree)


def test_nested_ignore_files_and_negation(tree, write):
    write("docs/.gitignore", "archive/**\n!archive/old/\n!archive/old/*.md\n")
    write("docs/archive/old/.ignore", "d.md\n")  # .ignore, deeper: wins
    assert linted(tree) == ["docs/a.md", "docs/drafts/b.md", "docs/e.mdx"]
    write("docs/archive/old/.ignore", "")
    assert "docs/archive/old/d.md" in linted(tree)


def test_ignore_files_above_the_start_apply_within_the_repository(tree, write, tmp_path):
    (tmp_path / ".git").mkdir()
    write(".gitignore", "docs/drafts/\n")
    assert "docs/drafts/b.md" not in linted("docs")
    assert linted("docs/drafts") == []


def test_explicit_files_are_always_linted_unless_force_exclude(tree, write):
    write(".gitignore", "drafts/\n")
    write(".contentlint.toml", 'extend-exclude = ["archive"]\n')
    assert linted("docs/drafts/b.md", "docs/archive/c.md") == [
        "docs/archive/c.md",
        "docs/drafts/b.md",
    ]
    assert linted("docs/drafts/b.md", "docs/archive/c.md", "--force-exclude") == []


def test_star_stays_in_one_folder_and_double_star_crosses(tree, write):
    write(".contentlint.toml", 'extend-exclude = ["docs/archive/*.md"]\n')
    assert linted(tree) == ["docs/a.md", "docs/archive/old/d.md", "docs/drafts/b.md", "docs/e.mdx"]
    write(".contentlint.toml", 'extend-exclude = ["docs/archive/**/*.md"]\n')
    assert linted(tree) == ["docs/a.md", "docs/drafts/b.md", "docs/e.mdx"]
    write(".contentlint.toml", 'extend-exclude = ["old"]\n')  # no slash: a name at any depth
    assert "docs/archive/old/d.md" not in linted(tree)


def test_exclude_is_relative_to_the_config_not_the_working_directory(
    tree, write, monkeypatch, tmp_path
):
    write("docs/.contentlint.toml", 'extend-exclude = ["/archive/*.md"]\n')
    assert "docs/archive/c.md" not in linted(tree)
    monkeypatch.chdir(tmp_path / "docs")
    assert "archive/c.md" not in linted(".")


def test_per_file_ignores_use_the_same_patterns(tree, write):
    write(".contentlint.toml", '[per-file-ignores]\n"docs/archive/*.md" = ["CL101"]\n')
    result = invoke("check", tree, "--no-cache", "--select", "CL101")
    assert "docs/archive/c.md:1:1 CL101" not in result.output  # ignored
    assert "docs/archive/old/d.md:1:1 CL101" in result.output  # `*` does not cross '/'
    write(".contentlint.toml", '[per-file-ignores]\n"docs/archive/**" = ["CL101"]\n')
    result = invoke("check", tree, "--no-cache", "--select", "CL101")
    assert "archive/c.md:1:1" not in result.output and "archive/old/d.md:1:1" not in result.output


def test_discover_function_keeps_working_without_ignore_files(tree, tmp_path):
    found = [display_path(p) for p in discover([tmp_path / "docs"], ("*.md",), ("drafts",))]
    assert found == ["docs/a.md", "docs/archive/c.md", "docs/archive/old/d.md"]


# -- nested configs -----------------------------------------------------------
FRONT = (
    '---\ntitle: "Sleep and light"\ndate: 2026-01-05\nsection: "habits"\n---\n\n# Sleep and light\n\n'
    "A short plain paragraph.\n\n" + DISCLAIMER
)


@pytest.fixture
def monorepo(write):
    write(".contentlint.toml", 'fail-on = "error"\n')
    write(
        "sites/alpha/.contentlint.toml",
        '[rules.CL101]\nschema = "@schema.json"\n[rules.CL113]\nschema = "@schema.json"\n',
    )
    write(
        "sites/alpha/schema.json",
        json.dumps(
            {
                "type": "object",
                "required": ["title", "date"],
                "properties": {"title": {}, "date": {}, "section": {}},
            }
        ),
    )
    write("sites/alpha/posts/one.md", FRONT)
    write(
        "sites/beta/pyproject.toml",
        '[project]\nname = "beta"\n[tool.contentlint]\nignore = ["CL113"]\n',
    )
    write("sites/beta/one.md", FRONT)
    write("sites/gamma/one.md", FRONT)  # uses the root config
    return ["sites/alpha", "sites/beta", "sites/gamma"]


def test_each_article_uses_its_nearest_config(monorepo):
    result = invoke("check", *monorepo, "--no-cache", "--select", "CL101,CL113")
    by_file = {}
    for line in result.output.splitlines():
        if line.startswith("sites/") and " CL" in line:
            by_file.setdefault(line.split(":")[0], set()).add(line.split()[1])
    assert (
        "sites/alpha/posts/one.md" not in by_file
    )  # its own schema: nothing missing, nothing unknown
    assert by_file["sites/beta/one.md"] == {"CL101"}  # default schema, CL113 ignored
    assert {"CL101", "CL113"} <= by_file["sites/gamma/one.md"]  # the root config: defaults


def test_path_order_does_not_change_the_output(monorepo):
    forward = invoke("check", *monorepo, "--no-cache", "--format", "json", "--select", "CL1,CL5")
    backward = invoke(
        "check", *reversed(monorepo), "--no-cache", "--format", "json", "--select", "CL1,CL5"
    )
    assert forward.output == backward.output
    assert forward.exit_code == backward.exit_code
    text_a = invoke("check", *monorepo, "--no-cache", "--select", "CL1")
    text_b = invoke("check", *reversed(monorepo), "--no-cache", "--select", "CL1")
    assert text_a.output == text_b.output


def test_explicit_config_overrides_the_search(monorepo, write):
    custom = write("custom.toml", 'select = ["CL113"]\n')
    result = invoke("check", *monorepo, "--no-cache", "--config", str(custom))
    codes = {
        line.split()[1]
        for line in result.output.splitlines()
        if line.startswith("sites/") and " CL" in line
    }
    assert codes == {"CL113"}


def test_cache_key_includes_the_files_config(monorepo, write):
    first = invoke("check", "sites/alpha", "--select", "CL101,CL113")
    assert "CL101" not in first.output
    write(
        "sites/alpha/schema.json",
        json.dumps({"type": "object", "required": ["author"], "properties": {}}),
    )
    second = invoke("check", "sites/alpha", "--select", "CL101,CL113")
    assert "required field 'author' is missing" in second.output
    # Same article bytes, different config folder: never served the other's result.
    write("sites/beta/posts/one.md", FRONT)
    third = invoke("check", "sites/beta/posts/one.md", "--select", "CL101,CL113")
    assert "CL101" in third.output and "CL113" not in third.output


def test_a_bad_nested_config_fails_closed(monorepo, write):
    path = write("sites/beta/.contentlint.toml", "fail-on = 3\n")
    result = invoke("check", *monorepo)
    assert (
        result.exit_code == 2
        and "sites/beta/.contentlint.toml" in result.output
        and "fail-on" in result.output
    )
    assert str(path).endswith(".contentlint.toml")

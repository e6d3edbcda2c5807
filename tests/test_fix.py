"""`contentlint check --fix` end to end: the disclaimer is appended, and nothing else changes."""

import json

from click.testing import CliRunner
from conftest import GOOD_FRONTMATTER

from lint.checks.disclaimer import DEFAULT_TEXT, appended
from lint.cli import main
from lint.model.article import parse_article

BODY = GOOD_FRONTMATTER + "\n# Ketamine for CRPS\n\nInfusions are given over several days.\n"


def fix(*paths):
    return CliRunner().invoke(
        main,
        ["check", *paths, "--select", "CL201", "--no-cache", "--fix", "--format", "json"],
        catch_exceptions=False,
    )


def findings(result):
    return [f["rule"] for file in json.loads(result.stdout)["files"] for f in file["findings"]]


def test_fix_appends_the_disclaimer_only(write):
    path = write("a.md", BODY)
    result = fix("a.md")
    assert findings(result) == []
    fixed = path.read_text(encoding="utf-8")
    assert fixed == BODY + "\n" + DEFAULT_TEXT + "\n"


def test_fix_keeps_bom_and_crlf_and_is_idempotent(write):
    original = ("\ufeff" + BODY).replace("\n", "\r\n").encode("utf-8")
    path = write("a.md", original)
    fix("a.md")
    once = path.read_bytes()
    assert once.startswith(original)  # only an addition at the end
    added = once[len(original) :]
    assert added == ("\r\n" + DEFAULT_TEXT + "\r\n").encode("utf-8")
    assert b"\n" not in added.replace(b"\r\n", b"")  # no bare LF slipped in
    fix("a.md")
    assert path.read_bytes() == once


def test_fix_handles_a_file_without_final_newline_and_non_ascii(write):
    text = "# Kétamine et douleur\n\nUne phrase sans retour à la ligne — fin"
    path = write("b.md", text)
    fix("b.md")
    assert path.read_text(encoding="utf-8") == text + "\n\n" + DEFAULT_TEXT + "\n"


def test_fix_uses_the_configured_standard_text(write):
    write(
        ".contentlint.toml",
        '[rules.CL201]\nstandard-text = """\n'
        "*For educational purposes only; not medical advice.\n"
        'Talk to your doctor about your own care.*\n"""\n',
    )
    path = write("a.md", BODY)
    fix("a.md")
    assert path.read_text(encoding="utf-8").endswith(
        "\n\n*For educational purposes only; not medical advice.\nTalk to your doctor about your own care.*\n"
    )


def test_no_fix_when_the_appended_text_would_not_be_recognised(write):
    # An unclosed code fence swallows anything appended after it: offering that
    # fix would append a disclaimer on every run.
    text = "# Ketamine\n\n```\nunclosed fence\n"
    path = write("c.md", text)
    result = fix("c.md")
    assert findings(result) == ["CL201"]
    assert path.read_text(encoding="utf-8") == text


def test_partial_disclaimer_is_not_appended_to(write):
    text = "# Ketamine\n\nBody.\n\n*Talk to your doctor before starting any treatment.*\n"
    path = write("d.md", text)
    fix("d.md")
    assert path.read_text(encoding="utf-8") == text


def test_appended_text_respects_blank_lines_already_there():
    article = parse_article("a.md", "Body.\n\n")
    assert appended(article, "X") == "X\n"
    assert appended(parse_article("a.md", "Body.\r\n"), "X\nY") == "\r\nX\r\nY\r\n"

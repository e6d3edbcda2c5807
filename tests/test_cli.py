"""The command line as writers and CI use it: output, exit codes, JSON, jobs."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DISCLAIMER, GOOD_FRONTMATTER

from lint.cli import main


def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def mixed(write):
    write(
        "good.md", GOOD_FRONTMATTER + "\n# Ketamine for CRPS\n\nA plain paragraph.\n\n" + DISCLAIMER
    )
    write("bad.md", "# No frontmatter\n\nA plain paragraph without a disclaimer.\n")
    write("notes.txt", "not linted when a directory is searched\n")
    return "."


def test_text_output_has_location_excerpt_and_verdicts(mixed):
    result = invoke("check", mixed, "--no-cache")
    assert result.exit_code == 1
    assert "bad.md:1:1 CL101 error" in result.output
    assert "^" in result.output  # the flagged span is underlined
    assert "2 articles: 1 blocked, 1 publishable" in result.output
    assert "notes.txt" not in result.output


def test_exit_zero_when_publishable(write):
    write("good.md", GOOD_FRONTMATTER + "\n# Title\n\nText.\n\n" + DISCLAIMER)
    assert invoke("check", "good.md", "--no-cache").exit_code == 0


def test_named_file_is_linted_whatever_its_extension(write):
    write("page.txt", "Text only.\n")
    result = invoke("check", "page.txt", "--no-cache")
    assert "page.txt:1:1 CL101" in result.output


def test_fail_on_warning_blocks_on_warnings(write):
    write("w.md", GOOD_FRONTMATTER + "\n<!-- contentlint-disable CL201 -->\nText.\n\n" + DISCLAIMER)
    assert invoke("check", "w.md", "--no-cache").exit_code == 0
    assert invoke("check", "w.md", "--no-cache", "--fail-on", "warning").exit_code == 1


def test_select_and_ignore_flags(mixed):
    out = invoke("check", mixed, "--no-cache", "--select", "CL2").output
    assert "CL201" in out and "CL101" not in out
    out = invoke("check", mixed, "--no-cache", "--ignore", "CL1,CL2").output
    assert "CL101" not in out and "CL201" not in out


def test_json_contract(mixed):
    result = invoke("check", mixed, "--no-cache", "--format", "json")
    doc = json.loads(result.output)
    assert doc["version"] == 1 and doc["tool"]["name"] == "contentlint"
    assert doc["summary"] == {"files": 2, "blocked": 1, "errors": 2, "warnings": 0}
    finding = doc["files"][0]["findings"][0]
    assert {
        "rule",
        "name",
        "category",
        "severity",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "excerpt",
    } <= set(finding)


def test_jobs_do_not_change_output(write):
    for i in range(8):
        write(f"a{i}.md", ("# No metadata\n\nText.\n" if i % 2 else GOOD_FRONTMATTER + "\nText.\n"))
    one = invoke("check", ".", "--no-cache", "--format", "json", "--jobs", "1").output
    two = invoke("check", ".", "--no-cache", "--format", "json", "--jobs", "2").output
    assert one == two


def test_bad_input_files_each_get_one_finding_and_the_run_goes_on(write):
    write("latin1.md", "caf\xe9 au lait\n".encode("latin-1"))
    write("empty.md", b"")
    write("broken.md", "---\ntitle: [unclosed\n---\nbody\n")
    write("fine.md", "# Fine\n\nText.\n")
    doc = json.loads(invoke("check", ".", "--no-cache", "--format", "json").output)
    by_path = {f["path"]: f["findings"] for f in doc["files"]}
    for name, fragment in [
        ("latin1.md", "not UTF-8 at byte 3"),
        ("empty.md", "file is empty"),
        ("broken.md", "frontmatter YAML error at line 2"),
    ]:
        assert len(by_path[name]) == 1
        assert by_path[name][0]["category"] == "input" and fragment in by_path[name][0]["message"]
    assert any(f["rule"] == "CL101" for f in by_path["fine.md"])


def test_config_error_exits_2(write):
    write(".contentlint.toml", "nonsense = 1\n")
    write("a.md", "# A\n")
    result = CliRunner().invoke(main, ["check", "a.md"])
    assert result.exit_code == 2
    assert "unknown key 'nonsense'" in result.output


def test_missing_path_exits_2():
    assert CliRunner().invoke(main, ["check", "does-not-exist.md"]).exit_code == 2


def test_rules_and_explain_cover_every_rule():
    listing = invoke("rules").output
    from lint.engine.rules import load_registry

    for rule in load_registry().sorted_rules():
        assert rule.code in listing
        text = invoke("explain", rule.code).output
        for section in ("What it checks", "Why it matters", "Example", "Use instead"):
            assert section in text
    assert CliRunner().invoke(main, ["explain", "CL000"]).exit_code == 2


def test_color_is_off_when_piped_and_with_no_color(write, monkeypatch):
    write("bad.md", "# x\n")
    assert "\x1b[" not in invoke("check", "bad.md", "--no-cache").output
    assert "\x1b[" in invoke("check", "bad.md", "--no-cache", "--color").output
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in invoke("check", "bad.md", "--no-cache").output


def test_version():
    from lint import __version__

    assert __version__ in invoke("--version").output


def test_console_script_runs_end_to_end(write):
    write("bad.md", "# x\n")
    proc = subprocess.run(
        [sys.executable, "-m", "lint.cli", "check", "bad.md", "--no-cache"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1 and "CL101" in proc.stdout


def test_cache_gives_the_same_result(write):
    write("a.md", "# x\n\nText.\n")
    first = invoke("check", ".", "--format", "json").output
    second = invoke("check", ".", "--format", "json").output
    assert first == second


def test_every_sample_article_result_is_served_from_the_cache(tmp_path):
    # The cache keeps only results that read back equal from JSON: a field that does not
    # (a tuple) silently turns caching off, so every sample article must round-trip.
    from lint.engine.cache import _DECODER, _ENCODER
    from lint.engine.config import Settings
    from lint.engine.rules import load_registry
    from lint.engine.runner import run

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    result = run([corpus], load_registry(), Settings(cache=False, jobs=1, root=str(tmp_path)))
    for article in result.results:
        assert _DECODER.decode(_ENCODER.encode(article)) == article, article.path

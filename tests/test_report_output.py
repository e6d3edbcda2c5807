"""--format and --output: the format inferred from the extension, atomic writes, exit codes, progress."""

import io
import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from reporting import write_corpus

from lint.cli import main
from lint.engine.progress import ProgressBar, wanted
from lint.report.output import pick_format


def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize(
    "name,fmt",
    [
        ("r.json", "json"),
        ("r.sarif", "sarif"),
        ("r.sarif.json", "sarif"),
        ("junit.xml", "junit"),
        ("summary.md", "markdown"),
        ("report.html", "html"),
        ("report.HTM", "html"),
        ("out.txt", "text"),
        ("noext", "text"),
    ],
)
def test_format_from_extension(name, fmt):
    from pathlib import Path

    assert pick_format(None, Path(name)) == fmt
    assert pick_format("json", Path(name)) == "json"  # an explicit --format wins


def test_every_format_through_the_cli(tmp_path):
    write_corpus(tmp_path / "articles")
    for name in ("r.json", "r.sarif", "junit.xml", "summary.md", "report.html", "out.txt"):
        result = invoke("check", "articles", "--no-cache", "-o", f"reports/{name}")
        assert result.exit_code == 1, result.output  # the corpus has blocked articles
        assert result.output == ""  # the report went to the file
    reports = tmp_path / "reports"
    assert json.loads((reports / "r.json").read_text())["version"] == 1
    assert json.loads((reports / "r.sarif").read_text())["version"] == "2.1.0"
    ET.fromstring((reports / "junit.xml").read_bytes())
    assert (reports / "summary.md").read_text().startswith("## contentlint:")
    assert (reports / "report.html").read_text().startswith("<!DOCTYPE html>")
    assert "6 articles:" in (reports / "out.txt").read_text()
    assert sorted(p.name for p in reports.iterdir()) == sorted(
        ["r.json", "r.sarif", "junit.xml", "summary.md", "report.html", "out.txt"]
    )  # no temporary files left


def test_stdout_formats(tmp_path):
    write_corpus(tmp_path / "articles")
    out = invoke("check", "articles", "--no-cache", "--format", "github").output
    assert "::error file=articles/no-frontmatter.md,line=1," in out
    assert invoke("check", "articles", "--no-cache", "--format", "markdown").output.startswith(
        "## contentlint"
    )


def test_output_replaces_an_existing_file_atomically(tmp_path):
    write_corpus(tmp_path / "articles", broken=False)
    target = tmp_path / "report.json"
    target.write_text("old")
    target.chmod(0o640)
    invoke("check", "articles", "--no-cache", "-o", str(target))
    assert json.loads(target.read_text())["version"] == 1
    assert target.stat().st_mode & 0o777 == 0o640


def test_unwritable_output_is_a_usage_error(tmp_path):
    write_corpus(tmp_path / "articles", broken=False)
    (tmp_path / "blocker").write_text("a file, not a folder")
    result = CliRunner().invoke(
        main, ["check", "articles", "--no-cache", "-o", "blocker/report.json"]
    )
    assert result.exit_code == 2
    assert "cannot write" in result.output


def test_exit_codes_follow_the_verdicts(tmp_path):
    from conftest import DISCLAIMER, GOOD_FRONTMATTER

    (tmp_path / "ok.md").write_text(GOOD_FRONTMATTER + "\n# T\n\nText.\n\n" + DISCLAIMER)
    (tmp_path / "draft.md").write_text("---\nstatus: draft\n---\n\n# Draft\n\nNo metadata yet.\n")
    assert invoke("check", "ok.md", "--no-cache").exit_code == 0
    result = invoke("check", "ok.md", "draft.md", "--no-cache")
    assert result.exit_code == 0  # the draft's errors are reported, not gating
    assert "draft.md:1:1 CL101" in result.output and "(not blocking: draft)" in result.output
    (tmp_path / ".contentlint.toml").write_text("drafts-block = true\n")
    assert invoke("check", "ok.md", "draft.md", "--no-cache").exit_code == 1


def test_progress_only_on_a_terminal_outside_ci():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert wanted(Tty(), {}) is True
    assert wanted(Tty(), {"CI": "true"}) is False
    assert wanted(Tty(), {"CI": "1"}) is False
    assert wanted(Tty(), {"CI": "false"}) is True
    assert wanted(Tty(), {"TERM": "dumb"}) is False
    assert wanted(io.StringIO(), {}) is False  # piped


def test_progress_bar_stays_silent_for_quick_runs():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    stream = Tty()
    with ProgressBar(enabled=True, delay=60, stream=stream) as bar:
        bar(1, 2)
        bar(2, 2)
    assert stream.getvalue() == ""


def test_progress_bar_draws_on_slow_runs():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    stream = Tty()
    with ProgressBar(enabled=True, delay=0, stream=stream) as bar:
        bar(1, 4)
        bar._timer.join()  # the delayed start, without sleeping in the test
        bar(2, 4)
    assert "checking articles" in stream.getvalue()

"""`contentlint check -`: one article from standard input, named by --stdin-filename."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DISCLAIMER, GOOD_FRONTMATTER

from lint.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _json(result) -> dict:
    return json.loads(result.output)


def _files(result) -> list:
    return _json(result)["files"]


@pytest.fixture
def corpus(tmp_path) -> Path:
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    return tmp_path / "corpus"


@pytest.mark.parametrize(
    "name",
    [
        "neuropathic-pain-ketamine.md",
        "ketamine-chronic-pain-faq.md",
        "ketamine-clinic-scraped-page.md",
    ],
)
def test_stdin_gives_the_same_findings_as_the_file_including_cross_article(corpus, name):
    runner = CliRunner()
    path = f"corpus/{name}"
    from_file = runner.invoke(main, ["check", "--format", "json", "--no-cache", path])
    from_stdin = runner.invoke(
        main,
        ["check", "--format", "json", "--no-cache", "-", "--stdin-filename", path],
        input=(corpus / name).read_bytes(),
    )
    assert from_stdin.exit_code == from_file.exit_code == 1
    assert _files(from_stdin) == _files(from_file)
    cross = {"neuropathic-pain-ketamine.md": "CL502", "ketamine-chronic-pain-faq.md": "CL503"}
    if name in cross:  # another article's figure, and the registry's
        assert any(f["rule"] == cross[name] for f in _files(from_stdin)[0]["findings"])


def test_stdin_lints_the_unsaved_text_not_the_file(corpus):
    path = corpus / "ketamine-chronic-pain-faq.md"
    edited = path.read_text(encoding="utf-8") + "\nLorem ipsum dolor sit amet.\n"
    out = CliRunner().invoke(
        main,
        [
            "check",
            "--format",
            "json",
            "-",
            "--stdin-filename",
            "corpus/ketamine-chronic-pain-faq.md",
        ],
        input=edited,
    )
    assert any(f["rule"] == "CL603" for f in _files(out)[0]["findings"])


def test_stdin_filename_finds_config_and_per_file_ignores(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "drafts").mkdir(parents=True)
    (site / ".contentlint.toml").write_text(
        '[per-file-ignores]\n"drafts/*.md" = ["CL3"]\n', encoding="utf-8"
    )
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(
        tmp_path / "elsewhere"
    )  # the config is found from the name, not the working directory
    text = (
        GOOD_FRONTMATTER
        + "\n# Ketamine for CRPS\n\nUp to 85% of patients improve.\n\n"
        + DISCLAIMER
    )
    runner = CliRunner()
    reported = runner.invoke(
        main, ["check", "--format", "json", "-", "--stdin-filename", "../site/new.md"], input=text
    )
    assert [f["rule"] for f in _files(reported)[0]["findings"]] == ["CL301"]
    monkeypatch.chdir(site)
    ignored = runner.invoke(
        main, ["check", "--format", "json", "-", "--stdin-filename", "drafts/new.md"], input=text
    )
    assert ignored.exit_code == 0, ignored.output
    assert _files(ignored)[0]["path"] == "drafts/new.md"  # the file need not exist
    assert _files(ignored)[0]["findings"] == []
    broken = runner.invoke(main, ["check", "-", "--stdin-filename", "drafts/new.md"], input=text)
    assert broken.exit_code == 0
    (site / ".contentlint.toml").write_text('selec = ["CL"]\n', encoding="utf-8")
    broken = runner.invoke(main, ["check", "-", "--stdin-filename", "drafts/new.md"], input=text)
    assert broken.exit_code == 2 and "unknown key 'selec'" in broken.output


def test_stdin_filename_alone_reads_stdin(corpus):
    path = "corpus/ketamine-chronic-pain-faq.md"
    out = CliRunner().invoke(
        main,
        ["check", "--format", "json", "--stdin-filename", path],
        input=(corpus / "ketamine-chronic-pain-faq.md").read_bytes(),
    )
    assert _files(out)[0]["path"] == path and out.exit_code == 1


def test_stdin_without_a_name(tmp_path):
    out = CliRunner().invoke(
        main, ["check", "--no-color", "-"], input="Studies show that it works.\n"
    )
    assert out.exit_code == 1
    assert out.output.startswith("-:1:1 CL101 error")


def test_stdin_bad_input_is_the_input_finding():
    out = CliRunner().invoke(
        main,
        ["check", "--format", "json", "-", "--stdin-filename", "x.md"],
        input=b"---\ntitle: x\n---\n\nCaf\xe9\n",
    )
    findings = _files(out)[0]["findings"]
    assert [(f["rule"], f["message"]) for f in findings] == [("CL001", "not UTF-8 at byte 21")]


def test_stdin_fix_writes_the_fixed_article_to_stdout_and_the_report_to_stderr():
    text = GOOD_FRONTMATTER + "\n# Ketamine for CRPS\n\nKetamine is an anaesthetic.\n"
    out = subprocess.run(
        [sys.executable, "-m", "lint.cli", "check", "--fix", "-", "--stdin-filename", "x.md"],
        input=text,
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )
    assert out.stdout.startswith(text) and "educational purposes" in out.stdout[len(text) :]
    assert out.returncode == 0 and "1 article: 0 blocked" in out.stderr


def test_stdin_misuse_is_a_usage_error(tmp_path):
    runner = CliRunner()
    (tmp_path / "a.md").write_text("x\n", encoding="utf-8")
    assert runner.invoke(main, ["check", "a.md", "--stdin-filename", "a.md"]).exit_code == 2
    assert runner.invoke(main, ["check", "-", "a.md"], input="x").exit_code == 2


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


BLOCK_EXTRAS = (
    "import sys\nfor name in ('pygls', 'lsprotocol', 'watchfiles', 'pytest_lsp'):\n"
    "    sys.modules[name] = None\nfrom lint.cli import main\nmain()\n"
)


def test_the_readme_command_needs_no_extra(corpus):
    out = subprocess.run(
        [sys.executable, "-c", BLOCK_EXTRAS, "check", "--no-cache", "corpus/"],
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )
    assert out.returncode == 1 and "15 articles:" in out.stdout and "Traceback" not in out.stderr


def test_server_and_watch_without_their_extra_say_how_to_install_them(corpus):
    server = subprocess.run(
        [sys.executable, "-c", BLOCK_EXTRAS, "server"],
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )
    assert server.returncode == 2 and "pip install 'contentlint[server]'" in server.stderr
    watch = subprocess.run(
        [sys.executable, "-c", BLOCK_EXTRAS, "check", "--watch", "corpus/"],
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )
    assert watch.returncode == 2 and "pip install 'contentlint[watch]'" in watch.stderr
    assert "Traceback" not in server.stderr + watch.stderr

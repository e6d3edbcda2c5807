"""What users of ruff and markdownlint-cli2 expect: --statistics, --exit-zero, several -o,
`rule`, --output-format, readable excerpts of long lines, and crashes that never look like a verdict."""

import json
import re

import pytest
from click.testing import CliRunner
from conftest import DISCLAIMER, GOOD_FRONTMATTER
from reporting import write_corpus

from lint.cli import main
from lint.report.text import EXCERPT_WIDTH, window


def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path):
    write_corpus(tmp_path / "articles")
    return "articles"


def test_statistics_counts_findings_per_rule_and_severity(corpus):
    full = json.loads(invoke("check", corpus, "--no-cache", "--format", "json").output)
    expected = {}
    for f in (x for file in full["files"] for x in file["findings"]):
        key = (f["rule"], f["severity"])
        expected[key] = expected.get(key, 0) + 1
    result = invoke("check", corpus, "--no-cache", "--statistics")
    assert result.exit_code == 1  # the gate is the same
    rows = [
        re.match(r"\s*(\d+)  (CL\d+)\s+(error|warning|info)\s+\[[ *]\] [a-z0-9-]+$", line)
        for line in result.output.splitlines()
    ]
    assert all(rows), result.output
    # A rule whose severity depends on the case has a row per severity, so the counts add up.
    assert {(m[2], m[3]): int(m[1]) for m in rows} == expected
    counts = [int(m[1]) for m in rows]
    assert counts == sorted(counts, reverse=True)  # the most frequent first
    as_json = json.loads(
        invoke("check", corpus, "--no-cache", "--statistics", "--format", "json").output
    )
    assert {(r["code"], r["severity"]): r["count"] for r in as_json} == expected
    assert set(as_json[0]) == {"code", "name", "category", "severity", "count", "fixable"}


def test_statistics_with_a_file_report_keeps_both(corpus, tmp_path):
    result = invoke("check", corpus, "--no-cache", "--statistics", "-o", "r.json")
    assert re.match(r"\s*\d+  CL\d+", result.output)
    assert json.loads((tmp_path / "r.json").read_text())["version"] == 1
    assert invoke("check", corpus, "--statistics", "--format", "html").exit_code == 2


def test_exit_zero_reports_but_never_fails(corpus):
    blocked = invoke("check", corpus, "--no-cache")
    assert blocked.exit_code == 1
    result = invoke("check", corpus, "--no-cache", "--exit-zero")
    assert result.exit_code == 0
    assert result.output == blocked.output  # same findings, same verdicts
    # A usage error is still one.
    assert (
        invoke(
            "check", corpus, "--exit-zero", "--select", "CL1", "--config", "missing.toml"
        ).exit_code
        == 2
    )


def test_three_outputs_in_one_run_equal_three_runs(corpus, tmp_path):
    names = ("report.html", "report.sarif", "summary.md")
    result = invoke(
        "check", corpus, "--no-cache", *[a for n in names for a in ("-o", f"together/{n}")]
    )
    assert result.exit_code == 1 and result.output == ""
    for name in names:
        assert invoke("check", corpus, "--no-cache", "-o", f"apart/{name}").exit_code == 1
        together = (tmp_path / "together" / name).read_bytes()
        assert together == (tmp_path / "apart" / name).read_bytes(), name
    assert (tmp_path / "together" / "report.html").read_text().startswith("<!DOCTYPE html>")
    assert json.loads((tmp_path / "together" / "report.sarif").read_text())["version"] == "2.1.0"


def test_several_outputs_need_known_extensions(corpus, tmp_path):
    result = invoke("check", corpus, "-o", "a.html", "-o", "b.report")
    assert result.exit_code == 2 and "b.report" in result.output
    result = invoke("check", corpus, "-o", "a.html", "-o", "b.json", "--format", "json")
    assert result.exit_code == 2 and "--format" in result.output
    assert invoke("check", corpus, "-o", "a.html", "-o", "a.html").exit_code == 2
    assert not (
        tmp_path / "a.html"
    ).exists()  # nothing is linted or written before the plan is valid
    # One -o keeps its old meaning: --format wins over the extension.
    assert invoke("check", corpus, "--no-cache", "--format", "json", "-o", "r.txt").exit_code == 1
    assert json.loads((tmp_path / "r.txt").read_text())["version"] == 1


def test_output_format_is_an_alias_of_format(corpus):
    a = invoke("check", corpus, "--no-cache", "--output-format", "json").output
    b = invoke("check", corpus, "--no-cache", "--format", "json").output
    assert a == b and json.loads(a)["version"] == 1


def test_rule_is_an_alias_of_explain():
    assert invoke("rule", "CL201").output == invoke("explain", "CL201").output
    assert "CL201" in invoke("rule", "CL201").output
    assert invoke("rule", "CL999").exit_code == 2


def test_a_crash_exits_3_never_1_or_2(corpus, monkeypatch):
    import lint.cli

    def boom(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(lint.cli, "_lint", boom)
    result = CliRunner().invoke(main, ["check", corpus, "--no-cache"])
    assert result.exit_code == 3
    assert "internal error" in result.output and "simulated bug" in result.output
    result = CliRunner().invoke(main, ["check", corpus, "--no-cache", "--exit-zero"])
    assert result.exit_code == 3  # --exit-zero never hides a crash


def test_long_lines_are_shown_in_a_window(write):
    paragraph = "Plain words about care and comfort. " * 20
    write(
        "long.md",
        GOOD_FRONTMATTER
        + "\n# Ketamine for CRPS\n\n"
        + paragraph
        + "In one trial 73% of patients improved. "
        + paragraph
        + "\n\n"
        + DISCLAIMER,
    )
    out = invoke("check", "long.md", "--no-cache", "--select", "CL301").output
    lines = out.splitlines()
    i = next(n for n, line in enumerate(lines) if "CL301" in line)
    source, carets = lines[i + 1], lines[i + 2]
    assert len(source) <= EXCERPT_WIDTH + 10 and source.count("…") == 2
    start, end = carets.index("^"), carets.rindex("^") + 1
    assert "73%" in source[start:end]


@pytest.mark.parametrize(
    "start,end", [(0, 4), (300, 304), (596, 604), (604, 604), (10, 500), (250, 260)]
)
def test_window_keeps_the_span_in_view(start, end):
    line = "".join(chr(97 + i % 26) for i in range(604))
    shown, a, b = window(line, start, end)
    assert len(shown) <= EXCERPT_WIDTH
    inner = shown.strip("…")
    assert inner in line
    assert shown[a:b] == line[start:end][: b - a] and (
        b - a == end - start or b == len(shown.rstrip("…"))
    )
    assert window("short line", 2, 5) == ("short line", 2, 5)

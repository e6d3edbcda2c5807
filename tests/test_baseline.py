"""The baseline: only new findings gate; moved text stays known; fixed findings are stale."""

import json

from click.testing import CliRunner
from conftest import DISCLAIMER, GOOD_FRONTMATTER
from reporting import lint, test_registry

from lint.cli import main
from lint.engine import baseline

ARTICLE = (
    GOOD_FRONTMATTER
    + """
# Ketamine for CRPS

Infusions help 40% of patients in the first week.

## Side effects

Nausea affects 12% of people during the infusion.

## Costs

Most clinics charge for each session.

"""
    + DISCLAIMER
)


def findings(path="a.md", known=None, **kw):
    run = lint([path], test_registry(), select=("TS",), **kw)
    if known is not None:
        baseline.apply(run, known)
    return run


def record(tmp_path, text=ARTICLE) -> baseline.Baseline:
    (tmp_path / "a.md").write_text(text)
    run = findings()
    assert [f.excerpt for f in run.findings] == ["40%", "12%"]
    target = tmp_path / ".contentlint-baseline.json"
    baseline.write([baseline.entry_for(f) for f in run.findings], target)
    return baseline.load(target)


def test_a_new_uncited_statistic_is_the_only_finding(tmp_path):
    known = record(tmp_path)
    changed = ARTICLE.replace(
        "## Costs\n\n", "## Costs\n\nAbout 70% of patients pay out of pocket.\n\n"
    )
    (tmp_path / "a.md").write_text(changed)
    run = findings(known=known)
    assert [(f.excerpt, f.line) for f in run.findings] == [
        ("70%", changed.splitlines().index("About 70% of patients pay out of pocket.") + 1)
    ]
    assert run.baselined == 2 and run.stale == []
    assert run.verdicts["a.md"] == "blocked"  # the new finding gates


def test_moving_paragraphs_brings_no_old_finding_back(tmp_path):
    known = record(tmp_path)
    head, body = ARTICLE.split("# Ketamine for CRPS\n")
    sections = body.split("\n## ")
    moved = (
        head
        + "# Ketamine for CRPS\n\n\nAn extra introduction.\n\n"
        + "\n## ".join(
            [sections[0].replace("\n\nInfusions", "\nInfusions"), *list(reversed(sections[1:]))]
        )
    )
    (tmp_path / "a.md").write_text(moved.replace("## Costs", "## Costs\n\n\n"))
    run = findings(known=known)
    assert run.findings == [] and run.stale == [] and run.baselined == 2
    assert run.verdicts["a.md"] == "publishable"


def test_a_fixed_finding_is_listed_as_stale(tmp_path):
    known = record(tmp_path)
    (tmp_path / "a.md").write_text(
        ARTICLE.replace("Nausea affects 12% of people", "Nausea affects some people")
    )
    run = findings(known=known)
    assert run.findings == []
    assert [(s["path"], s["rule"], s["message"]) for s in run.stale] == [
        ("a.md", "TS301", "Uncited statistic 12%")
    ]


def test_a_repeated_figure_is_told_apart_by_its_line(tmp_path):
    known = record(tmp_path)
    changed = ARTICLE.replace("## Costs\n\n", "## Costs\n\nRefunds reach 40% of the fee.\n\n")
    (tmp_path / "a.md").write_text(changed)
    [new] = findings(known=known).findings
    assert new.line_text == "Refunds reach 40% of the fee."


def test_entries_of_articles_not_linted_are_neither_matched_nor_stale(tmp_path):
    known = record(tmp_path)
    (tmp_path / "b.md").write_text(ARTICLE)
    run = findings("b.md", known=known)
    assert len(run.findings) == 2 and run.stale == []
    (tmp_path / "a.md").unlink()
    run = findings("b.md", known=known)
    assert {s["path"] for s in run.stale} == {"a.md"}  # a deleted article's findings are fixed


# -- the command line -------------------------------------------------------
def invoke(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_baseline_then_check(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "old.md").write_text("# Old page\n\nNo frontmatter, no disclaimer.\n")
    result = invoke("baseline", "docs", "--no-cache")
    assert result.exit_code == 0
    stored = json.loads((tmp_path / ".contentlint-baseline.json").read_text())
    assert stored["version"] == 1 and {e["path"] for e in stored["findings"]} == {"docs/old.md"}
    assert all(e["fingerprint"] and e["key"] for e in stored["findings"])

    assert invoke("check", "docs", "--no-cache").exit_code == 1
    result = invoke("check", "docs", "--no-cache", "--baseline", ".contentlint-baseline.json")
    assert result.exit_code == 0, result.output
    assert "baselined finding" in result.output

    (tmp_path / "docs" / "new.md").write_text("# New page\n\nAlso without metadata.\n")
    result = invoke(
        "check",
        "docs",
        "--no-cache",
        "--baseline",
        ".contentlint-baseline.json",
        "--format",
        "json",
    )
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert {f["path"] for f in doc["files"] if f["findings"]} == {"docs/new.md"}
    assert (
        doc["baseline"]["baselined"] == len(stored["findings"]) and doc["baseline"]["stale"] == []
    )


def test_cli_stale_entries_and_prune(tmp_path):
    (tmp_path / "a.md").write_text("# Page\n\nNo frontmatter, no disclaimer.\n")
    invoke("baseline", "a.md", "--no-cache", "-o", "base.json")
    before = json.loads((tmp_path / "base.json").read_text())["findings"]
    (tmp_path / "a.md").write_text("# Page\n\nNo frontmatter.\n\n" + DISCLAIMER)
    (tmp_path / "b.md").write_text("# Another page without metadata\n")
    result = invoke("check", "a.md", "--no-cache", "--baseline", "base.json")
    assert "stale baseline entry CL201" in result.output
    result = invoke("baseline", "a.md", "b.md", "--no-cache", "-o", "base.json", "--prune")
    assert result.exit_code == 0
    after = json.loads((tmp_path / "base.json").read_text())["findings"]
    assert [e["rule"] for e in after] == [e["rule"] for e in before if e["rule"] != "CL201"]
    assert all(e["path"] == "a.md" for e in after)  # pruning never adds b.md's findings


def test_cli_baseline_paths_are_relative_to_the_baseline_file(tmp_path, monkeypatch):
    (tmp_path / "site" / "content").mkdir(parents=True)
    (tmp_path / "site" / "content" / "p.md").write_text("# Page\n\nNo metadata.\n")
    monkeypatch.chdir(tmp_path / "site")
    invoke("baseline", "content", "--no-cache", "-o", "base.json")
    monkeypatch.chdir(tmp_path)
    result = invoke("check", "site/content", "--no-cache", "--baseline", "site/base.json")
    assert result.exit_code == 0, result.output


def test_cli_missing_or_invalid_baseline_is_a_usage_error(tmp_path):
    (tmp_path / "a.md").write_text(GOOD_FRONTMATTER + "\n# T\n\nText.\n\n" + DISCLAIMER)
    result = CliRunner().invoke(main, ["check", "a.md", "--baseline", "nope.json"])
    assert result.exit_code == 2 and "baseline file nope.json not found" in result.output
    (tmp_path / "bad.json").write_text("{not json")
    result = CliRunner().invoke(main, ["check", "a.md", "--baseline", "bad.json"])
    assert result.exit_code == 2 and "not valid JSON" in result.output
    (tmp_path / "other.json").write_text('{"version": 7, "findings": []}')
    result = CliRunner().invoke(main, ["check", "a.md", "--baseline", "other.json"])
    assert result.exit_code == 2 and "not a contentlint baseline" in result.output
    result = CliRunner().invoke(main, ["baseline", "a.md", "--prune", "-o", "nope.json"])
    assert result.exit_code == 2


def test_cli_acceptance_with_the_built_in_numeric_claim_rule(tmp_path):
    """The acceptance cases end to end, with CL301 (unsupported numeric claim) when this build has it."""
    from lint.engine.rules import load_registry

    if "CL301" not in load_registry().rules:
        import pytest

        pytest.skip("CL301 is not in this build")
    text = (
        "# Chronic pain\n\nUp to 85% of chronic pain patients experience depression.\n\n"
        "## Infusions\n\nAbout 60% of patients improve after a series of infusions.\n"
    )
    (tmp_path / "a.md").write_text(text)
    assert invoke("baseline", "a.md", "--select", "CL301", "--no-cache").exit_code == 0

    def check():
        result = invoke(
            "check",
            "a.md",
            "--select",
            "CL301",
            "--no-cache",
            "--format",
            "json",
            "--baseline",
            ".contentlint-baseline.json",
        )
        return json.loads(result.stdout)

    added = text.replace(
        "## Infusions\n\n", "## Infusions\n\nAn estimated 50 million Americans live with it.\n\n"
    )
    (tmp_path / "a.md").write_text(added)
    [new] = check()["files"][0]["findings"]
    assert "50 million" in new["excerpt"] and new["line"] == 7

    moved = (
        "# Chronic pain\n\n\n## Infusions\n\nAbout 60% of patients improve after a series of infusions.\n\n"
        "Up to 85% of chronic pain patients experience depression.\n"
    )
    (tmp_path / "a.md").write_text(moved)
    doc = check()
    assert doc["files"][0]["findings"] == [] and doc["baseline"]["stale"] == []

    (tmp_path / "a.md").write_text(text.replace("Up to 85% of", "Many"))
    doc = check()
    assert doc["files"][0]["findings"] == []
    assert [s["rule"] for s in doc["baseline"]["stale"]] == ["CL301"]
    assert doc["baseline"]["stale"][0]["line"] == 3

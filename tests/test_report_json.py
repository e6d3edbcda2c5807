"""The JSON contract: every report validates against lint/report/report.schema.json."""

import json
from pathlib import Path

import pytest
from conftest import GOOD_FRONTMATTER, ROOT
from jsonschema import Draft202012Validator
from reporting import lint, write_corpus

from lint.model.verdicts import BLOCKED, DRAFT, PUBLISHABLE, WARNINGS
from lint.report.json import JsonReporter

SCHEMA = json.loads((ROOT / "lint" / "report" / "report.schema.json").read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA)


def report(run) -> dict:
    return json.loads(JsonReporter().render(run))


def assert_valid(doc: dict) -> None:
    errors = sorted(VALIDATOR.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_schema_is_a_valid_schema():
    Draft202012Validator.check_schema(SCHEMA)


def test_corpus_like_articles_validate(tmp_path):
    doc = report(lint([write_corpus(tmp_path / "articles")]))
    assert_valid(doc)
    by_path = {f["path"]: f for f in doc["files"]}
    assert by_path["articles/latin1.md"]["findings"][0]["category"] == "input"
    assert by_path["articles/no-frontmatter.md"]["verdict"] == "blocked"
    summary = doc["summary"]
    assert set(summary) == {
        "files",
        "blocked",
        "errors",
        "warnings",
    }  # the contract's summary, unchanged
    assert sum(doc["outcomes"].values()) == summary["files"] == len(doc["files"]) == 6
    assert summary["blocked"] == sum(f["verdict"] == "blocked" for f in doc["files"])
    assert summary["errors"] == sum(
        x["severity"] == "error" for f in doc["files"] for x in f["findings"]
    )


@pytest.mark.skipif(not (ROOT / "corpus").is_dir(), reason="the repo has no corpus/ yet")
def test_repo_corpus_validates(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert_valid(report(lint([Path("corpus")])))


def test_draft_is_reported_but_not_blocking(tmp_path):
    doc = report(lint([write_corpus(tmp_path / "a", broken=False)]))
    draft = next(f for f in doc["files"] if f["path"].endswith("draft.md"))
    assert draft["findings"], "a draft's findings are still reported"
    assert (draft["verdict"], draft["outcome"], draft["draft"]) == ("publishable", DRAFT, True)
    assert doc["outcomes"]["draft"] == 1


def test_drafts_block_when_configured(tmp_path):
    doc = report(lint([write_corpus(tmp_path / "a", broken=False)], drafts_block=True))
    draft = next(f for f in doc["files"] if f["path"].endswith("draft.md"))
    assert (draft["verdict"], draft["outcome"], draft["draft"]) == ("blocked", BLOCKED, False)


def test_draft_statuses_are_configurable(tmp_path):
    doc = report(lint([write_corpus(tmp_path / "a", broken=False)], draft_statuses=("wip",)))
    draft = next(f for f in doc["files"] if f["path"].endswith("draft.md"))
    assert draft["outcome"] == BLOCKED  # "status: draft" is no longer a draft status


def test_publishable_with_warnings(write):
    write("w.md", GOOD_FRONTMATTER + "\n# Title\n\nNo disclaimer here.\n")
    doc = report(lint(["w.md"], severity={"CL201": "warning"}, select=("CL101", "CL201")))
    assert_valid(doc)
    [entry] = doc["files"]
    assert entry["findings"] and all(f["severity"] == "warning" for f in entry["findings"])
    assert (entry["verdict"], entry["outcome"]) == ("publishable", WARNINGS)
    assert doc["outcomes"]["publishable-with-warnings"] == 1
    doc = report(
        lint(["w.md"], severity={"CL201": "warning"}, select=("CL101", "CL201"), fail_on="warning")
    )
    assert doc["files"][0]["outcome"] == BLOCKED


def test_clean_article_is_publishable(tmp_path):
    doc = report(lint([write_corpus(tmp_path / "a", broken=False)], select=("CL101", "CL201")))
    clean = next(f for f in doc["files"] if f["path"].endswith("clean.md"))
    assert (clean["verdict"], clean["outcome"], clean["findings"]) == (
        "publishable",
        PUBLISHABLE,
        [],
    )

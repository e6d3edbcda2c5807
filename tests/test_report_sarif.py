"""SARIF 2.1.0: validated against the official schema, vendored in tests/vendor."""

import json

from conftest import ROOT
from jsonschema import Draft7Validator
from reporting import lint, write_corpus

from lint.report.json import JsonReporter
from lint.report.sarif import FINGERPRINT_KEY, SarifReporter, artifact_uri

SCHEMA = json.loads(
    (ROOT / "tests" / "vendor" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)


def sarif_and_json(run):
    return json.loads(SarifReporter().render(run)), json.loads(JsonReporter().render(run))


def test_validates_against_the_official_schema(tmp_path):
    sarif, _ = sarif_and_json(lint([write_corpus(tmp_path / "articles")]))
    errors = list(Draft7Validator(SCHEMA).iter_errors(sarif))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    assert sarif["version"] == "2.1.0"


def test_results_match_findings_with_exclusive_end_column(tmp_path):
    sarif, doc = sarif_and_json(lint([write_corpus(tmp_path / "articles")]))
    [run] = sarif["runs"]
    findings = [f | {"path": entry["path"]} for entry in doc["files"] for f in entry["findings"]]
    assert len(run["results"]) == len(findings) > 0
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for result, finding in zip(run["results"], findings, strict=False):
        assert result["ruleId"] == finding["rule"]
        assert result["level"] == levels[finding["severity"]]
        assert result["message"]["text"] == finding["message"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == finding["path"]
        assert location["region"]["startLine"] == finding["line"]
        assert location["region"]["startColumn"] == finding["column"]
        assert location["region"]["endLine"] == finding["end_line"]
        assert (
            location["region"]["endColumn"] == finding["end_column"] + 1
        )  # SARIF's end is exclusive
        assert result["partialFingerprints"][FINGERPRINT_KEY] == finding["fingerprint"]
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == finding["rule"]


def test_rules_carry_descriptions_help_and_uri(tmp_path):
    sarif, _ = sarif_and_json(lint([write_corpus(tmp_path / "articles")]))
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert "Why it matters" in rule["help"]["markdown"] and rule["help"]["text"]
        assert rule["helpUri"].endswith("/" + rule["id"])
    cl101 = next(r for r in rules if r["id"] == "CL101")
    assert cl101["defaultConfiguration"]["level"] == "error"
    assert cl101["properties"]["category"] == "metadata"


def test_a_span_on_one_character(write):
    write("a.md", "x\n")
    sarif, doc = sarif_and_json(lint(["a.md"], select=("CL101",)))
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    finding = doc["files"][0]["findings"][0]
    assert (finding["column"], finding["end_column"]) == (1, 1)
    assert (region["startColumn"], region["endColumn"]) == (1, 2)


def test_uris_are_percent_encoded():
    assert artifact_uri("my articles/ketamine 50%.md") == "my%20articles/ketamine%2050%25.md"
    assert artifact_uri("/abs/a b.md") == "file:///abs/a%20b.md"

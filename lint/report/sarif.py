"""SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards.

Columns: ours are 1-based character (code point) columns with an inclusive
end; SARIF's endColumn is exclusive, so it is ours + 1, and the run declares
columnKind "unicodeCodePoints" so consumers do not count UTF-16 units.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..engine.rules import Rule
from ..engine.runner import Run
from ..model.finding import Finding
from . import jsonout
from .common import TOOL_URL, first_sentence, help_uri, rule_help_markdown, rule_help_text

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "contentlint/v1"


def artifact_uri(path: str) -> str:
    """Relative paths stay relative (to %SRCROOT%, the working directory); others become file: URIs."""
    candidate = Path(path)
    if candidate.is_absolute():
        return candidate.as_uri()
    return quote(candidate.as_posix(), safe="/-._~")


def rule_descriptor(rule: Rule) -> dict:
    what = str(rule.docs.get("what", "")).strip() or rule.name
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": first_sentence(what)},
        "fullDescription": {"text": " ".join(what.split())},
        "help": {"text": rule_help_text(rule), "markdown": rule_help_markdown(rule)},
        "helpUri": help_uri(rule.code),
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"category": rule.category, "tags": ["content", rule.category]},
    }


def _fallback_rule(finding: Finding) -> dict:
    """A finding whose rule is not in the registry (an engine finding): still describable."""
    return {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": finding.name.replace("-", " ")},
        "helpUri": help_uri(finding.code),
        "properties": {"category": finding.category, "tags": ["content", finding.category]},
    }


def result_of(finding: Finding, index: int, baseline_applied: bool) -> dict:
    region: dict[str, Any] = {
        "startLine": finding.line,
        "startColumn": finding.column,
        "endLine": finding.end_line,
        "endColumn": finding.end_column + 1,
    }
    if finding.excerpt:
        region["snippet"] = {"text": finding.excerpt}
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index,
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": artifact_uri(finding.path),
                        "uriBaseId": "%SRCROOT%",
                    },
                    "region": region,
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
        "properties": {"category": finding.category, "severity": finding.severity},
    }
    if Path(finding.path).is_absolute():
        del result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"]
    if baseline_applied:
        result["baselineState"] = "new"
    return result


def _descriptors(run: Run) -> tuple[list[dict], dict[str, int]]:
    descriptors: list[dict] = []
    index: dict[str, int] = {}
    for rule in sorted(run.rules, key=lambda r: r.code):
        index[rule.code] = len(descriptors)
        descriptors.append(rule_descriptor(rule))
    for result in run.results:
        for finding in result.findings:
            if finding.code not in index:
                known = run.registry.rules.get(finding.code)
                index[finding.code] = len(descriptors)
                descriptors.append(rule_descriptor(known) if known else _fallback_rule(finding))
    return descriptors, index


def _run_head(run: Run, descriptors: list[dict]) -> dict:
    root = Path.cwd().resolve().as_uri().rstrip("/") + "/"
    return {
        "tool": {
            "driver": {
                "name": "contentlint",
                "version": __version__,
                "semanticVersion": semver(__version__),
                "informationUri": TOOL_URL,
                "rules": descriptors,
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": root}},
        "columnKind": "unicodeCodePoints",
    }


def _run_tail(run: Run) -> dict:
    return {
        "invocations": [{"executionSuccessful": True, "exitCode": run.exit_code}],
        "properties": {"verdicts": dict(run.verdicts), "failOn": run.settings.fail_on},
    }


def _results(run: Run, index: dict[str, int]) -> Iterator[dict]:
    applied = run.baseline is not None
    for result in run.results:
        for finding in result.findings:
            yield result_of(finding, index[finding.code], applied)


def document(run: Run) -> dict:
    descriptors, index = _descriptors(run)
    sarif_run = {**_run_head(run, descriptors), "results": list(_results(run, index))}
    sarif_run.update(_run_tail(run))
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [sarif_run]}


def stream(run: Run) -> Iterator[str]:
    """The document of `document(run)`, one finding's result at a time."""
    descriptors, index = _descriptors(run)
    yield f'{{\n  "$schema": {json.dumps(SCHEMA_URI)},\n  "version": "2.1.0",\n  "runs": [\n    '
    yield from jsonout.document(
        _run_head(run, descriptors),
        "results",
        _results(run, index),
        lambda: _run_tail(run),
        2,
        checked=True,  # a finding's fields are strings, ints and bools (lint.model.finding)
    )
    yield "\n  ]\n}\n"


class SarifReporter:
    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet

    def stream(self, run: Run, color: bool = False) -> Iterator[str]:
        return stream(run)

    def render(self, run: Run, color: bool = False) -> str:
        return "".join(stream(run))


def semver(version: str) -> str:
    """PEP 440 to Semantic Versioning 2.0, as SARIF's semanticVersion asks: 0.2.0.dev0 -> 0.2.0-dev.0."""
    import re

    match = re.fullmatch(r"(\d+\.\d+\.\d+)(?:\.?(dev|a|b|rc)\.?(\d+))?", version)
    if not match:
        return version
    core, tag, number = match.groups()
    return f"{core}-{tag}.{number}" if tag else core

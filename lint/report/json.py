"""The JSON contract (version 1). Its schema is lint/report/report.schema.json.

`verdict` is the gate ("publishable" or "blocked"), as the contract has always
said. Fields added since are optional for consumers: `outcome` refines the
verdict (publishable-with-warnings, draft), `draft` flags articles the gate
does not block, `outcomes` counts articles by outcome, `fail_on` is the
threshold used, and `baseline` appears only when one was applied.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import __version__
from ..engine.runner import Run
from ..model.verdicts import BLOCKED, DRAFT, VERDICTS
from . import jsonout
from .common import verdict_of


def file_entry(run: Run, result) -> dict:
    outcome = verdict_of(run, result.path)
    return {
        "path": result.path,
        "verdict": "blocked" if outcome == BLOCKED else "publishable",
        "outcome": outcome,
        "draft": outcome == DRAFT,
        "findings": [f.to_json() for f in result.findings],
    }


def head() -> dict:
    return {"version": 1, "tool": {"name": "contentlint", "version": __version__}}


def tail(run: Run, files: int, errors: int, warnings: int) -> dict:
    doc: dict = {
        "summary": {
            "files": files,
            "blocked": run.blocked,
            "errors": errors,
            "warnings": warnings,
        },
        "outcomes": {verdict: run.count(verdict) for verdict in VERDICTS},
        "fail_on": run.settings.fail_on,
    }
    if run.baseline is not None:
        doc["baseline"] = {"path": run.baseline, "baselined": run.baselined, "stale": run.stale}
    return doc


def document(run: Run) -> dict:
    files = [file_entry(run, result) for result in run.results]
    errors = sum(1 for r in run.results for f in r.findings if f.severity == "error")
    warnings = sum(1 for r in run.results for f in r.findings if f.severity == "warning")
    return {**head(), "files": files, **tail(run, len(files), errors, warnings)}


def stream(run: Run) -> Iterator[str]:
    """The document of `document(run)`, one article's entry at a time."""
    tally = {"files": 0, "error": 0, "warning": 0}

    def entries() -> Iterator[dict]:
        for result in run.results:
            tally["files"] += 1
            for finding in result.findings:
                if finding.severity in tally:
                    tally[finding.severity] += 1
            yield file_entry(run, result)

    yield from jsonout.document(
        head(),
        "files",
        entries(),
        lambda: tail(run, tally["files"], tally["error"], tally["warning"]),
        checked=True,  # a finding's fields are strings, ints and bools (lint.model.finding)
    )
    yield "\n"


class JsonReporter:
    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet

    def stream(self, run: Run, color: bool = False) -> Iterator[str]:
        return stream(run)

    def render(self, run: Run, color: bool = False) -> str:
        return "".join(stream(run))

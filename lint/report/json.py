"""The JSON contract (version 1). Its schema is lint/report/report.schema.json.

`verdict` is the gate ("publishable" or "blocked"), as the contract has always
said. Fields added since are optional for consumers: `outcome` refines the
verdict (publishable-with-warnings, draft), `draft` flags articles the gate
does not block, `outcomes` counts articles by outcome, `fail_on` is the
threshold used, and `baseline` appears only when one was applied.
"""

from __future__ import annotations

import json

from .. import __version__
from ..engine.runner import Run
from ..model.verdicts import BLOCKED, DRAFT, VERDICTS
from .common import verdict_of


def document(run: Run) -> dict:
    files = []
    errors = warnings = 0
    for result in run.results:
        outcome = verdict_of(run, result.path)
        files.append(
            {
                "path": result.path,
                "verdict": "blocked" if outcome == BLOCKED else "publishable",
                "outcome": outcome,
                "draft": outcome == DRAFT,
                "findings": [f.to_json() for f in result.findings],
            }
        )
        errors += sum(1 for f in result.findings if f.severity == "error")
        warnings += sum(1 for f in result.findings if f.severity == "warning")
    doc = {
        "version": 1,
        "tool": {"name": "contentlint", "version": __version__},
        "files": files,
        "summary": {
            "files": len(files),
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


class JsonReporter:
    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet

    def render(self, run: Run, color: bool = False) -> str:
        return json.dumps(document(run), indent=2, ensure_ascii=False) + "\n"

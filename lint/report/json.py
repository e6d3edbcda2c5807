"""The JSON contract (version 1). Its schema is lint/report/report.schema.json."""

from __future__ import annotations

import json

from .. import __version__
from ..runner import Run


def document(run: Run) -> dict:
    files = []
    errors = warnings = 0
    for result in run.results:
        files.append({
            "path": result.path,
            "verdict": run.verdicts.get(result.path, "publishable"),
            "findings": [f.to_json() for f in result.findings],
        })
        errors += sum(1 for f in result.findings if f.severity == "error")
        warnings += sum(1 for f in result.findings if f.severity == "warning")
    return {
        "version": 1,
        "tool": {"name": "contentlint", "version": __version__},
        "files": files,
        "summary": {"files": len(files), "blocked": run.blocked, "errors": errors, "warnings": warnings},
    }


class JsonReporter:
    def render(self, run: Run, color: bool = False) -> str:
        return json.dumps(document(run), indent=2, ensure_ascii=False) + "\n"

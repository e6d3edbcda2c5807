"""The HTML report's index of findings: every finding's severity and rule per article."""

from __future__ import annotations

import json

from ..engine.runner import Run
from .common import SEVERITY_ORDER


def findings_index(run: Run, ids: dict[str, str]) -> str:
    """Every finding's severity and rule per article, for the filters (report.js).

    The filters count from this instead of from the notes, which exist in the
    page only once their article has been opened.
    """
    rules = sorted(run.tally.by(0, 2))
    categories = sorted({c for _, c in rules})
    rule_index = {code: i for i, (code, _) in enumerate(rules)}
    # Each article's entry is encoded as it is read: 10,000 articles' lists of pairs
    # held as Python lists took more memory than the rest of the report.
    docs = {
        ids[r.path]: _compact(
            [[SEVERITY_ORDER.index(f.severity), rule_index[f.code]] for f in r.findings]
        )
        for r in run.results
    }
    head = {
        "severities": list(SEVERITY_ORDER),
        "categories": categories,
        "rules": [[code, categories.index(cat)] for code, cat in rules],
    }
    payload = (
        _compact(head)[:-1]
        + ',"docs":{'
        + ",".join(f"{_compact(key)}:{value}" for key, value in docs.items())
        + "}}"
    ).replace("</", "<\\/")
    return f'<script type="application/json" id="findings-index">{payload}</script>'


def _compact(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=True)

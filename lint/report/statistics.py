"""`check --statistics`: how many findings each rule produced, as ruff prints them."""

from __future__ import annotations

import json
from collections import Counter

from ..engine.runner import Run
from ..model.finding import SEVERITY_RANK


def rule_statistics(run: Run) -> list[dict]:
    """One row per rule and severity with findings, the most frequent first (then by code, worst
    severity first): a rule whose severity depends on the case (CL301's durations, CL114's age)
    shows its errors and its warnings on separate rows, so the counts add up to the report's."""
    counts: Counter = Counter()
    fixable: Counter = Counter()
    rows: dict[tuple[str, str], dict] = {}
    for f in run.findings:
        key = (f.code, f.severity)
        counts[key] += 1
        fixable[key] += f.fix is not None
        rows.setdefault(
            key, {"code": f.code, "name": f.name, "category": f.category, "severity": f.severity}
        )
    order = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0], -SEVERITY_RANK[kv[0][1]]))
    return [{**rows[key], "count": n, "fixable": fixable[key]} for key, n in order]


def render_statistics(run: Run, fmt: str = "text") -> str:
    rows = rule_statistics(run)
    if fmt == "json":
        return json.dumps(rows, indent=2) + "\n"
    if not rows:
        return ""
    width = len(str(rows[0]["count"]))
    code_width = max(len(r["code"]) for r in rows)
    sev_width = max(len(r["severity"]) for r in rows)
    return "".join(
        f"{r['count']:>{width}}  {r['code']:<{code_width}}  {r['severity']:<{sev_width}}  "
        f"{'[*]' if r['fixable'] else '[ ]'} {r['name']}\n"
        for r in rows
    )

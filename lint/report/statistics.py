"""`check --statistics`: how many findings each rule produced, as ruff prints them."""

from __future__ import annotations

import json
from collections import Counter

from ..finding import SEVERITY_RANK
from ..runner import Run


def rule_statistics(run: Run) -> list[dict]:
    """One row per rule with findings, the most frequent first (then by code)."""
    counts: Counter = Counter()
    fixable: Counter = Counter()
    rows: dict[str, dict] = {}
    for f in run.findings:
        counts[f.code] += 1
        fixable[f.code] += f.fix is not None
        row = rows.setdefault(f.code, {"code": f.code, "name": f.name, "category": f.category,
                                       "severity": f.severity})
        # A rule whose severity depends on the case reports its worst.
        if SEVERITY_RANK[f.severity] > SEVERITY_RANK[row["severity"]]:
            row["severity"] = f.severity
    out = []
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append({**rows[code], "count": n, "fixable": fixable[code]})
    return out


def render_statistics(run: Run, fmt: str = "text") -> str:
    rows = rule_statistics(run)
    if fmt == "json":
        return json.dumps(rows, indent=2) + "\n"
    if not rows:
        return ""
    width = len(str(rows[0]["count"]))
    code_width = max(len(r["code"]) for r in rows)
    sev_width = max(len(r["severity"]) for r in rows)
    return "".join(f"{r['count']:>{width}}  {r['code']:<{code_width}}  {r['severity']:<{sev_width}}  "
                   f"{'[*]' if r['fixable'] else '[ ]'} {r['name']}\n" for r in rows)

"""`contentlint facts --pairs`: every pair of figures the consistency rules compared, and the verdict.

A false "these figures contradict each other" costs an editor more than a
miss, so the judgement must be auditable: for each pair of figures with the
same subject and measure (within an article for CL501, across articles for
CL502) and for each figure an evidence-registry entry speaks about (CL503),
this lists whether they conflict, agree, or were not compared, and why.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

from ..analysis.evidence import Entry, load_entries, registry_conflict
from ..analysis.facts.compare import _values_overlap, difference
from ..analysis.facts.fact import Fact
from ..analysis.facts.values import overlaps
from ..engine.config import Settings
from ..engine.rules import Registry
from .facts_report import FACT_RULE, REGISTRY_RULE, _options, collect


def judge(a: Fact, b: Fact, tolerance: float, points: float) -> tuple[str, str]:
    """(verdict, why): verdict is conflict, agree or not compared."""
    from ..checks.consistency import not_rivals

    why = difference(a, b, tolerance)
    if why is None:
        why = not_rivals(a, b)
    if why is not None:
        return "not compared", why
    if _values_overlap(a, b, tolerance, points):
        return "agree", f"{a.value} and {b.value} can both be true"
    return "conflict", f"{a.value} and {b.value} cannot both be true"


def _registry_rows(fact: Fact, entries: Sequence[Entry], tolerance: float) -> list[dict[str, Any]]:
    rows = []
    decided = registry_conflict(fact, entries, tolerance)
    for entry in entries:
        if fact.key != (entry.subject, entry.measure):
            continue
        if fact.unit != entry.value.unit:
            verdict, why = "not compared", f"different units ({fact.unit} vs {entry.value.unit})"
        elif any(dim not in fact.qualifiers for dim in entry.require):
            missing = ", ".join(d for d in entry.require if d not in fact.qualifiers)
            verdict, why = "not compared", f"the entry needs the figure to state its {missing}"
        elif any(fact.qualifiers.get(d, v) != v for d, v in entry.qualifiers.items()):
            dim = next(d for d, v in entry.qualifiers.items() if fact.qualifiers.get(d, v) != v)
            verdict, why = (
                "not compared",
                f"different {dim} ({fact.qualifiers[dim]} vs {entry.qualifiers[dim]})",
            )
        elif overlaps(fact.as_value, entry.value, entry.tolerance or tolerance):
            verdict, why = (
                "agree",
                f"{fact.value} and the registry's {entry.value.display} can both be true",
            )
        else:
            verdict, why = (
                "conflict",
                f"{fact.value} contradicts the registry's {entry.value.display}",
            )
            if decided is not entry:
                why += "; not reported: another entry for it agrees"
        rows.append(
            _row(
                "CL503",
                fact,
                None,
                verdict,
                why,
                registry=entry.key,
                reported="CL503" if verdict == "conflict" and decided is entry else "",
            )
        )
    return rows


def _where(fact: Fact) -> dict[str, Any]:
    return {
        "file": fact.path,
        "line": fact.line,
        "column": fact.column,
        "text": fact.text,
        "value": fact.value,
    }


def _row(
    rule: str,
    a: Fact,
    b: Fact | None,
    verdict: str,
    why: str,
    registry: str = "",
    reported: str = "",
) -> dict[str, Any]:
    """`reported`: the rule that reports the pair's conflict, or "" when none does."""
    return {
        "rule": rule,
        "subject": a.subject_label,
        "measure": a.measure_label,
        "a": _where(a),
        "b": _where(b) if b is not None else {"registry": registry},
        "verdict": verdict,
        "why": why,
        "reported": reported,
    }


def pair_rows(
    facts: Sequence[Fact], entries: Sequence[Entry], tolerance: float, points: float
) -> list[dict[str, Any]]:
    from ..checks.consistency import split_conflicts

    keyed = [f for f in facts if f.key is not None]
    by_path: dict[str, list[Fact]] = defaultdict(list)
    for fact in keyed:
        by_path[fact.path].append(fact)
    rows: list[dict[str, Any]] = []
    for path in sorted(by_path):
        article = by_path[path]
        _, conflicts = split_conflicts(article, tolerance, points)
        reported = {(id(a), id(b)) for a, b in conflicts}
        for a, b in combinations(article, 2):
            if a.key != b.key:
                continue
            verdict, why = judge(a, b, tolerance, points)
            hit = (id(b), id(a)) in reported
            if verdict == "conflict" and not hit:
                why += "; not reported: the article states both elsewhere, or the earlier figure is itself contradicted"
            rows.append(_row("CL501", a, b, verdict, why, reported="CL501" if hit else ""))
    from ..checks.consistency import corpus_conflicts

    accepted = {path: split_conflicts(by_path[path], tolerance, points)[0] for path in by_path}
    flagged = {
        (id(fact), id(other))
        for fact, others in corpus_conflicts(accepted, entries, tolerance, points)
        for other in others
    }
    paths = sorted(by_path)
    for i, first in enumerate(paths):
        for second in paths[i + 1 :]:
            for a in by_path[first]:
                for b in by_path[second]:
                    if a.key == b.key:
                        verdict, why = judge(a, b, tolerance, points)
                        hit = (id(a), id(b)) in flagged or (id(b), id(a)) in flagged
                        by = ""
                        if verdict == "conflict" and hit:
                            # one defect, one finding: CL502 yields to CL503 on a figure the registry contradicts
                            registry_hit = any(
                                registry_conflict(f, entries, tolerance) for f in (a, b)
                            )
                            by = "CL503" if registry_hit else "CL502"
                        elif verdict == "conflict":
                            why += (
                                "; not reported: the registry or the other articles' majority decides"
                                " which is the outlier, or the figure conflicts within its own article"
                            )
                        rows.append(_row("CL502", a, b, verdict, why, reported=by))
    for fact in keyed:
        rows.extend(_registry_rows(fact, entries, tolerance))
    return rows


def render_pairs(
    paths: Sequence[Path],
    settings: Settings,
    registry: Registry,
    fmt: str = "text",
    color: bool = False,
) -> str:
    options = _options(registry, settings, FACT_RULE)
    tolerance = float(options.get("tolerance", 0.1))
    points = float(options.get("percentage_points", 0.0))
    facts = collect(paths, settings, registry)
    entries = load_entries(_options(registry, settings, REGISTRY_RULE).get("evidence"))
    rows = pair_rows(facts, entries, tolerance, points)
    if fmt == "json":
        return json.dumps({"version": 1, "pairs": rows}, indent=2, ensure_ascii=False) + "\n"
    return _text(rows, color)


def _at(where: dict[str, Any]) -> str:
    if "registry" in where:
        return f"registry {where['registry']}"
    return f"{where['file']}:{where['line']} {where['value']}"


def _text(rows: list[dict[str, Any]], color: bool) -> str:
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    grid = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("rule", "figure", "against", "about", "verdict", "why"):
        grid.add_column(column, overflow="fold")
    for row in rows:
        verdict = row["verdict"] + (f" ({row['reported']})" if row["reported"] else "")
        grid.add_row(
            row["rule"],
            _at(row["a"]),
            _at(row["b"]),
            f"{row['subject']} {row['measure']}",
            verdict,
            row["why"],
        )
    buffer = StringIO()
    Console(
        file=buffer, width=220, no_color=not color, highlight=False, force_terminal=color
    ).print(grid)
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row["verdict"]] += 1
    summary = ", ".join(f"{n} {v}" for v, n in sorted(counts.items())) or "none"
    buffer.write(f"\n{len(rows)} pairs compared: {summary}\n")
    return buffer.getvalue()

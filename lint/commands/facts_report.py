"""`contentlint facts PATHS`: the figures each article states, as the consistency rules see them.

Editors use it to audit what the tool understood (a wrong subject or measure
is the usual cause of a wrong CL501/CL502 finding) and to seed the evidence
registry: `--format json` gives each figure's subject and measure ids,
normalised interval and qualifiers, in the registry's terms.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..analysis.evidence import Entry, load_entries, registry_conflict, registry_match
from ..analysis.facts.extract import extract_facts
from ..analysis.facts.fact import Fact
from ..analysis.facts.values import days_label
from ..checks.consistency import KIND as CONSISTENCY
from ..engine.config import Settings
from ..engine.discover import discover
from ..engine.pipeline import INPUT_RULE
from ..engine.rules import Registry, Rule
from ..model.article import Article
from ..model.check_kind import CheckKind

# CL501-CL503 share one kind (issue 13): the figures are read as CL501 reads them, and the
# registry is CL503's (a project may still set it on that rule alone, deprecated).
FACT_RULE = (CONSISTENCY.name, "within")
REGISTRY_RULE = (CONSISTENCY.name, "registry")


def _options(registry: Registry, settings: Settings, which: tuple[str, str]) -> Mapping[str, Any]:
    """The options of the rule of `which` (kind, message), with the project's overrides."""
    rule = _rule_of(registry, settings, which)
    return rule.options if rule is not None else {}


def _rule_of(registry: Registry, settings: Settings, which: tuple[str, str]) -> Rule | None:
    """The rule of `which` (kind, message), whatever the project selects (`facts` lists
    every figure)."""
    kind, message = which
    from ..engine.runner import select_rules

    everything = replace(settings, select=("CL",), extend_select=(), ignore=())
    for rule in select_rules(registry, everything):
        if rule.check == kind and rule.emits in ("", message):
            return rule
    return None


def _all_facts(article: Article, options: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every figure of one article, as plain data (run in the worker, kept in the result cache)."""
    return [fact.to_json() for fact in extract_facts(article, options)]


# `facts` runs like `check`, through the runner (workers, file policy, result cache), with
# one rule of its own: a collector of every figure, configured like the fact-consistency rule.
# Its code is no rule's code, so its cache entries never mix with a `check` run's.
COLLECTOR = CheckKind(name="facts-report", options={}, scope="corpus", collect=_all_facts)
COLLECTOR_CODE = "FACTS"


def _collector(registry: Registry, settings: Settings) -> tuple[list[Rule], Registry]:
    """The rules a `facts` run analyses with (the input rule and the collector), and the
    registry that knows the collector's kind."""
    base = _rule_of(registry, settings, FACT_RULE)
    rule = Rule(
        code=COLLECTOR_CODE,
        name=COLLECTOR.name,
        category="input",
        severity="info",
        check=COLLECTOR.name,
        message="",
        options=dict(base.options) if base is not None else {},
        docs={},
        examples={},
    )
    rules = [r for r in (registry.rules.get(INPUT_RULE),) if r is not None] + [rule]
    return rules, Registry(
        rules=registry.rules, kinds={**registry.kinds, COLLECTOR.name: COLLECTOR}
    )


def collect(paths: Sequence[Path], settings: Settings, registry: Registry) -> list[Fact]:
    from ..engine.files import FilePolicy
    from ..engine.runner import analyse_files

    rules, own = _collector(registry, settings)
    files = discover(
        paths, settings.include, tuple(settings.exclude) + tuple(settings.extend_exclude)
    )
    results = analyse_files(
        files, rules, own, settings, settings.jobs, policy=FilePolicy.for_run(settings, paths)
    )
    facts: list[Fact] = []
    for result in results:
        data = result.collected.get(COLLECTOR_CODE)
        if data is None:
            problem = next((f.message for f in result.findings if f.code == INPUT_RULE), "")
            print(f"contentlint: {result.path}: skipped ({problem})", file=sys.stderr)
            continue
        facts.extend(Fact.from_json(item) for item in data)
    return facts


def _registry_state(fact: Fact, entries: Sequence[Entry]) -> dict[str, str] | None:
    if not entries or fact.key is None:
        return None
    entry = registry_match(fact, entries)
    if entry is not None:
        return {"key": entry.key, "status": "agrees", "value": entry.value.display}
    entry = registry_conflict(fact, entries)
    if entry is not None:
        return {"key": entry.key, "status": "contradicts", "value": entry.value.display}
    return None


def _qualifiers(fact: Fact) -> dict[str, str]:
    quals = dict(fact.qualifiers)
    if fact.timepoint:
        quals["time point"] = days_label(fact.timepoint)
    if fact.study:
        quals["source"] = "one study"
    return quals


def _why_not(fact: Fact) -> str | None:
    if fact.key is not None:
        return None
    if fact.comparator:
        return "about a comparator arm"
    if fact.not_compared:
        return fact.not_compared
    return "no measure" if fact.subject else "no subject"


def rows(facts: Iterable[Fact], entries: Sequence[Entry]) -> list[dict[str, Any]]:
    out = []
    for f in facts:
        out.append(
            {
                "file": f.path,
                "line": f.line,
                "column": f.column,
                "end_line": f.end_line,
                "end_column": f.end_column,
                "text": f.text,
                "subject": f.subject_label or None,
                "subject_id": f.subject,
                "measure": f.measure_label or None,
                "measure_id": f.measure,
                "value": f.value,
                "low": f.low,
                "high": f.high,
                "unit": f.unit,
                "qualifier": f.qualifier,
                "dimension": f.dimension,
                "qualifiers": _qualifiers(f),
                "cited": f.cited,
                "compared": f.key is not None,
                "not_compared": _why_not(f),
                "registry": _registry_state(f, entries),
            }
        )
    return out


def render_facts(
    paths: Sequence[Path],
    settings: Settings,
    registry: Registry,
    fmt: str = "text",
    keyed_only: bool = False,
    color: bool = False,
) -> str:
    facts = collect(paths, settings, registry)
    if keyed_only:
        facts = [f for f in facts if f.key is not None]
    entries = load_entries(_options(registry, settings, REGISTRY_RULE).get("evidence"))
    table = rows(facts, entries)
    if fmt == "json":
        return json.dumps({"version": 1, "facts": table}, indent=2, ensure_ascii=False) + "\n"
    return _text(table, color)


def _text(table: list[dict[str, Any]], color: bool) -> str:
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    grid = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("file", "line", "subject", "measure", "value", "qualifiers", "cited", "notes"):
        grid.add_column(column, overflow="fold")
    for row in table:
        cited = {True: "yes", False: "no", None: "?"}[row["cited"]]
        quals = ", ".join(f"{k}: {v}" for k, v in row["qualifiers"].items())
        reg = row["registry"]
        if reg:
            notes = f"{reg['status']} registry {reg['key']}"
        elif row["not_compared"]:
            notes = f"not compared: {row['not_compared']}"
        else:
            notes = ""
        grid.add_row(
            row["file"],
            str(row["line"]),
            row["subject"] or "?",
            row["measure"] or "?",
            row["value"],
            quals,
            cited,
            notes,
        )
    buffer = StringIO()
    Console(
        file=buffer, width=220, no_color=not color, highlight=False, force_terminal=color
    ).print(grid)
    keyed = sum(1 for r in table if r["compared"])
    files = len({r["file"] for r in table})
    buffer.write(
        f"\n{len(table)} figures in {files} file{'s' if files != 1 else ''}; "
        f"{keyed} with a subject and measure (compared by CL501-CL503)\n"
    )
    return buffer.getvalue()

"""The corpus pass, article by article: what corpus-scope rules report, and for whom.

The comparison reads only what each article collected; the findings it yields are
kept by path and added to each article when its turn comes, so that the runner can
hold its results out of memory (lint.engine.results) and take them one at a time.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from .findings import finding_from_item, lines_of
from .rules import Registry, Rule

# What the corpus pass found for one article: (rule, item, rules it yields to), in rule order.
Pending = list[tuple[Rule, Mapping[str, Any], set[str]]]


def corpus_items(
    collected: Iterable[tuple[str, Mapping[str, Any]]],
    rules: Sequence[Rule],
    registry: Registry,
    about: Collection[str] | None = None,
) -> dict[str, Pending]:
    """Corpus-scope rules compare what every article collected ((path, collected) pairs);
    what each reports, by the path of the article it is about (with `about`, at least
    what they report about those paths)."""
    collected = list(collected)
    pending: dict[str, Pending] = {}
    for rule in rules:
        kind = registry.kinds[rule.check]
        if kind.scope != "corpus" or kind.compare is None or not kind.collects(rule.emits):
            continue
        data = {path: c[rule.code] for path, c in collected if rule.code in c}
        deferred = {
            r.code
            for r in rules
            if r.check in kind.yields_to or (r.check == kind.name and r.emits in kind.yields_to)
        }
        if about is not None and kind.compares_about:
            items = kind.compare(data, rule.options, about=about)
        else:
            items = kind.compare(data, rule.options)
        for path, item in items:
            pending.setdefault(path, []).append((rule, item, deferred))
    return pending


def add_corpus_findings(target: Any, pending: Pending) -> None:
    """The corpus findings of one article, unless a rule it yields to reports the same span."""
    lines = None  # the article's lines, split once for all its findings
    for rule, item, deferred in pending:
        if deferred and _reported(target, deferred, item):
            continue
        if lines is None:
            lines = lines_of(target.text)
        target.findings.append(finding_from_item(target, rule, item, lines))


def _reported(result: Any, codes: set[str], item: Mapping[str, Any]) -> bool:
    """Whether one of `codes` already reports the span a corpus item is about."""
    line, col = int(item["line"]), int(item["column"])
    return any(f.code in codes and f.line == line and f.column == col for f in result.findings)

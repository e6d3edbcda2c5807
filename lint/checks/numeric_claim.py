"""Unsupported numeric claims: a figure that states a fact and has no citation.

The number grammar (lint.analysis.numbers) finds the figures; citation detection
(lint.analysis.citations) says which are supported. Headings are never reported. The
severity of each kind is an option: a kind set to "off" is not reported, and
"default" uses the rule's own severity (so a user's severity override applies).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..analysis.citations import CITATION_OPTIONS, citations_for
from ..analysis.claims import (
    claim_span,
    enumerations,
    label_of,
    one_figure,
    summary_detail,
    uncited_figures,
    vocabulary,
)
from ..analysis.evidence import validate_registry
from ..analysis.numbers import KINDS, NumericMention, extract_mentions
from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import SEVERITIES, Hit

DEFAULT_SEVERITY = dict.fromkeys(KINDS, "default")
DEFAULT_SEVERITY.update({"duration": "warning", "measurement": "warning"})
SEVERITY_RANK = {"default": 0, "error": 0, "warning": 1, "info": 2, "off": 3}


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    mentions = extract_mentions(article)
    if not mentions:
        return
    severities = dict(DEFAULT_SEVERITY)
    severities.update({str(k): str(v) for k, v in (options.get("severity-by-kind") or {}).items()})
    citations = citations_for(article, options)
    vocab = vocabulary(options.get("not-claims") or {})
    uncited, reach = uncited_figures(article, mentions, severities, citations, vocab)
    for group in one_figure(article, enumerations(article, uncited), vocab):
        yield _finding(article, group, mentions, severities, citations, options, reach)


def _finding(
    article: Article,
    group: list[NumericMention],
    mentions: list[NumericMention],
    severities: Mapping[str, str],
    citations,
    options: Mapping[str, Any],
    reach: Mapping[int, int],
) -> Hit:
    """One finding for a group of figures that make one claim."""
    first = group[0]
    # figures merged into one finding keep the strictest severity among them
    severity = min(
        (severities.get(m.kind, "default") for m in group), key=lambda s: SEVERITY_RANK.get(s, 0)
    )
    detail, fix = summary_detail(article, citations, first, mentions), None
    for mention in group:
        hint = _registry_citation(article, mention, options)
        if hint is not None:
            detail, fix = detail + hint[0], hint[1]
            break
    end, claim = claim_span(article, group, reach)
    return Hit(
        first.start,
        end,
        {"label": label_of(first), "claim": claim, "kind": first.kind, "detail": detail},
        severity=severity if severity in SEVERITIES else None,
        fix=fix,
    )


# -- the evidence registry (issue 5; lint.analysis.evidence) -----------------------------
def _registry_citation(article: Article, mention: NumericMention, options: Mapping[str, Any]):
    """An uncited figure the evidence registry agrees with: name the registry's
    source in the message and offer a fix that adds it as a footnote."""
    from ..analysis.evidence import registry_hint

    hint = registry_hint(article, mention, options)
    if hint is None:
        return None
    entry, fix = hint
    return f"; the evidence registry cites {entry.source} (--fix adds it as a footnote)", fix


def validate(options: Mapping[str, Any]) -> None:
    for kind, severity in (options.get("severity-by-kind") or {}).items():
        if kind not in DEFAULT_SEVERITY:
            raise ValueError(
                f"severity-by-kind: unknown kind {kind!r} (kinds: {', '.join(DEFAULT_SEVERITY)})"
            )
        if severity not in ("error", "warning", "info", "off", "default"):
            raise ValueError(
                f"severity-by-kind.{kind}: {severity!r} is not error, warning, info, off or default"
            )
    validate_registry(options)


KIND = CheckKind(
    name="numeric-claim",
    options={"severity-by-kind": {}, **CITATION_OPTIONS, "evidence": {}, "not-claims": {}},
    run=run,
    validate=validate,
)

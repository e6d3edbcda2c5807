"""Unsupported numeric claims: a figure that states a fact and has no citation.

The number grammar (lint.analysis.numbers) finds the figures; citation detection
(lint.analysis.citations) says which are supported. Headings are never reported. The
severity of each kind is an option: a kind set to "off" is not reported, and
"default" uses the rule's own severity (so a user's severity override applies).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..analysis.citations import CITATION_OPTIONS, citations_for, same_figure
from ..analysis.claims import (
    enumerations,
    not_a_claim,
    one_figure,
    outcome_threshold,
    vocabulary,
    worked_example,
)
from ..analysis.evidence import validate_registry
from ..analysis.numbers import KINDS, NumericMention, extract_mentions
from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import SEVERITIES, Hit

LABELS = {
    "percentage": "Statistic",
    "count": "Statistic",
    "ratio": "Statistic",
    "multiplier": "Comparison",
    "risk-change": "Risk figure",
    "duration": "Duration",
    "dose": "Dose",
    "study-statistic": "Study statistic",
    "year-finding": "Dated study",
    "measurement": "Measurement",
}
TIME_UNITS = {
    "seconds",
    "minutes",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "decades",
    "nights",
}
DEFAULT_SEVERITY = dict.fromkeys(KINDS, "default")
DEFAULT_SEVERITY.update({"duration": "warning", "measurement": "warning"})
MARKUP = re.compile(r"[*_`]+")
SEVERITY_RANK = {"default": 0, "error": 0, "warning": 1, "info": 2, "off": 3}


def label_of(mention: NumericMention) -> str:
    if mention.kind == "dose" and (
        mention.unit in TIME_UNITS
        or mention.unit.startswith("per ")
        or mention.unit in ("sessions", "infusions", "treatments", "doses")
    ):
        return "Protocol"
    return LABELS.get(mention.kind, "Figure")


def claim_text(mention: NumericMention) -> str:
    return " ".join(MARKUP.sub("", mention.text).split())


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    mentions = extract_mentions(article)
    if not mentions:
        return
    severities = dict(DEFAULT_SEVERITY)
    severities.update({str(k): str(v) for k, v in (options.get("severity-by-kind") or {}).items()})
    citations = citations_for(article, options)
    vocab = vocabulary(options.get("not-claims") or {})
    uncited, reach = _uncited(article, mentions, severities, citations, vocab)
    for group in one_figure(article, enumerations(article, uncited), vocab):
        yield _finding(article, group, mentions, severities, citations, options, reach)


def _uncited(
    article: Article,
    mentions: list[NumericMention],
    severities: Mapping[str, str],
    citations,
    vocab,
) -> tuple[list[NumericMention], dict[int, int]]:
    """The figures that state a fact without a source, and how far each population figure's
    finding reaches over its outcome threshold."""
    with_figures = {m.sentence_start for m in mentions if m.kind != "year-finding"}
    by_sentence: dict[int, list[NumericMention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence_start, []).append(mention)
    uncited: list[NumericMention] = []
    reach: dict[int, int] = {}  # by the figure's identity, while this run holds the figures
    for mention in mentions:
        severity = severities.get(mention.kind, "default")
        if severity == "off" or article.blocks[mention.block].kind == "heading":
            continue
        if worked_example(article, mention):
            continue
        if not_a_claim(article, mention, mentions, citations, vocab):
            continue
        owner = outcome_threshold(article, mention, by_sentence[mention.sentence_start])
        if owner is not None:
            reach[id(owner)] = max(reach.get(id(owner), 0), mention.end)
            continue
        if mention.kind == "year-finding" and mention.sentence_start in with_figures:
            continue  # "A 2018 review found that 50-80%...": the figures are the claim
        if citations.support_for(mention, mentions) is not None:
            continue
        if mention.kind == "year-finding" and citations.cited_before(mention.text, mention.start):
            continue  # "the 2022 ADA guidelines" after the cited 2022 criteria
        uncited.append(mention)
    return uncited, reach


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
    first, last = group[0], group[-1]
    # figures merged into one finding keep the strictest severity among them
    severity = min(
        (severities.get(m.kind, "default") for m in group), key=lambda s: SEVERITY_RANK.get(s, 0)
    )
    detail, fix = _detail(article, citations, first, mentions), None
    for mention in group:
        hint = _registry_citation(article, mention, options)
        if hint is not None:
            detail, fix = detail + hint[0], hint[1]
            break
    end = max(last.end, reach.get(id(last), 0))
    close = re.match(r"[^()\n]{0,3}\)", article.text[end : end + 4])
    if close and article.text[first.start : end].count("(") > article.text[first.start : end].count(
        ")"
    ):
        end += close.end()  # "1 in 4 (25%)": the restatement's closing parenthesis
    claim = (
        claim_text(first)
        if len(group) == 1 and end == last.end
        else " ".join(MARKUP.sub("", article.text[first.start : end]).split())
    )
    return Hit(
        first.start,
        end,
        {"label": label_of(first), "claim": claim, "kind": first.kind, "detail": detail},
        severity=severity if severity in SEVERITIES else None,
        fix=fix,
    )


def _detail(
    article: Article, citations, mention: NumericMention, mentions: list[NumericMention]
) -> str:
    """For a figure repeated in a summary: say that its other occurrence is not cited either."""
    if not citations.in_summary(mention.start):
        return ""
    for other in mentions:
        if (
            other is not mention
            and same_figure(other, mention)
            and not citations.in_summary(other.start)
        ):
            line, _ = article.position(other.start)
            return f" (nor is the same figure at line {line})"
    return ""


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

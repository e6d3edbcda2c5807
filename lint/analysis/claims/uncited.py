"""The figures a numeric-claim finding reports: those that state a fact without a source,
what each finding says of them (its label, its claim's text, a summary's uncited twin)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..citations import same_figure
from .context import sentence_memo
from .grouping import outcome_threshold, worked_example
from .not_claims import not_a_claim

if TYPE_CHECKING:  # pragma: no cover
    from ...model.article import Article
    from ..numbers import NumericMention

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
MARKUP = re.compile(r"[*_`]+")


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


def uncited_figures(
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
    memo = sentence_memo(article, vocab, citations)
    for mention in mentions:
        severity = severities.get(mention.kind, "default")
        if severity == "off" or article.blocks[mention.block].kind == "heading":
            continue
        if worked_example(article, mention):
            continue
        owner = outcome_threshold(article, mention, by_sentence[mention.sentence_start])
        # a cited figure that extends no finding is not reported, claim or not: the citation
        # index answers that before the not-a-claim tests (the costlier question) are asked
        if owner is None and citations.support_for(mention, mentions) is not None:
            continue
        if not_a_claim(article, mention, mentions, citations, vocab, memo):
            continue
        if owner is not None:
            reach[id(owner)] = max(reach.get(id(owner), 0), mention.end)
            continue
        if mention.kind == "year-finding" and mention.sentence_start in with_figures:
            continue  # "A 2018 review found that 50-80%...": the figures are the claim
        if mention.kind == "year-finding" and citations.cited_before(mention.text, mention.start):
            continue  # "the 2022 ADA guidelines" after the cited 2022 criteria
        uncited.append(mention)
    return uncited, reach


def claim_span(
    article: Article, group: list[NumericMention], reach: Mapping[int, int]
) -> tuple[int, str]:
    """Where a group's finding ends, and the claim it quotes."""
    first, last = group[0], group[-1]
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
    return end, claim


def summary_detail(
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

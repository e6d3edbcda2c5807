"""Figures that belong together: one claim, one finding (policy §1-§2, §5)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..citations import same_figure

if TYPE_CHECKING:  # pragma: no cover
    from ...model.article import Article
    from ..numbers import NumericMention

EXAMPLE_LABEL = re.compile(r"^\W*(?:worked\s+)?example\s*\d*\s*\W*:", re.I)


def worked_example(article: Article, mention: NumericMention) -> bool:
    """ "**Example**: 100 mg/week = 50 mg Mon + 50 mg Thu" shows arithmetic, not a fact:
    a line (or list item) labelled as an example states nothing that needs a source."""
    block = article.blocks[mention.block]
    if block.lead_in and re.fullmatch(r"(?:worked\s+)?example\s*\d*", block.lead_in.strip(), re.I):
        return True
    return bool(EXAMPLE_LABEL.match(article.prose[mention.sentence_start : mention.sentence_end]))


POPULATION = {
    "people",
    "patients",
    "participants",
    "adults",
    "subjects",
    "respondents",
    "users",
    "men",
    "women",
    "children",
    "adolescents",
    "veterans",
    "individuals",
    "responders",
    "them",
}
LINKING_WORDS = re.compile(r"^[\s*_]*(?:\w+[\s*_]+){1,4}$")


def outcome_threshold(
    article: Article, mention: NumericMention, sentence: list[NumericMention]
) -> NumericMention | None:
    """In "32% of people lose ≥20% of body weight" the two figures are one claim:
    the share of people, and the outcome that defines it. The population figure
    is returned, and its finding is extended over the threshold."""
    if mention.kind != "percentage":
        return None
    for other in sentence:  # the figures of the mention's own sentence
        if other is mention or other.end > mention.start:
            continue
        if other.kind in ("percentage", "ratio") and (other.noun or "").lower() in POPULATION:
            between = article.prose[other.end : mention.start]
            if LINKING_WORDS.match(between) and not re.search(r"[,;.]|\band\b|\bwhile\b", between):
                return other
    return None


SEPARATOR = re.compile(r"^[\s,;/&+→*_]*(?:(?:and|or|to|then|vs\.?|versus)[\s,;/*_]*)?$", re.I)


def enumerations(article: Article, mentions: list[NumericMention]) -> list[list[NumericMention]]:
    """Figures of one kind listed together ("0.25mg, 0.5mg, 1mg or 2mg") become one finding."""
    groups: list[list[NumericMention]] = []
    for mention in mentions:
        if groups:
            prev = groups[-1][-1]
            if (
                prev.kind == mention.kind
                and prev.sentence_start == mention.sentence_start
                and prev.block == mention.block
                and prev.end <= mention.start
                and SEPARATOR.match(article.text[prev.end : mention.start])
            ):
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups


RESTATEMENT = re.compile(
    r"^\s*(?:[A-Za-z]+\s+){0,2}?[(\[]\s*(?:=|≈|~|i\.e\.,?|or|so,?|about|approx\.?|roughly)?\s*$"
)


def one_figure(
    article: Article, groups: list[list[NumericMention]], vocab
) -> list[list[NumericMention]]:
    """One defect, one finding (policy §1-§2, §5): the figures of one sentence that state one fact merge.

    - a regimen or study size joined by a preposition or relative clause ("six sessions over two weeks",
      "4 doses of 20 mg each", "two trials that included 80 patients"; joiners in not-claims.yaml);
    - a restatement or conversion in parentheses right after a figure ("1 in 4 (25%)", "(= 20 mg)");
    - the same figure again in the same sentence, or a second reading of the same words: dropped.
    """
    joiners = vocab.get("one-figure-joiners")
    merged: list[list[NumericMention]] = []
    for group in groups:
        first = group[0]
        if merged:
            prev = merged[-1]
            last = prev[-1]
            if last.sentence_start == first.sentence_start and last.block == first.block:
                if first.start < last.end or any(
                    same_figure(m, first)
                    and m.kind == first.kind
                    and "\n" not in article.text[m.end : first.start]
                    for g in merged
                    if g[0].sentence_start == first.sentence_start
                    for m in g
                ):
                    continue  # the same words, or the same figure again: already reported
                between = article.text[last.end : first.start]
                if RESTATEMENT.match(between):
                    prev.extend(
                        group
                    )  # "1 in 4 (25%)", "(= 20 mg)": a restatement of the figure before
                    continue
                if (
                    joiners is not None
                    and len(between.split()) <= 6
                    and re.fullmatch(r"\s*(?:" + joiners.pattern + r")\s*", between, re.I)
                ):
                    prev.extend(group)  # "six sessions over two weeks": one regimen or study size
                    continue
        merged.append(list(group))
    return merged

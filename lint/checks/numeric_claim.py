"""Unsupported numeric claims: a figure that states a fact and has no citation.

The number grammar (lint.numbers) finds the figures; citation detection
(lint.citations) says which are supported. Headings are never reported. The
severity of each kind is an option: a kind set to "off" is not reported, and
"default" uses the rule's own severity (so a user's severity override applies).
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping, Optional

from ..article import Article
from ..citations import CITATION_OPTIONS, citations_for, same_figure
from ..evidence import validate_registry
from ..finding import SEVERITIES, Hit
from ..numbers import KINDS, NumericMention, extract_mentions
from ..rules import CheckKind

LABELS = {
    "percentage": "Statistic", "count": "Statistic", "ratio": "Statistic", "multiplier": "Comparison",
    "risk-change": "Risk figure", "duration": "Duration", "dose": "Dose", "study-statistic": "Study statistic",
    "year-finding": "Dated study", "measurement": "Measurement",
}
TIME_UNITS = {"seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "nights"}
DEFAULT_SEVERITY = {kind: "default" for kind in KINDS}
DEFAULT_SEVERITY.update({"duration": "warning", "measurement": "warning"})
MARKUP = re.compile(r"[*_`]+")


def label_of(mention: NumericMention) -> str:
    if mention.kind == "dose" and (mention.unit in TIME_UNITS or mention.unit.startswith("per ") or
                                   mention.unit in ("sessions", "infusions", "treatments", "doses")):
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
    with_figures = {m.sentence_start for m in mentions if m.kind != "year-finding"}
    by_sentence: dict[int, list[NumericMention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence_start, []).append(mention)
    uncited: list[NumericMention] = []
    reach: dict[int, int] = {}  # a population figure's finding reaches over its outcome threshold
    for mention in mentions:
        severity = severities.get(mention.kind, "default")
        if severity == "off" or article.blocks[mention.block].kind == "heading":
            continue
        if worked_example(article, mention):
            continue
        owner = outcome_threshold(article, mention, by_sentence[mention.sentence_start])
        if owner is not None:
            reach[id(owner)] = max(reach.get(id(owner), 0), mention.end)
            continue
        if mention.kind == "year-finding" and mention.sentence_start in with_figures:
            continue  # "A 2018 review found that 50-80%...": the figures are the claim
        if citations.support_for(mention, mentions) is not None:
            continue
        uncited.append(mention)
    for group in enumerations(article, uncited):
        first, last = group[0], group[-1]
        severity = severities.get(first.kind, "default")
        detail, fix = _detail(article, citations, first, mentions), None
        for mention in group:
            hint = _registry_citation(article, mention, options)
            if hint is not None:
                detail, fix = detail + hint[0], hint[1]
                break
        end = max(last.end, reach.get(id(last), 0))
        claim = claim_text(first) if len(group) == 1 and end == last.end else \
            " ".join(MARKUP.sub("", article.text[first.start:end]).split())
        yield Hit(first.start, end, {
            "label": label_of(first), "claim": claim, "kind": first.kind, "detail": detail,
        }, severity=severity if severity in SEVERITIES else None, fix=fix)


EXAMPLE_LABEL = re.compile(r"^\W*(?:worked\s+)?example\s*\d*\s*\W*:", re.I)


def worked_example(article: Article, mention: NumericMention) -> bool:
    """ "**Example**: 100 mg/week = 50 mg Mon + 50 mg Thu" shows arithmetic, not a fact:
    a line (or list item) labelled as an example states nothing that needs a source."""
    block = article.blocks[mention.block]
    if block.lead_in and re.fullmatch(r"(?:worked\s+)?example\s*\d*", block.lead_in.strip(), re.I):
        return True
    return bool(EXAMPLE_LABEL.match(article.prose[mention.sentence_start:mention.sentence_end]))


POPULATION = {"people", "patients", "participants", "adults", "subjects", "respondents", "users", "men",
              "women", "children", "adolescents", "veterans", "individuals", "responders", "them"}
LINKING_WORDS = re.compile(r"^[\s*_]*(?:\w+[\s*_]+){1,4}$")


def outcome_threshold(article: Article, mention: NumericMention,
                      sentence: list[NumericMention]) -> Optional[NumericMention]:
    """In "32% of people lose ≥20% of body weight" the two figures are one claim:
    the share of people, and the outcome that defines it. The population figure
    is returned, and its finding is extended over the threshold."""
    if mention.kind != "percentage":
        return None
    for other in sentence:  # the figures of the mention's own sentence
        if other is mention or other.end > mention.start:
            continue
        if other.kind in ("percentage", "ratio") and (other.noun or "").lower() in POPULATION:
            between = article.prose[other.end:mention.start]
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
            if prev.kind == mention.kind and prev.sentence_start == mention.sentence_start and \
                    prev.block == mention.block and prev.end <= mention.start and \
                    SEPARATOR.match(article.text[prev.end:mention.start]):
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups


def _detail(article: Article, citations, mention: NumericMention, mentions: list[NumericMention]) -> str:
    """For a figure repeated in a summary: say that its other occurrence is not cited either."""
    if not citations.in_summary(mention.start):
        return ""
    for other in mentions:
        if other is not mention and same_figure(other, mention) and not citations.in_summary(other.start):
            line, _ = article.position(other.start)
            return f" (nor is the same figure at line {line})"
    return ""


# -- the evidence registry (issue 5; lint.evidence) -----------------------------
def _registry_citation(article: Article, mention: NumericMention, options: Mapping[str, Any]):
    """An uncited figure the evidence registry agrees with: name the registry's
    source in the message and offer a fix that adds it as a footnote."""
    from ..evidence import registry_hint

    hint = registry_hint(article, mention, options)
    if hint is None:
        return None
    entry, fix = hint
    return f"; the evidence registry cites {entry.source} (--fix adds it as a footnote)", fix


def validate(options: Mapping[str, Any]) -> None:
    for kind, severity in (options.get("severity-by-kind") or {}).items():
        if kind not in DEFAULT_SEVERITY:
            raise ValueError(f"severity-by-kind: unknown kind {kind!r} (kinds: {', '.join(DEFAULT_SEVERITY)})")
        if severity not in ("error", "warning", "info", "off", "default"):
            raise ValueError(f"severity-by-kind.{kind}: {severity!r} is not error, warning, info, off or default")
    validate_registry(options)


KIND = CheckKind(
    name="numeric-claim",
    options={"severity-by-kind": {}, **CITATION_OPTIONS, "evidence": {}},
    run=run,
    validate=validate,
)

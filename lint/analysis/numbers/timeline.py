"""Onset timelines: "**Days 3-7**: most people sleep better", "By week 16, most people adjust".

The grammar reads "Week 3" as a label (like "Step 3"), which it is in a plan or a heading. But
a day, week or month number that says *when an effect happens* is a timing claim (policy §1):

- a label that opens a paragraph or list item ("**Weeks 5-8**: nausea peaks", "Month 6: early
  results", a bold "**Hours 1-4:**" over a list) is one, unless what it labels is a named phase
  ("Week 2-3: Acute Series") or nothing at all;
- a timepoint inside a sentence ("Peak misery is days 2-4 after injection", "By month 4, most
  people adjust") is one when the sentence speaks of an effect and gives no advice or plan
  ("Plan light days 2-4 after injections" is advice that points back to it).

Headings, tables, hypotheticals and stories are left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from ...text.sentences import sentence_spans
from .cues import ADVICE_OPENERS, NARRATIVE_CUES, TIMELINE_EFFECT_CUES, TIMELINE_STORY_WORDS
from .mention import NumericMention
from .number_words import ORDINALS
from .tokens import folds_plainly
from .units import TIME_UNITS
from .vocab import ordered, words

if TYPE_CHECKING:  # pragma: no cover
    from ...model.article import Article
    from ...model.markdown import Block


def _alternation(phrases: tuple[str, ...], suffix: str = "") -> str:
    """A regex alternation of the lexicon's words, in their order, spaces as any whitespace."""
    return "|".join(r"\s+".join(map(re.escape, p.split())) + suffix for p in phrases)


# The words are data (rules/lexicon/numbers-units.yaml and numbers-cues.yaml); the shape of a
# label, a number and a range is structure, and stays here.
UNIT = f"(?:{_alternation(ordered('units', 'timeline-units'), 's?')})"
NUM = r"\d{1,3}(?:\s*[-–]\s*\d{1,3})?\+?"
PREP = rf"(?:(?:{_alternation(ordered('units', 'timeline-label-prepositions'))})\s+)?"
# The markup runs around a label are bounded: two adjacent unbounded runs of `*` would make a long
# run of asterisks quadratic to reject (hostile input), and a real label has a few at most.
LABEL = re.compile(
    rf"^[\s>*_+\-]{{0,12}}(?:\d+[.)]\s+)?[*_]{{0,4}}(?P<label>{PREP}(?:(?P<u1>{UNIT})\s+(?P<n1>{NUM})|"
    rf"(?P<n2>{NUM})\s*(?P<u2>{UNIT})))[*_]{{0,4}}\s*(?:\([^)\n]{{0,40}}\))?\s*[*_]{{0,4}}\s*:(?P<rest>.*)$",
    re.I | re.S,
)
# "days 2-4", "weeks 5-6", "by month 4", "month 12-18": a unit before its number is a point in time
POINT = re.compile(
    rf"(?<![\w-])(?P<prep>(?:{_alternation(ordered('units', 'timeline-point-prepositions'))})\s+)?"
    rf"(?P<u>{UNIT})\s+(?P<n>{NUM})(?![\w.])",
    re.I,
)
# What every POINT holds, on lowercased text: a unit, then blanks and a digit. Blocks without
# one skip POINT's case-folding scan (see tokens.folds_plainly).
UNIT_THEN_DIGIT = re.compile(
    rf"(?:{_alternation(tuple(u.lower() for u in ordered('units', 'timeline-units')), 's?')})\s+\d"
)
WORD = re.compile(r"[a-z][a-z'’-]*")
TITLE_SMALL = words("cues", "title-small-words")


def _value(num: str) -> tuple[float, float]:
    parts = [float(p) for p in re.findall(r"\d+", num)]
    return (parts[0], parts[-1]) if parts else (0.0, 0.0)


def _names_a_phase(rest: str) -> bool:
    """ "Assessment and Initiation", "Acute Series": a label's text that is a name, not a finding."""
    words = re.findall(r"[A-Za-z][\w'’-]*", rest)
    if not words or len(words) > 6:
        return False
    return all(w[:1].isupper() or w.lower() in TITLE_SMALL for w in words) and any(
        w[:1].isupper() for w in words
    )


def _advice_or_story(sentence: str) -> bool:
    words = WORD.findall(sentence.lower())
    if not words:
        return True
    if words[0] in ADVICE_OPENERS or (words[0] == "don't" or words[0] == "don’t"):
        return True
    if set(words) & (NARRATIVE_CUES & TIMELINE_STORY_WORDS):
        return True
    opening = re.sub(r"^[\W_]+", "", sentence.lower())
    return bool(
        re.match(r"(?:if|when) you\b", opening) or re.search(r"\byou(?:'re|’re| are) at\b", opening)
    )


RANK = re.compile(
    rf"(?<![\w-])(?P<n>\d{{1,2}}(?:st|nd|rd|th)|{_alternation(tuple(ORDINALS))})"
    rf"\s+(?:{_alternation(ordered('cues', 'rank-adjectives'))})\s+"
    rf"(?:{_alternation(ordered('cues', 'rank-nouns'))})\b",
    re.I,
)
RANK_PREFILTER = ordered("cues", "rank-prefilter")


def rank_mentions(article: Article, mentions: list[NumericMention]) -> list[NumericMention]:
    """ "the 10th leading cause of death", "the second most common cause": a rank is a claim of how common."""
    prose = article.prose
    if not any(word in prose for word in RANK_PREFILTER):
        return []
    spans = sentence_spans(article)
    starts = [s for s, _ in spans]
    taken = [(m.start, m.end) for m in mentions]
    found = []
    for block in article.blocks:
        if block.kind not in ("paragraph", "table_cell") or not block.is_prose:
            continue
        for m in RANK.finditer(prose, block.start, block.end):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            word = m.group("n").lower()
            value = float(ORDINALS.get(word) or word.rstrip("stndrh"))  # "10th" -> 10
            k = max(0, bisect_right(starts, m.start()) - 1)
            found.append(
                NumericMention(
                    start=m.start(),
                    end=m.end(),
                    low=value,
                    high=value,
                    unit="rank",
                    qualifier="exact",
                    scale=None,
                    kind="count",
                    text=article.text[m.start() : m.end()],
                    sentence_start=spans[k][0],
                    sentence_end=spans[k][1],
                    block=block.index,
                    number_start=m.start(),
                    number_end=m.end("n"),
                )
            )
            taken.append((m.start(), m.end()))
    return found


class _Timeline:
    """The timing claims found so far in one article, and the spans already taken."""

    def __init__(self, article: Article, mentions: list[NumericMention]) -> None:
        self.article = article
        self.taken = [(m.start, m.end) for m in mentions]
        self.found: list[NumericMention] = []
        self.spans = sentence_spans(article)
        self.starts = [s for s, _ in self.spans]

    def sentence_of(self, offset: int) -> tuple[int, int]:
        k = max(0, bisect_right(self.starts, offset) - 1)
        return self.spans[k]

    def add(self, start: int, end: int, num: str, unit: str, block: int) -> None:
        if any(s < end and start < e for s, e in self.taken):
            return
        low, high = _value(num)
        s_start, s_end = self.sentence_of(start)
        self.found.append(
            NumericMention(
                start=start,
                end=end,
                low=low,
                high=high,
                unit=TIME_UNITS.get(unit.lower(), unit.lower()),
                qualifier="lower" if "+" in num else "exact",
                scale=None,
                kind="duration",
                text=self.article.text[start:end],
                sentence_start=s_start,
                sentence_end=s_end,
                block=block,
                number_start=start,
                number_end=end,
            )
        )
        self.taken.append((start, end))


def timeline_mentions(article: Article, mentions: list[NumericMention]) -> list[NumericMention]:
    """Timing claims the grammar left out as labels (see the module docstring)."""
    timeline = _Timeline(article, mentions)
    seen_items: set = set()
    for block in article.blocks:
        if block.kind != "paragraph" or not block.is_prose or block.row is not None:
            continue
        raw = article.text[block.start : block.end]
        if not re.search(r"\d", raw):
            continue
        # 1. a label that opens the paragraph or list item
        first_of_item = block.item is None or block.item not in seen_items
        if block.item is not None:
            seen_items.add(block.item)
        if _read_labels(timeline, block, raw, first_of_item):
            continue
        # 2. a timepoint inside a sentence that speaks of an effect
        _read_points(timeline, block)
    return timeline.found


def _read_labels(timeline: _Timeline, block: Block, raw: str, first_of_item: bool) -> bool:
    """Add the labels that open the block's lines; whether one was added."""
    labelled = False
    offset = 0
    for k, line in enumerate(raw.split("\n")):  # each line of a paragraph written as a timeline
        m = LABEL.match(line) if (first_of_item or k > 0) else None
        if m:
            rest = re.sub(r"[*_`]+", " ", m.group("rest")).strip()
            bold = line.lstrip(" \t>-+*").startswith("*") or line.lstrip(" \t>-+").startswith("**")
            hypothetical = _advice_or_story(m.group("label") + " " + rest) and bool(rest)
            at = block.start + offset
            rest_start = at + m.start("rest")
            own = any(rest_start <= s < at + len(line) for s, _ in timeline.taken)
            if own:
                pass  # "Month 1: 0.25mg weekly": the figure after the label carries the claim
            elif (rest or bold) and not _names_a_phase(rest) and not hypothetical:
                num, unit = (
                    (m.group("n1"), m.group("u1"))
                    if m.group("n1")
                    else (m.group("n2"), m.group("u2"))
                )
                timeline.add(at + m.start("label"), at + m.end("label"), num, unit, block.index)
                labelled = True
        offset += len(line) + 1
    return labelled


def _read_points(timeline: _Timeline, block: Block) -> None:
    """Add the timepoints inside the block's sentences that speak of an effect."""
    prose = timeline.article.prose
    text = prose[block.start : block.end]
    if folds_plainly(text) and not UNIT_THEN_DIGIT.search(text.lower()):
        return  # no unit before a number: no point in time
    for p in POINT.finditer(prose, block.start, block.end):
        if (
            not p.group("prep")
            and not re.search(r"[-–]", p.group("n"))
            and not (p.group("u").lower().endswith("s"))
        ):
            continue  # "day 1" alone is a label; "days 1-2", "by day 1" are points in time
        s_start, s_end = timeline.sentence_of(p.start())
        sentence = prose[s_start:s_end]
        words_ = set(WORD.findall(sentence.lower()))
        if not words_ & TIMELINE_EFFECT_CUES or _advice_or_story(sentence):
            continue
        timeline.add(p.start(), p.end(), p.group("n"), p.group("u"), block.index)

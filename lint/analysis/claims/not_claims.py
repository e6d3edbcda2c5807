"""Figures that are not claims (policy §2; vocabulary in rules/lexicon/not-claims.yaml)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from ..citations import same_figure
from .context import (
    SentenceMemo,
    arithmetic,
    hypothetical,
    lifestyle,
    practice,
    pseudo_heading,
    sentence_memo,
    story,
)

if TYPE_CHECKING:  # pragma: no cover
    from ...model.article import Article
    from ..numbers import NumericMention

DETERMINERS = {"the", "a", "an", "your", "my", "this", "that", "their", "its", "his", "her", "our"}
TOLERANCE = 1e-9  # citations.same_figure's
BARE_STRENGTH_UNITS = {"mg", "mcg", "g", "IU", "ml", "units", "ng"}


def not_a_claim(
    article: Article,
    mention: NumericMention,
    mentions: list[NumericMention],
    citations,
    vocab: Mapping[str, Any],
    memo: SentenceMemo | None = None,
) -> bool:
    """Policy §2: hypotheticals and the writer's arithmetic, one patient's story, a strength used as
    a name or repeated from earlier, a figure in a bold pseudo-heading, a sentence or quotation that
    refers back to the source just cited. `memo`: sentence_memo(article, vocab, citations), which
    a caller asking for many figures fetches once."""
    if not vocab:
        return False
    if memo is None:
        memo = sentence_memo(article, vocab, citations)
    return (
        hypothetical(memo, mention)
        or story(memo, mention)
        or _named_strength(article, mention, mentions, vocab)
        or pseudo_heading(memo, mention)
        or _refers_back(article, mention, citations, vocab, memo)
        or _counted_before(article, mention, vocab)
        or _cited_before(article, mention, mentions, citations, vocab, memo)
        or practice(memo, mention)
        or arithmetic(memo, mention)
        or lifestyle(memo, mention)
    )


def _words_before(article: Article, mention: NumericMention, n: int) -> list[str]:
    return re.findall(
        r"[a-z’']+",
        article.prose[max(mention.sentence_start, mention.start - 40) : mention.start].lower(),
    )[-n:]


def _counted_before(article: Article, mention: NumericMention, vocab) -> bool:
    """ "these three studies", "the two drugs": a count of things already named."""
    if (
        mention.kind not in ("count", "study-statistic")
        or mention.low != mention.high
        or mention.low > 12
        or mention.unit == "rank"
    ):
        return False
    if mention.number_start != mention.start:
        return False  # the number must open the mention: "the hazard ratio was 0.72" is not a count
    before = _words_before(article, mention, 1)
    return bool(before) and before[0] in vocab.get("back-reference-determiners", set())


def _cited_before(
    article: Article,
    mention: NumericMention,
    mentions: list[NumericMention],
    citations,
    vocab,
    memo: SentenceMemo | None = None,
) -> bool:
    """The same figure stated earlier with its source ("it was also 15 points"): it refers back.

    Earlier means before the first mention that does not start before this one; only figures
    of the same kind and unit can be the same figure, so those are looked up, not scanned."""
    twins = _Twins.of(memo or sentence_memo(article, vocab, citations), mentions)
    stop = bisect_left(twins.reach, mention.start)
    key = (mention.kind, mention.unit)
    group = twins.groups.get(key, ())
    if twins.by_value and group and mention.low == mention.low:
        # only a low within same_figure's tolerance can match (the window is twice as wide)
        lows = twins.lows[key]
        lo = bisect_left(lows, mention.low - 2 * TOLERANCE)
        hi = bisect_right(lows, mention.low + 2 * TOLERANCE)
        group = sorted(twins.by_low[key][lo:hi], key=itemgetter(0))
    known = twins.known  # twins.sourced's answers, read here first: most twins are asked again
    for k, other in group:
        if k >= stop:
            return False
        if same_figure(other, mention):
            found = known.get(k)
            if found if found is not None else twins.sourced(k, other):
                return True
    return False


class _Twins:
    """The figures of one run grouped by kind and unit, and which of them carry a source."""

    def __init__(self, memo: SentenceMemo, mentions: list[NumericMention]) -> None:
        self.memo, self.mentions = memo, mentions
        self.article, self.citations, self.vocab = memo.article, memo.citations, memo.vocab
        self.groups: dict[tuple[str, str], list[tuple[int, NumericMention]]] = {}
        self.reach: list[int] = []  # the furthest start so far: where "earlier" ends, by bisect
        furthest = -1
        for k, other in enumerate(mentions):
            self.groups.setdefault((other.kind, other.unit), []).append((k, other))
            furthest = max(furthest, other.start)
            self.reach.append(furthest)
        self.known: dict[int, bool] = {}  # k -> whether mention k is sourced
        # each group sorted by value, to look a figure's twins up by bisection (not with NaN)
        self.by_value = all(m.low == m.low for m in mentions)
        self.by_low = {
            key: sorted(group, key=lambda pair: (pair[1].low, pair[0]))
            for key, group in self.groups.items()
        }
        self.lows = {key: [m.low for _, m in group] for key, group in self.by_low.items()}

    @classmethod
    def of(cls, memo: SentenceMemo, mentions: list[NumericMention]) -> _Twins:
        # one per article, citation index and vocabulary (what `sourced` reads), for the
        # article's own figures; other figures (a test's) get their own
        found = memo.twins
        if found is None or found.mentions is not mentions or len(found.reach) != len(mentions):
            found = memo.twins = cls(memo, mentions)
        return found

    def sourced(self, k: int, other: NumericMention) -> bool:
        found = self.known.get(k)
        if found is None:
            found = self.known[k] = self.citations.citation_for(
                other.start, other.end
            ) is not None or _refers_back(
                self.article, other, self.citations, self.vocab, self.memo
            )
        return found


def _named_strength(
    article: Article, mention: NumericMention, mentions: list[NumericMention], vocab
) -> bool:
    """ "the full 2.4mg dose", "Wegovy 2.4mg", or "2.4mg" again after it was stated: a strength used
    as a name refers to a product, not to a dosing fact."""
    if mention.kind != "dose" or mention.unit not in BARE_STRENGTH_UNITS:
        return False
    after = re.match(r"[\s*_]*([A-Za-z]+)", article.text[mention.end : mention.end + 30])
    before = re.findall(r"[A-Za-z]+", article.text[max(0, mention.start - 40) : mention.start])[-2:]
    if (
        after
        and after.group(1).lower() in vocab.get("strength-nouns", set())
        and any(w.lower() in DETERMINERS for w in before)
    ):
        return True  # "the full 2.4mg dose", "your 5 mg tablet"
    if mention.low != mention.high or re.search(
        r"\d\s*[a-zµ]*\s*(?:/|per\b|daily|weekly|monthly|a day|a week|"
        r"twice|once|every|at night|iv\b|im\b|oral|by mouth)",
        mention.text,
        re.I,
    ):
        return False  # a range, or a dose with its schedule or route, is the claim again ("15 mg daily")
    for other in mentions:
        if other.start >= mention.start:
            break
        if other.unit == mention.unit and other.low == mention.low and other.high == mention.high:
            return True  # the same strength stated before: this one refers back to it
    return False


def _refers_back(
    article: Article, mention: NumericMention, citations, vocab, memo: SentenceMemo | None = None
) -> bool:
    """ "In that study, 41%...", "the placebo group": covered by the source cited before it in the
    section; so is a quotation introduced by such a sentence."""
    pattern = vocab.get("back-references")
    if pattern is None:
        return False
    # asked for every figure of a sentence, and again for its twins: answered once per sentence
    memo = memo or sentence_memo(article, vocab, citations)
    key = (mention.block, mention.sentence_start, mention.sentence_end)
    found = memo.refers.get(key)
    if found is None:
        found = memo.refers[key] = _sentence_refers_back(memo, key, pattern)
    return found


def _sentence_refers_back(
    memo: SentenceMemo, key: tuple[int, int, int], pattern: re.Pattern
) -> bool:
    article, citations = memo.article, memo.citations
    index, sentence_start, sentence_end = key
    prose = article.prose
    block = article.blocks[index]
    sentence = prose[sentence_start:sentence_end]
    refers = memo.may_hold("back-references", (sentence_start, sentence_end), sentence) and bool(
        pattern.search(sentence)
    )
    if not refers and block.quote:
        k = index
        while k > 0 and article.blocks[k].quote:
            k -= 1
        lead = article.blocks[k]
        text = article.text[lead.start : lead.end].rstrip(" \t*_")
        refers = (
            not lead.quote
            and text.endswith(":")
            and bool(
                pattern.search(prose[lead.start : lead.end])
                or re.search(
                    r"\b(?:this|that|the) (?:study|trial|paper|"
                    r"review|analysis)\b",
                    text,
                    re.I,
                )
            )
        )
    if not refers:
        return False
    start = article.blocks[block.heading].end if block.heading is not None else 0
    return any(start <= c.start < sentence_start for c in citations.citations)

"""Attributions in an article: every match of the lexicon's patterns that is not filtered out."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from ...text.nlp import doc_of, doc_text
from ...text.sections import block_index_at, reference_blocks
from ...text.token_match import TokenTable, match, starts_of, token_table, word_positions
from ..citations import CITATION_OPTIONS
from .filters import Tokens, opens_label, skip_match
from .lexicon import Compiled, compiled
from .slots import match_left

if TYPE_CHECKING:  # pragma: no cover
    from ...model.article import Article


@dataclass(frozen=True)
class Attribution:
    start: int
    end: int
    group: str
    phrase: str
    advice: str


def _matches(table: TokenTable, comp: Compiled, scan: bool = True) -> list[tuple[str, int, int]]:
    """(match key, start, end) for every pattern, over the whole Doc at once: a pattern is
    tried only at the starts its regular expression finds (lint/text/token_scan.py), and a
    pattern kept within its sentence only in the sentences that hold its other words.
    Without `scan` (or with too many words to code), at every token its first slot accepts."""
    coded = comp.scan.coded(table) if scan and comp.scan is not None else None
    if coded is None:
        return _matches_from_first_slots(table, comp)
    stops = table.sentence_ends
    found = []
    for k, pattern in enumerate(comp.patterns):
        starts = coded.starts(k, pattern.in_sentence)
        if starts is None:
            first = pattern.specs[0]
            if first.kind == "lower" and first.op not in ("?", "*"):
                starts = coded.positions(first.hashes)
            else:
                starts = starts_of(table, pattern.specs)
        if starts and pattern.in_sentence and comp.gates.get(pattern.name):
            # A start in a sentence without them cannot match (nor, matches staying in
            # their sentence, take the place of a longer match in another one).
            firsts = table.sentence_starts
            for words in comp.gates[pattern.name]:
                holding = coded.sentences_with(words)
                starts = [s for s in starts if firsts[s] in holding]
        if not starts:
            continue
        reach = stops if pattern.in_sentence else None
        for start, end in match(table, pattern.specs, starts, reach):
            found.append((pattern.name, start, end))
    return found


def _matches_from_first_slots(table: TokenTable, comp: Compiled) -> list[tuple[str, int, int]]:
    """`_matches` trying every token its first slot accepts (the reference for the scan)."""
    where = word_positions(table, comp.first_hashes | comp.gate_words)
    stops = table.sentence_ends
    holding: dict[frozenset, set[int]] = {}  # word set -> the sentences (first tokens) with one
    found = []
    for pattern in comp.patterns:
        starts = starts_of(table, pattern.specs, where)
        reach = stops if pattern.in_sentence else None
        if pattern.in_sentence and comp.gates.get(pattern.name):
            firsts = table.sentence_starts
            for words in comp.gates[pattern.name]:
                if words not in holding:
                    holding[words] = {firsts[i] for h in words for i in where.get(h, ())}
                starts = [s for s in starts if firsts[s] in holding[words]]
        for start, end in match(table, pattern.specs, starts, reach):
            found.append((pattern.name, start, end))
    return found


def find_attributions(article: Article, lexicon: Mapping[str, Any]) -> list[Attribution]:
    """Every match in prose outside headings, longest first where they overlap (found once per
    article and compiled lexicon)."""
    return article.analyses.memo_for(_find, compiled(lexicon))


def _find(article: Article, comp: Compiled) -> list[Attribution]:
    candidates = _candidates(article, comp)
    candidates.sort(key=lambda c: (c[0].start, -(c[0].end_char - c[0].start_char), c[2]))
    references = {
        b.index for b in reference_blocks(article, CITATION_OPTIONS["reference-headings"])
    }
    in_link = _link_test(article)
    text = doc_text(article)
    taken: list[tuple[int, int]] = []
    found: list[Attribution] = []
    for span, group, _ in candidates:
        s, e = span.start_char, span.end_char
        if any(s < te and ts < e for ts, te in taken):
            continue
        index = block_index_at(article, s)
        if index is None:
            continue
        block = article.blocks[index]
        if block.kind == "heading" or not block.is_prose or index in references:
            continue
        if in_link(s, e):
            continue  # the text of a link is a title ("What 10 Years of Research Tells Us")
        if "|" in article.text[s:e]:
            continue  # across the cells of a table row
        taken.append((s, e))
        found.append(
            # span.text, read from the Doc's text (the tokens' texts and blanks, in order)
            Attribution(s, e, group, " ".join(text[s:e].split()), comp.advice.get(group, ""))
        )
    found.sort(key=lambda a: a.start)
    return found


def _link_test(article: Article) -> Callable[[int, int], bool]:
    """Whether a link's span holds [s, e): the links that start by s, and the furthest
    end among them (a test per match; an article has many links)."""
    spans = sorted((link.start, link.end) for link in article.layout.links)
    starts = [start for start, _ in spans]
    furthest = list(accumulate((end for _, end in spans), max))

    def holds(s: int, e: int) -> bool:
        k = bisect_right(starts, s)
        return k > 0 and furthest[k - 1] >= e

    return holds


def _candidates(article: Article, comp: Compiled) -> list[tuple[Any, str, int]]:
    """(span, group, priority) of every match the filters keep, overlapping ones included."""
    doc = doc_of(article)
    table = token_table(article)
    text = doc_text(article)
    candidates = []
    for name, start, end in _matches(table, comp):
        group = comp.groups.get(name)
        if group is None:
            continue
        leading = comp.leading.get(name)
        if leading:
            left = match_left(table, leading, start, table.sentence_starts[start])
            if left is None:
                continue
            start = left
        while end - start > 1 and table.lower_text(start) in ("of", "and", "&", "or"):
            start += 1  # "a line of research suggests" -> "research suggests"
        span = doc[start:end]
        if name in comp.label_only and not opens_label(article, span, comp):
            continue
        if skip_match(span, group, comp, article, Tokens(span, table, text)):
            continue
        priority = 0 if group == "named-study" else 1 if group == "proof-consensus" else 2
        candidates.append((span, group, priority))
    return candidates


# The kinds of evidence a summary line may recap ("Controlled trials support ...").
EVIDENCE_NOUNS = {
    "study",
    "studies",
    "trial",
    "trials",
    "research",
    "evidence",
    "review",
    "reviews",
    "data",
    "analysis",
    "analyses",
    "findings",
    "results",
    "guidelines",
    "guideline",
    "consensus",
}
WORD = re.compile(r"[a-z]+")


def _stem(word: str) -> str:
    return word[:-3] + "y" if word.endswith("ies") else word.rstrip("s")


def recaps_cited_evidence(article: Article, citations, item: Attribution) -> bool:
    """A summary (Key Takeaways...) recaps the body: "Controlled trials support
    ketamine" there is supported when the body cites the trials it sums up, just
    as a repeated figure is supported by its cited twin."""
    if not citations.in_summary(item.start):
        return False
    nouns = {_stem(w) for w in WORD.findall(item.phrase.lower()) if w in EVIDENCE_NOUNS}
    if not nouns:
        return False
    for sent in doc_of(article).sents:
        if citations.in_summary(sent.start_char) or not citations.covers(
            sent.start_char, sent.end_char
        ):
            continue
        if nouns & {_stem(w) for w in WORD.findall(sent.text.lower())}:
            return True
    return False

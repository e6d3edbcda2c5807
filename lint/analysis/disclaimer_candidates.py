"""Candidate disclaimers: where an article's disclaimer elements gather (lint.analysis.disclaimer_match).

Each element (purpose, not-advice, consult) is recognised with spaCy's Matcher
over the article's one prose Doc (lint/text/token_patterns.py compiles the
lexicon). Matches are then grouped by paragraph: a disclaimer is one coherent
statement, so elements scattered through the body do not add up to one.
Consecutive paragraphs with elements, and every paragraph of a section or
lead-in labelled "Disclaimer", form one candidate.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model.article import Article
from ..model.markdown import Block
from ..text.nlp import doc_of
from ..text.token_match import token_table
from ..text.token_patterns import PatternMatcher, build_matcher
from .disclaimer_words import LABEL

QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"|«[^»]*»")
ATTRIBUTION = re.compile(r"^\s*(?:—|–|--|~)\s*\S")
THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M)


@dataclass
class Candidate:
    blocks: list[Block]
    elements: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    labelled: bool = False
    strong: list[tuple[int, int]] = field(default_factory=list)  # spans matched by `patterns`
    advice: bool = False  # only a referral told to the reader in the body: no place to check

    @property
    def start(self) -> int:
        return self.blocks[0].start

    @property
    def end(self) -> int:
        return self.blocks[-1].end


def _counted_blocks(article: Article, options: Mapping[str, Any]) -> list[Block]:
    """Prose blocks whose text may carry the disclaimer: not code, not a quotation."""
    blocks = [b for b in article.blocks if b.is_prose and b.kind != "heading"]
    out = []
    for i, block in enumerate(blocks):
        if block.quote:
            if not options.get("count-callouts", True):
                continue
            text = article.prose[block.start : block.end].strip()
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            attributed = (
                nxt is not None
                and nxt.quote
                and ATTRIBUTION.match(article.prose[nxt.start : nxt.end])
            )
            if text[:1] in "\"“«'‘" or attributed:
                continue  # a quotation of someone else's words, not the article's own statement
        out.append(block)
    return out


def _element_matches(
    article: Article,
    elements: Mapping[str, dict],
    classes: Mapping[str, list[str]],
) -> list[tuple[str, bool, int, int]]:
    """(element, strong?, start, end) character spans, from one Matcher run over the Doc."""
    doc = doc_of(article)
    nlp_vocab = doc.vocab
    matcher = _matcher_for(elements, classes)
    # the article's one token table, shared with the attribution patterns
    found = (
        matcher.matches(token_table(article))
        if isinstance(matcher, PatternMatcher)
        else matcher(doc)
    )
    out = []
    for match_id, start, end in found:
        label = nlp_vocab.strings[match_id]
        name, strength = label.rsplit("/", 1)
        span = doc[start:end]
        out.append((name, strength == "patterns", span.start_char, span.end_char))
    return out


_MATCHERS: list[tuple[Any, Mapping, Mapping, Any]] = []  # the last (pipeline, lexicon, matcher)


def _matcher_for(elements: Mapping[str, dict], classes: Mapping[str, list[str]]) -> Any:
    """The lexicon's matcher (build_matcher keys it by a digest of the patterns): kept for
    the same lexicon objects, which disclaimer_match passes for every article."""
    from ..text.nlp import get_nlp, resources

    pipeline = resources()
    for known, known_elements, known_classes, matcher in _MATCHERS:
        if known is pipeline and known_elements is elements and known_classes is classes:
            return matcher
    groups: dict[str, list[str]] = {}
    for name, spec in elements.items():
        groups[f"{name}/patterns"] = [str(p) for p in spec.get("patterns") or []]
        groups[f"{name}/supporting"] = [str(p) for p in spec.get("supporting") or []]
    nlp = get_nlp()
    matcher = build_matcher(nlp.vocab, nlp.tokenizer, groups, classes, "disclaimer lexicon")
    _MATCHERS[:] = [(pipeline, elements, classes, matcher)]  # holds them: no id is reused
    return matcher


def _inside_quotes(article: Article, block: Block, start: int, end: int) -> bool:
    for m in QUOTED.finditer(article.prose, block.start, block.end):
        if m.start() <= start and end <= m.end():
            return True
    return False


def candidates(
    article: Article,
    options: Mapping[str, Any],
    elements: Mapping[str, dict],
    classes: Mapping[str, list[str]],
) -> list[Candidate]:
    """Every candidate disclaimer: runs of paragraphs with elements, and labelled ones."""
    blocks = _counted_blocks(article, options)
    if not blocks:
        return []
    strong, weak = _matches_by_block(article, blocks, elements, classes)
    groups, members = _group_blocks(article, blocks, set(strong) | set(weak))
    for group, positions in zip(groups, members, strict=True):
        found: dict[str, list] = {}
        for i in positions:
            for name, spans in strong.get(i, {}).items():
                found.setdefault(name, []).extend(spans)
                group.strong.extend(spans)
        if found or group.labelled:
            for i in positions:  # supporting phrases only count beside a real element
                for name, spans in weak.get(i, {}).items():
                    found.setdefault(name, []).extend(spans)
        group.elements = found
    return [g for g in groups if g.elements or g.labelled]


Spans = dict[int, dict[str, list]]  # block position -> element -> character spans


def _matches_by_block(
    article: Article,
    blocks: Sequence[Block],
    elements: Mapping[str, dict],
    classes: Mapping[str, list[str]],
) -> tuple[Spans, Spans]:
    """The strong and the supporting element matches of each counted block, outside quotes."""
    starts = [b.start for b in blocks]
    strong: Spans = {}
    weak: Spans = {}
    for name, is_strong, start, end in _element_matches(article, elements, classes):
        i = bisect_right(starts, start) - 1
        if i < 0 or start >= blocks[i].end or _inside_quotes(article, blocks[i], start, end):
            continue
        (strong if is_strong else weak).setdefault(i, {}).setdefault(name, []).append((start, end))
    return strong, weak


def _group_blocks(
    article: Article, blocks: Sequence[Block], with_elements: set[int]
) -> tuple[list[Candidate], list[list[int]]]:
    """Blocks grouped into candidates, and each group's block positions: consecutive
    paragraphs with elements, and every paragraph of a section or lead-in labelled "Disclaimer"."""
    labelled_heading = {
        b.index for b in article.blocks if b.kind == "heading" and LABEL.match(b.text)
    }
    groups: list[Candidate] = []
    members: list[list[int]] = []  # block positions of each group
    key = ""  # what ties the open group together: "h<heading>", "l<lead-in>" or "run"
    for i, block in enumerate(blocks):
        if block.heading in labelled_heading:
            this = f"h{block.heading}"
        elif LABEL.match(article.prose[block.start : block.end]):
            this = f"l{i}"
        elif key.startswith("l") and block.heading == blocks[members[-1][0]].heading:
            this = key  # a "**Disclaimer:**" lead-in runs to the end of its section
        elif i in with_elements:
            contiguous = (
                key == "run"
                and members[-1][-1] == i - 1
                and block.heading == blocks[i - 1].heading
                and (block.item is None) == (blocks[i - 1].item is None)
                and not THEMATIC_BREAK.search(article.text, blocks[i - 1].end, block.start)
            )
            this = "run" if contiguous else "new-run"
        else:
            key = ""
            continue
        if this == key:
            groups[-1].blocks.append(block)
            members[-1].append(i)
        else:
            groups.append(Candidate([block], labelled=not this.endswith("run")))
            members.append([i])
            key = "run" if this == "new-run" else this
    return groups, members

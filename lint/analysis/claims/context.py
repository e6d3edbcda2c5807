"""Figures the sentence around them makes no claim of: hypotheticals and the writer's
arithmetic, a patient's story, everyday advice, the practice's own numbers, a bold heading."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...text.sections import section_headings

if TYPE_CHECKING:  # pragma: no cover
    from ...model.article import Article
    from ...model.markdown import Block
    from ..numbers import NumericMention


def practice(article: Article, mention: NumericMention, vocab) -> bool:
    pattern = vocab.get("practice-phrases")
    if pattern is None or mention.kind not in ("dose", "duration", "measurement", "count"):
        return False  # "4 out of 5 of our patients feel better" is an outcome, and a claim
    if mention.kind == "count" and not re.search(
        r"\b(?:seen|treated|served|performed|helped|cared)\b",
        article.prose[mention.sentence_start : mention.sentence_end],
    ):
        return False
    return bool(pattern.search(article.prose[mention.sentence_start : mention.sentence_end]))


ARITHMETIC = re.compile(r"[\d%]\s*(?:[a-zµ/]+\s*)?=\s*[~≈$]?\d", re.I)


def arithmetic(article: Article, mention: NumericMention) -> bool:
    """ "(1 mg → 1.7 mg = 70% increase)", "$1,200 × 12 = $14,400": the writer's own arithmetic."""
    prose = article.prose
    sentence = prose[mention.sentence_start : mention.sentence_end]
    at = mention.start - mention.sentence_start
    open_paren = sentence.rfind("(", 0, at)
    if open_paren >= 0 and ")" not in sentence[open_paren:at]:
        close = sentence.find(")", at)
        scope = sentence[open_paren : close if close >= 0 else len(sentence)]
    else:
        scope = sentence
    return bool(ARITHMETIC.search(scope))


def lifestyle(article: Article, mention: NumericMention, vocab) -> bool:
    """ "Lift weights 3-4x/week", "perform these exercises 2 hours per week": everyday advice to the
    reader, not a finding (unless the sentence frames it as evidence, which an attribution reports)."""
    if mention.kind not in ("dose", "duration", "measurement"):
        return False
    sentence = article.prose[mention.sentence_start : mention.sentence_end].lower()
    words = set(re.findall(r"[a-z]+", sentence))
    first = re.findall(r"[a-z]+", sentence[:40])
    speaks_to_reader = bool(words & vocab.get("reader-words", set())) or bool(
        first and first[0] in vocab.get("lifestyle-words", set())
    )
    if not speaks_to_reader or not words & vocab.get("lifestyle-words", set()):
        return False
    return not re.search(
        r"\b(?:mg|mcg|dose|doses|infusion|infusions|injection|injections|tablet|tablets|"
        r"capsule|capsules|medication|drug|drugs)\b",
        sentence,
    )


def hypothetical(article: Article, mention: NumericMention, vocab) -> bool:
    prose = article.prose
    sentence = prose[mention.sentence_start : mention.sentence_end]
    at = mention.start - mention.sentence_start
    openers, persons = vocab.get("hypothetical-openers"), vocab.get("hypothetical-persons")
    # in the clause an opener starts ("if you lose 40 pounds and stop, ..."): up to the next break
    if openers is not None:
        for m in openers.finditer(sentence, 0, at):
            clause = re.split(r"[,;:.!?—)]", sentence[m.end() : at])[0]
            if len(clause) == at - m.end():
                return True  # the figure is in the clause
            if re.search(r"\d", clause):
                return (
                    True  # "if you weigh 180 pounds and lose 5%, that is 9 pounds": the arithmetic
                )
    # a hypothetical person makes the rest of the sentence arithmetic ("For a 220-pound person, that's
    # 33-37 pounds"); inside parentheses, only what the parentheses hold
    if persons is not None:
        for m in persons.finditer(sentence):
            open_paren = sentence.rfind("(", 0, m.start())
            if open_paren >= 0 and ")" not in sentence[open_paren : m.start()]:
                close = sentence.find(")", m.end())
                if open_paren <= at <= (close if close >= 0 else len(sentence)):
                    return True
            elif m.start() <= at or not re.search(r"[.;]", sentence[:at]):
                return True
    # a list introduced by a hypothetical ("If you're a 220-pound person starting out:")
    block = article.blocks[mention.block]
    if block.item is not None:
        lead = _lead_in_before_list(article, mention.block)
        if lead is not None and persons is not None and persons.search(lead.lower()):
            return True
    return False


def _lead_in_before_list(article: Article, index: int) -> str | None:
    """The text of the paragraph that introduces the list a block is in (ending in a colon), if any."""
    blocks = article.blocks
    k = index
    while k > 0 and (blocks[k].item is not None):
        k -= 1
    lead = blocks[k]
    if lead.item is not None or lead.kind != "paragraph" or k == index:
        return None
    text = article.text[lead.start : lead.end].rstrip(" \t*_")
    if not text.endswith(":"):
        return None
    return re.split(r"(?<=[.!?])\s+", text)[-1]  # the sentence that introduces the list


def story(article: Article, mention: NumericMention, vocab) -> bool:
    pattern = vocab.get("story-headings")
    if pattern is None:
        return False
    return article.analyses.memo_by(_StoryHeadings, pattern)(article.blocks[mention.block])


class _StoryHeadings:
    """Whether an article, or the section a block sits in, tells one patient's story:
    answered once for the title and once per block (every figure of a block asks)."""

    def __init__(self, article: Article, pattern: re.Pattern) -> None:
        self.article = article
        self.pattern = pattern
        title = article.meta.get("title") if isinstance(article.meta, dict) else None
        h1 = next((b.text for b in article.blocks if b.kind == "heading" and b.level == 1), "")
        self.title = bool(pattern.search(f"{title or ''} {h1}"))
        self.blocks: dict[int, bool] = {}

    def __call__(self, block: Block) -> bool:
        if self.title:
            return True
        if block.index not in self.blocks:
            self.blocks[block.index] = any(
                self.pattern.search(h.text) for h in section_headings(self.article, block)
            )
        return self.blocks[block.index]


def pseudo_heading(article: Article, mention: NumericMention) -> bool:
    """ "**The 6.5% Threshold**" alone on its line is a heading in bold, and headings are not claims."""
    block = article.blocks[mention.block]
    if block.item is not None or block.row is not None or block.kind != "paragraph":
        return False
    raw = article.text[block.start : block.end].strip()
    if not (raw.startswith(("**", "__")) and raw.endswith(("**", "__"))) or raw.count("**") > 2:
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", raw)
    if not words or len(words) > 8 or re.search(r"[.:;!?][*_]*$", raw):
        return False
    small = {"a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "with", "vs", "at", "by"}
    return all(w[:1].isupper() or w.lower() in small for w in words)

"""Figures the sentence around them makes no claim of: hypotheticals and the writer's
arithmetic, a patient's story, everyday advice, the practice's own numbers, a bold heading."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ...text.sections import section_headings
from ..numbers.tokens import folds_plainly

if TYPE_CHECKING:  # pragma: no cover
    from ...model.article import Article
    from ...model.markdown import Block
    from ..numbers import NumericMention

Span = tuple[int, int]
PRACTICE_VERBS = re.compile(r"\b(?:seen|treated|served|performed|helped|cared)\b")
NO_LOOKAHEAD = r"(?![\w'’])"  # how vocabulary._phrases ends every phrase pattern


class SentenceMemo:
    """What the not-a-claim tests read from a sentence or a block, whatever the figure: every
    figure of a sentence asks the same, so each answer is computed once per article, vocabulary
    and citation index (found by identity: hashing a compiled pattern reads all its code)."""

    def __init__(self, article: Article, vocab, citations) -> None:
        self.article, self.vocab, self.citations = article, vocab, citations
        self.prose = article.prose
        self.blocks = article.blocks
        self.openers, self.persons = (
            vocab.get("hypothetical-openers"),
            vocab.get("hypothetical-persons"),
        )
        # the openers without their closing lookahead: no match of it at or before a figure,
        # no opener before it either (the lookahead is what the figure's offset can change)
        pattern = self.openers
        self.opener_guard = (
            re.compile(pattern.pattern[: -len(NO_LOOKAHEAD)], pattern.flags)
            if pattern is not None and pattern.pattern.endswith(NO_LOOKAHEAD)
            else None
        )
        self.key_words = vocab.get("_key-words") or {}
        self.lowered: dict[Span, str | None] = {}
        self.first_opener: dict[Span, int] = {}
        self.person_spans: dict[Span, list[Span]] = {}
        self.list_leads: dict[int, bool] = {}
        self.practice: dict[Span, tuple[bool, bool]] = {}
        self.lifestyle: dict[Span, bool] = {}
        self.refers: dict[tuple[int, int, int], bool] = {}
        self.story: _StoryHeadings | None = None
        self.twins: Any = None  # not_claims._Twins, for the run's figures

    def may_hold(self, name: str, span: Span, sentence: str) -> bool:
        """False when the `name` phrases cannot occur in the sentence: none of their key
        words is in it (a plain search, where the phrase pattern folds case and looks around)."""
        key_words = self.key_words.get(name)
        if key_words is None:
            return True
        if span in self.lowered:
            lowered = self.lowered[span]
        else:
            lowered = self.lowered[span] = sentence.lower() if folds_plainly(sentence) else None
        return lowered is None or key_words.search(lowered) is not None

    def opener_before(self, span: Span, sentence: str, at: int) -> bool:
        """Whether an opener may stand before offset `at` of the sentence (False: none can)."""
        if self.opener_guard is None:
            return True
        first = self.first_opener.get(span)
        if first is None:
            found = (
                self.opener_guard.search(sentence)
                if self.may_hold("hypothetical-openers", span, sentence)
                else None
            )
            first = self.first_opener[span] = len(sentence) + 1 if found is None else found.start()
        return first <= at

    def persons_in(self, span: Span, sentence: str) -> list[Span]:
        found = self.person_spans.get(span)
        if found is None:
            assert self.persons is not None
            found = self.person_spans[span] = (
                [m.span() for m in self.persons.finditer(sentence)]
                if self.may_hold("hypothetical-persons", span, sentence)
                else []
            )
        return found


def sentence_memo(article: Article, vocab, citations) -> SentenceMemo:
    """The article's SentenceMemo for this vocabulary and citation index."""
    memos = article.analyses.memo(_memos)
    for memo in memos:
        if memo.vocab is vocab and memo.citations is citations:
            return memo
    memo = SentenceMemo(article, vocab, citations)
    memos.append(memo)
    return memo


def _memos(article: Article) -> list[SentenceMemo]:
    return []


def practice(memo: SentenceMemo, mention: NumericMention) -> bool:
    pattern = memo.vocab.get("practice-phrases")
    if pattern is None or mention.kind not in ("dose", "duration", "measurement", "count"):
        return False  # "4 out of 5 of our patients feel better" is an outcome, and a claim
    span = (mention.sentence_start, mention.sentence_end)
    found = memo.practice.get(span)
    if found is None:
        sentence = memo.prose[span[0] : span[1]]
        found = memo.practice[span] = (
            PRACTICE_VERBS.search(sentence) is not None,
            pattern.search(sentence) is not None,
        )
    if mention.kind == "count" and not found[0]:
        return False
    return found[1]


ARITHMETIC = re.compile(r"[\d%]\s*(?:[a-zµ/]+\s*)?=\s*[~≈$]?\d", re.I)


def arithmetic(memo: SentenceMemo, mention: NumericMention) -> bool:
    """ "(1 mg → 1.7 mg = 70% increase)", "$1,200 × 12 = $14,400": the writer's own arithmetic."""
    sentence = memo.prose[mention.sentence_start : mention.sentence_end]
    if "=" not in sentence:
        return False  # ARITHMETIC needs one, in the sentence or any part of it
    at = mention.start - mention.sentence_start
    open_paren = sentence.rfind("(", 0, at)
    if open_paren >= 0 and ")" not in sentence[open_paren:at]:
        close = sentence.find(")", at)
        scope = sentence[open_paren : close if close >= 0 else len(sentence)]
    else:
        scope = sentence
    return bool(ARITHMETIC.search(scope))


def lifestyle(memo: SentenceMemo, mention: NumericMention) -> bool:
    """ "Lift weights 3-4x/week", "perform these exercises 2 hours per week": everyday advice to the
    reader, not a finding (unless the sentence frames it as evidence, which an attribution reports)."""
    if mention.kind not in ("dose", "duration", "measurement"):
        return False
    span = (mention.sentence_start, mention.sentence_end)
    found = memo.lifestyle.get(span)
    if found is None:
        found = memo.lifestyle[span] = _advice(memo.prose[span[0] : span[1]].lower(), memo.vocab)
    return found


def _advice(sentence: str, vocab) -> bool:
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


def hypothetical(memo: SentenceMemo, mention: NumericMention) -> bool:
    span = (mention.sentence_start, mention.sentence_end)
    sentence = memo.prose[span[0] : span[1]]
    at = mention.start - mention.sentence_start
    openers, persons = memo.openers, memo.persons
    # in the clause an opener starts ("if you lose 40 pounds and stop, ..."): up to the next break
    if openers is not None and memo.opener_before(span, sentence, at):
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
        for m_start, m_end in memo.persons_in(span, sentence):
            open_paren = sentence.rfind("(", 0, m_start)
            if open_paren >= 0 and ")" not in sentence[open_paren:m_start]:
                close = sentence.find(")", m_end)
                if open_paren <= at <= (close if close >= 0 else len(sentence)):
                    return True
            elif m_start <= at or not re.search(r"[.;]", sentence[:at]):
                return True
    # a list introduced by a hypothetical ("If you're a 220-pound person starting out:")
    if memo.blocks[mention.block].item is not None and persons is not None:
        found = memo.list_leads.get(mention.block)
        if found is None:
            lead = _lead_in_before_list(memo.article, mention.block)
            found = memo.list_leads[mention.block] = (
                lead is not None and persons.search(lead.lower()) is not None
            )
        return found
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


def story(memo: SentenceMemo, mention: NumericMention) -> bool:
    pattern = memo.vocab.get("story-headings")
    if pattern is None:
        return False
    if memo.story is None:
        memo.story = _StoryHeadings(memo.article, pattern)
    return memo.story(memo.blocks[mention.block])


class _StoryHeadings:
    """Whether an article, or the section a block sits in, tells one patient's story:
    answered once for the title and once per block (every figure of a block asks)."""

    def __init__(self, article: Article, pattern: re.Pattern) -> None:
        self.article = article
        self.pattern = pattern
        title = article.meta.get("title") if isinstance(article.meta, dict) else None
        h1 = next((b.text for b in article.blocks if b.kind == "heading" and b.level == 1), "")
        self.title = bool(pattern.search(f"{title or ''} {h1}"))
        self.blocks: dict[int | None, bool] = {}

    def __call__(self, block: Block) -> bool:
        if self.title:
            return True
        # the headings above a block are its section's: answered once per section
        section = block.index if block.kind == "heading" else block.heading
        if section not in self.blocks:
            self.blocks[section] = any(
                self.pattern.search(h.text) for h in section_headings(self.article, block)
            )
        return self.blocks[section]


def pseudo_heading(memo: SentenceMemo, mention: NumericMention) -> bool:
    """ "**The 6.5% Threshold**" alone on its line is a heading in bold, and headings are not claims."""
    article = memo.article
    block = memo.blocks[mention.block]
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

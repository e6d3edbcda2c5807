"""Why a match of an attribution pattern is not an appeal to unnamed evidence: a question,
a negation, research going on, a back-reference to a source already named, a label."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...text.sections import block_index_at
from ...text.token_match import TokenTable
from .lexicon import Compiled
from .slots import YEAR

if TYPE_CHECKING:  # pragma: no cover
    from ...model.article import Article

CAPITAL_STOP = {
    "a",
    "an",
    "one",
    "another",
    "in",
    "the",
    "according",
    "it",
    "there",
    "this",
    "that",
    "these",
    "those",
    "published",
    "by",
    "at",
    "from",
}
COMMON = (
    "quantity",
    "mod",
    "design",
    "landmark",
    "evidence",
    "study",
    "authority",
    "aux",
    "institution",
    "guidance",
)


class Tokens:
    """What the filters read of a match and its sentence, from the Doc's arrays (a filter
    runs for every match, and a Token object per word read was most of its cost)."""

    def __init__(self, span, table: TokenTable, text: str) -> None:
        self.table = table
        self.doc = span.doc
        self.start, self.end = span.start, span.end
        self.sent_start = table.sentence_starts[span.start]
        self.n = len(table)
        last = table.sentence_ends[span.start] - 1  # Span.sent: the sentence of the first token
        # Span.sent.text, as the Doc's text between the sentence's first and last token
        self.sent_text = text[
            self.doc[self.sent_start].idx : self.doc[last].idx + len(table.text(last))
        ]

    def lower(self, i: int) -> str:
        return self.table.lower_text(i)

    def before(self, count: int = 6) -> list[int]:
        """The tokens (not punctuation) up to `count` before the match, within its sentence."""
        punct = self.table.punct
        return [
            i for i in range(max(self.sent_start, self.start - count), self.start) if not punct[i]
        ]


_NAMED_WORDS: list[tuple[Compiled, set[str], set[str]]] = []  # the last lexicons' word sets


def _named_words(comp: Compiled) -> tuple[set[str], set[str]]:
    """The common words and the finding words of a compiled lexicon, gathered once: a named-
    study filter asks for them at every match."""
    for known, common, finding in _NAMED_WORDS:
        if known is comp:
            return common, finding
    common = set().union(*(comp.classes.get(c, set()) for c in COMMON))
    finding = comp.classes.get("finding", set()) | comp.classes.get("opinion", set())
    _NAMED_WORDS[:] = [*_NAMED_WORDS[-3:], (comp, common, finding)]
    return common, finding


def _is_named(t: Tokens, comp: Compiled) -> bool:
    """A named-study match must name something, or claim importance, or be a design with a finding."""
    common, finding = _named_words(comp)
    markers = comp.filters.get("named-markers", set())
    design = comp.classes.get("design", set())
    lowers = [t.lower(i) for i in range(t.start, t.end)]
    has_finding = any(w in finding for w in lowers)
    for i, lower in zip(range(t.start, t.end), lowers, strict=True):
        text = t.table.text(i)
        if YEAR.match(text) and 1900 <= int(text) <= 2039:
            return True
        if lower in markers:
            return True
        if (
            t.table.alpha[i] == 1
            and text[:1].isupper()
            and lower not in common
            and lower not in CAPITAL_STOP
            and (i != t.sent_start or (text.isupper() and len(text) > 1))
        ):
            return True  # Cochrane, German, Stanford, NIH (a capital that only starts the sentence proves nothing)
        if lower in design and has_finding:
            return True
    return False


PREPOSITIONS = {"in", "across", "according", "based", "(", ","}


def skip_match(span, group: str, comp: Compiled, article: Article, tokens: Tokens) -> bool:
    """Whether a match is no appeal to evidence (see the module's docstring)."""
    t = tokens
    if t.sent_text.rstrip().endswith("?") or _asked(t, comp):
        return True
    if t.start > t.sent_start and t.lower(t.start - 1) == "who":
        return True  # "subjects who are known to have diabetes": said of people, not of evidence
    if _negated(t, comp):
        return True  # "no trials have proven", "than scientists thought"
    before = t.before()
    research = comp.filters.get("research-verbs", set())
    if t.lower(t.start) in ("in", "across") and any(t.lower(i) in research for i in before[-3:]):
        return True  # "is being tested in clinical trials": research going on, not a finding
    if group == "anonymous-authority" and _object_of_verb(t, comp):
        return True  # "they all provide evidence indicating ..."
    if _noun_use(t, comp):
        return True
    if group != "proof-consensus" and _refers_back(span, t, comp, article):
        return True
    return group == "named-study" and not _is_named(t, comp)


def _asked(t: Tokens, comp: Compiled) -> bool:
    """A question word just before the match ("why do experts say"), unless it opens a clause
    that reports a finding ("confirmed what studies had shown")."""
    questions = comp.filters.get("question-words", set())
    inversions = comp.filters.get("inversion-words", set())
    reasons = comp.filters.get("reason-copulas", set())
    reason_words = comp.filters.get("reason-words", set())
    asked = [
        i
        for i in t.before()[-2:]
        if t.lower(i) in questions
        and (t.lower(i) not in inversions or i == t.sent_start)
        and not (t.lower(i) in reason_words and i > t.sent_start and t.lower(i - 1) in reasons)
    ]  # "which is why X reported"
    return bool(
        asked and t.lower(t.start) not in PREPOSITIONS and not _noun_clause(t, asked[-1], comp)
    )


def _negated(t: Tokens, comp: Compiled) -> bool:
    window = range(max(t.sent_start, t.start - 6), t.start)
    breaks = [k + 1 for k, i in enumerate(window) if t.table.text(i) in (",", ";", ":", "—")]
    clause = [i for i in window[max(breaks or [0]) :] if not t.table.punct[i]]
    negations = comp.filters.get("negations", set())
    return any(t.lower(i) in negations for i in clause[-5:]) or t.lower(t.start) in negations


def _object_of_verb(t: Tokens, comp: Compiled) -> bool:
    """ "they all provide evidence": the match is the object of a verb, not a source."""
    if t.start <= t.sent_start:
        return False
    k = t.start - 1
    skipped = comp.classes.get("mod", set()) | comp.classes.get("quantity", set())
    while k > t.sent_start and t.lower(k) in skipped:
        k -= 1
    return t.lower(k) in comp.filters.get("object-verbs", set())


def _noun_use(t: Tokens, comp: Compiled) -> bool:
    """ "research support, consulting fees", "Research finding:", "more evidence supporting it"."""
    last = t.lower(t.end - 1)
    after = t.lower(t.end) if t.end < t.n else None
    if last in comp.filters.get("noun-like", set()) and (
        after is None
        or t.table.punct[t.end] == 1
        or t.table.space[t.end] == 1
        or after in ("and", "or", "for", "of")
    ):
        return True
    return bool(
        last.endswith("ing")
        and after is not None
        and after in ("it", "them", "this", "these", "those", "him", "her")
    )


def _noun_clause(t: Tokens, word: int, comp: Compiled) -> bool:
    """ "confirmed what studies had shown", "what the data shows is that ...": a clause that
    reports a finding, unlike "what the research says about X" or "Here's what studies show:"."""
    if t.lower(word) not in comp.filters.get("clause-words", set()):
        return False
    if word > t.sent_start and t.lower(word - 1) in comp.filters.get("topic-words", set()):
        return False  # "This guide sets out what the research shows"
    text = t.sent_text.rstrip().rstrip("*_ ")
    if text.endswith("?"):
        return False
    after = [t.lower(i) for i in range(t.end, min(t.end + 2, t.n))] + ["", ""]
    topic = ("about", "on", "regarding", "for")
    return not (after[0] in topic or (after[0] in ("us", "you", "me") and after[1] in topic))


def _refers_back(span, t: Tokens, comp: Compiled, article: Article | None) -> bool:
    """ "the study found", "these researchers": a back-reference, when a source is named
    before it in the same section. "The clinical data shows" with nothing named before,
    "the other studies", "the clinicians that I know" do not refer back."""
    determiners = comp.filters.get("back-reference-determiners", set())
    nouns = comp.filters.get("back-reference-nouns", set())
    skippable = comp.classes.get("mod", set()) | {"-"}
    head = next((k for k in range(t.start, min(t.end, t.start + 4)) if t.lower(k) in nouns), None)
    if head is None:
        return False
    k = head - 1
    while (
        k >= max(t.sent_start, t.start - 1)
        and t.lower(k) not in determiners
        and (t.lower(k) in skippable or t.doc[k].is_title or t.doc[k].like_num)
    ):
        k -= 1
    if k < t.sent_start or k < t.start - 1 or t.lower(k) not in determiners:
        return False
    if t.lower(t.start) in ("a", "an", "one", "another"):
        return False
    if any(t.lower(j) in ("other", "others") for j in range(k, head)):
        return False  # "like all the other studies say"
    if head + 1 < t.n and t.lower(head + 1) in comp.filters.get("relative-words", set()):
        return False  # "the clinicians that I'm in touch with": defined here, not referred back to
    if article is None or t.lower(k) != "the":
        return True  # "these researchers", "that study": a demonstrative always points back
    return _named_before(article, span.start_char, comp)


def _named_before(article: Article, offset: int, comp: Compiled) -> bool:
    """Whether a source (a citation, a study, researchers) is named earlier in the section."""
    index = block_index_at(article, offset)
    start = article.body_offset
    if index is not None:
        heading = article.blocks[index].heading
        if heading is not None:
            start = article.blocks[heading].end
    window = article.text[start:offset].lower()
    return bool(comp.back_reference_words.search(window))


def opens_label(article: Article, span, comp: Compiled) -> bool:
    """ "**Clinical studies at 12 months:**", "| Expert consensus | ... |": the match opens a
    paragraph's bold label or a table row, and the label goes on with no more than a
    qualifier ("at 12 months", "(5-10 years)")."""
    index = block_index_at(article, span.start_char)
    if index is None:
        return False
    block = article.blocks[index]
    if article.prose[block.start : span.start_char].strip(" \t*_|"):
        return False
    bold = article.text.startswith(("**", "__"), block.start)
    rest = article.text[span.end_char : block.end]
    whole_item = block.item is not None and not rest.strip(" \t*_.")
    if not (block.lead_in is not None or block.kind == "table_cell" or bold or whole_item):
        return False
    if bold and block.lead_in is None:
        if re.search(r"[.;!?]", article.text[block.start : span.end_char]):
            return False
        if not article.text[block.start : block.end].rstrip(" \t*_").endswith(":"):
            return False  # "**Randomized Controlled Trials**" on its own line is a heading
    words = [t for t in span if not t.is_space and not t.is_punct]
    if len(words) < 2:
        return False  # "**Evidence**:" alone is a section label, not an appeal to it
    if (
        whole_item
        and not (block.lead_in is not None or block.kind == "table_cell" or bold)
        and not any(t.lower_ in comp.classes.get("evidence-adj", set()) for t in words)
    ):
        return False  # "- Larger controlled trials" in a list of what is needed is no appeal
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return (
        after is None
        or after.is_punct
        or after.is_space
        or after.lower_ in comp.filters.get("label-continuations", set())
        or span.sent.end == span.end
    )

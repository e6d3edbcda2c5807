"""Why a match of an attribution pattern is not an appeal to unnamed evidence: a question,
a negation, research going on, a back-reference to a source already named, a label."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...text.sections import block_index_at
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


def _is_named(span, comp: Compiled) -> bool:
    """A named-study match must name something, or claim importance, or be a design with a finding."""
    common = set().union(*(comp.classes.get(c, set()) for c in COMMON))
    markers = comp.filters.get("named-markers", set())
    finding = comp.classes.get("finding", set()) | comp.classes.get("opinion", set())
    design = comp.classes.get("design", set())
    has_finding = any(t.lower_ in finding for t in span)
    for tok in span:
        if YEAR.match(tok.text) and 1900 <= int(tok.text) <= 2039:
            return True
        if tok.lower_ in markers:
            return True
        if (
            tok.is_alpha
            and tok.text[:1].isupper()
            and tok.lower_ not in common
            and tok.lower_ not in CAPITAL_STOP
            and (tok.i != span.sent.start or (tok.text.isupper() and len(tok.text) > 1))
        ):
            return True  # Cochrane, German, Stanford, NIH (a capital that only starts the sentence proves nothing)
        if tok.lower_ in design and has_finding:
            return True
    return False


PREPOSITIONS = {"in", "across", "according", "based", "(", ","}


def skip_match(span, group: str, comp: Compiled, article: Article | None = None) -> bool:
    """Whether a match is no appeal to evidence (see the module's docstring)."""
    if span.sent.text.rstrip().endswith("?") or _asked(span, comp):
        return True
    doc = span.doc
    sent = span.sent
    if span.start > sent.start and doc[span.start - 1].lower_ == "who":
        return True  # "subjects who are known to have diabetes": said of people, not of evidence
    if _negated(span, comp):
        return True  # "no trials have proven", "than scientists thought"
    before = [t for t in doc[max(sent.start, span.start - 6) : span.start] if not t.is_punct]
    if span[0].lower_ in ("in", "across") and any(
        t.lower_ in comp.filters.get("research-verbs", set()) for t in before[-3:]
    ):
        return True  # "is being tested in clinical trials": research going on, not a finding
    if group == "anonymous-authority" and _object_of_verb(span, comp):
        return True  # "they all provide evidence indicating ..."
    if _noun_use(span, comp):
        return True
    if group != "proof-consensus" and _refers_back(span, comp, article):
        return True
    return group == "named-study" and not _is_named(span, comp)


def _asked(span, comp: Compiled) -> bool:
    """A question word just before the match ("why do experts say"), unless it opens a clause
    that reports a finding ("confirmed what studies had shown")."""
    doc = span.doc
    sent = span.sent
    questions = comp.filters.get("question-words", set())
    before = [t for t in doc[max(sent.start, span.start - 6) : span.start] if not t.is_punct]
    inversions = comp.filters.get("inversion-words", set())
    reasons = comp.filters.get("reason-copulas", set())
    asked = [
        t
        for t in before[-2:]
        if t.lower_ in questions
        and (t.lower_ not in inversions or t.i == sent.start)
        and not (
            t.lower_ in comp.filters.get("reason-words", set())
            and t.i > sent.start
            and doc[t.i - 1].lower_ in reasons
        )
    ]  # "which is why X reported"
    return bool(
        asked and span[0].lower_ not in PREPOSITIONS and not _noun_clause(span, asked[-1], comp)
    )


def _negated(span, comp: Compiled) -> bool:
    doc = span.doc
    sent = span.sent
    window = doc[max(sent.start, span.start - 6) : span.start]
    clause = [
        t
        for t in window[
            max([k + 1 for k, t in enumerate(window) if t.text in (",", ";", ":", "—")] or [0]) :
        ]
        if not t.is_punct
    ]
    negations = comp.filters.get("negations", set())
    return any(t.lower_ in negations for t in clause[-5:]) or span[0].lower_ in negations


def _object_of_verb(span, comp: Compiled) -> bool:
    """ "they all provide evidence": the match is the object of a verb, not a source."""
    doc = span.doc
    sent = span.sent
    if span.start <= sent.start:
        return False
    k = span.start - 1
    while k > sent.start and doc[k].lower_ in comp.classes.get("mod", set()) | comp.classes.get(
        "quantity", set()
    ):
        k -= 1
    return doc[k].lower_ in comp.filters.get("object-verbs", set())


def _noun_use(span, comp: Compiled) -> bool:
    """ "research support, consulting fees", "Research finding:", "more evidence supporting it"."""
    doc = span.doc
    last = span[-1]
    after = doc[span.end] if span.end < len(doc) else None
    if last.lower_ in comp.filters.get("noun-like", set()) and (
        after is None
        or after.is_punct
        or after.is_space
        or after.lower_ in ("and", "or", "for", "of")
    ):
        return True
    return bool(
        last.lower_.endswith("ing")
        and after is not None
        and after.lower_ in ("it", "them", "this", "these", "those", "him", "her")
    )


def _noun_clause(span, word, comp: Compiled) -> bool:
    """ "confirmed what studies had shown", "what the data shows is that ...": a clause that
    reports a finding, unlike "what the research says about X" or "Here's what studies show:"."""
    if word.lower_ not in comp.filters.get("clause-words", set()):
        return False
    if word.i > word.sent.start and word.doc[word.i - 1].lower_ in comp.filters.get(
        "topic-words", set()
    ):
        return False  # "This guide sets out what the research shows"
    text = span.sent.text.rstrip().rstrip("*_ ")
    if text.endswith("?"):
        return False
    after = [t.lower_ for t in span.doc[span.end : span.end + 2]] + ["", ""]
    topic = ("about", "on", "regarding", "for")
    return not (after[0] in topic or (after[0] in ("us", "you", "me") and after[1] in topic))


def _refers_back(span, comp: Compiled, article: Article | None) -> bool:
    """ "the study found", "these researchers": a back-reference, when a source is named
    before it in the same section. "The clinical data shows" with nothing named before,
    "the other studies", "the clinicians that I know" do not refer back."""
    doc = span.doc
    sent = span.sent
    determiners = comp.filters.get("back-reference-determiners", set())
    nouns = comp.filters.get("back-reference-nouns", set())
    skippable = comp.classes.get("mod", set()) | {"-"}
    head = next(
        (k for k in range(span.start, min(span.end, span.start + 4)) if doc[k].lower_ in nouns),
        None,
    )
    if head is None:
        return False
    k = head - 1
    while (
        k >= max(sent.start, span.start - 1)
        and doc[k].lower_ not in determiners
        and (doc[k].lower_ in skippable or doc[k].is_title or doc[k].like_num)
    ):
        k -= 1
    if k < sent.start or k < span.start - 1 or doc[k].lower_ not in determiners:
        return False
    if span[0].lower_ in ("a", "an", "one", "another"):
        return False
    if any(doc[j].lower_ in ("other", "others") for j in range(k, head)):
        return False  # "like all the other studies say"
    nxt = doc[head + 1] if head + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in comp.filters.get("relative-words", set()):
        return False  # "the clinicians that I'm in touch with": defined here, not referred back to
    if article is None or doc[k].lower_ != "the":
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

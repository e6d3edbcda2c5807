"""Finding the medical disclaimer by meaning, shared by CL201-CL203.

The candidates (lint.analysis.disclaimer_candidates) are where the elements
(purpose, not-advice, consult) gather: a disclaimer is one coherent statement, so
elements scattered through the body ("consult your doctor before taking ginger" in
one section, "for information" in another) do not add up to one. This module picks
the candidate that is the disclaimer, judges whether it is complete, partial or
missing, and whether it is in its place.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..model.article import Article
from ..model.markdown import Block
from ..text.nlp import doc_of
from .disclaimer_candidates import Candidate, candidates
from .disclaimer_words import LABEL, SELF_REFERENCE

# Options every disclaimer rule accepts, so one [tool.contentlint.rules.CL20x]
# table means the same thing whichever of the three rules it configures.
OPTIONS: dict[str, Any] = {
    "lexicon": {},
    "elements": {},  # element -> patterns that replace the lexicon's for that element
    "extend": {},  # element -> patterns added to the lexicon's
    "categories": [],
    "flag": "requiresDisclaimer",
    "placement": "end",
    "back-matter": [],
    "max-words-after": 60,
    "count-callouts": True,
    "standard-text": "",
}

PLACEMENTS = ("end", "start", "anywhere")
LONE_REFERRAL_WORDS = 35


@dataclass
class Analysis:
    applies: bool
    element_names: list[str]
    labels: dict[str, str]
    status: str  # present | partial | missing
    chosen: Candidate | None = None
    misplaced: str | None = None  # why the chosen disclaimer is in the wrong place

    @property
    def missing(self) -> list[str]:
        found = set(self.chosen.elements) if self.chosen else set()
        return [name for name in self.element_names if name not in found]


# -- configuration ----------------------------------------------------------
def _lexicon(options: Mapping[str, Any]) -> tuple[dict[str, dict], dict[str, list[str]]]:
    lexicon = options.get("lexicon") or {}
    elements = {name: dict(spec or {}) for name, spec in (lexicon.get("elements") or {}).items()}
    for name, own in (options.get("elements") or {}).items():
        spec = elements.setdefault(str(name), {"label": str(name).replace("_", " ")})
        spec["patterns"] = [str(p) for p in (own or [])]
        spec["supporting"] = []
    for name, extra in (options.get("extend") or {}).items():
        spec = elements.setdefault(str(name), {"label": str(name).replace("_", " ")})
        spec["patterns"] = list(spec.get("patterns") or []) + [str(p) for p in (extra or [])]
    classes = {str(k): [str(w) for w in v] for k, v in (lexicon.get("classes") or {}).items()}
    return elements, classes


def applies(article: Article, options: Mapping[str, Any]) -> bool:
    """Every article needs a disclaimer unless config narrows it by category or flag."""
    flag = options.get("flag")
    if flag and isinstance(article.meta.get(flag), bool):
        return bool(article.meta[flag])
    categories = [str(c) for c in options.get("categories") or []]
    if categories:
        return str(article.meta.get("category", "")) in categories
    return True


# -- placement --------------------------------------------------------------
def _back_matter(heading: Block, patterns: Sequence[str]) -> bool:
    text = heading.text.strip().lower()
    return bool(LABEL.match(text)) or any(re.fullmatch(p, text, re.I) for p in patterns)


def _section_headings(article: Article) -> list[Block]:
    """Headings that open sections: every heading but a leading H1 title."""
    heads = [b for b in article.blocks if b.kind == "heading"]
    if heads and heads[0].level == 1:
        heads = heads[1:]
    return heads


def _words(article: Article, blocks: Sequence[Block]) -> int:
    return sum(len(article.prose[b.start : b.end].split()) for b in blocks)


def placement_problem(article: Article, group: Candidate, options: Mapping[str, Any]) -> str | None:
    where = options.get("placement", "end")
    if where == "anywhere":
        return None
    patterns = [str(p) for p in options.get("back-matter") or []]
    heads = _section_headings(article)
    if where == "start":
        before = [h for h in heads if h.end <= group.start]
        if before:
            return (
                f"it comes after the section '{before[0].text}' (line {before[0].start_line}); "
                "this project puts it at the start"
            )
        return None
    after = [h for h in heads if h.start >= group.end and not _back_matter(h, patterns)]
    if after:
        return f"the section '{after[0].text}' (line {after[0].start_line}) follows it"
    if any(h.end <= group.start for h in heads):
        return None  # in the final section
    # No section headings around: it must come after the body's last paragraph.
    skipped = {h.index for h in heads if _back_matter(h, patterns)}
    trailing = [
        b
        for b in article.blocks
        if b.is_prose and b.kind != "heading" and b.start >= group.end and b.heading not in skipped
    ]
    words = _words(article, trailing)
    if words > int(options.get("max-words-after", 60)):
        return f"{words} words of the article follow it"
    return None


# -- the whole analysis -----------------------------------------------------
_LAST: list = []  # [(article, options key, Analysis)]: the three rules share one analysis


def analyse(article: Article, options: Mapping[str, Any]) -> Analysis:
    """CL201-CL203 each ask about the same article in turn; the answer is computed once."""
    key = json.dumps(options, sort_keys=True, default=str)
    if _LAST and _LAST[0][0] is article and _LAST[0][1] == key:
        return _LAST[0][2]
    result = _analyse(article, options, key)
    _LAST[:] = [(article, key, result)]  # holds the article, so its id cannot be reused meanwhile
    return result


_LEXICONS: dict[str, tuple[dict[str, dict], dict[str, list[str]]]] = {}  # options key -> lexicon


def _analyse(article: Article, options: Mapping[str, Any], key: str = "") -> Analysis:
    if options.get("placement", "end") not in PLACEMENTS:
        from ..model.errors import ConfigError

        raise ConfigError(
            f"disclaimer option 'placement' must be one of {', '.join(PLACEMENTS)}, "
            f"got {options.get('placement')!r}"
        )
    # read once per options: the same objects for every article let the candidates'
    # matcher be found by identity (disclaimer_candidates.py)
    if not key or key not in _LEXICONS:
        _LEXICONS.clear()  # one configuration at a time in practice: keep only the last
        _LEXICONS[key] = _lexicon(options)
    elements, classes = _LEXICONS[key]
    names = list(elements)
    labels = {name: str(spec.get("label") or name) for name, spec in elements.items()}
    if not applies(article, options) or not names:
        return Analysis(False, names, labels, "present")
    groups = candidates(article, options, elements, classes)
    complete = [g for g in groups if all(n in g.elements for n in names)]
    if complete:
        well_placed = [g for g in complete if placement_problem(article, g, options) is None]
        chosen = (well_placed or complete)[-1]
        return Analysis(
            True,
            names,
            labels,
            "present",
            chosen,
            None if well_placed else placement_problem(article, chosen, options),
        )
    partial = [g for g in groups if _counts_as_partial(article, g, options)]
    if partial:
        chosen = max(partial, key=lambda g: (len(g.elements), g.labelled, not g.advice, g.start))
        misplaced = None if chosen.advice else placement_problem(article, chosen, options)
        return Analysis(True, names, labels, "partial", chosen, misplaced)
    return Analysis(True, names, labels, "missing")


def _counts_as_partial(article: Article, group: Candidate, options: Mapping[str, Any]) -> bool:
    """One element alone is a partial disclaimer only where it reads as one.

    Two elements, or a "Disclaimer" label, always do. A single element does when
    the paragraph speaks about the article itself ("this article is not medical
    advice"); a lone referral does when it tells the reader to see a professional
    ("Always consult a healthcare professional before taking any supplement"),
    wherever it is, or when it is a short note closing the article. A referral told
    as a story or inside a description ("a protocol for contacting the clinic"), or
    "not a substitute for treatment" said of something else, is ordinary prose.
    """
    if len(group.elements) >= 2 or group.labelled:
        return True
    doc = doc_of(article)
    for start, end in group.strong:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and SELF_REFERENCE.search(span.sent.text):
            return True  # the same sentence speaks about the article itself
    if "consult" not in group.elements:
        return False
    # Advice told to the reader first: it has no place to be in, so it is never "misplaced",
    # even when it happens to stand near the end before a short section.
    if _addressed_to_reader(
        article, group.strong, (options.get("lexicon") or {}).get("addressed") or {}
    ):
        group.advice = (
            True  # "Always consult a healthcare professional before taking any supplement."
        )
        return True
    text = " ".join(article.prose[b.start : b.end] for b in group.blocks)
    return len(text.split()) <= LONE_REFERRAL_WORDS and _is_last(article, group)
    # (a short note closing the article: "*Talk to your doctor before starting any treatment.*")


WORDS_AND_BREAKS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[,;:]")


def _addressed_to_reader(
    article: Article, spans: Sequence[tuple[int, int]], addressed: Mapping[str, Any]
) -> bool:
    """Does a referral tell the reader to see a professional (policy §7: one element)?

    It does when it opens its sentence or main clause, as an imperative ("Please see
    your doctor before you start"), or follows a lead-in such as "you should" or
    "it's important to" (vocabulary in the disclaimer lexicon's `addressed`).
    """
    if not addressed:
        return False
    fillers = {str(w).lower() for w in addressed.get("fillers") or []}
    lead_ins = [str(p).lower().split() for p in addressed.get("lead-ins") or []]
    openers = {str(w).lower() for w in addressed.get("clause-openers") or []}
    doc = doc_of(article)
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        before = WORDS_AND_BREAKS.findall(article.prose[span.sent.start_char : start].lower())
        while before and before[-1] in fillers:
            before.pop()
        if any(len(lead) <= len(before) and before[-len(lead) :] == lead for lead in lead_ins):
            return True
        if span[0].lower_.endswith("ing"):
            continue  # "Working with providers helps": a gerund is the subject, not an imperative
        if not before or before[-1] in (";", ":"):
            return True  # the sentence (or a clause after a colon) opens with the referral
        if before[-1] == "," and before[0] in openers:
            return True  # "If pain persists, call your doctor"
    return False


def _is_last(article: Article, group: Candidate) -> bool:
    later = [
        b for b in article.blocks if b.is_prose and b.kind != "heading" and b.start >= group.end
    ]
    return _words(article, later) <= 12  # a byline or a "last updated" note may follow

"""Finding the medical disclaimer by meaning, shared by CL201-CL203.

Each element (purpose, not-advice, consult) is recognised with spaCy's Matcher
over the article's one prose Doc (lint/text/token_patterns.py compiles the
lexicon). Matches are then grouped by paragraph: a disclaimer is one coherent
statement, so elements scattered through the body ("consult your doctor before
taking ginger" in one section, "for information" in another) do not add up to
one. Consecutive paragraphs with elements, and every paragraph of a section or
lead-in labelled "Disclaimer", form one candidate.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model.article import Article
from ..model.markdown import Block
from ..text.token_patterns import build_matcher

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

LABEL = re.compile(r"^\W*(?:medical\s+|health\s+|important\s+)?disclaimers?\b", re.I)
QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"|«[^»]*»")
ATTRIBUTION = re.compile(r"^\s*(?:—|–|--|~)\s*\S")
PLACEMENTS = ("end", "start", "anywhere")
THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M)
# A statement about the article itself ("this article is not medical advice") is a
# disclaimer; "it is not a substitute for medical treatment" in the body is not.
SELF_REFERENCE = re.compile(
    r"\b(?:this|the|our)\s+(?:article|page|post|blog|guide|site|website|web\s+site|content|information|material|"
    r"review|document|newsletter|summary|piece|resource|overview|timeline|video|podcast|faq|explainer)s?\b"
    r"|\bthis\s+(?:isn['’]t|is\s+not)\b",
    re.I,
)
LONE_REFERRAL_WORDS = 35


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


# -- recognition ------------------------------------------------------------
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
    doc = article.doc
    nlp_vocab = doc.vocab
    from ..text.nlp import get_nlp

    tokenizer = get_nlp().tokenizer
    groups: dict[str, list[str]] = {}
    for name, spec in elements.items():
        groups[f"{name}/patterns"] = [str(p) for p in spec.get("patterns") or []]
        groups[f"{name}/supporting"] = [str(p) for p in spec.get("supporting") or []]
    matcher = build_matcher(nlp_vocab, tokenizer, groups, classes, "disclaimer lexicon")
    out = []
    for match_id, start, end in matcher(doc):
        label = nlp_vocab.strings[match_id]
        name, strength = label.rsplit("/", 1)
        span = doc[start:end]
        out.append((name, strength == "patterns", span.start_char, span.end_char))
    return out


def _inside_quotes(article: Article, block: Block, start: int, end: int) -> bool:
    for m in QUOTED.finditer(article.prose, block.start, block.end):
        if m.start() <= start and end <= m.end():
            return True
    return False


def _candidates(
    article: Article,
    options: Mapping[str, Any],
    elements: Mapping[str, dict],
    classes: Mapping[str, list[str]],
) -> list[Candidate]:
    blocks = _counted_blocks(article, options)
    if not blocks:
        return []
    starts = [b.start for b in blocks]
    strong: dict[int, dict[str, list]] = {}
    weak: dict[int, dict[str, list]] = {}
    for name, is_strong, start, end in _element_matches(article, elements, classes):
        i = bisect_right(starts, start) - 1
        if i < 0 or start >= blocks[i].end or _inside_quotes(article, blocks[i], start, end):
            continue
        (strong if is_strong else weak).setdefault(i, {}).setdefault(name, []).append((start, end))

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
        elif i in strong or i in weak:
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
    for group, positions in zip(groups, members):
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
    result = _analyse(article, options)
    _LAST[:] = [(article, key, result)]  # holds the article, so its id cannot be reused meanwhile
    return result


def _analyse(article: Article, options: Mapping[str, Any]) -> Analysis:
    if options.get("placement", "end") not in PLACEMENTS:
        from ..model.errors import ConfigError

        raise ConfigError(
            f"disclaimer option 'placement' must be one of {', '.join(PLACEMENTS)}, "
            f"got {options.get('placement')!r}"
        )
    elements, classes = _lexicon(options)
    names = list(elements)
    labels = {name: str(spec.get("label") or name) for name, spec in elements.items()}
    if not applies(article, options) or not names:
        return Analysis(False, names, labels, "present")
    groups = _candidates(article, options, elements, classes)
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
    doc = article.doc
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
    doc = article.doc
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

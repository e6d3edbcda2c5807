"""Vague or uncited attribution: "studies show", "experts agree", "a 2018 review found".

The phrase lists live in rules/lexicon/attribution.yaml as small patterns (see
the comment at its top). They are compiled into one spaCy Matcher per process
and lexicon, run once per article, and shared by every rule of this kind: each
rule reports the lexicon groups it names. A match is not reported when its
sentence (or list item, or table row) has a citation, when it is in a heading,
when it refers back to a source already named ("the study found"), or when the
sentence is a question.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..analysis.citations import CITATION_OPTIONS, citations_for
from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit
from ..text.sections import block_index_at, reference_blocks
from ..text.token_match import TokenSpec, TokenTable, match, starts_of, token_table, word_positions

# -- verbs: lemmas to every inflection ---------------------------------------
IRREGULAR = {
    "find": ["finds", "found", "finding"],
    "show": ["shows", "showed", "shown", "showing"],
    "prove": ["proves", "proved", "proven", "proving"],
    "say": ["says", "said", "saying"],
    "think": ["thinks", "thought", "thinking"],
    "know": ["knows", "knew", "known", "knowing"],
    "tell": ["tells", "told", "telling"],
    "see": ["sees", "saw", "seen", "seeing"],
    "lead": ["leads", "led", "leading"],
    "feel": ["feels", "felt", "feeling"],
    "hold": ["holds", "held", "holding"],
    "write": ["writes", "wrote", "written", "writing"],
    "agree": ["agrees", "agreed", "agreeing"],
    "tie": ["ties", "tied", "tying"],
}
DOUBLE_FINAL = {
    "admit",
    "refer",
    "confer",
    "commit",
    "permit",
    "omit",
    "stop",
    "plan",
    "prefer",
    "concur",
}


def inflections(lemma: str) -> list[str]:
    lemma = lemma.lower()
    if lemma in IRREGULAR:
        return [lemma, *IRREGULAR[lemma]]
    if lemma in DOUBLE_FINAL:
        stem = lemma + lemma[-1]
        return [lemma, lemma + "s", stem + "ed", stem + "ing"]
    if lemma.endswith("e"):
        ing = lemma + "ing" if lemma.endswith("ee") else lemma[:-1] + "ing"
        return [lemma, lemma + "s", lemma + "d", ing]
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    plural = lemma + "es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else lemma + "s"
    return [lemma, plural, lemma + "ed", lemma + "ing"]


# -- the pattern language ------------------------------------------------------
YEAR = re.compile(r"^(?:19|20)\d\d$")
SLOT = re.compile(r"^(?P<body>\[.*\]|[^?*+]+)(?P<op>[?*+]?)$")


class LexiconError(ValueError):
    pass


def _class_words(lexicon: Mapping[str, Any], name: str) -> list[str]:
    classes = lexicon.get("classes") or {}
    if name not in classes:
        raise LexiconError(f"attribution lexicon: unknown class @{name}")
    spec = classes[name] or {}
    words = [str(w).lower() for w in spec.get("words") or []]
    for lemma in spec.get("verbs") or []:
        words.extend(inflections(str(lemma)))
    return sorted(set(words))


@dataclass(frozen=True)
class Slot:
    """One slot of a pattern, both as a Matcher token spec and as a Python test (for extending
    a match leftwards over the optional slots a pattern starts with)."""

    token: dict
    op: str
    words: frozenset
    regex: re.Pattern | None
    any_word: bool

    def accepts(self, table: TokenTable, i: int) -> bool:
        """Whether token i takes this slot (the Doc's arrays, not Token objects: this runs
        for every match of a pattern with leading slots)."""
        if table.lower_text(i) in self.words:
            return True
        if self.any_word and table.alpha[i] == 1:
            return True
        return bool(self.regex and self.regex.match(table.text(i)))


# "~": one word of a noun phrase, hyphenated parts and possessives included ("nerve-related",
# "Duman's"), but never a sentence's punctuation
GAP = (
    r"(?!(?:may|might|can|could|will|would|should|must|not|no|never)$)[^\W\d_][\w’'.]*|-|'s|’s|&|/"
)
ACRONYM = r"[A-Z]{2,6}s?"


def _compile_slot(slot: str, lexicon: Mapping[str, Any]) -> Slot:
    m = SLOT.match(slot)
    if not m:
        raise LexiconError(f"attribution lexicon: bad slot {slot!r}")
    body, op = m.group("body"), m.group("op")
    alternatives = body[1:-1].split("|") if body.startswith("[") else body.split("|")
    words: list[str] = []
    regexes: list[str] = []
    any_word = False
    for alt in alternatives:
        alt = alt.strip()
        if alt.startswith("@"):
            words.extend(_class_words(lexicon, alt[1:]))
        elif alt == "#year":
            regexes.append(r"(?:19|20)\d\d")
        elif alt == "#proper":
            regexes.append(r"[A-Z][A-Za-z0-9.'’&]*")
        elif alt == "#acronym":
            regexes.append(ACRONYM)
        elif alt == "~":
            regexes.append(GAP)
        elif alt == "_":
            any_word = True
        elif alt:
            words.append(alt.lower())
    token: dict[str, Any]
    if any_word and not words and not regexes:
        token = {"IS_ALPHA": True}
    elif regexes or any_word:
        parts = list(regexes)
        if words:
            parts.append("(?i:" + "|".join(re.escape(w) for w in sorted(set(words))) + ")")
        if any_word:
            parts.append(r"[^\W\d_]+")
        token = {"ORTH": {"REGEX": "^(?:" + "|".join(parts) + ")$"}}
    else:
        token = {"LOWER": {"IN": sorted(set(words))}}
    if op:
        token["OP"] = op
    regex = re.compile("^(?:" + "|".join(regexes) + ")$") if regexes else None
    return Slot(token, op, frozenset(words), regex, any_word)


COMMON_WORDS = {
    "a",
    "an",
    "the",
    "it",
    "is",
    "are",
    "in",
    "to",
    "of",
    "and",
    "or",
    "has",
    "have",
    "had",
    "been",
    "there",
    "one",
    "that",
    "'s",
    "’s",
    "by",
    "at",
    "from",
    "on",
    "with",
    "this",
    "according",
    "another",
    "was",
    "were",
    "be",
}


def _rarity(slot: Slot) -> tuple[int, int] | None:
    if slot.op in ("?", "*") or slot.regex is not None or slot.any_word or not slot.words:
        return None
    return (len(slot.words & COMMON_WORDS), len(slot.words))


def compile_pattern(pattern: str, lexicon: Mapping[str, Any]) -> tuple[list[Slot], list[Slot]]:
    """(slots before the anchor, slots from the anchor on).

    The Matcher gets only the part from the anchor (the required slot of rarest words, such
    as "studies" or "experts"), so match attempts start at few tokens; the slots before it
    are matched leftwards in Python (`match_left`).
    """
    slots = [_compile_slot(slot, lexicon) for slot in pattern.split()]
    best, anchor = None, 0
    for k, slot in enumerate(slots):
        score = _rarity(slot)
        if score is not None and (best is None or score < best):
            best, anchor = score, k
    return slots[:anchor], slots[anchor:]


def match_left(table: TokenTable, slots: list[Slot], start: int, floor: int) -> int | None:
    """The earliest token index at which `slots` match ending right before `start` (or None)."""
    if not slots:
        return start
    while start > floor and table.space[start - 1] == 1:
        start -= 1  # "published in *Neurology*": emphasis marks leave blanks between words
    *rest, last = slots
    if last.op in ("?", "*"):
        # try taking as many as possible first (longest match), then fewer
        taken = [start]
        pos = start
        while pos > floor and last.accepts(table, pos - 1) and (last.op == "*" or len(taken) < 2):
            pos -= 1
            taken.append(pos)
        for pos in reversed(taken):
            found = match_left(table, rest, pos, floor)
            if found is not None:
                return found
        return None
    if start <= floor or not last.accepts(table, start - 1):
        return None
    pos = start - 1
    if last.op == "+":
        while pos > floor and last.accepts(table, pos - 1):
            pos -= 1
        for p in range(pos, start):  # longest first
            found = match_left(table, rest, p, floor)
            if found is not None:
                return found
        return None
    return match_left(table, rest, pos, floor)


def _anchor(core: list[Slot]) -> frozenset | None:
    """Words one of which a sentence must contain for the pattern to match (None: no cheap test)."""
    score = _rarity(core[0]) if core else None
    if score is None or score[0] > 0:
        return None
    return core[0].words


@dataclass(frozen=True)
class Pattern:
    """A pattern's part from its anchor on, as token specs with blanks allowed between slots."""

    name: str  # the match key: "group#n"
    specs: list[TokenSpec]
    in_sentence: bool  # anchored patterns match within a sentence; the rest across the Doc


@dataclass(frozen=True)
class Compiled:
    patterns: list[Pattern]
    groups: dict[str, str]  # match key -> group
    advice: dict[str, str]
    filters: dict[str, set[str]]
    classes: dict[str, set[str]]
    leading: dict[str, list[Slot]]  # match key -> the slots before its anchor, matched leftwards
    triggers: frozenset | None  # a sentence without any of these words cannot match
    first_hashes: frozenset = frozenset()  # the words (LOWER hashes) patterns may start with
    label_only: frozenset = (
        frozenset()
    )  # match keys of "^ ..." patterns: only a block's opening label


_COMPILED: dict[tuple[str, int], Compiled] = {}
SPACES = {"IS_SPACE": True, "OP": "*"}


def compiled(lexicon: Mapping[str, Any]) -> Compiled:
    """The patterns of a lexicon, compiled once per process and vocabulary."""
    from ..text.nlp import get_nlp

    vocab = get_nlp().vocab
    digest = hashlib.sha256(json.dumps(lexicon, sort_keys=True, default=str).encode()).hexdigest()
    key = (digest, id(vocab))
    if key in _COMPILED:
        return _COMPILED[key]
    patterns: list[Pattern] = []
    groups: dict[str, str] = {}
    advice: dict[str, str] = {}
    leading: dict[str, list[Slot]] = {}
    triggers: set | None = set()
    label_only: set = set()
    for group, spec in (lexicon.get("groups") or {}).items():
        advice[group] = str((spec or {}).get("advice", ""))
        for n, pattern in enumerate((spec or {}).get("patterns") or []):
            name = f"{group}#{n}"
            pattern = str(pattern).strip()
            if pattern.startswith("^ "):
                label_only.add(name)
                pattern = pattern[2:]
            lead, core = compile_pattern(pattern, lexicon)
            groups[name] = group
            leading[name] = lead
            anchor = _anchor(core)
            tokens: list[dict] = []
            for slot in core:
                if tokens:
                    tokens.append(
                        SPACES
                    )  # the blanks emphasis marks leave ("in *Neurology* found")
                tokens.append(slot.token)
            specs = [TokenSpec.compile(t, vocab.strings) for t in tokens]
            # Before whole-Doc matching, a pattern with an anchor word ran sentence by
            # sentence, and one without over the whole Doc: each keeps its reach.
            patterns.append(Pattern(name, specs, anchor is not None))
            if anchor is None:
                triggers = None
            elif triggers is not None:
                triggers |= anchor
    filters = {
        k: {str(w).lower() for w in v or []} for k, v in (lexicon.get("filters") or {}).items()
    }
    classes = {name: set(_class_words(lexicon, name)) for name in (lexicon.get("classes") or {})}
    result = Compiled(
        patterns,
        groups,
        advice,
        filters,
        classes,
        leading,
        frozenset(triggers) if triggers is not None else None,
        frozenset(h for p in patterns if p.specs[0].kind == "lower" for h in p.specs[0].hashes),
        frozenset(label_only),
    )
    _COMPILED[key] = result
    return result


# -- matching ------------------------------------------------------------------
@dataclass(frozen=True)
class Attribution:
    start: int
    end: int
    group: str
    phrase: str
    advice: str


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


def _skip(span, group: str, comp: Compiled, article: Article | None = None) -> bool:
    doc = span.doc
    sent = span.sent
    if sent.text.rstrip().endswith("?"):
        return True
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
    if asked and span[0].lower_ not in PREPOSITIONS and not _noun_clause(span, asked[-1], comp):
        return True
    if span.start > sent.start and doc[span.start - 1].lower_ == "who":
        return True  # "subjects who are known to have diabetes": said of people, not of evidence
    window = doc[max(sent.start, span.start - 6) : span.start]
    clause = [
        t
        for t in window[
            max([k + 1 for k, t in enumerate(window) if t.text in (",", ";", ":", "—")] or [0]) :
        ]
        if not t.is_punct
    ]
    if any(t.lower_ in comp.filters.get("negations", set()) for t in clause[-5:]) or span[
        0
    ].lower_ in comp.filters.get("negations", set()):
        return True  # "no trials have proven", "than scientists thought"
    if span[0].lower_ in ("in", "across") and any(
        t.lower_ in comp.filters.get("research-verbs", set()) for t in before[-3:]
    ):
        return True  # "is being tested in clinical trials": research going on, not a finding
    if group == "anonymous-authority" and span.start > sent.start:
        k = span.start - 1
        while k > sent.start and doc[k].lower_ in comp.classes.get("mod", set()) | comp.classes.get(
            "quantity", set()
        ):
            k -= 1
        if doc[k].lower_ in comp.filters.get("object-verbs", set()):
            return True  # "they all provide evidence indicating ..."
    last = span[-1]
    after = doc[span.end] if span.end < len(doc) else None
    if last.lower_ in comp.filters.get("noun-like", set()) and (
        after is None
        or after.is_punct
        or after.is_space
        or after.lower_ in ("and", "or", "for", "of")
    ):
        return True  # "research support, consulting fees", "Research finding:"
    if (
        last.lower_.endswith("ing")
        and after is not None
        and after.lower_ in ("it", "them", "this", "these", "those", "him", "her")
    ):
        return True  # "more evidence supporting it"
    if group != "proof-consensus" and _refers_back(span, comp, article):
        return True
    return group == "named-study" and not _is_named(span, comp)


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
    cache = article.cache.setdefault(("named-before", id(comp)), {})
    if "words" not in cache:
        words = set(comp.filters.get("back-reference-nouns", set()))
        for name in ("evidence", "study", "authority"):
            words |= comp.classes.get(name, set())
        cache["words"] = re.compile(
            r"\b(?:{})\b|et al|\[\^|\]\(|\[\d".format(
                "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True) if w.isalpha())
            )
        )
    window = article.text[start:offset].lower()
    return bool(cache["words"].search(window))


def _opens_label(article: Article, span, comp: Compiled) -> bool:
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


def _matches(table: TokenTable, comp: Compiled) -> list[tuple[str, int, int]]:
    """(match key, start, end) for every pattern, over the whole Doc at once: a pattern is
    tried only at the tokens its first slot accepts (see lint/text/token_match.py)."""
    where = word_positions(table, comp.first_hashes)
    stops = table.sentence_ends
    found = []
    for pattern in comp.patterns:
        starts = starts_of(table, pattern.specs, where)
        reach = stops if pattern.in_sentence else None
        for start, end in match(table, pattern.specs, starts, reach):
            found.append((pattern.name, start, end))
    return found


def find_attributions(article: Article, lexicon: Mapping[str, Any]) -> list[Attribution]:
    """Every match in prose outside headings, longest first where they overlap (cached per lexicon)."""
    cache = article.cache
    comp = compiled(lexicon)
    key = ("attributions", id(comp))
    if key in cache:
        return cache[key]
    doc = article.doc
    table = token_table(article)
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
        if name in comp.label_only and not _opens_label(article, span, comp):
            continue
        if _skip(span, group, comp, article):
            continue
        priority = 0 if group == "named-study" else 1 if group == "proof-consensus" else 2
        candidates.append((span, group, priority))
    candidates.sort(key=lambda c: (c[0].start, -(c[0].end_char - c[0].start_char), c[2]))
    references = {
        b.index for b in reference_blocks(article, CITATION_OPTIONS["reference-headings"])
    }
    links = article.layout.links
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
        if any(link.start <= s and e <= link.end for link in links):
            continue  # the text of a link is a title ("What 10 Years of Research Tells Us")
        if "|" in article.text[s:e]:
            continue  # across the cells of a table row
        taken.append((s, e))
        found.append(
            Attribution(s, e, group, " ".join(span.text.split()), comp.advice.get(group, ""))
        )
    found.sort(key=lambda a: a.start)
    cache[key] = found
    return found


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    lexicon = options.get("lexicon") or {}
    wanted = set(options.get("groups") or [])
    if not lexicon or not wanted:
        return
    citations = citations_for(article, options)
    reported: set = set()
    for item in find_attributions(article, lexicon):
        if item.group not in wanted or citations.covers(item.start, item.end):
            continue
        if citations.cited_before(item.phrase, item.start):
            continue  # "the 2022 guidelines" after the cited 2022 criteria
        if item.group != "named-study" and recaps_cited_evidence(article, citations, item):
            continue
        unit = citations.unit_of(item.start)
        if unit in reported:
            continue  # one finding per sentence (or item, or row): one citation fixes them all
        reported.add(unit)
        yield Hit(
            item.start,
            item.end,
            {"phrase": item.phrase, "advice": item.advice, "group": item.group},
        )


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
    for sent in article.doc.sents:
        if citations.in_summary(sent.start_char) or not citations.covers(
            sent.start_char, sent.end_char
        ):
            continue
        if nouns & {_stem(w) for w in WORD.findall(sent.text.lower())}:
            return True
    return False


KIND = CheckKind(
    name="attribution",
    options={"lexicon": {}, "groups": [], **CITATION_OPTIONS},
    run=run,
)

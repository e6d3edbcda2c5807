"""Unsupported numeric claims: a figure that states a fact and has no citation.

The number grammar (lint.analysis.numbers) finds the figures; citation detection
(lint.analysis.citations) says which are supported. Headings are never reported. The
severity of each kind is an option: a kind set to "off" is not reported, and
"default" uses the rule's own severity (so a user's severity override applies).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from typing import Any

from ..analysis.citations import CITATION_OPTIONS, citations_for, same_figure
from ..analysis.evidence import validate_registry
from ..analysis.numbers import KINDS, NumericMention, extract_mentions
from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import SEVERITIES, Hit

LABELS = {
    "percentage": "Statistic",
    "count": "Statistic",
    "ratio": "Statistic",
    "multiplier": "Comparison",
    "risk-change": "Risk figure",
    "duration": "Duration",
    "dose": "Dose",
    "study-statistic": "Study statistic",
    "year-finding": "Dated study",
    "measurement": "Measurement",
}
TIME_UNITS = {
    "seconds",
    "minutes",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "decades",
    "nights",
}
DEFAULT_SEVERITY = dict.fromkeys(KINDS, "default")
DEFAULT_SEVERITY.update({"duration": "warning", "measurement": "warning"})
MARKUP = re.compile(r"[*_`]+")
SEVERITY_RANK = {"default": 0, "error": 0, "warning": 1, "info": 2, "off": 3}


def label_of(mention: NumericMention) -> str:
    if mention.kind == "dose" and (
        mention.unit in TIME_UNITS
        or mention.unit.startswith("per ")
        or mention.unit in ("sessions", "infusions", "treatments", "doses")
    ):
        return "Protocol"
    return LABELS.get(mention.kind, "Figure")


def claim_text(mention: NumericMention) -> str:
    return " ".join(MARKUP.sub("", mention.text).split())


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    mentions = extract_mentions(article)
    if not mentions:
        return
    severities = dict(DEFAULT_SEVERITY)
    severities.update({str(k): str(v) for k, v in (options.get("severity-by-kind") or {}).items()})
    citations = citations_for(article, options)
    vocabulary = _vocabulary(options.get("not-claims") or {})
    with_figures = {m.sentence_start for m in mentions if m.kind != "year-finding"}
    by_sentence: dict[int, list[NumericMention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence_start, []).append(mention)
    uncited: list[NumericMention] = []
    reach: dict[int, int] = {}  # a population figure's finding reaches over its outcome threshold
    for mention in mentions:
        severity = severities.get(mention.kind, "default")
        if severity == "off" or article.blocks[mention.block].kind == "heading":
            continue
        if worked_example(article, mention):
            continue
        if not_a_claim(article, mention, mentions, citations, vocabulary):
            continue
        owner = outcome_threshold(article, mention, by_sentence[mention.sentence_start])
        if owner is not None:
            reach[id(owner)] = max(reach.get(id(owner), 0), mention.end)
            continue
        if mention.kind == "year-finding" and mention.sentence_start in with_figures:
            continue  # "A 2018 review found that 50-80%...": the figures are the claim
        if citations.support_for(mention, mentions) is not None:
            continue
        if mention.kind == "year-finding" and citations.cited_before(mention.text, mention.start):
            continue  # "the 2022 ADA guidelines" after the cited 2022 criteria
        uncited.append(mention)
    for group in one_figure(article, enumerations(article, uncited), vocabulary):
        first, last = group[0], group[-1]
        # figures merged into one finding keep the strictest severity among them
        severity = min((severities.get(m.kind, "default") for m in group), key=SEVERITY_RANK.get)
        detail, fix = _detail(article, citations, first, mentions), None
        for mention in group:
            hint = _registry_citation(article, mention, options)
            if hint is not None:
                detail, fix = detail + hint[0], hint[1]
                break
        end = max(last.end, reach.get(id(last), 0))
        close = re.match(r"[^()\n]{0,3}\)", article.text[end : end + 4])
        if close and article.text[first.start : end].count("(") > article.text[
            first.start : end
        ].count(")"):
            end += close.end()  # "1 in 4 (25%)": the restatement's closing parenthesis
        claim = (
            claim_text(first)
            if len(group) == 1 and end == last.end
            else " ".join(MARKUP.sub("", article.text[first.start : end]).split())
        )
        yield Hit(
            first.start,
            end,
            {
                "label": label_of(first),
                "claim": claim,
                "kind": first.kind,
                "detail": detail,
            },
            severity=severity if severity in SEVERITIES else None,
            fix=fix,
        )


# -- figures that are not claims (policy §2; vocabulary in rules/lexicon/not-claims.yaml) -------
_VOCAB: dict[int, tuple] = {}


def _phrases(words: Iterable[str]) -> re.Pattern | None:
    parts = []
    for phrase in words or []:
        text = re.escape(str(phrase).lower()).replace(r"\#n", r"\d[\d,.]*").replace(r"\ ", r"\s+")
        parts.append(text)
    if not parts:
        return None
    return re.compile(
        r"(?<![\w'’])(?:" + "|".join(sorted(parts, key=len, reverse=True)) + r")(?![\w'’])", re.I
    )


def _vocabulary(data: Mapping[str, Any]) -> dict[str, re.Pattern | None]:
    key = id(data)
    if key in _VOCAB and _VOCAB[key][0] is data:
        return _VOCAB[key][1]
    vocab = {
        name: _phrases(data.get(name) or [])
        for name in (
            "hypothetical-openers",
            "hypothetical-persons",
            "story-headings",
            "back-references",
            "practice-phrases",
            "one-figure-joiners",
        )
    }
    for name in ("strength-nouns", "back-reference-determiners", "lifestyle-words", "reader-words"):
        vocab[name] = {str(w).lower() for w in data.get(name) or []}
    _VOCAB[key] = (data, vocab)
    return vocab


DETERMINERS = {"the", "a", "an", "your", "my", "this", "that", "their", "its", "his", "her", "our"}
BARE_STRENGTH_UNITS = {"mg", "mcg", "g", "IU", "ml", "units", "ng"}


def not_a_claim(
    article: Article,
    mention: NumericMention,
    mentions: list[NumericMention],
    citations,
    vocab: Mapping[str, Any],
) -> bool:
    """Policy §2: hypotheticals and the writer's arithmetic, one patient's story, a strength used as
    a name or repeated from earlier, a figure in a bold pseudo-heading, a sentence or quotation that
    refers back to the source just cited."""
    if not vocab:
        return False
    return (
        _hypothetical(article, mention, vocab)
        or _story(article, mention, vocab)
        or _named_strength(article, mention, mentions, vocab)
        or _pseudo_heading(article, mention)
        or _refers_back(article, mention, citations, vocab)
        or _counted_before(article, mention, vocab)
        or _cited_before(article, mention, mentions, citations, vocab)
        or _practice(article, mention, vocab)
        or _arithmetic(article, mention)
        or _lifestyle(article, mention, vocab)
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
    article: Article, mention: NumericMention, mentions: list[NumericMention], citations, vocab
) -> bool:
    """The same figure stated earlier with its source ("it was also 15 points"): it refers back.

    Earlier means before the first mention that does not start before this one; only figures
    of the same kind and unit can be the same figure, so those are looked up, not scanned."""
    twins = _Twins.of(article, mentions, citations, vocab)
    stop = bisect_left(twins.reach, mention.start)
    for k, other in twins.groups.get((mention.kind, mention.unit), ()):
        if k >= stop:
            return False
        if same_figure(other, mention) and twins.sourced(k, other):
            return True
    return False


class _Twins:
    """The figures of one run grouped by kind and unit, and which of them carry a source."""

    def __init__(self, article: Article, mentions: list[NumericMention], citations, vocab) -> None:
        self.article, self.mentions, self.citations, self.vocab = (
            article,
            mentions,
            citations,
            vocab,
        )
        self.groups: dict[tuple[str, str], list[tuple[int, NumericMention]]] = {}
        self.reach: list[int] = []  # the furthest start so far: where "earlier" ends, by bisect
        furthest = -1
        for k, other in enumerate(mentions):
            self.groups.setdefault((other.kind, other.unit), []).append((k, other))
            furthest = max(furthest, other.start)
            self.reach.append(furthest)
        self._sourced: dict[int, bool] = {}

    @classmethod
    def of(cls, article: Article, mentions: list[NumericMention], citations, vocab) -> _Twins:
        key = ("cited-twins", id(mentions), id(citations), id(vocab))
        found = article.cache.get(key)
        if found is None or found.mentions is not mentions or len(found.reach) != len(mentions):
            found = article.cache[key] = cls(article, mentions, citations, vocab)
        return found

    def sourced(self, k: int, other: NumericMention) -> bool:
        found = self._sourced.get(k)
        if found is None:
            found = self._sourced[k] = self.citations.citation_for(
                other.start, other.end
            ) is not None or _refers_back(self.article, other, self.citations, self.vocab)
        return found


def _practice(article: Article, mention: NumericMention, vocab) -> bool:
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


def _arithmetic(article: Article, mention: NumericMention) -> bool:
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


def _lifestyle(article: Article, mention: NumericMention, vocab) -> bool:
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


def _hypothetical(article: Article, mention: NumericMention, vocab) -> bool:
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


def _story(article: Article, mention: NumericMention, vocab) -> bool:
    pattern = vocab.get("story-headings")
    if pattern is None:
        return False
    cache = article.cache.setdefault(("story", id(pattern)), {})
    if "title" not in cache:
        title = article.meta.get("title") if isinstance(article.meta, dict) else None
        h1 = next((b.text for b in article.blocks if b.kind == "heading" and b.level == 1), "")
        cache["title"] = bool(pattern.search(f"{title or ''} {h1}"))
    if cache["title"]:
        return True
    from ..text.sections import section_headings

    block = article.blocks[mention.block]
    if block.index not in cache:  # every figure of a block asks the same question
        cache[block.index] = any(pattern.search(h.text) for h in section_headings(article, block))
    return cache[block.index]


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


def _pseudo_heading(article: Article, mention: NumericMention) -> bool:
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


def _refers_back(article: Article, mention: NumericMention, citations, vocab) -> bool:
    """ "In that study, 41%...", "the placebo group": covered by the source cited before it in the
    section; so is a quotation introduced by such a sentence."""
    pattern = vocab.get("back-references")
    if pattern is None:
        return False
    prose = article.prose
    block = article.blocks[mention.block]
    memo = article.cache.setdefault(("refers-back", id(pattern)), {})
    span = (mention.sentence_start, mention.sentence_end)
    refers = memo.get(span)
    if refers is None:  # asked for every figure of a sentence, and again for its twins
        refers = memo[span] = bool(pattern.search(prose[span[0] : span[1]]))
    if not refers and block.quote:
        k = mention.block
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
    return any(start <= c.start < mention.sentence_start for c in citations.citations)


EXAMPLE_LABEL = re.compile(r"^\W*(?:worked\s+)?example\s*\d*\s*\W*:", re.I)


def worked_example(article: Article, mention: NumericMention) -> bool:
    """ "**Example**: 100 mg/week = 50 mg Mon + 50 mg Thu" shows arithmetic, not a fact:
    a line (or list item) labelled as an example states nothing that needs a source."""
    block = article.blocks[mention.block]
    if block.lead_in and re.fullmatch(r"(?:worked\s+)?example\s*\d*", block.lead_in.strip(), re.I):
        return True
    return bool(EXAMPLE_LABEL.match(article.prose[mention.sentence_start : mention.sentence_end]))


POPULATION = {
    "people",
    "patients",
    "participants",
    "adults",
    "subjects",
    "respondents",
    "users",
    "men",
    "women",
    "children",
    "adolescents",
    "veterans",
    "individuals",
    "responders",
    "them",
}
LINKING_WORDS = re.compile(r"^[\s*_]*(?:\w+[\s*_]+){1,4}$")


def outcome_threshold(
    article: Article, mention: NumericMention, sentence: list[NumericMention]
) -> NumericMention | None:
    """In "32% of people lose ≥20% of body weight" the two figures are one claim:
    the share of people, and the outcome that defines it. The population figure
    is returned, and its finding is extended over the threshold."""
    if mention.kind != "percentage":
        return None
    for other in sentence:  # the figures of the mention's own sentence
        if other is mention or other.end > mention.start:
            continue
        if other.kind in ("percentage", "ratio") and (other.noun or "").lower() in POPULATION:
            between = article.prose[other.end : mention.start]
            if LINKING_WORDS.match(between) and not re.search(r"[,;.]|\band\b|\bwhile\b", between):
                return other
    return None


SEPARATOR = re.compile(r"^[\s,;/&+→*_]*(?:(?:and|or|to|then|vs\.?|versus)[\s,;/*_]*)?$", re.I)


def enumerations(article: Article, mentions: list[NumericMention]) -> list[list[NumericMention]]:
    """Figures of one kind listed together ("0.25mg, 0.5mg, 1mg or 2mg") become one finding."""
    groups: list[list[NumericMention]] = []
    for mention in mentions:
        if groups:
            prev = groups[-1][-1]
            if (
                prev.kind == mention.kind
                and prev.sentence_start == mention.sentence_start
                and prev.block == mention.block
                and prev.end <= mention.start
                and SEPARATOR.match(article.text[prev.end : mention.start])
            ):
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups


RESTATEMENT = re.compile(
    r"^\s*(?:[A-Za-z]+\s+){0,2}?[(\[]\s*(?:=|≈|~|i\.e\.,?|or|so,?|about|approx\.?|roughly)?\s*$"
)


def one_figure(
    article: Article, groups: list[list[NumericMention]], vocab
) -> list[list[NumericMention]]:
    """One defect, one finding (policy §1-§2, §5): the figures of one sentence that state one fact merge.

    - a regimen or study size joined by a preposition or relative clause ("six sessions over two weeks",
      "4 doses of 20 mg each", "two trials that included 80 patients"; joiners in not-claims.yaml);
    - a restatement or conversion in parentheses right after a figure ("1 in 4 (25%)", "(= 20 mg)");
    - the same figure again in the same sentence, or a second reading of the same words: dropped.
    """
    joiners = vocab.get("one-figure-joiners")
    merged: list[list[NumericMention]] = []
    for group in groups:
        first = group[0]
        if merged:
            prev = merged[-1]
            last = prev[-1]
            if last.sentence_start == first.sentence_start and last.block == first.block:
                if first.start < last.end or any(
                    same_figure(m, first)
                    and m.kind == first.kind
                    and "\n" not in article.text[m.end : first.start]
                    for g in merged
                    if g[0].sentence_start == first.sentence_start
                    for m in g
                ):
                    continue  # the same words, or the same figure again: already reported
                between = article.text[last.end : first.start]
                if RESTATEMENT.match(between):
                    prev.extend(
                        group
                    )  # "1 in 4 (25%)", "(= 20 mg)": a restatement of the figure before
                    continue
                if (
                    joiners is not None
                    and len(between.split()) <= 6
                    and re.fullmatch(r"\s*(?:" + joiners.pattern + r")\s*", between, re.I)
                ):
                    prev.extend(group)  # "six sessions over two weeks": one regimen or study size
                    continue
        merged.append(list(group))
    return merged


def _detail(
    article: Article, citations, mention: NumericMention, mentions: list[NumericMention]
) -> str:
    """For a figure repeated in a summary: say that its other occurrence is not cited either."""
    if not citations.in_summary(mention.start):
        return ""
    for other in mentions:
        if (
            other is not mention
            and same_figure(other, mention)
            and not citations.in_summary(other.start)
        ):
            line, _ = article.position(other.start)
            return f" (nor is the same figure at line {line})"
    return ""


# -- the evidence registry (issue 5; lint.analysis.evidence) -----------------------------
def _registry_citation(article: Article, mention: NumericMention, options: Mapping[str, Any]):
    """An uncited figure the evidence registry agrees with: name the registry's
    source in the message and offer a fix that adds it as a footnote."""
    from ..analysis.evidence import registry_hint

    hint = registry_hint(article, mention, options)
    if hint is None:
        return None
    entry, fix = hint
    return f"; the evidence registry cites {entry.source} (--fix adds it as a footnote)", fix


def validate(options: Mapping[str, Any]) -> None:
    for kind, severity in (options.get("severity-by-kind") or {}).items():
        if kind not in DEFAULT_SEVERITY:
            raise ValueError(
                f"severity-by-kind: unknown kind {kind!r} (kinds: {', '.join(DEFAULT_SEVERITY)})"
            )
        if severity not in ("error", "warning", "info", "off", "default"):
            raise ValueError(
                f"severity-by-kind.{kind}: {severity!r} is not error, warning, info, off or default"
            )
    validate_registry(options)


KIND = CheckKind(
    name="numeric-claim",
    options={"severity-by-kind": {}, **CITATION_OPTIONS, "evidence": {}, "not-claims": {}},
    run=run,
    validate=validate,
)

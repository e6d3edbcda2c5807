"""The fact lexicons (subjects, measures, qualifiers) compiled into matchers.

The lexicons are YAML data in rules/lexicon/. Each is compiled once per
process into phrase matchers: one regular expression per case mode, longest
phrase first, so "treatment-resistant depression" wins over "depression".
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ...model.packs import builtin_pack_dir, load_data_file

# A phrase's words may be joined by spaces or hyphens in the text
# ("chronic-pain patients"); emphasis and brackets never sit inside a phrase.
_SEP = r"[\s\-]+"
_LEFT = r"(?<![\w\-/])"
_RIGHT = r"(?![\w/]|-\w)"
_SPLIT = re.compile(r"[\s\-]+")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    id: str  # the entry's id: "crps", "response-rate", "series", ...
    group: str  # condition | treatment | generic | a measure's id | a dimension's name


def one_of(alternatives: Iterable[str], ignore_case: bool = True) -> str:
    """The alternation of regex sources `alternatives`, in their order, grouped by first character.

    Python's regex engine tries every alternative at every position: a lexicon of 300 phrases
    is 300 attempts per character. Grouped by their first character ("a(?:lt1|lt2)|b(?:...)"),
    it is one attempt per group, and what matches is unchanged: alternatives that can match at
    one position share a first character, and keep their order within its group. Sources that
    do not start with a plain ASCII letter or digit (an escape, a class, a quantified character)
    make it join them as they are."""
    alternatives = list(alternatives)
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        first = alt[:1]
        if not (first.isascii() and first.isalnum()) or alt[1:2] in ("*", "+", "?", "{"):
            return "|".join(alternatives)
        groups.setdefault(first.lower() if ignore_case else first, []).append(alt[1:])
    return "|".join(
        key + ("(?:" + "|".join(rests) + ")" if rests != [""] else "")
        for key, rests in groups.items()
    )


def _phrase_pattern(phrase: str, plural: bool) -> str:
    words = [re.escape(w) for w in re.split(r"[\s\-]+", phrase.strip()) if w]
    body = _SEP.join(words)
    if plural and phrase[-1:].isalpha() and not phrase.endswith("s"):
        body += "s?"
    return body


class PhraseIndex:
    """Non-overlapping, longest-first matches of many phrases at once."""

    def __init__(self, entries: Iterable[tuple[str, str, str, bool]], plural: bool = True) -> None:
        # entries: (phrase, id, group, case_sensitive)
        self.lookup: dict[tuple[bool, str], tuple[str, str]] = {}
        patterns: dict[bool, list[str]] = {False: [], True: []}
        for phrase, id_, group, case_sensitive in entries:
            phrase = str(phrase).strip()
            if not phrase:
                continue
            key = self._key(phrase, case_sensitive)
            if key in self.lookup:
                continue
            self.lookup[key] = (id_, group)
            patterns[case_sensitive].append(_phrase_pattern(phrase, plural and not case_sensitive))
        self.regexes = []
        self.alternatives = patterns  # for a union over several indexes (Lexicon.any_qualifier)
        for case_sensitive, alts in patterns.items():
            if not alts:
                continue
            alts.sort(key=len, reverse=True)
            flags = 0 if case_sensitive else re.I
            self.regexes.append(
                (
                    case_sensitive,
                    re.compile(
                        _LEFT + "(?:" + one_of(alts, not case_sensitive) + ")" + _RIGHT, flags
                    ),
                )
            )

    @staticmethod
    def _key(phrase: str, case_sensitive: bool) -> tuple[bool, str]:
        norm = " ".join(_SPLIT.split(phrase.strip()))
        return case_sensitive, norm if case_sensitive else norm.lower()

    def _resolve(self, case_sensitive: bool, text: str) -> tuple[str, str] | None:
        key = self._key(text, case_sensitive)
        found = self.lookup.get(key)
        if found is None and not case_sensitive and key[1].endswith("s"):
            found = self.lookup.get((False, key[1][:-1]))
        return found

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[Match]:
        """Matches in text[start:end]. Memoised: fact extraction asks about the same
        sentence and heading once per figure in it, and the regex is the costly part."""
        end = len(text) if end is None else end
        key = (
            text,
            start,
            end,
        )  # a str caches its hash, so the key is cheap for one article's text
        memo = self.__dict__.setdefault("_memo", {})
        found = memo.get(key)
        if found is None:
            if len(memo) > 4096:
                memo.clear()
            found = memo[key] = self._find(text, start, end)
        return list(found)

    def _find(self, text: str, start: int, end: int) -> list[Match]:
        found: list[Match] = []
        sources = 0
        for case_sensitive, regex in self.regexes:
            before = len(found)
            for m in regex.finditer(text, start, end):
                resolved = self._resolve(case_sensitive, m.group(0))
                if resolved is not None:
                    found.append(Match(m.start(), m.end(), resolved[0], resolved[1]))
            sources += len(found) > before
        if sources < 2:
            return found  # one regex's matches never overlap and come in text order
        # Longest first, then leftmost; drop anything overlapping a kept match.
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        kept: list[Match] = []
        for m in found:
            if all(m.end <= k.start or m.start >= k.end for k in kept):
                kept.append(m)
        return sorted(kept, key=lambda m: m.start)


@dataclass(frozen=True)
class Measure:
    id: str
    label: str
    dimensions: tuple[str, ...]
    about: str  # condition | treatment
    priority: int
    treatment_specific: bool = False
    condition_specific: bool = False
    negated: str | None = None
    inceptive: str | None = (
        None  # the measure a cue selects right after "start to" (duration -> onset)
    )
    of_side_effect: str | None = (
        None  # the measure a cue selects when a side effect is what it is about
    )
    patterns: tuple[re.Pattern, ...] = ()
    before: tuple[re.Pattern, ...] = ()
    after: tuple[re.Pattern, ...] = ()
    inside: tuple[re.Pattern, ...] = ()
    requires: re.Pattern | None = (
        None  # the sentence must say one of these for the figure to be compared
    )
    explicit_subject: bool = False  # the subject must be named with the figure, not inherited


@dataclass
class Lexicon:
    subjects: PhraseIndex
    labels: dict[str, str]  # subject id -> display label
    measures: dict[str, Measure]
    cues: PhraseIndex  # measure cue phrases; group = measure id
    side_effects: PhraseIndex  # id = the effect's name
    negations: re.Pattern
    inceptives: re.Pattern | None = None
    inceptive_after: re.Pattern | None = (
        None  # "protection starts to build": the verb after the cue
    )
    dimensions: dict[str, PhraseIndex] = field(default_factory=dict)
    from_heading: set[str] = field(default_factory=set)
    applies_to: dict[str, str] = field(
        default_factory=dict
    )  # dimension -> treatment | population | any
    strict: set[str] = field(
        default_factory=set
    )  # qualifier values ("starting") a figure without them never matches
    comparators: set[str] = field(default_factory=set)  # placebo, saline: never a fact's subject
    study_names: re.Pattern | None = (
        None  # "a 2019 trial", "the same study": a sentence names a study
    )
    arms: re.Pattern | None = None  # "58% of the drug group": a result of one arm
    cohort_link: re.Pattern | None = (
        None  # "(of) people with", "of adults taking": a cohort follows
    )
    cohort_start: re.Pattern | None = (
        None  # the same at the start of any text: "who have had a heart attack"
    )
    subgroup: re.Pattern | None = None  # "among those who": the figure counts within a subgroup
    # Any phrase of any qualifier dimension: where it finds nothing, no dimension's index will,
    # so most scopes cost one search instead of one per dimension.
    any_qualifier: re.Pattern | None = None


def union_of(indexes: Iterable[PhraseIndex]) -> re.Pattern | None:
    """A pattern that matches wherever one of the indexes' patterns does (which phrase wins,
    and whether it is known, is left to each index)."""
    folded: list[str] = []
    exact: list[str] = []
    for index in indexes:
        folded += index.alternatives[False]
        exact += index.alternatives[True]
    parts = [f"(?i:{one_of(folded)})"] if folded else []
    parts += [one_of(exact, ignore_case=False)] if exact else []
    if not parts:
        return None
    return re.compile(_LEFT + "(?:" + "|".join(parts) + ")" + _RIGHT)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)]


def _entries_for(id_: str, group: str, spec: Any) -> list[tuple[str, str, str, bool]]:
    """A lexicon value is a list of names, or {names, abbreviations, label}."""
    if isinstance(spec, Mapping):
        names, abbreviations = _as_list(spec.get("names")), _as_list(spec.get("abbreviations"))
    else:
        names, abbreviations = _as_list(spec), []
    return [(n, id_, group, False) for n in names] + [(a, id_, group, True) for a in abbreviations]


def _any_phrase(phrases: list[str]) -> re.Pattern | None:
    if not phrases:
        return None
    alts = sorted(
        (_phrase_pattern(p, False) if p[-1:].isalnum() else re.escape(p) for p in phrases),
        key=len,
        reverse=True,
    )
    return re.compile(_LEFT + "(?:" + one_of(alts) + ")", re.I)


def compile_lexicon(
    subjects: Mapping[str, Any], measures: Mapping[str, Any], qualifiers: Mapping[str, Any]
) -> Lexicon:
    entries: list[tuple[str, str, str, bool]] = []
    labels: dict[str, str] = {}
    comparators: set[str] = set()
    for group, key in (("condition", "conditions"), ("treatment", "treatments")):
        for id_, spec in (subjects.get(key) or {}).items():
            entries += _entries_for(str(id_), group, spec)
            labels[str(id_)] = (
                str(spec.get("label", id_)) if isinstance(spec, Mapping) else str(id_)
            )
            if isinstance(spec, Mapping) and spec.get("comparator"):
                comparators.add(str(id_))
    entries += [(g, "", "generic", False) for g in _as_list(subjects.get("generic"))]

    compiled: dict[str, Measure] = {}
    cue_entries: list[tuple[str, str, str, bool]] = []
    for id_, spec in (measures.get("measures") or {}).items():
        dims = spec.get("dimension", "proportion")
        compiled[id_] = Measure(
            id=str(id_),
            label=str(spec.get("label", id_)),
            dimensions=tuple(_as_list(dims)),
            about=str(spec.get("about", "condition")),
            priority=int(spec.get("priority", 50)),
            treatment_specific=bool(spec.get("treatment_specific")),
            condition_specific=bool(spec.get("condition_specific")),
            negated=spec.get("negated"),
            inceptive=spec.get("inceptive"),
            of_side_effect=spec.get("of_side_effect"),
            patterns=tuple(re.compile(p, re.I) for p in _as_list(spec.get("patterns"))),
            before=tuple(re.compile(p, re.I) for p in _as_list(spec.get("before"))),
            after=tuple(re.compile(p, re.I) for p in _as_list(spec.get("after"))),
            inside=tuple(re.compile(p, re.I) for p in _as_list(spec.get("inside"))),
            requires=_any_phrase(_as_list(spec.get("requires"))),
            explicit_subject=bool(spec.get("explicit_subject")),
        )
        cue_entries += [(c, str(id_), str(id_), False) for c in _as_list(spec.get("cues"))]
    effects = [
        (phrase, str(name), "side-effect", False)
        for name, phrases in (measures.get("side_effects") or {}).items()
        for phrase in _as_list(phrases)
    ]
    negations = _as_list(measures.get("negations")) or ["not"]
    words = [_phrase_pattern(n, False) for n in negations if n.replace(" ", "").isalpha()]
    marks = [
        re.escape(n) for n in negations if not n.replace(" ", "").isalpha()
    ]  # "n't" sits inside "don't"
    negation_re = re.compile(
        r"(?:" + "|".join([r"\b(?:" + "|".join(words) + r")\b"] + marks) + r")\W*(?:\w+\W+){0,2}$",
        re.I,
    )

    inceptive_words = _as_list(measures.get("inceptives"))
    inceptives = (
        re.compile(r"\b(?:" + _alternatives(inceptive_words) + r")\s+$", re.I)
        if inceptive_words
        else None
    )
    inceptive_after = (
        re.compile(r"\s+(?:\w+ly\s+)?(?:" + _alternatives(inceptive_words) + r")\b", re.I)
        if inceptive_words
        else None
    )

    dims: dict[str, PhraseIndex] = {}
    from_heading: set[str] = set()
    strict: set[str] = set()
    applies_to: dict[str, str] = {}
    for name, spec in (qualifiers.get("dimensions") or {}).items():
        applies_to[str(name)] = str(spec.get("applies_to", "any"))
        items: list[tuple[str, str, str, bool]] = []
        for value, phrases in (spec.get("values") or {}).items():
            items += _entries_for(str(value), str(name), phrases)
        items += [(x, "", "exclude", False) for x in _as_list(spec.get("exclude"))]
        dims[str(name)] = PhraseIndex(items, plural=False)
        if spec.get("from_heading"):
            from_heading.add(str(name))
        strict.update(str(v) for v in _as_list(spec.get("strict")))
    study_names, arms = _study_patterns(qualifiers.get("studies") or {})
    cohort_link, subgroup, cohort_start = _cohort_patterns(qualifiers.get("cohorts") or {})
    return Lexicon(
        subjects=PhraseIndex(entries),
        labels=labels,
        measures=compiled,
        study_names=study_names,
        arms=arms,
        cohort_link=cohort_link,
        subgroup=subgroup,
        cohort_start=cohort_start,
        cues=PhraseIndex(cue_entries, plural=False),
        side_effects=PhraseIndex(effects, plural=False),
        negations=negation_re,
        inceptives=inceptives,
        inceptive_after=inceptive_after,
        dimensions=dims,
        any_qualifier=union_of(dims.values()),
        from_heading=from_heading,
        applies_to=applies_to,
        comparators=comparators,
        strict=strict,
    )


def _study_patterns(spec: Mapping[str, Any]) -> tuple[re.Pattern | None, re.Pattern | None]:
    """The grammar around the study vocabulary (qualifiers.yaml `studies`)."""
    nouns = _as_list(spec.get("nouns"))
    arms = _as_list(spec.get("arms"))
    reports = _as_list(spec.get("reports"))
    names = arm = None
    if nouns:
        alts = _alternatives(nouns)
        names = re.compile(
            r"(?i:\b(?:a|an|the|one|this|that|our|their|its|each|same|second|first|third|later|earlier|another|"
            r"largest|smaller?|larger|recent|separate|different|new|original)\s+"
            r"(?:[\w-]+\s+|\w+-){0,4}?(?:" + alts + r")\b(?!-))"
            r"|\b[A-Z][A-Z0-9]{2,}(?:-[A-Z0-9]+)*\s+(?i:" + alts + r")\b"  # "the SUSTAIN-2 trial"
            r"|\b(?i:in|from)\s+[A-Z][A-Z0-9]*-\d+\b"  # "in TRANSFORM-2"
             + (r"|(?i:" + _LEFT + r"(?:" + _alternatives(reports) + r")\b)" if reports else "")
        )
    if arms:
        alts = _alternatives(arms)
        arm = re.compile(
            r"\b(?:of|in|among|for|from)\s+(?:the|those\s+in\s+the|people\s+in\s+the|patients\s+in\s+the|"
            r"participants\s+in\s+the)\s+(?:[\w-]+\s+){0,3}?(?:" + alts + r")\b",
            re.I,
        )
    return names, arm


def _alternatives(phrases: list[str]) -> str:
    """Longest first; only ever used case-insensitively."""
    return one_of(sorted((_phrase_pattern(p, False) for p in phrases), key=len, reverse=True))


def _cohort_patterns(
    spec: Mapping[str, Any],
) -> tuple[re.Pattern | None, re.Pattern | None, re.Pattern | None]:
    """The grammar around the cohort vocabulary (qualifiers.yaml `cohorts`)."""
    nouns, links, subgroups = (_as_list(spec.get(k)) for k in ("nouns", "links", "subgroups"))
    link = group = start = None
    if nouns and links:
        # from the figure to the cohort's condition: "% of people with (moderate to severe) "
        link = re.compile(
            r"^\s*(?:%|percent|per\s+cent)?\s*(?:of\s+)?(?:the\s+|all\s+)?(?:[\w-]+\s+){0,2}?"
            r"(?:" + _alternatives(nouns) + r")\s+(?:" + _alternatives(links) + r")\s+"
            r"(?:(?:the|a|an|their)\s+)?(?:[\w-]+\s+){0,3}?$",
            re.I,
        )
        start = re.compile(
            r"\s*(?:%|percent|per\s+cent)?\s*(?:(?:of\s+)?(?:the\s+|all\s+)?(?:[\w-]+\s+){0,2}?"
            r"(?:" + _alternatives(nouns) + r")\s+)?(?:" + _alternatives(links) + r")\s+\w",
            re.I,
        )
    if subgroups:
        group = re.compile(_LEFT + r"(?:" + _alternatives(subgroups) + r")\b", re.I)
    return link, group, start


# Each rule loads its own copy of the lexicon files, and every article asks
# again; the compiled lexicon is shared by content, fingerprinted once per
# option object.
_BY_ID: dict[int, tuple[Any, str]] = {}
_BY_CONTENT: dict[str, Lexicon] = {}


def _fingerprint(data: Any) -> str:
    hit = _BY_ID.get(id(data))
    if hit is not None and hit[0] is data:
        return hit[1]
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
    if len(_BY_ID) > 64:
        _BY_ID.clear()
    _BY_ID[id(data)] = (data, digest)
    return digest


def lexicon_for(
    subjects: Mapping[str, Any], measures: Mapping[str, Any], qualifiers: Mapping[str, Any]
) -> Lexicon:
    key = "|".join(_fingerprint(d) for d in (subjects, measures, qualifiers))
    lexicon = _BY_CONTENT.get(key)
    if lexicon is None:
        if len(_BY_CONTENT) > 8:
            _BY_CONTENT.clear()
        lexicon = _BY_CONTENT[key] = compile_lexicon(subjects, measures, qualifiers)
    return lexicon


_DEFAULTS: dict[str, Any] = {}


def default_lexicon_data() -> dict[str, Any]:
    """The packaged lexicons, for callers without rule options (tests, `facts`)."""
    if not _DEFAULTS:
        root = builtin_pack_dir() / "lexicon"
        for name in ("subjects", "measures", "qualifiers"):
            _DEFAULTS[name] = load_data_file(root / f"{name}.yaml")
    return _DEFAULTS

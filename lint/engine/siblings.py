"""Which unreported articles a run must still analyse for its cross-article comparison.

pre-commit names one staged file; its findings depend on the other articles of
the folder only through CL502, which holds the staged file's figures against
the others' figures of the same subject and measure. Analysing every sibling
(spaCy, fact extraction) to learn that most never mention the staged file's
subjects cost a minute of CPU in a 1,000-article folder. A sibling whose raw
text does not contain any word of those subjects' names (case-insensitively,
the way the subject lexicon matches) cannot state such a figure, so it is not
analysed at all. The other corpus-scope kinds here compare each article with
itself only (dates, assets), so an unreported article never changes a reported
one's findings through them; any other corpus kind keeps every sibling.

A sibling that is analysed runs only that fact rule (`comparison_rules`), and its
result is cached under a salt of that rule alone (lint.engine.runcache.open_cache),
not of every corpus rule and rule pack: after a change to the date, review or asset
rules' options, or to a rule pack, the first pre-commit run reads the siblings'
figures back instead of analysing every one of them again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

# The consistency kind's name: its module is imported only when a run
# needs siblings (a replayed run, lint.engine.replay, imports no check at all).
FACT_KIND = "fact-consistency"
# Corpus-scope kinds whose findings for an article read only that article's data.
PER_ARTICLE_KINDS = frozenset({"future-date", "asset-exists", "currency"})


def subject_words(subjects: Mapping[str, Any], ids: set[str]) -> set[str]:
    """The longest word of every name of the subjects `ids` (the subject lexicon's data, as
    `lexicon.compile_lexicon` reads it): any match of a name contains that word, whatever
    the case, the separators or a plural."""
    from ..analysis.facts.lexicon import _entries_for

    words = set()
    for group, key in (("condition", "conditions"), ("treatment", "treatments")):
        for id_, spec in (subjects.get(key) or {}).items():
            if str(id_) not in ids:
                continue
            for phrase, *_ in _entries_for(str(id_), group, spec):
                parts = [w for w in re.split(r"[\s\-]+", str(phrase).strip()) if w]
                if parts:
                    words.add(max(parts, key=len))
    return words


class Prefilter:
    """The words, as one compiled case-insensitive alternation (the lexicon matches with re.I),
    and as lowercased bytes: on ASCII text a substring test is the same test, and much faster."""

    def __init__(self, words: Iterable[str]) -> None:
        alternatives = sorted({re.escape(w) for w in words}, key=len, reverse=True)
        self.regex = re.compile("|".join(alternatives), re.I) if alternatives else None
        unique = set(words)
        self.ascii = (
            [w.lower().encode() for w in unique] if all(w.isascii() for w in unique) else None
        )

    def search(self, data: bytes) -> bool:
        if self.regex is None:
            return False
        if self.ascii is not None and data.isascii():
            lowered = data.lower()
            return any(word in lowered for word in self.ascii)
        # re.I folds beyond ASCII ("K", the Kelvin sign, is a "k"): the regex decides
        return self.regex.search(data.decode("utf-8", "replace")) is not None


def prefilter(words: Iterable[str]) -> Prefilter:
    return Prefilter(list(words))


def may_compare(data: bytes, pattern: Prefilter) -> bool:
    """Whether an article's text may hold a figure about one of the subjects."""
    if pattern.regex is None:
        return False
    if b"\\" in data:
        return True  # a YAML escape could spell a title's letters: read the article
    return pattern.search(data)


def fact_subjects(results: Iterable[Any], code: str) -> set[str]:
    """The subjects of the figures the reported articles hold up for comparison."""
    from ..analysis.facts.compact import subjects as packed_subjects

    return {s for result in results for s in packed_subjects(result.collected.get(code))}


def _across_rules(rules: Sequence[Any]) -> list[Any] | None:
    """The rules that compare an article's figures with other articles' (at most one), or
    None when another kind may compare across articles in a way we do not know of."""
    kinds = {rule.check for rule in rules}
    fact_rules = [rule for rule in rules if rule.check == FACT_KIND and rule.emits == "across"]
    if kinds - PER_ARTICLE_KINDS - {FACT_KIND} or len(fact_rules) > 1:
        return None
    return fact_rules


def comparison_rules(rules: Sequence[Any]) -> list[Any]:
    """What a comparison-only article must run of the corpus `rules`.

    Its own findings are never reported, and the per-article kinds read each article
    alone, so only the across-articles fact rule's collected figures can matter. Run
    alone, it collects exactly what it collects among the others: a kind's rules share
    one analysis only when their options are equal (lint.engine.pipeline.groups_of)."""
    across = _across_rules(rules)
    return across if across else list(rules)


def needed_siblings(
    results: Sequence[Any], siblings: Sequence[Path], rules: Sequence[Any], registry: Any
) -> list[Path]:
    """The siblings whose analysis can change a reported article's findings, in order."""
    fact_rules = _across_rules(rules)
    if fact_rules is None:
        return list(siblings)  # a kind that compares across articles we do not know of
    if not fact_rules or not siblings:
        return []
    from ..analysis.facts.lexicon import default_lexicon_data

    rule = fact_rules[0]
    subjects = rule.options.get("subjects") or default_lexicon_data()["subjects"]
    pattern = prefilter(subject_words(subjects, fact_subjects(results, rule.code)))
    kept = []
    for path in siblings:
        try:
            data = path.read_bytes()
        except OSError:
            kept.append(path)  # let the analysis report it as it always did
            continue
        if may_compare(data, pattern):
            kept.append(path)
    return kept


def sibling_context(paths: Sequence[Path], settings: Any) -> list[Path]:
    """The articles next to each file named explicitly (what pre-commit passes).

    Cross-article checks compare a changed article against the rest of its
    folder even when only that article is being linted.
    """
    from fnmatch import fnmatch

    out: list[Path] = []
    for path in paths:
        if not path.is_file():
            continue
        for sibling in sorted(path.resolve().parent.iterdir()):
            if sibling.is_file() and any(fnmatch(sibling.name, p) for p in settings.include):
                out.append(sibling)
    return out

"""Number words and the qualifier phrases that bound a figure ("up to", "nearly", "more than").

The words are data: rules/lexicon/numbers-words.yaml.
"""

from __future__ import annotations

from .vocab import lexicon, table, words

ONES: dict[str, int] = table("words", "ones")
TENS: dict[str, int] = table("words", "tens")
SCALES: dict[str, float] = {w: float(v) for w, v in table("words", "scales").items()}
_SMALL_SCALES = {"dozen": 12, "hundred": 100}  # kept as integers, as a count of them reads
VAGUE_SCALES: dict[str, tuple[float, str]] = {
    plural: (_SMALL_SCALES.get(name) or SCALES[name], name)
    for plural, name in table("words", "vague-scales").items()
}
FRACTIONS: dict[str, int] = table("words", "fractions")
MULTIPLIER_WORDS: dict[str, float] = table("words", "multiplier-words")
SCALE_AFTER_A = words("words", "scale-after-a")
NUMBER_WORDS = (
    set(ONES)
    | set(TENS)
    | set(SCALES)
    | set(VAGUE_SCALES)
    | set(FRACTIONS)
    | set(MULTIPLIER_WORDS)
    | set(_SMALL_SCALES)
)

PERCENT_WORDS = words("words", "percent-words")
MINUS = frozenset({"-", "−", "–"})  # a hyphen, a minus sign, an en dash
CUT_VERBS = words("words", "cut-verbs")
HALF_BLOCKERS = words("words", "half-blockers")
FRACTION_AFTER_A = words("words", "fraction-after-a")
RANGE_VERBS = words("words", "range-verbs")
LOWER_BOUND_NOUNS = words("words", "lower-bound-nouns")
ORDINALS: dict[str, int] = table("words", "ordinals")

# Longest first, so "no more than" wins over "more than".
QUALIFIER_PHRASES: list[tuple[tuple[str, ...], str]] = sorted(
    [
        (tuple(phrase.split()), kind)
        for kind, listed in lexicon("words")["qualifiers"].items()
        for phrase in listed
    ],
    key=lambda p: -len(p[0]),
)
QUALIFIER_WORDS = {w for words_, _ in QUALIFIER_PHRASES for w in words_}
QUALIFIERS_BY_LAST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _kind in QUALIFIER_PHRASES:  # longest first, as in QUALIFIER_PHRASES
    QUALIFIERS_BY_LAST.setdefault(_words[-1], []).append((_words, _kind))

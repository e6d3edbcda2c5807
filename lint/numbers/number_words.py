"""Number words and the qualifier phrases that bound a figure ("up to", "nearly", "more than")."""

ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
VAGUE_SCALES = {"dozens": (12, "dozen"), "hundreds": (100, "hundred"), "thousands": (1e3, "thousand"),
                "millions": (1e6, "million"), "billions": (1e9, "billion")}
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
             "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
             "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10}
MULTIPLIER_WORDS = {"twice": 2, "double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "triple": 3,
                    "tripled": 3, "triples": 3, "tripling": 3, "quadruple": 4, "quadrupled": 4,
                    "quadruples": 4, "halved": 0.5, "halving": 0.5, "halves": 0.5, "halve": 0.5}
NUMBER_WORDS = set(ONES) | set(TENS) | set(SCALES) | set(VAGUE_SCALES) | set(FRACTIONS) | \
    set(MULTIPLIER_WORDS) | {"dozen", "hundred"}

PERCENT_WORDS = {"%", "percent", "per-cent", "pct"}
MINUS = {"-", "−", "–"}
# Verbs before "in half" that make it a fraction of something cut: "cut migraine days in half".
CUT_VERBS = {"cut", "cuts", "reduced", "reduce", "reduces", "reducing", "slashed", "slash", "slashes", "dropped",
             "drop", "drops", "fell", "falls", "fall", "split", "lowered", "lowers", "halved"}
# Longest first, so "no more than" wins over "more than".
QUALIFIER_PHRASES: list[tuple[tuple[str, ...], str]] = sorted([
    (("up", "to"), "upper"), (("as", "many", "as"), "upper"), (("as", "much", "as"), "upper"),
    (("as", "high", "as"), "upper"), (("less", "than"), "upper"), (("fewer", "than"), "upper"),
    (("no", "more", "than"), "upper"), (("at", "most"), "upper"), (("under",), "upper"),
    (("below",), "upper"), (("<",), "upper"), (("≤",), "upper"), (("just", "under"), "upper"),
    (("a", "maximum", "of"), "upper"), (("maximum", "of"), "upper"),
    (("more", "than"), "lower"), (("over",), "lower"), (("at", "least"), "lower"),
    (("greater", "than"), "lower"), (("upwards", "of"), "lower"), (("upward", "of"), "lower"),
    (("in", "excess", "of"), "lower"), (("exceeding",), "lower"), (("above",), "lower"), ((">",), "lower"),
    (("≥",), "lower"), (("well", "over"), "lower"), (("just", "over"), "lower"), (("a", "minimum", "of"), "lower"),
    (("minimum", "of"), "lower"), (("as", "few", "as"), "lower"), (("as", "little", "as"), "lower"),
    (("about",), "approx"), (("around",), "approx"), (("approximately",), "approx"), (("approx",), "approx"),
    (("approx", "."), "approx"), (("roughly",), "approx"), (("nearly",), "approx"), (("almost",), "approx"),
    (("close", "to"), "approx"), (("an", "estimated"), "approx"), (("estimated",), "approx"), (("~",), "approx"),
    (("≈",), "approx"), (("circa",), "approx"), (("some",), "approx"), (("an", "average", "of"), "approx"),
    (("on", "average"), "approx"), (("average", "of"), "approx"), (("averaging",), "approx"),
    (("between",), "exact"), (("a", "median", "of"), "exact"), (("median", "of"), "exact"),
    (("a", "mean", "of"), "exact"), (("mean", "of"), "exact"), (("median",), "exact"),
    (("nearly", "a"), "approx"), (("almost", "a"), "approx"), (("about", "a"), "approx"),
    (("more", "than", "a"), "lower"), (("less", "than", "a"), "upper"), (("over", "a"), "lower"),
], key=lambda p: -len(p[0]))
QUALIFIER_WORDS = {w for words, _ in QUALIFIER_PHRASES for w in words}
QUALIFIERS_BY_LAST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _kind in QUALIFIER_PHRASES:  # longest first, as in QUALIFIER_PHRASES
    QUALIFIERS_BY_LAST.setdefault(_words[-1], []).append((_words, _kind))

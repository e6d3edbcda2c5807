"""Readings of the relative figures and the keyed ones: statistics with a key, multiplier and
fraction words, vague scales, percentages, ratios ("1 in 5", "7:1", "3/10 of") and multipliers.

Each is one step of `grammar.READINGS` (see reading.py for the contract).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .kinds import ParsedClaim
from .nouns import POPULATION, STUDY_NOUNS, STUDY_PEOPLE
from .reading import NEXT, Site, Verdict
from .tokens import number_value

if TYPE_CHECKING:  # pragma: no cover
    from .grammar import SentenceParser


def keyed_statistic(p: SentenceParser, at: Site) -> Verdict:
    """n = 120, p < 0.05, OR 2.1, odds ratio of 1.8."""
    q, i = at.q, at.i
    key = p.stat_key_before(i)
    if key is None or q.word:
        return NEXT
    qual = (
        "upper"
        if any(p.tx[x] in ("<", "≤") for x in range(key, i))
        else "lower"
        if any(p.tx[x] in (">", "≥") for x in range(key, i))
        else "exact"
    )
    end = p.ci_tail(at.j) if p.tx[key] == "CI" else at.j
    return p.claim(q, "study-statistic", p.tx[key], end, start_tok=key, qualifier=qual)


def multiplier_word(p: SentenceParser, at: Site) -> Verdict:
    """ "twice as likely", "doubled the risk", "twice daily"."""
    return p.classify_multiplier_word(at.q) if at.q.multiplier else NEXT


def fraction_word(p: SentenceParser, at: Site) -> Verdict:
    """ "half of patients", "two-thirds respond"."""
    return p.classify_fraction(at.q) if at.q.fraction else NEXT


def vague_scale(p: SentenceParser, at: Site) -> Verdict:
    """ "millions of people", "dozens of studies"; a vague number with no such noun is no claim."""
    q, j = at.q, at.j
    if not q.vague:
        return NEXT
    if p.lw[j] != "of":
        return None
    end, noun = p.head_after_of(j + 1)
    if not noun:
        return None
    head = noun.split()[-1].lower()
    if head in STUDY_NOUNS or head in STUDY_PEOPLE:
        return p.claim(q, "study-statistic", head, end, noun=noun)
    if head in POPULATION:
        unit = "people" if head not in ("cases", "deaths") else head
        return p.claim(q, "count", unit, end, noun=noun)
    return None


def percentage(p: SentenceParser, at: Site) -> Verdict:
    """A share, a change in risk, a CI or a concentration (see KindReaders.classify_percent)."""
    return p.classify_percent(at.q) if at.q.percent else NEXT


def ratio(p: SentenceParser, at: Site) -> Verdict:
    """ "1 in 5", "one out of every three"."""
    found = p.ratio_tail(at.q)
    if found is None:
        return NEXT
    value, end = found
    end2, noun = p.noun_after(end)
    return p.claim(at.q, "ratio", "fraction", end2, low=value, high=value, noun=noun)


def multiplier(p: SentenceParser, at: Site) -> Verdict:
    """ "3 times more likely", "2x", "3-fold", "2 times a week" (a protocol step)."""
    mult = p.multiplier_tail(at.q)
    if mult is None:
        return NEXT
    return mult if isinstance(mult, ParsedClaim) else None


def colon_ratio(p: SentenceParser, at: Site) -> Verdict:
    """ "a 7:1 female-to-male ratio"."""
    q, j = at.q, at.j
    if not (
        p.tx[j] == ":"
        and p.gl[j]
        and p.gl[j + 1]
        and p.toks.texts[j + 1 : j + 2]
        and p.toks.digit[j + 1]
        and len(p.tx[j + 1]) == 1
    ):
        return NEXT
    den = number_value(p.tx[j + 1]) or 1
    return p.claim(q, "ratio", "ratio", j + 2, low=q.low / den, high=q.low / den)


def slashed(p: SentenceParser, at: Site) -> Verdict:
    """A glued "N/M of" fraction, or a blood pressure "130/80 mmHg"; other slashes are no claim."""
    q, j = at.q, at.j
    if not (p.tx[j] == "/" and p.gl[j]):
        return NEXT
    a, b, count = p.glued_chain(at.i)
    if count == 2 and p.lw[b + 1] in ("mmhg", "mm"):
        end = b + 2 + (p.lw[b + 1] == "mm" and p.lw[b + 2] == "hg")
        # the systolic value; the diastolic stays in the text
        return p.claim(q, "measurement", "mmHg", end, low=q.low, high=q.low)
    if count == 2 and p.lw[b + 1] == "of":
        num, den = number_value(p.tx[a]), number_value(p.tx[b])
        if num and den and num < den:
            end, noun = p.head_after_of(b + 2)
            return p.claim(q, "ratio", "fraction", end, low=num / den, high=num / den, noun=noun)
    return None

"""Readings of the absolute figures: timepoints, year-dated studies, compound durations
("a 12-week course"), doses and measurements, time amounts, counts of doses, people and
studies, and the unit-less figures that are still claims.

Each is one step of `grammar.READINGS` (see reading.py for the contract).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cues import (
    ADVICE_WORDS,
    EFFECT_CUES,
    OVER_LASTING,
    PROTOCOL_CUES,
    WEAK_EFFECT_CUES,
    WEAK_PROTOCOL_CUES,
)
from .nouns import (
    COMPOUND_DOSE_HEADS,
    DEFINITE,
    DOSE_FORM_MODIFIERS,
    DOSE_NAMES,
    HEAD_NOUN_STOP,
    OUTCOME_VERBS,
    PER_DOSE_NAMES,
    POPULATION,
    SINGLE_PERSON,
    STARTING_WEIGHTS,
    STUDY_NOUNS,
    STUDY_PEOPLE,
    STUDY_SINGULAR,
    TRAILING_SCOPE,
    TREATMENT_TRIALS,
)
from .reading import NEXT, Site, Verdict
from .units import DOSE_FORMS, TIME_UNITS, TIMEPOINT_UNITS

if TYPE_CHECKING:  # pragma: no cover
    from .grammar import SentenceParser

COUNTED = POPULATION | STUDY_NOUNS | STUDY_PEOPLE
STUDY_HEADS = STUDY_SINGULAR | {"meta"}
STRONG_CUES = (EFFECT_CUES - WEAK_EFFECT_CUES) | (PROTOCOL_CUES - WEAK_PROTOCOL_CUES)


def timepoint(p: SentenceParser, at: Site) -> Verdict:
    """ "faded by week 12": a point in time of an effect; other timepoints are no claim."""
    q, i, j = at.q, at.i, at.j
    if not p.timepoint(q) or p.is_year(q):
        return NEXT
    unit = TIMEPOINT_UNITS[p.lw[i - 1]]
    kind = p.time_kind(q, j, unit)
    words = p.window(i, j, 10, 10) | set(p.context.split())
    if kind is not None and words & STRONG_CUES and not words & ADVICE_WORDS:
        return p.claim(q, "duration", unit, j, start_tok=i - 2)
    return None


def year_study(p: SentenceParser, at: Site) -> Verdict:
    """ "a 2018 review", "in a 2020 randomized controlled trial"; other years are no claim."""
    q, j = at.q, at.j
    if not p.is_year(q):
        return NEXT
    k = p.modifiers_then(j, STUDY_HEADS, limit=4)
    if k is None:
        return None
    end = k + 1
    if p.lw[k] == "meta" and p.lw[k + 1] == "-" and p.lw[k + 2] == "analysis":
        end = k + 3
    start = at.qual_start
    if p.lw[start - 1] in ("a", "an", "the", "one"):
        start -= 1  # "A 2018 review": the study, named with its article
    return p.claim(q, "year-finding", "year", end, start_tok=start, noun=p.lw[k])


def compound(p: SentenceParser, at: Site) -> Verdict:
    """ "a 40-minute infusion", "a 12-week course" (a protocol step), "3-fold" (a multiplier)."""
    q, j = at.q, at.j
    if p.lw[j] != "-" or not p.gl[j]:
        return NEXT
    if p.lw[j + 1] in TIME_UNITS and p.gl[j + 1]:
        head = p.lw[j + 2]
        if head in COMPOUND_DOSE_HEADS:
            return p.claim(q, "dose", TIME_UNITS[p.lw[j + 1]], j + 3, noun=head)
        return None  # "5-year-old", "a 12-week trial"
    if p.lw[j + 1] == "fold":
        return p.claim(q, "multiplier", "x", p.comparative_tail(j + 2))
    return NEXT


def dose_or_measurement(p: SentenceParser, at: Site) -> Verdict:
    """0.5 mg/kg, 40mg, 100 mg per session, 15 pounds."""
    dose = p.dose_unit(at.j)
    if dose is None:
        return NEXT
    end, unit, kind = dose
    freq = p.frequency_after(end)
    if freq is not None:
        end = freq
    elif p.lw[end] == "of" and kind == "dose":
        end2, noun = p.head_after_of(end + 1, limit=2)
        if noun:
            end = end2
    if _named_dose_or_description(p, at, end, kind):
        return None
    return p.claim(at.q, kind, unit, end)


def _named_dose_or_description(p: SentenceParser, at: Site, end: int, kind: str) -> bool:
    """A dose or measurement that names or describes rather than claims: "the 2.4mg dose",
    "Ozempic 2mg (off-label)", "(33 lbs if starting at 220 lbs)", "a 70 kg person"."""
    i, qual_start = at.i, at.qual_start
    if kind == "dose" and p.lw[qual_start - 1] in DEFINITE and p.lw[end] in DOSE_NAMES:
        return True  # "about 40% less than the 2.4mg dose": a reference to a dose, not a claim
    label_end = (
        (")", "(", ":", "|") if qual_start == 1 else (")", "(", ":", ",", "*", "|", "-", "—")
    )
    if (
        kind == "dose"
        and p.glued_name_before(qual_start)
        and p.frequency_after(end) is None
        and (end >= p.n or p.tx[end] in label_end)
    ):
        return True  # "Ozempic 2mg (off-label...)": a product and its strength, named
    if kind != "measurement":
        return False
    if p.hypothetical(i) or p.lw[qual_start - 1] in STARTING_WEIGHTS:
        return True  # "(33 lbs if starting at 220 lbs)"
    # "I've lost 35 pounds", "a 70 kg person", "a 12 cm incision"
    return (
        p.narrative()
        or p.lw[end] in SINGLE_PERSON
        or p.tx[end] == "-"
        or (qual_start == i and p.lw[i - 1] in ("a", "an"))
    )


def time_amount(p: SentenceParser, at: Site) -> Verdict:
    """A protocol step ("infusions over 40 minutes") or a duration of effect ("lasted 2 weeks")."""
    q, i, j = at.q, at.i, at.j
    w = p.lw[j]
    if w not in TIME_UNITS or (w == "h" and not p.gl[j]):  # "5h", but not a stray "h"
        return NEXT
    unit = TIME_UNITS[w]
    if {p.lw[at.qual_start], p.lw[at.qual_start + 1]} & {"median", "mean"}:
        return p.claim(q, "study-statistic", unit, j + 1)  # "followed for a median of 9 years"
    kind = p.time_kind(q, j + 1, unit)
    if kind is None:
        return None
    end = j + 1
    if p.lw[at.qual_start] in ("over", "under") and p.lw[at.qual_start - 1] not in OVER_LASTING:
        # "infusions over 3-5 days": a preposition, not a lower bound
        end = p.frequency_after(end) or end
        return p.claim(q, kind, unit, end, start_tok=i, qualifier="exact")
    freq = p.frequency_after(end)
    if kind == "dose" and freq is not None:
        end = freq
    elif kind == "dose" and p.lw[end] == "per" and p.lw[end + 1] in PER_DOSE_NAMES:
        end += 2
    return p.claim(q, kind, unit, end)


def dose_count(p: SentenceParser, at: Site) -> Verdict:
    """Counts of things given in doses: "6 infusions", "two tablets", "3 weekly sessions"."""
    q, j = at.q, at.j
    w = p.lw[j]
    if not (
        w in DOSE_FORMS
        or (p.lw[j + 1] in DOSE_FORMS and p.toks.word[j] and w in DOSE_FORM_MODIFIERS)
    ):
        return NEXT
    if (q.word and q.low < 2) or p.narrative():
        return None
    k = j if w in DOSE_FORMS else j + 1
    end = k + 1
    freq = p.frequency_after(end)
    if freq is not None:
        end = freq
    return p.claim(q, "dose", DOSE_FORMS[p.lw[k]], end)


def people_count(p: SentenceParser, at: Site) -> Verdict:
    """Counts of people, cases and studies ("a 220-pound person" is a description, not a count)."""
    q, j = at.q, at.j
    k = None if p.tx[j] in ("-", "‐") else p.modifiers_then(j, COUNTED, limit=3)
    if k is None:
        return NEXT
    head = p.lw[k]
    noun = " ".join(p.toks.texts[x] for x in range(j, k + 1) if p.toks.texts[x] not in ("-",))
    end = k + 1
    if head in STUDY_NOUNS or head in STUDY_PEOPLE:
        if head in ("study", "trial") or (q.word and q.low < 2):
            return None
        if head in ("trials",) and {p.lw[x] for x in range(j, k)} & TREATMENT_TRIALS:
            return None  # "two adequate antidepressant trials": attempts at treatment, not studies
        return p.claim(q, "study-statistic", head, end, noun=noun)
    if head in ("worldwide", "globally"):
        return None
    if q.word and not q.scale:
        return None  # "two patients": an anecdote, not a statistic
    if p.lw[end] in TRAILING_SCOPE:
        end += 1
    if p.lw[end] == "each" and p.lw[end + 1] == "year":
        end += 2
    unit = "people" if head not in ("cases", "deaths") else head
    return p.claim(q, "count", unit, end, noun=noun)


# -- figures with no unit or known noun that are still claims --------------------------------


def bare_word(p: SentenceParser, at: Site) -> Verdict:
    """A number word with no unit or noun ("two of them"): no claim."""
    return None if at.q.word and not at.q.scale else NEXT


def scaled_count(p: SentenceParser, at: Site) -> Verdict:
    """ "20 million of them", "3.5 million prescriptions": scaled numbers are statistics."""
    q, j = at.q, at.j
    if not q.scale:
        return NEXT
    end, noun = p.noun_after(j)
    if not noun and p.toks.texts[j : j + 1] and p.toks.word[j] and p.lw[j] not in HEAD_NOUN_STOP:
        end, noun = j + 1, p.tx[j]
    return p.claim(q, "count", "count", end, noun=noun)


def qualified_count(p: SentenceParser, at: Site) -> Verdict:
    """ "over 40 clinics": a qualified number of 10 or more before a plural noun."""
    q, j = at.q, at.j
    if at.qual_kind == "exact" or q.low < 10 or p.is_year(q):
        return NEXT
    k = j
    while k < p.n and k - j < 3 and p.toks.word[k] and p.lw[k] not in HEAD_NOUN_STOP:
        w = p.lw[k]
        if w.endswith("s") and len(w) > 3 and w not in ("this", "has", "was"):
            noun = " ".join(p.toks.texts[j : k + 1])
            return p.claim(q, "count", "count", k + 1, noun=noun)
        k += 1
    return NEXT


def outcome_count(p: SentenceParser, at: Site) -> Verdict:
    """ "41 dropped out": people who did something in a study."""
    q, j = at.q, at.j
    if not (
        q.integer
        and q.low >= 2
        and not p.is_year(q)
        and p.lw[j] in OUTCOME_VERBS
        and p.lw[j - 1] != "in"
    ):
        return NEXT
    end = j + 1 + (p.lw[j + 1] == "out")
    return p.claim(q, "study-statistic", "participants", end)


def table_cell(p: SentenceParser, at: Site) -> Verdict:
    """A results table cell: "| −16.7 |"."""
    q, j = at.q, at.j
    if p.cell and (p.signed(at.i) or not q.integer) and j >= p.n:
        return p.claim(q, "study-statistic", "", j)
    return NEXT

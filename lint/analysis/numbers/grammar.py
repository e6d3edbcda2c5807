"""The grammar over one sentence: at a number, read the quantity, rule out what is not a claim,
and decide the kind from what surrounds it."""

from __future__ import annotations

from .cues import EFFECT_CUES, PROTOCOL_CUES, WEAK_EFFECT_CUES, WEAK_PROTOCOL_CUES
from .exclusions import NotAClaim
from .kinds import KindReaders, ParsedClaim
from .nouns import (
    DEFINITE,
    DOSE_NAMES,
    HEAD_NOUN_STOP,
    OUTCOME_VERBS,
    POPULATION,
    SINGLE_PERSON,
    STUDY_NOUNS,
    STUDY_PEOPLE,
    STUDY_SINGULAR,
    TRAILING_SCOPE,
    TREATMENT_TRIALS,
)
from .quantities import Quantity
from .tokens import number_value
from .units import DOSE_FORMS, TIME_UNITS, TIMEPOINT_UNITS


class SentenceParser(KindReaders, NotAClaim):
    """The grammar over one sentence's tokens (or one table cell's)."""

    def parse(self, i: int) -> tuple[ParsedClaim | None, int]:
        """Try a claim at token i: (the claim or None, index to continue from)."""
        q = self.read_quantity(i)
        if q is None:
            return None, i + 1
        nxt = max(q.end, i + 1)
        if self.is_date_or_time(q):
            _, b, _ = self.glued_chain(i)
            return None, max(nxt, b + 1)
        if self.is_name_or_label(q) or self.is_list_number(q):
            return None, nxt
        if self.is_money(q) or self.is_age(q):
            return None, nxt
        result = self.classify(q)
        if result is None:
            return None, nxt
        return result, max(nxt, result.end_tok)

    def classify(self, q: Quantity) -> ParsedClaim | None:
        """The claim `q` states, by the first reading that fits (the order matters), or None."""
        i, j = q.first, q.end
        qual_kind, qual_start = self.qualifier_before(i)

        # statistics with a key: n = 120, p < 0.05, OR 2.1, odds ratio of 1.8
        key = self.stat_key_before(i)
        if key is not None and not q.word:
            qual = (
                "upper"
                if any(self.text(x) in ("<", "≤") for x in range(key, i))
                else "lower"
                if any(self.text(x) in (">", "≥") for x in range(key, i))
                else "exact"
            )
            end = self.ci_tail(j) if self.text(key) == "CI" else j
            return self.claim(
                q, "study-statistic", self.text(key), end, start_tok=key, qualifier=qual
            )

        if q.multiplier:
            return self.classify_multiplier_word(q)

        if q.fraction:
            return self.classify_fraction(q)

        if q.vague:
            if self.low(j) != "of":
                return None
            end, noun = self.head_after_of(j + 1)
            if not noun:
                return None
            head = noun.split()[-1].lower()
            if head in STUDY_NOUNS or head in STUDY_PEOPLE:
                return self.claim(q, "study-statistic", head, end, noun=noun)
            if head in POPULATION:
                return self.claim(
                    q,
                    "count",
                    "people" if head not in ("cases", "deaths") else head,
                    end,
                    noun=noun,
                )
            return None

        if q.percent:
            return self.classify_percent(q)

        # ratios: 1 in 5, one out of every three
        ratio = self.ratio_tail(q)
        if ratio is not None:
            value, end = ratio
            end2, noun = self.noun_after(end)
            return self.claim(q, "ratio", "fraction", end2, low=value, high=value, noun=noun)

        # multipliers: 3 times more likely, 2x, 3-fold, 2 times a week (protocol)
        mult = self.multiplier_tail(q)
        if mult is not None:
            return mult if isinstance(mult, ParsedClaim) else None

        w = self.low(j)
        if (
            self.text(j) == ":"
            and self.glued(j)
            and self.glued(j + 1)
            and self.toks[j + 1 : j + 2]
            and self.toks[j + 1].is_digit
            and len(self.text(j + 1)) == 1
        ):
            den = number_value(self.text(j + 1)) or 1
            # "a 7:1 female-to-male ratio"
            return self.claim(q, "ratio", "ratio", j + 2, low=q.low / den, high=q.low / den)
        # glued "N/M of" fraction, or a blood pressure "130/80 mmHg"
        if self.text(j) == "/" and self.glued(j):
            a, b, count = self.glued_chain(i)
            if count == 2 and self.low(b + 1) in ("mmhg", "mm"):
                end = b + 2 + (self.low(b + 1) == "mm" and self.low(b + 2) == "hg")
                # the systolic value; the diastolic stays in the text
                return self.claim(q, "measurement", "mmHg", end, low=q.low, high=q.low)
            if count == 2 and self.low(b + 1) == "of":
                num, den = number_value(self.text(a)), number_value(self.text(b))
                if num and den and num < den:
                    end, noun = self.head_after_of(b + 2)
                    return self.claim(
                        q, "ratio", "fraction", end, low=num / den, high=num / den, noun=noun
                    )
            return None

        if self.timepoint(q) and not self.is_year(q):
            unit = TIMEPOINT_UNITS[self.low(i - 1)]
            kind = self.time_kind(q, j, unit)
            words = self.window(i, j, 10, 10) | set(self.context.split())
            strong = (words & EFFECT_CUES - WEAK_EFFECT_CUES) | (
                words & PROTOCOL_CUES - WEAK_PROTOCOL_CUES
            )
            if kind is not None and strong and not words & {"you", "you're", "your", "if"}:
                return self.claim(q, "duration", unit, j, start_tok=i - 2)  # "faded by week 12"
            return None

        # year-dated study: "a 2018 review", "in a 2020 randomized controlled trial"
        if self.is_year(q):
            k = self.modifiers_then(j, STUDY_SINGULAR | {"meta"}, limit=4)
            if k is not None:
                end = k + 1
                if (
                    self.low(k) == "meta"
                    and self.low(k + 1) == "-"
                    and self.low(k + 2) == "analysis"
                ):
                    end = k + 3
                start = qual_start
                if self.low(start - 1) in ("a", "an", "the", "one"):
                    start -= 1  # "A 2018 review": the study, named with its article
                return self.claim(q, "year-finding", "year", end, start_tok=start, noun=self.low(k))
            return None

        # compound adjectives: a 40-minute infusion, a 12-week trial
        if w == "-" and self.glued(j) and self.low(j + 1) in TIME_UNITS and self.glued(j + 1):
            unit = TIME_UNITS[self.low(j + 1)]
            head = self.low(j + 2)
            if head == "-":
                return None  # 5-year-old
            if head in (
                "infusion",
                "infusions",
                "session",
                "sessions",
                "course",
                "courses",
                "regimen",
                "taper",
                "treatment",
                "protocol",
                "drip",
                "fast",
                "washout",
                "series",
            ):
                return self.claim(q, "dose", unit, j + 3, noun=head)
            return None
        if w == "-" and self.glued(j) and self.low(j + 1) in ("fold",):
            end = j + 2
            end = self.comparative_tail(end)
            return self.claim(q, "multiplier", "x", end)

        # doses and measurements: 0.5 mg/kg, 40mg, 100 mg per session, 15 pounds
        dose = self.dose_unit(j)
        if dose is not None:
            end, unit, kind = dose
            freq = self.frequency_after(end)
            if freq is not None:
                end = freq
            elif self.low(end) == "of" and kind == "dose":
                end2, noun = self.head_after_of(end + 1, limit=2)
                if noun:
                    end = end2
            if (
                kind == "dose"
                and self.low(qual_start - 1) in DEFINITE
                and self.low(end) in DOSE_NAMES
            ):
                return (
                    None  # "about 40% less than the 2.4mg dose": a reference to a dose, not a claim
                )
            label_end = (
                (")", "(", ":", "|")
                if qual_start == 1
                else (")", "(", ":", ",", "*", "|", "-", "—")
            )
            if (
                kind == "dose"
                and self.glued_name_before(qual_start)
                and self.frequency_after(end) is None
                and (end >= self.n or self.text(end) in label_end)
            ):
                return None  # "Ozempic 2mg (off-label...)": a product and its strength, named
            if kind == "measurement" and (
                self.hypothetical(i)
                or self.low(qual_start - 1) in ("starting", "weighing", "weigh", "weighs", "from")
            ):
                return None  # "(33 lbs if starting at 220 lbs)"
            if kind == "measurement" and (
                self.narrative()
                or self.low(end) in SINGLE_PERSON
                or self.text(end) == "-"
                or (qual_start == i and self.low(i - 1) in ("a", "an"))
            ):
                return None  # "I've lost 35 pounds", "a 70 kg person", "a 12 cm incision"
            return self.claim(q, kind, unit, end)

        # time amounts: protocol steps and durations of effect
        if w in TIME_UNITS and not (w == "h" and not self.glued(j)):  # "5h", but not a stray "h"
            unit = TIME_UNITS[w]
            if {self.low(qual_start), self.low(qual_start + 1)} & {"median", "mean"}:
                return self.claim(
                    q, "study-statistic", unit, j + 1
                )  # "followed for a median of 9 years"
            kind = self.time_kind(q, j + 1, unit)
            if kind is None:
                return None
            end = j + 1
            if self.low(qual_start) in ("over", "under") and self.low(qual_start - 1) not in (
                "for",
                "lasting",
                "last",
                "lasts",
                "lasted",
                "persisting",
            ):
                # "infusions over 3-5 days": a preposition, not a lower bound
                return self.claim(
                    q, kind, unit, self.frequency_after(end) or end, start_tok=i, qualifier="exact"
                )
            freq = self.frequency_after(end)
            if kind == "dose" and freq is not None:
                end = freq
            elif (
                kind == "dose"
                and self.low(end) == "per"
                and self.low(end + 1) in ("session", "infusion", "treatment", "dose")
            ):
                end += 2
            return self.claim(q, kind, unit, end)

        # counts of things given in doses: 6 infusions, two tablets, 3 sessions
        if w in DOSE_FORMS or (
            self.low(j + 1) in DOSE_FORMS
            and self.toks[j].is_word
            and self.low(j) in ("weekly", "daily", "ketamine", "iv", "booster", "maintenance")
        ):
            if q.word and q.low < 2:
                return None
            k = j if w in DOSE_FORMS else j + 1
            unit = DOSE_FORMS[self.low(k)]
            if self.narrative():
                return None
            end = k + 1
            freq = self.frequency_after(end)
            if freq is not None:
                end = freq
            return self.claim(q, "dose", unit, end)

        # counts of people, cases and studies ("a 220-pound person" is a description, not a count)
        k = (
            None
            if self.text(j) in ("-", "‐")
            else self.modifiers_then(j, POPULATION | STUDY_NOUNS | STUDY_PEOPLE, limit=3)
        )
        if k is not None:
            head = self.low(k)
            noun = " ".join(
                self.toks[x].text for x in range(j, k + 1) if self.toks[x].text not in ("-",)
            )
            end = k + 1
            if head in STUDY_NOUNS or head in STUDY_PEOPLE:
                if head in ("study", "trial") or (q.word and q.low < 2):
                    return None
                if head in ("trials",) and {self.low(x) for x in range(j, k)} & TREATMENT_TRIALS:
                    return None  # "two adequate antidepressant trials": attempts at treatment, not studies
                return self.claim(q, "study-statistic", head, end, noun=noun)
            if head in ("worldwide", "globally"):
                return None
            if q.word and not q.scale:
                return None  # "two patients": an anecdote, not a statistic
            if self.low(end) in TRAILING_SCOPE:
                end += 1
            if self.low(end) == "each" and self.low(end + 1) == "year":
                end += 2
            return self.claim(
                q, "count", "people" if head not in ("cases", "deaths") else head, end, noun=noun
            )
        return self.classify_rest(q, qual_kind, qual_start)

    def classify_rest(self, q: Quantity, qual_kind: str, qual_start: int) -> ParsedClaim | None:
        """Figures with no unit or known noun that are still claims."""
        i, j = q.first, q.end
        if q.word and not q.scale:
            return None
        if (
            q.scale
        ):  # "20 million of them", "3.5 million prescriptions": scaled numbers are statistics
            end, noun = self.noun_after(j)
            if (
                not noun
                and self.toks[j : j + 1]
                and self.toks[j].is_word
                and self.low(j) not in HEAD_NOUN_STOP
            ):
                end, noun = j + 1, self.text(j)
            return self.claim(q, "count", "count", end, noun=noun)
        if qual_kind != "exact" and q.low >= 10 and not self.is_year(q):
            k = j
            while (
                k < self.n
                and k - j < 3
                and self.toks[k].is_word
                and self.low(k) not in HEAD_NOUN_STOP
            ):
                if (
                    self.low(k).endswith("s")
                    and len(self.low(k)) > 3
                    and self.low(k) not in ("this", "has", "was")
                ):
                    noun = " ".join(t.text for t in self.toks[j : k + 1])
                    return self.claim(q, "count", "count", k + 1, noun=noun)
                k += 1
        if (
            q.integer
            and q.low >= 2
            and not self.is_year(q)
            and self.low(j) in OUTCOME_VERBS
            and self.low(j - 1) not in ("in",)
        ):
            end = j + 1 + (self.low(j + 1) == "out")
            return self.claim(q, "study-statistic", "participants", end)  # "41 dropped out"
        if self.cell and (self.signed(i) or not q.integer) and j >= self.n:
            return self.claim(q, "study-statistic", "", j)  # a results table cell: "| −16.7 |"
        return None

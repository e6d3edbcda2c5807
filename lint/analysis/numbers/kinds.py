"""Readers for the relative figures: percentages, fractions, ratios and multipliers.

Each returns the ParsedClaim it reads at a quantity, or None when the figure
is not a claim of that kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .cues import (
    CHANGE_WORDS,
    CI_AFTER,
    COMPARATIVE_AFTER,
    COMPARATIVE_SECOND,
    COMPARATIVE_THE,
    COMPARATIVE_THIRD,
    COMPARATIVES,
    DOUBLE_NOUN_BLOCKERS,
    MULTIPLIER_COMPARISONS,
    MULTIPLIER_CONTEXT,
    RISK_CHANGE_TAIL,
    RISK_NOUNS,
    TIMES_WORDS,
    ClaimCues,
)
from .nouns import (
    AS_LIKELY,
    FRACTION_A_BLOCKERS,
    FRACTION_OF_BLOCKERS,
    MEASURE_NOUNS_AFTER,
    POPULATION,
    STUDY_PEOPLE,
)
from .quantities import Quantity
from .units import CONCENTRATION_FORMS, PERIODS, TIME_UNITS

PEOPLE = POPULATION | STUDY_PEOPLE
RISK_CHANGE_SPAN = CHANGE_WORDS | RISK_NOUNS | RISK_CHANGE_TAIL
MEASURES_AFTER = MEASURE_NOUNS_AFTER - {"of"}
MULTIPLIER_CUES = RISK_NOUNS | MULTIPLIER_CONTEXT
MULTIPLIED_THINGS = RISK_NOUNS | {"number", "rate"}
COMPARED_THINGS = RISK_NOUNS | COMPARATIVE_THE


@dataclass
class ParsedClaim:
    """One figure as the grammar read it, in token indexes (NumericMention has the file offsets)."""

    kind: str
    unit: str
    start_tok: int  # the whole claim: from its qualifier (or sign) to its unit or noun
    end_tok: int
    num_start: int  # the numbers alone
    num_end: int
    low: float
    high: float
    qualifier: str
    scale: str | None
    noun: str


class KindReaders(ClaimCues):
    def claim(
        self,
        q: Quantity,
        kind: str,
        unit: str,
        end_tok: int,
        start_tok: int | None = None,
        noun: str = "",
        low: float | None = None,
        high: float | None = None,
        qualifier: str | None = None,
        sign_in_span: bool = True,
    ) -> ParsedClaim:
        """The claim at `q`: from its qualifier (or `start_tok`) to `end_tok`, the sign included
        unless `sign_in_span` is False."""
        i = q.first
        qual_kind, qual_start = self.qualifier_before(i)
        start = qual_start if start_tok is None else start_tok
        if sign_in_span and start == i and self.signed(i):
            start = i - 1
        return ParsedClaim(
            kind=kind,
            unit=unit,
            start_tok=start,
            end_tok=end_tok,
            num_start=i,
            num_end=q.end,
            low=q.low if low is None else low,
            high=q.high if high is None else high,
            qualifier=qualifier or qual_kind,
            scale=q.scale,
            noun=noun,
        )

    def classify_percent(self, q: Quantity) -> ParsedClaim | None:
        """A percentage: a share ("50% of patients"), a change in risk, a CI, a concentration (5% cream)."""
        j = q.end
        if q.points:
            return self.claim(
                q, "risk-change", "percentage points", j
            )  # "fell 1.5 percentage points"
        if self.lw[j] in CI_AFTER or self.seq(j, ["confidence", "interval"]):
            end = j + (2 if self.lw[j] in ("confidence", "credible", "prediction") else 1)
            return self.claim(q, "study-statistic", "CI", self.ci_tail(end))
        if any(self.lw[j + k] in CONCENTRATION_FORMS for k in range(0, 2)) and self.lw[j] not in (
            "of",
        ):
            end = j + 1 if self.lw[j] in CONCENTRATION_FORMS else j + 2
            return self.claim(q, "dose", "%", end)
        if self.is_risk_change(q):
            end = j
            while self.lw[end] in RISK_CHANGE_SPAN and end - j < 4:
                if self.lw[end] in ("in", "the") and self.lw[end + 1] not in RISK_NOUNS:
                    break
                end += 1
            if self.lw[end] == "of":
                end2, noun = self.head_after_of(end + 1, limit=3)
                end = end2 if noun else end
            return self.claim(q, "risk-change", "%", end)
        end, noun = j, ""
        if self.lw[j] == "of":
            end, noun = self.head_after_of(j + 1)
            if not noun:
                end = j
        else:
            k = j
            while k < self.n and k - j < 2 and self.lw[k] in MEASURES_AFTER:
                k += 1
            if k > j:
                end = k
                if self.lw[end] == "of":
                    end2, noun2 = self.head_after_of(end + 1, limit=3)
                    if noun2:
                        end = end2
        return self.claim(q, "percentage", "%", end, noun=noun)

    def classify_fraction(self, q: Quantity) -> ParsedClaim | None:
        """ "half of patients", "two-thirds respond", "cut the risk by half"."""
        j = q.end
        if self.lw[j] == "of":
            end, noun = self.head_after_of(j + 1)
            if not noun:
                return None
            head = noun.split()[-1].lower()
            if head in TIME_UNITS or head in FRACTION_OF_BLOCKERS:
                return None
            return self.claim(q, "ratio", "fraction", end, noun=noun)
        k = j
        if self.lw[k] in ("the", "all", "those", "these"):
            k += 1
        m = self.modifiers_then(k, PEOPLE, limit=2)
        if m is not None:
            noun = " ".join(self.toks.texts[x] for x in range(k, m + 1))
            return self.claim(q, "ratio", "fraction", m + 1, noun=noun)
        if self.lw[j] in ("as", "more", "less") and self.lw[j + 1] in AS_LIKELY:
            return self.claim(q, "multiplier", "x", j + 2)
        return self._qualified_fraction(q)

    def _qualified_fraction(self, q: Quantity) -> ParsedClaim | None:
        """A fraction with no noun: "cut the risk by nearly half", "fewer than half respond"."""
        i, j = q.first, q.end
        _, qual_start = self.qualifier_before(i)
        if self.lw[qual_start - 1] == "by":
            # "cut the risk by nearly half"
            return self.claim(q, "risk-change", "fraction", j, start_tok=qual_start - 1)
        if self.lw[i - 1] in ("in", "into") and self.lw[i] == "half":
            return self.claim(
                q, "risk-change", "fraction", j, start_tok=i - 1
            )  # "cut migraine days in half"
        if qual_start < i and self.lw[i] not in ("a", "an"):
            return self.claim(q, "ratio", "fraction", j)  # "fewer than half respond"
        if qual_start < i and self.lw[i] in ("a", "an") and self.lw[j] not in FRACTION_A_BLOCKERS:
            return self.claim(q, "ratio", "fraction", j)
        return None

    def classify_multiplier_word(self, q: Quantity) -> ParsedClaim | None:
        """ "twice as likely", "doubled the risk", "twice daily" (a dose)."""
        i, j = q.first, q.end
        w = self.lw[i]
        freq = self.frequency_after(j)
        if w == "twice" and freq is not None:
            return self.claim(
                q, "dose", "per " + self.lw[freq - 1].replace("daily", "day"), freq, low=2, high=2
            )
        if w in TIMES_WORDS and w != "twice" and self.lw[j] in DOUBLE_NOUN_BLOCKERS:
            return None
        if w in TIMES_WORDS:
            if self.lw[j] in MULTIPLIER_COMPARISONS or (
                self.lw[j] in ("their", "its") and self.lw[j + 1] in RISK_NOUNS
            ):
                return self.claim(q, "multiplier", "x", self.comparative_tail(j))
            return None
        if self.window(i, j, 5, 5) & MULTIPLIER_CUES:
            end = j
            if self.lw[j] in ("the", "their", "its") and self.lw[j + 1] in MULTIPLIED_THINGS:
                end = j + 2
            return self.claim(q, "multiplier", "x", end)
        return None

    def ratio_tail(self, q: Quantity) -> tuple[float, int] | None:
        """(fraction, index after) for "1 in 5", "one out of every three"."""
        if q.ranged or q.percent:
            return None
        j = q.end
        if self.lw[j] == "in" or self.seq(j, ["out", "of"]) or self.seq(j, ["of", "every"]):
            k = j + (1 if self.lw[j] == "in" else 2)
            if self.lw[k] == "every":
                k += 1
            den = self.read_number(k)
            if den is None:
                return None
            value, end, _ = den
            if not (0 < q.low < value <= 100000) or (
                len(self.tx[k]) == 4 and 1800 <= value <= 2100
            ):
                return None
            return q.low / value, end
        return None

    def multiplier_tail(self, q: Quantity) -> ParsedClaim | Literal[False] | None:
        """ "3 times more likely", "2x", "3-fold", "2 times a week" (a dose): the claim; False when the
        figure is no claim at all (arithmetic, a bare "3 times"); None when no multiplier follows."""
        j = q.end
        w = self.lw[j]
        if w == "times":
            freq = self.frequency_after(j + 1)
            if freq is not None:
                if q.word and q.low < 1:
                    return None
                return self.claim(q, "dose", "per " + self.lw[freq - 1], freq, sign_in_span=False)
            if self.lw[j + 1] in COMPARATIVE_AFTER:
                return self.claim(
                    q, "multiplier", "x", self.comparative_tail(j + 1), sign_in_span=False
                )
            return False
        if w in ("x", "×") and (
            self.gl[j] or not self.toks.texts[j + 1 : j + 2] or not self.toks.digit[j + 1]
        ):
            if self.toks.texts[j + 1 : j + 2] and (
                self.toks.digit[j + 1] or self.tx[j + 1] in ("(", "[")
            ):
                return False  # 3 x 10, 0.4 × (ABW - IBW): arithmetic
            if self.tx[j + 1] == "/" and self.lw[j + 2] in PERIODS:
                return self.claim(
                    q, "dose", "per " + self.lw[j + 2], j + 3, sign_in_span=False
                )  # 3x/week
            freq = self.frequency_after(j + 1)
            if freq is not None:
                return self.claim(q, "dose", "per " + self.lw[freq - 1], freq, sign_in_span=False)
            return self.claim(
                q, "multiplier", "x", self.comparative_tail(j + 1), sign_in_span=False
            )
        if w == "fold":
            return self.claim(
                q, "multiplier", "x", self.comparative_tail(j + 1), sign_in_span=False
            )
        return None

    def comparative_tail(self, end: int) -> int:
        """The end of the comparison after a multiplier: "more likely", "higher risk", "the rate"."""
        if self.lw[end] in COMPARATIVES:
            end += 1
            if self.lw[end] in COMPARATIVE_SECOND:
                end += 1
                if self.lw[end] in COMPARATIVE_THIRD:
                    end += 1
        elif self.lw[end] == "the" and self.lw[end + 1] in COMPARED_THINGS:
            end += 2
        return end

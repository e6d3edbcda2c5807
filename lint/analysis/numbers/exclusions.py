"""The not-a-claim rules: numbers that are names, labels, dates, times, ages, list numbers or money."""

from __future__ import annotations

from .nouns import POPULATION, STUDY_NOUNS
from .number_words import QUALIFIER_WORDS
from .quantities import Quantity
from .tokens import Tok, TokenCursor, number_value
from .units import (
    DOSE_FORMS,
    LAB_UNITS,
    MASS_UNITS,
    MEASURE_UNITS,
    TIME_UNITS,
    TIMEPOINT_PREPOSITIONS,
    TIMEPOINT_UNITS,
)
from .vocab import phrases, words

# The words are data: rules/lexicon/numbers-exclusions.yaml.
MONTHS = words("exclusions", "months")
# A word right before a bare number that makes it a name or label: "Step 2", "type 2 diabetes".
LABELS = words("exclusions", "labels")
LABEL_PERIODS = words("exclusions", "label-periods")
LABEL_FREQUENCY = words("exclusions", "label-frequency")
ORDINAL_SUFFIXES = words("exclusions", "ordinal-suffixes")
UNIT_SUFFIXES = words("exclusions", "unit-suffixes")
NAME_BLOCKERS = words("exclusions", "name-blockers")
NAME_BEFORE_BLOCKERS = words("exclusions", "name-before-blockers")
CLOCK_WORDS = words("exclusions", "clock-words")
AGE_BEFORE = words("exclusions", "age-before")
AGE_AFTER = phrases("exclusions", "age-after")
AGE_AFTER_FIRST = {words_[0] for words_ in AGE_AFTER}
AGE_PERIODS = words("exclusions", "age-periods")
LOWER_BOUND_WORDS = words("exclusions", "lower-bound-words")
CURRENCY = words("exclusions", "currency")
MONEY_AFTER = words("exclusions", "money-after")


class NotAClaim(TokenCursor):
    def glued_chain(self, i: int) -> tuple[int, int, int]:
        """(first token, last token, count of numbers) of a glued run like 12/03/2021 or 555-123-4567."""
        a = i
        while (
            a - 2 >= 0
            and self.gl[a]
            and self.tx[a - 1] in "/-.:"
            and self.gl[a - 1]
            and self.toks.digit[a - 2]
        ):
            a -= 2
        b = i
        count = 1
        while (
            b + 2 < self.n
            and self.tx[b + 1] in ("/", "-", ".", ":", "–")
            and self.gl[b + 1]
            and self.gl[b + 2]
            and self.toks.digit[b + 2]
        ):
            b += 2
            count += 1
        count += (i - a) // 2
        return a, b, count

    def is_name_or_label(self, q: Quantity) -> bool:
        """B12, COVID-19, 5-HT2A, 1st, 1990s, "Step 2", "type 2 diabetes", "Windows 10"."""
        if self._glued_name(q):
            return True
        if not q.percent and q.integer and not q.word and q.first > 0:
            if self.timepoint(q):
                return False
            return self._labelled(q, self.toks[q.first - 1])
        return False

    def _glued_name(self, q: Quantity) -> bool:
        """A figure glued to letters: B12, COVID-19, 1st, 1990s, 3D, 5HT, 5-HT2A."""
        i = q.first
        toks, nxt = self.toks, q.end  # read by column: this runs for every figure
        if toks.digit[i] and i > 0 and toks.glued[i]:
            # B12, CYP3A4, H1N1 (letters glued before) and COVID-19, omega-3, PHQ-9 (letters-hyphen)
            if toks.word[i - 1]:
                return True
            if (
                toks.texts[i - 1] in ("-", "‐")
                and i >= 2
                and toks.word[i - 2]
                and toks.glued[i - 1]
            ):
                return True
        if nxt < self.n and toks.glued[nxt] and toks.word[nxt] and toks.digit[nxt - 1]:
            suffix = toks.lows[nxt]
            if suffix in ORDINAL_SUFFIXES:
                return True  # 1st, 1990s, 3D, 10am
            if not (
                suffix in MASS_UNITS
                or suffix in TIME_UNITS
                or suffix in MEASURE_UNITS
                or suffix in UNIT_SUFFIXES
                or suffix in LAB_UNITS
            ):
                return True  # 5HT, 2A
        if nxt < self.n and toks.texts[nxt] in ("-", "‐") and toks.glued[nxt] and nxt + 1 < self.n:
            after = toks.texts[nxt + 1]
            if (
                toks.glued[nxt + 1]
                and toks.word[nxt + 1]
                and after[:1].isupper()
                and after.upper() == after
                and not q.word
            ):
                return True  # 5-HT2A, 4-AcO
        return False

    def _labelled(self, q: Quantity, prev: Tok) -> bool:
        """A bare integer after a label word or a capitalised name: "Step 2", "Windows 10"."""
        i = q.first
        if (
            prev.lower in LABELS
            and not (prev.lower in LABEL_PERIODS and self.lw[i - 2] in LABEL_FREQUENCY)
            and not (prev.lower == "no" and self.lw[q.end] in ("more", "less", "fewer"))
        ):
            return True
        if prev.text in ("#", "№"):
            return True
        # Not after a sentence start: a full stop, a colon, or a bullet symbol ("➤ Only 1 in 5").
        return bool(
            prev.is_word
            and prev.text[:1].isupper()
            and i >= 2
            and (
                self.toks.word[i - 2]
                or self.toks.texts[i - 2][:1].isdigit()
                or self.toks.texts[i - 2] == ","
            )
            and prev.lower not in QUALIFIER_WORDS
            and prev.lower not in POPULATION
            and prev.lower not in NAME_BLOCKERS
            and q.low < 1000
            and not self.unit_follows(q.end)
        )  # Norwood 2, Windows 10, Zone 2

    def timepoint(self, q: Quantity) -> bool:
        """ "by week 12", "at month 3": a point in time of a result, not a label."""
        i = q.first
        return self.lw[i - 1] in TIMEPOINT_UNITS and self.lw[i - 2] in TIMEPOINT_PREPOSITIONS

    def unit_follows(self, j: int) -> bool:
        """Whether a unit or counted noun starts at j ("Ketamine 50 mg" is a dose, not a name)."""
        w = self.lw[j]
        return (
            w in MASS_UNITS
            or w in TIME_UNITS
            or w in POPULATION
            or w in STUDY_NOUNS
            or w in DOSE_FORMS
            or w in ("times", "x", "×", "fold")
        )

    def is_date_or_time(self, q: Quantity) -> bool:
        """12/03/2021, 10:30, "March 3", 10am; also phone numbers (a glued chain of three or more)."""
        i = q.first
        if not self.toks.digit[i]:
            return False
        a, b, count = self.glued_chain(i)
        if count >= 3:
            return True
        if count == 2:
            sep = self.tx[a + 1]
            if sep == ":":
                return len(self.tx[b]) != 1  # 10:30 is a time, 7:1 a ratio
            if sep == "/" and self.lw[b + 1] in ("mmhg", "mm"):
                return False  # blood pressure: 130/80 mmHg
            if sep == "/":
                num, den = number_value(self.tx[a]), number_value(self.tx[b])
                return not (
                    self.lw[b + 1] == "of"
                    and num is not None
                    and den is not None
                    and 0 < num < den <= 100
                )
        if (
            self.lw[i - 1] in MONTHS
            or self.lw[q.end] in MONTHS
            or self.tx[i - 1] == "May"
            or self.tx[q.end] == "May"
        ):
            return True  # only a capital "May" is the month (not "may")
        if self.lw[q.end] in CLOCK_WORDS:
            return True
        return bool(
            self.lw[q.end] in ("a", "p") and self.lw[q.end + 1] == "." and self.lw[q.end + 2] == "m"
        )

    def is_year(self, q: Quantity) -> bool:
        """A bare four-digit year: 1800-2100."""
        return (
            not q.percent
            and not q.word
            and q.integer
            and not q.ranged
            and 1800 <= q.low <= 2100
            and len(self.tx[q.first]) == 4
            and not q.scale
        )

    def is_age(self, q: Quantity) -> bool:
        """An age limit or description: "aged 65", "18 and older", "a 5-year-old"."""
        i = q.first
        if (
            self.lw[i - 1] in AGE_BEFORE
            or self.seq(i - 2, ["age", "of"])
            or self.seq(i - 3, ["the", "age", "of"])
            or self.seq(i - 2, ["ages", "of"])
        ):
            return True
        j = q.end
        if self.lw[j] in AGE_AFTER_FIRST:
            for words in AGE_AFTER:
                if self.seq(j, words):
                    if words in (("plus",), ("+",)) and self.lower_bound(q, j + 1):
                        continue  # "90%+ success", "3+ hours", "40+ trials": a lower bound, not an age
                    return True
        if (
            self.lw[j] == "-"
            and self.gl[j]
            and self.lw[j + 1] in AGE_PERIODS
            and self.lw[j + 2] == "-"
            and self.lw[j + 3] in ("old", "olds")
        ):
            return True
        return bool(
            self.lw[j] in ("years", "year")
            and self.lw[j + 1] in ("of",)
            and self.lw[j + 2] == "age"
        )

    def lower_bound(self, q: Quantity, k: int) -> bool:
        """After "N+": a percentage, or a unit or counted noun, makes it a lower bound ("10+ days")."""
        if q.percent:
            return True
        w = self.lw[k]
        if w in ("(", "[") or w == "":
            w = self.lw[k + 1]
        return (
            w in TIME_UNITS
            or w in STUDY_NOUNS
            or w in MASS_UNITS
            or w in MEASURE_UNITS
            or w in DOSE_FORMS
            or w in LOWER_BOUND_WORDS
        )

    def is_list_number(self, q: Quantity) -> bool:
        """Inline list numbering: "1) ...", "(2) ...", a sentence that starts with "3."."""
        i = q.first
        if q.percent or q.ranged:
            return False
        nxt = self.tx[q.end]
        if nxt == ")" and self.gl[q.end]:
            prev = self.tx[i - 1]
            if (
                i == 0
                or prev in (":", ";", ",", "(", ".", "-", "—")
                or (prev == "(" and self.gl[i])
            ):
                return True
        return bool(i == 0 and nxt == "." and self.gl[q.end])

    def is_money(self, q: Quantity) -> bool:
        """$400, 500 dollars, 20% off: prices and discounts."""
        return self.lw[q.first - 1] in CURRENCY or self.lw[q.end] in MONEY_AFTER

    def glued_name_before(self, i: int) -> bool:
        """A capitalised drug or product name right before the figure: "Wegovy 2.4mg"."""
        toks = self.toks
        return bool(
            i > 0
            and toks.word[i - 1]
            and toks.texts[i - 1][:1].isupper()
            and toks.lows[i - 1] not in QUALIFIER_WORDS
            and toks.lows[i - 1] not in NAME_BEFORE_BLOCKERS
        )

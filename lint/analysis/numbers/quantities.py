"""The number itself: a value or a range, in digits or words, with its scale and percent sign."""

from __future__ import annotations

from dataclasses import dataclass

from .number_words import (
    CUT_VERBS,
    FRACTIONS,
    HALF_BLOCKERS,
    LOWER_BOUND_NOUNS,
    MINUS,
    MULTIPLIER_WORDS,
    ONES,
    PERCENT_WORDS,
    RANGE_VERBS,
    SCALE_AFTER_A,
    SCALES,
    TENS,
    VAGUE_SCALES,
)
from .tokens import TokenCursor, number_value
from .units import TIME_UNITS


@dataclass
class Quantity:
    first: int  # token index of the first number
    end: int  # token index after the quantity (after % when there is one)
    low: float
    high: float
    scale: str | None = None
    percent: bool = False
    word: bool = False  # written in words
    fraction: bool = False  # "half", "two-thirds"
    vague: bool = False  # "millions", "dozens"
    multiplier: bool = False  # "twice", "doubled"
    integer: bool = True
    ranged: bool = False
    points: bool = False  # "percentage points"


class QuantityReader(TokenCursor):
    def read_number(self, i: int) -> tuple[float, int, bool] | None:
        """(value, index after, written in words) for a plain number at i."""
        if i >= self.n:
            return None
        if self.toks.digit[i]:
            value = number_value(self.toks.texts[i])
            return None if value is None else (value, i + 1, False)
        w = self.toks.lows[i]
        if w in TENS:
            value = TENS[w]
            if (
                self.lw[i + 1] == "-"
                and self.gl[i + 1]
                and self.lw[i + 2] in ONES
                and self.gl[i + 2]
            ):
                return value + ONES[self.lw[i + 2]], i + 3, True
            return value, i + 1, True
        if w in ONES:
            value, j = ONES[w], i + 1
            if self.lw[j] == "hundred":
                value, j = value * 100, j + 1
            return value, j, True
        if w in ("a", "an") and self.lw[i + 1] in SCALE_AFTER_A:
            word = self.lw[i + 1]
            return (
                (12 if word == "dozen" else 100 if word == "hundred" else SCALES[word]),
                i + 2,
                True,
            )
        if w == "dozen":
            return 12, i + 1, True
        if w == "hundred":
            return 100, i + 1, True
        return None

    def read_quantity(self, i: int) -> Quantity | None:
        """The quantity whose first number is at i (a range when one follows), or None."""
        w = self.lw[i]
        # vague large numbers: "millions of", "dozens of"
        if w in VAGUE_SCALES and self.lw[i + 1] == "of":
            unit, name = VAGUE_SCALES[w]
            return Quantity(
                i,
                i + 1,
                2 * unit,
                999 * unit if unit > 12 else 99,
                scale=name if unit >= 1e3 else None,
                word=True,
                vague=True,
            )
        # fractions: "half", "a third", "two-thirds", "one quarter", "three quarters"
        frac = self.read_fraction(i)
        if frac is not None:
            value, j = frac
            return Quantity(i, j, value, value, word=True, fraction=True, integer=False)
        if w in MULTIPLIER_WORDS and not (self.lw[i + 1] == "-" and self.gl[i + 1]):
            if w in ("halves",) and self.lw[i - 1] in ("two", "both"):
                return None
            return Quantity(
                i, i + 1, MULTIPLIER_WORDS[w], MULTIPLIER_WORDS[w], word=True, multiplier=True
            )
        first = self.read_number(i)
        if first is None:
            return None
        v1, j, word = first
        scale, j = self.read_scale(j)
        if scale:
            v1 *= SCALES[scale]
        percent, points, j = self.read_percent(j)
        if self.signed(i) and self.tx[i - 1] in MINUS:
            v1 = -v1
        q = Quantity(
            i,
            j,
            v1,
            v1,
            scale=scale,
            percent=percent,
            word=word,
            integer=float(v1).is_integer() and "." not in self.tx[i],
            points=points,
        )
        self.read_range(q)
        if self.tx[q.end] == "+" and self.gl[q.end] and self.lw[q.end + 1] in LOWER_BOUND_NOUNS:
            q.end += (
                1  # "10+ days", "40+ trials": a lower bound, read on to its unit (not "65+ adults")
            )
        return q

    def read_scale(self, j: int) -> tuple[str | None, int]:
        """("million", index after) for a scale word at j; (None, j) without one."""
        if self.lw[j] in SCALES:
            return self.lw[j], j + 1
        return None, j

    def read_percent(self, j: int) -> tuple[bool, bool, int]:
        """(percent, percentage points, index after) for a percent sign or word at j."""
        if self.lw[j] in ("percentage", "percent") and self.lw[j + 1] in ("point", "points"):
            return True, True, j + 2
        if self.lw[j] in PERCENT_WORDS:
            return True, False, j + 1
        if self.lw[j] == "per" and self.lw[j + 1] == "cent":
            return True, False, j + 2
        return False, False, j

    def signed(self, i: int) -> bool:
        """Whether the number at i carries a sign: "−12.4", "+15%" (not the dash of "50-80")."""
        return (
            i > 0
            and self.tx[i - 1] in MINUS | {"+"}
            and self.gl[i]
            and self.toks.digit[i]
            and not (i > 1 and self.gl[i - 1] and (self.toks.digit[i - 2] or self.toks.word[i - 2]))
        )

    def read_fraction(self, i: int) -> tuple[float, int] | None:
        """(value, index after) for "half", "a third", "two-thirds", "three quarters"."""
        w = self.lw[i]
        if w in ("half",) and not (self.lw[i + 1] == "-" and self.gl[i + 1]):
            if self.lw[i - 1] in HALF_BLOCKERS:
                return None
            if self.lw[i - 1] in ("in", "into") and any(
                self.lw[i - k] in CUT_VERBS for k in range(2, 10)
            ):
                return 0.5, i + 1  # "cut in half"
            if self.lw[i - 1] in ("the", "a", "in", "into") and self.lw[i + 1] != "of":
                return None
            return 0.5, i + 1
        numer = None
        j = i
        if w in ("a", "an", "one"):
            numer, j = 1, i + 1
        elif w in ONES and ONES[w] > 1:
            numer, j = ONES[w], i + 1
        if numer is None:
            return None
        if self.lw[j] == "-" and self.gl[j]:
            j += 1
        denom_word = self.lw[j]
        if denom_word in FRACTIONS and denom_word not in ("half", "halves"):
            return numer / FRACTIONS[denom_word], j + 1
        if denom_word in ("half",) and w in ("a", "one"):
            return 0.5, j + 1
        return None

    def read_range(self, q: Quantity) -> None:
        """Extend `q` over a second number: "50-80%", "between 2 and 4", "5 to 10 million"."""
        j = q.end
        conn = self.lw[j]
        between = self.lw[q.first - 1] == "between"
        if not (
            conn in ("-", "–", "—", "to")
            or (conn == "and" and between)
            or (conn == "or" and not q.percent)
        ):
            return
        if conn == "or" and not self.toks.texts[j + 1 : j + 2]:
            return
        if self.lw[q.first - 1] == "from" and self.lw[q.first - 2] not in RANGE_VERBS:
            return
        negative = False
        if conn in ("to", "and") and self.tx[j + 1] in MINUS and self.gl[j + 2]:
            j, negative = j + 1, True  # "−13.4 to −11.5"
        nxt = self.read_number(j + 1)
        if nxt is None:
            return
        v2, k, _ = nxt
        if negative:
            v2 = -v2
        if (
            conn in ("-", "–", "—")
            and self.lw[k] == "-"
            and self.gl[k]
            and self.read_number(k + 1) is not None
        ):
            return  # 555-123-4567: a chain, not a range
        if conn == "or" and not (
            self.lw[k] in PERCENT_WORDS or self.lw[k] in TIME_UNITS or self.lw[k] in SCALES
        ):
            return
        self._range_end(q, conn, j, v2, k)

    def _range_end(self, q: Quantity, conn: str, j: int, v2: float, k: int) -> None:
        """The second number's scale and percent sign, and `q` extended when the two make a range."""
        scale2, k = self.read_scale(k)
        if scale2:
            v2 *= SCALES[scale2]
        percent2, points2, k = self.read_percent(k)
        if points2:
            q.points = True
        if q.percent and not percent2 and conn == "to":
            return  # "50% to 80 patients" is not a range of percentages
        low = q.low
        if scale2 and not q.scale:
            low *= SCALES[scale2]
            q.scale = scale2
        if low > v2 >= 0 and not (low / 1000 <= v2):
            return
        q.low, q.high = min(low, v2), max(low, v2)
        q.percent = q.percent or percent2
        q.end = k
        q.ranged = True
        q.integer = q.integer and float(v2).is_integer() and "." not in self.tx[j + 1]

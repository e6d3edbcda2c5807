"""What stands around a number: the qualifier before it, and the noun, unit or frequency after it."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from .nouns import (
    DETERMINERS_AFTER_OF,
    HEAD_NOUN_STOP,
    POPULATION,
    PRONOUNS_AFTER_OF,
    SINGLE_LETTER_KEYS,
    STAT_KEYS_BY_LAST,
    STAT_KEYS_CASED,
    STUDY_NOUNS,
    STUDY_PEOPLE,
)
from .number_words import FRACTION_AFTER_A, FRACTIONS, QUALIFIERS_BY_LAST
from .quantities import QuantityReader
from .tokens import Toks
from .units import (
    FREQUENCY_OPENERS,
    FREQUENCY_WORDS,
    LAB_UNITS,
    LITRE_WORDS,
    MASS_UNITS,
    MEASURE_UNITS,
    PER_DENOMINATORS,
    PER_TIME,
    PERIODS,
)

PEOPLE = POPULATION | STUDY_PEOPLE
FREQUENCY_PERIODS = PERIODS | {"other", "infusion"}


class PhraseReader(QuantityReader):
    def __init__(self, toks: Toks, context: str, cell: bool = False) -> None:
        super().__init__(toks, context, cell)
        self._qualifiers: dict[
            int, tuple[str, int]
        ] = {}  # every layer asks for the same numbers' qualifiers

    # -- before the number ---------------------------------------------------
    def qualifier_before(self, i: int) -> tuple[str, int]:
        """(exact | approx | upper | lower, index where the qualifier starts) for the number at i."""
        if i in self._qualifiers:
            return self._qualifiers[i]
        result = self._qualifier_before(i)
        self._qualifiers[i] = result
        return result

    def _qualifier_before(self, i: int) -> tuple[str, int]:
        for words, kind in QUALIFIERS_BY_LAST.get(self.lw[i - 1], ()):
            k = i - len(words)
            if k >= 0 and all(self.lw[k + m] == w for m, w in enumerate(words)):
                start = k
                if words[0] in ("an",) and len(words) > 1:
                    start = k + 1
                if (
                    words[-1] == "a"
                    and self.lw[i] not in FRACTIONS
                    and self.lw[i] not in FRACTION_AFTER_A
                ):
                    continue
                return kind, start
        return "exact", i

    def stat_key_before(self, i: int) -> int | None:
        """Start index of a statistic's key ("p", "n", "OR", "odds ratio", "95%" handled elsewhere)."""
        k = i - 1
        ops = 0
        while (
            k >= 0
            and self.tx[k] in ("=", "<", ">", "≤", "≥", ":", "~", "of", "was", "is", "±")
            and ops < 3
        ):
            k -= 1
            ops += 1
        if k < 0:
            return None
        key = self.tx[k]
        if key in STAT_KEYS_CASED:
            if key in SINGLE_LETTER_KEYS:
                if ops == 0 or not any(
                    self.tx[x] in ("=", "<", ">", "≤", "≥") for x in range(k + 1, i)
                ):
                    return None
                if k > 0 and self.toks.word[k - 1] and self.toks.glued[k]:
                    return None
            return k
        for words in STAT_KEYS_BY_LAST.get(self.lw[k], ()):
            start = k - len(words) + 1
            if start >= 0 and all(self.lw[start + m] == w for m, w in enumerate(words)):
                return start
        if key == "-" and self.lw[k - 1] == "p" and self.lw[k + 1] == "value":
            return k - 1
        return None

    # -- after the number ----------------------------------------------------
    def head_after_of(self, j: int, limit: int = 4) -> tuple[int, str]:
        """After "of": the noun phrase, ending at a population word when one is near."""
        k = j
        if self.lw[k] in PRONOUNS_AFTER_OF:
            if (
                self.lw[k] in ("these", "those")
                and self.toks.texts[k + 1 : k + 2]
                and self.lw[k + 1] in POPULATION
            ):
                return k + 2, self.tx[k] + " " + self.tx[k + 1]
            return k + 1, self.tx[k]  # "half of them": the pronoun is the whole phrase
        if self.lw[k] in DETERMINERS_AFTER_OF:
            k += 1
            if self.lw[k] in ("the",):
                k += 1
        best = None
        m = k
        while m < self.n and m - k < limit:
            low, toks = self.toks.lows[m], self.toks
            if not (toks.word[m] or (toks.texts[m] == "-" and toks.glued[m])) or (
                low in HEAD_NOUN_STOP and m > k
            ):
                break
            if low in POPULATION or low in STUDY_NOUNS:
                best = m + 1
            m += 1
        if best is not None:
            end = best
        else:
            end = m
            # a single-word phrase ending in a verb-like word is not a noun phrase
            while end > k and self.lw[end - 1] in HEAD_NOUN_STOP:
                end -= 1
        if end <= k:
            return j, ""
        return end, " ".join(self.toks.texts[x] for x in range(k, end) if self.toks.texts[x] != "-")

    def modifiers_then(self, j: int, nouns: AbstractSet[str], limit: int = 3) -> int | None:
        """Index of a noun from `nouns` reached from j over at most `limit` modifier words."""
        k = j
        steps = 0
        while k < self.n and steps <= limit:
            toks = self.toks
            low, word = toks.lows[k], toks.word[k]
            if low in nouns:
                return k
            if (
                not (word or (toks.texts[k] in ("-", ".") and toks.glued[k]))
                or low in HEAD_NOUN_STOP
            ):
                return None
            if word:
                steps += 1
            k += 1
        return None

    def dose_unit(self, j: int) -> tuple[int, str, str] | None:
        """(index after, normalised unit, kind) for mg, mg/kg, mg/kg/hour, mcg per kg per min, mg/dL..."""
        w = self.lw[j]
        if w not in MASS_UNITS and w not in MEASURE_UNITS and w not in ("mmhg", "mm"):
            return None
        parts = [MASS_UNITS.get(w) or MEASURE_UNITS.get(w) or w]
        k = j + 1
        raw = [w]
        if w == "mm" and self.lw[k] == "hg":
            parts, raw, k = ["mmHg"], ["mmhg"], k + 1
        while (
            k + 1 < self.n and (self.tx[k] == "/" or self.lw[k] == "per") and self.toks.word[k + 1]
        ):
            denom = self.lw[k + 1]
            if denom in PER_TIME or denom in PER_DENOMINATORS:
                parts.append(PER_TIME.get(denom, denom))
                raw.append(denom)
                k += 2
            else:
                break
        unit = "/".join(parts)
        joined = "/".join(raw)
        if joined in LAB_UNITS or parts[0] in ("mmHg", "bpm"):
            return k, unit, "measurement"
        if w in MEASURE_UNITS and w not in MASS_UNITS:
            if w in ("kg",) and len(parts) > 1:
                return k, unit, "dose"
            return k, unit, "measurement"
        if w in LITRE_WORDS and len(parts) == 1:
            return k, unit, "measurement"
        return k, unit, "dose"

    def frequency_after(self, j: int) -> int | None:
        """ "a day", "per week", "daily", "each session": the end of a frequency phrase at j."""
        w = self.lw[j]
        if w in FREQUENCY_WORDS:
            return j + 1
        if w in FREQUENCY_OPENERS and self.lw[j + 1] in FREQUENCY_PERIODS:
            if self.lw[j + 1] == "other":
                return j + 3
            return j + 2
        return None

    def noun_after(self, j: int) -> tuple[int, str]:
        """(index after, noun) for "of the patients" or "adult patients" at j; (j, "") for neither."""
        if self.lw[j] == "of":
            end, noun = self.head_after_of(j + 1)
            return (end, noun) if noun else (j, "")
        k = self.modifiers_then(j, PEOPLE, limit=3)
        if k is not None:
            return k + 1, " ".join(self.toks.texts[x] for x in range(j, k + 1))
        return j, ""

    def ci_tail(self, j: int) -> int:
        """The end of a confidence interval's bounds after "CI": "95% CI: 1.2-3.4"."""
        k = j
        while self.tx[k] in (":", ",", "=", "(", "of") and k - j < 2:
            k += 1
        num = self.read_number(k)
        if num is None and self.tx[k] in ("-", "−") and self.read_number(k + 1) is not None:
            num = self.read_number(k + 1)
        if num is None:
            return j
        _, k2, _ = num
        upper = self.read_number(k2 + 1) if self.tx[k2] in ("-", "–", "to", ",", "—") else None
        return k2 if upper is None else upper[1]

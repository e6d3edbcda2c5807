"""The grammar over one sentence: at a number, read the quantity, rule out what is not a claim,
and decide the kind from what surrounds it.

The kind is decided by READINGS, an ordered list of small readings (read_relative.py,
read_amounts.py): the first that answers wins, so the order is the grammar. A reading answers
with a claim, with None (no claim), or with NEXT (not mine: try the next).
"""

from __future__ import annotations

from . import read_amounts as amounts
from . import read_relative as relative
from .exclusions import NotAClaim
from .kinds import KindReaders, ParsedClaim
from .quantities import Quantity
from .reading import NEXT, Reading, Site

READINGS: tuple[Reading, ...] = (
    relative.keyed_statistic,  # n = 120, p < 0.05, OR 2.1
    relative.multiplier_word,  # twice as likely, doubled the risk
    relative.fraction_word,  # half of patients, two-thirds respond
    relative.vague_scale,  # millions of people
    relative.percentage,  # 50% of patients, a 30% lower risk, 95% CI
    relative.ratio,  # 1 in 5
    relative.multiplier,  # 3 times more likely, 2x, 2 times a week
    relative.colon_ratio,  # a 7:1 ratio
    relative.slashed,  # 3/10 of, 130/80 mmHg
    amounts.timepoint,  # faded by week 12
    amounts.year_study,  # a 2018 review
    amounts.compound,  # a 40-minute infusion, 3-fold
    amounts.dose_or_measurement,  # 0.5 mg/kg, 15 pounds
    amounts.time_amount,  # infusions over 40 minutes, relief lasted 2 weeks
    amounts.dose_count,  # 6 infusions
    amounts.people_count,  # 1,200 patients, 12 trials
    amounts.bare_word,  # two of them: no claim
    amounts.scaled_count,  # 3.5 million prescriptions
    amounts.qualified_count,  # over 40 clinics
    amounts.outcome_count,  # 41 dropped out
    amounts.table_cell,  # | −16.7 |
)

# Readings that answer NEXT whenever the quantity lacks one flag (their first test): the grammar
# skips them without the call. Each reading with its flag, or None (always asked), in order.
GATES: dict[Reading, str] = {
    relative.multiplier_word: "multiplier",
    relative.fraction_word: "fraction",
    relative.vague_scale: "vague",
    relative.percentage: "percent",
}
GATED_READINGS = tuple((reading, GATES.get(reading)) for reading in READINGS)


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
        """The claim `q` states, by the first reading that answers, or None."""
        at = Site(q, *self.qualifier_before(q.first), q.first, q.end)
        flags = vars(q)
        for reading, flag in GATED_READINGS:
            if flag is not None and not flags[flag]:
                continue  # the reading would answer NEXT
            verdict = reading(self, at)
            if verdict is not NEXT:
                return verdict
        return None

"""The words around a figure that decide its kind: a time amount is a protocol step or a duration
of effect (or a story); a percentage near "risk" and "lower" is a change in risk.

The words are data: rules/lexicon/numbers-cues.yaml.
"""

from __future__ import annotations

from .phrases import PhraseReader
from .quantities import Quantity
from .vocab import words

# Near a time amount: a duration of effect ("relief lasted 2 weeks") or a protocol step ("infusions over 4 hours").
EFFECT_CUES = words("cues", "effect-cues")
PROTOCOL_CUES = words("cues", "protocol-cues")
# Words that hint at a protocol or an effect only when nothing stronger is near.
WEAK_PROTOCOL_CUES = words("cues", "weak-protocol-cues")
WEAK_EFFECT_CUES = words("cues", "weak-effect-cues")
LASTING_EFFECT_CUES = words("cues", "lasting-effect-cues")
LONG_TERM_CUES = words("cues", "long-term-cues")
NARRATIVE_CUES = words("cues", "narrative-cues")
STORY_WORDS = words("cues", "story-words")
FIRST_PERSON = words("cues", "first-person")
TIMELINE_STORY_WORDS = words("cues", "timeline-story-words")
ADJECTIVE_DETERMINERS = words("cues", "adjective-determiners")
VERB_BEFORE_LAST = words("cues", "verb-before-last")
BEFORE_TIME_BLOCKERS = words("cues", "before-time-blockers")
AFTER_TIME_BLOCKERS = words("cues", "after-time-blockers")
LASTING_BEFORE = words("cues", "lasting-before")
OVER_LASTING = words("cues", "over-lasting")
OF_AGE_WORDS = words("cues", "of-age-words")
AMOUNT_OF_BLOCKERS = words("cues", "amount-of-blockers")
HYPOTHETICAL_OPENERS = words("cues", "hypothetical-openers")
ADVICE_WORDS = words("cues", "advice-words")

# A change in risk: "a 30% lower risk", "reduces the odds by 40%".
RISK_NOUNS = words("cues", "risk-nouns")
RISK_STRONG = words("cues", "risk-strong")
CHANGE_WORDS = words("cues", "change-words")
RISK_CHANGE_VERBS = CHANGE_WORDS | words("cues", "risk-verbs")
RISK_CHANGE_TAIL = words("cues", "risk-change-tail")
# After "3 times" or "2x": what makes it a comparison ("more likely", "the risk").
COMPARATIVE_AFTER = words("cues", "comparative-after")
COMPARATIVES = words("cues", "comparatives")
COMPARATIVE_SECOND = words("cues", "comparative-second")
COMPARATIVE_THIRD = words("cues", "comparative-third")
COMPARATIVE_THE = words("cues", "comparative-the")
TIMES_WORDS = words("cues", "times-words")
DOUBLE_NOUN_BLOCKERS = words("cues", "double-noun-blockers")
MULTIPLIER_COMPARISONS = words("cues", "multiplier-comparisons")
MULTIPLIER_CONTEXT = words("cues", "multiplier-context")
CI_AFTER = words("cues", "ci-after")

# A day, week or month number is a point on an onset timeline when its sentence speaks of
# an effect ("peak misery is days 2-4", "by month 4 most people adjust") ...
TIMELINE_EFFECT_CUES = words("cues", "timeline-effect-cues")
# ... and gives no advice or plan ("Plan light days 2-4 after injections").
ADVICE_OPENERS = words("cues", "advice-openers")

# Spans the grammar reads as rates, not durations: "24 hours a day", "7 days per week".
_WHOLE_PERIODS = ((24, "hours"), (7, "days"), (365, "days"))


class ClaimCues(PhraseReader):
    def time_kind(self, q: Quantity, unit_end: int, unit: str) -> str | None:
        """A time amount is a protocol step, a duration of effect, or not a claim at all."""
        i = q.first
        _, qual_start = self.qualifier_before(i)
        if self._time_blocked(q, unit_end, qual_start):
            return None
        words = self.window(i, unit_end, 10, 10) | set(self.context.split())
        amount_of = (
            self.lw[unit_end] == "of"
            and self.toks.texts[unit_end + 1 : unit_end + 2]
            and self.toks.word[unit_end + 1]
            and self.lw[unit_end + 1] not in AMOUNT_OF_BLOCKERS
        )
        if (q.low, unit) in _WHOLE_PERIODS and self.lw[unit_end] in ("a", "per"):
            return None
        if self.lw[qual_start - 1] == "every" or self.frequency_after(unit_end) is not None:
            return "dose"
        if words & NARRATIVE_CUES & STORY_WORDS:
            return None
        if amount_of and unit not in ("years", "decades"):
            return "dose"  # "7 to 9 hours of sleep", "two weeks of CBT-I" (not "after 20 years of use")
        if unit in ("years", "decades") and not words & LONG_TERM_CUES:
            return None
        return self._effect_or_protocol(words)

    def _time_blocked(self, q: Quantity, unit_end: int, qual_start: int) -> bool:
        """A time amount that is no claim by the words right around it ("the past 20 years",
        "two years ago", "20 years of age", "if symptoms last more than 3 days")."""
        i = q.first
        before = self.lw[qual_start - 1]
        if before in BEFORE_TIME_BLOCKERS or (
            before in ("last", "first", "few") and self.lw[qual_start - 2] in ADJECTIVE_DETERMINERS
        ):
            return True  # "over the past 20 years", "the last 3 months", "the first 24 hours"
        if (
            before in ("last", "first")
            and qual_start == i
            and self.lw[i - 2] not in VERB_BEFORE_LAST
        ):
            return True
        after = self.lw[unit_end]
        if after in AFTER_TIME_BLOCKERS:
            return True
        if after in ("before", "prior") and before not in LASTING_BEFORE:
            return True  # "two weeks before surgery" (but "relief lasting 1-6 months before a booster")
        if after in ("of", "-") and self.lw[unit_end + 1] in OF_AGE_WORDS:
            return True
        # "so if ketamine works for two weeks", "if symptoms last more than 3 days, call"
        return self.hypothetical(qual_start)

    @staticmethod
    def _effect_or_protocol(words: set[str]) -> str | None:
        """By the cue words near a time amount: "dose" (a protocol step), "duration" or None."""
        strong_effect = words & EFFECT_CUES - WEAK_EFFECT_CUES
        strong_protocol = words & PROTOCOL_CUES - WEAK_PROTOCOL_CUES
        if strong_protocol and not strong_effect & LASTING_EFFECT_CUES:
            return "dose"
        if strong_effect:
            return "duration"
        if strong_protocol or words & WEAK_PROTOCOL_CUES:
            return "dose"
        if words & WEAK_EFFECT_CUES:
            return "duration"
        return None

    def is_risk_change(self, q: Quantity) -> bool:
        """Whether the percentage is a change in risk: "a 30% lower risk", "cut the odds by 40%"."""
        j = q.end
        after = [self.lw[j + k] for k in range(0, 5)]
        if any(w in CHANGE_WORDS for w in after[:3]) and any(w in RISK_NOUNS for w in after[:5]):
            return True
        if self.seq(j, ["less", "likely"]) or self.seq(j, ["more", "likely"]):
            return True
        _, start = self.qualifier_before(q.first)
        k = start - 1
        if self.lw[k] in ("by", "of") or (self.lw[k] == "a" and self.lw[k - 1] == "by"):
            back = {self.lw[x] for x in range(max(0, k - 8), k)}
            if back & RISK_STRONG and back & RISK_CHANGE_VERBS:
                return True
        return (
            self.seq(j, ["relative", "risk"])
            or self.seq(j, ["absolute", "risk"])
            or self.seq(j, ["risk", "reduction"])
        )

    def hypothetical(self, i: int) -> bool:
        """Whether token i is in an "if" clause: "if ketamine works for two weeks", "if you lost <10 pounds"."""
        k = i - 1
        while k >= 0 and i - k <= 10 and self.tx[k] not in (",", ";", ":", ".", "(", ")"):
            if self.lw[k] in HYPOTHETICAL_OPENERS:
                return True
            k -= 1
        return False

    def narrative(self) -> bool:
        """Whether the sentence tells a story ("I've lost 35 pounds"): its figures are anecdotes."""
        return bool(self.words & FIRST_PERSON)

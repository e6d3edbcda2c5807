"""The words around a figure that decide its kind: a time amount is a protocol step or a duration
of effect (or a story); a percentage near "risk" and "lower" is a change in risk."""

from __future__ import annotations

from typing import Optional

from .phrases import PhraseReader
from .quantities import Quantity

# Near a time amount: a duration of effect ("relief lasted 2 weeks") or a protocol step ("infusions over 4 hours").
EFFECT_CUES = {"last", "lasts", "lasted", "lasting", "persist", "persists", "persisted", "persisting",
               "persistent", "sustain", "sustained", "sustains", "durable", "relief", "effect", "effects",
               "benefit", "benefits", "improvement", "improvements", "improve", "improves", "improved",
               "response", "responses", "respond", "responded", "remission", "results", "onset", "half-life",
               "life", "peak", "peaks", "peaked", "wear", "wears", "resolve", "resolves", "resolved",
               "subside", "subsides", "fade", "fades", "faded", "recovery", "recover", "symptoms", "reduction",
               "reduced", "reduces", "kick", "kicks", "works", "working", "antidepressant", "analgesic",
               "duration", "elimination", "cleared", "clearance", "detectable", "withdrawal", "shedding",
               "regrowth", "visible", "noticeable", "remain", "remains", "effective", "efficacy", "lose",
               "loss", "gains", "gain", "relapse", "relapsed", "return", "returns", "appear", "appears",
               "emerge", "emerges", "begin", "begins", "start", "starts", "noticed", "notice", "feel", "felt",
               "dissociation", "dissociative", "sedation", "side", "outcomes", "maintained", "maintain",
               "healing", "heal", "heals", "rapid", "rapidly", "quickly", "within",
               "decline", "declines", "diminish", "diminishes", "drop", "drops", "weeks-long", "reverse",
               "reverses", "reversed", "excreted", "metabolized", "metabolised", "absorbed",
               "better", "worse", "protection", "protected", "immunity", "stays", "reduce", "relieve",
               "relieved", "eased", "ease", "eases", "delay", "diagnosis", "booster", "boosters",
               "attacks", "episodes", "followed", "follow-up", "median", "length", "trial",
               "trials", "study", "timeline", "timelines", "cycle", "cycles", "growth", "grows"}
PROTOCOL_CUES = {"infusion", "infusions", "infused", "infuse", "session", "sessions", "dose", "doses",
                 "dosing", "administer", "administered", "administration", "regimen", "protocol", "protocols",
                 "taper", "tapering", "tapered", "course", "courses", "daily", "weekly", "series", "booster",
                 "boosters", "maintenance", "hold", "repeat", "repeated", "treatment", "treatments", "drip",
                 "injection", "injections", "per", "every", "monitoring", "monitored", "observation",
                 "observed", "appointment", "appointments", "induction", "titrate", "titration", "spaced",
                 "interval", "intervals", "schedule", "scheduled", "wait", "fasting",
                 "fast", "nothing", "avoid", "refrain", "driving", "drive", "stay", "recovery", "visit",
                 "visits", "program", "programme", "therapy", "sitting", "lying", "consecutive", "given",
                 "take", "taking", "taken", "apply", "applied", "use", "used", "supply"}
# Words that hint at a protocol or an effect only when nothing stronger is near.
WEAK_PROTOCOL_CUES = {"take", "taking", "taken", "given", "use", "used", "apply", "applied", "therapy",
                      "treatment", "treatments", "supply", "program", "programme", "visit", "visits", "stay",
                      "wait", "avoid", "refrain", "driving", "drive", "nothing", "fast", "fasting", "monitoring",
                      "monitored", "observation", "observed", "recovery", "sitting", "lying", "per", "schedule",
                      "scheduled"}
WEAK_EFFECT_CUES = {"within", "rapid", "rapidly", "quickly", "feel", "felt", "notice", "noticed", "begin", "begins",
                    "start", "starts", "appear", "appears", "emerge", "emerges", "return", "returns", "remain",
                    "remains", "symptoms", "side", "works", "working", "reduced", "reduces", "reduction", "drop",
                    "drops", "decline", "declines"}
NARRATIVE_CUES = {"i", "i've", "i'd", "i'm", "my", "me", "we", "we've", "our", "us", "he", "she", "his", "her",
                  "ago", "old", "since", "history", "experience", "experienced", "practicing", "practising",
                  "practice", "founded", "career", "married", "born", "lived", "living", "suffered", "struggled",
                  "battled", "worked", "served", "trained", "retired", "later", "earlier", "previously", "past",
                  "last", "previous", "next", "coming", "first", "following", "upcoming"}
ADJECTIVE_DETERMINERS = {"the", "its", "their", "his", "her", "my", "our", "your", "these", "those", "a"}
VERB_BEFORE_LAST = {"can", "may", "might", "will", "would", "could", "to", "often", "usually", "typically",
                    "generally", "effects", "relief", "benefits", "symptoms", "attacks", "they", "it", "which",
                    "that", "and", "results"}
BEFORE_TIME_BLOCKERS = {"the", "past", "previous", "next", "coming", "following", "those",
                        "these", "recent", "final", "early", "initial", "couple"}

# A change in risk: "a 30% lower risk", "reduces the odds by 40%".
RISK_NOUNS = {"risk", "risks", "odds", "chance", "chances", "likelihood", "likely", "mortality", "incidence",
              "hazard", "death", "deaths", "rates", "rate"}
RISK_STRONG = {"risk", "risks", "odds", "chance", "chances", "likelihood", "likely", "mortality", "hazard"}
CHANGE_WORDS = {"lower", "higher", "greater", "reduced", "increased", "decreased", "elevated", "less", "more",
                "reduction", "increase", "decrease", "drop", "rise", "lowered", "raised", "fewer", "excess",
                "relative", "absolute", "reductions", "increases"}
# After "3 times" or "2x": what makes it a comparison ("more likely", "the risk").
COMPARATIVE_AFTER = {"more", "less", "higher", "lower", "greater", "as", "likely", "larger", "smaller",
                     "faster", "slower", "stronger", "increased", "increase", "risk", "odds", "the", "that",
                     "better", "worse", "longer", "shorter", "bigger", "elevated", "over", "than", "what",
                     "normal", "baseline", "potency", "potent", "effective", "rate", "chance"}


class ClaimCues(PhraseReader):
    def time_kind(self, q: Quantity, unit_end: int, unit: str) -> Optional[str]:
        """A time amount is a protocol step, a duration of effect, or not a claim at all."""
        i = q.first
        qual_kind, qual_start = self.qualifier_before(i)
        before = self.low(qual_start - 1)
        if before in BEFORE_TIME_BLOCKERS or (before in ("last", "first", "few") and self.low(qual_start - 2) in
                                              ADJECTIVE_DETERMINERS):
            return None  # "over the past 20 years", "the last 3 months", "the first 24 hours"
        if before in ("last", "first") and qual_start == i and self.low(i - 2) not in VERB_BEFORE_LAST:
            return None
        if self.low(unit_end) in ("ago", "old", "later", "earlier", "previously", "since"):
            return None
        if self.low(unit_end) in ("before", "prior") and self.low(qual_start - 1) not in (
                "lasting", "last", "lasts", "lasted", "for", "persisting", "persists"):
            return None  # "two weeks before surgery" (but "relief lasting 1-6 months before a booster")
        if self.low(unit_end) in ("of", "-") and self.low(unit_end + 1) in ("age", "old", "experience", "practice"):
            return None
        if self.hypothetical(qual_start):
            return None  # "so if ketamine works for two weeks", "if symptoms last more than 3 days, call"
        words = self.window(i, unit_end, 10, 10) | set(self.context.split())
        narrative = words & NARRATIVE_CUES
        amount_of = self.low(unit_end) == "of" and self.toks[unit_end + 1:unit_end + 2] and \
            self.toks[unit_end + 1].is_word and self.low(unit_end + 1) not in ("the", "a", "an", "this", "that",
                                                                                "age", "life", "time")
        if (q.low, unit) in ((24, "hours"), (7, "days"), (365, "days")) and self.low(unit_end) in ("a", "per"):
            return None
        if self.low(qual_start - 1) in ("every",) or self.frequency_after(unit_end) is not None:
            return "dose"
        if narrative & {"i", "i've", "i'd", "i'm", "my", "me", "he", "she", "his", "her", "ago", "born", "married",
                        "career", "founded", "practicing", "practising"}:
            return None
        if amount_of and unit not in ("years", "decades"):
            return "dose"  # "7 to 9 hours of sleep", "two weeks of CBT-I" (not "after 20 years of use")
        if unit in ("years", "decades") and not words & {"last", "lasting", "lasts", "sustained", "persist",
                                                          "persisted", "persisting", "durable", "maintained",
                                                          "remission", "benefits", "benefit", "effects", "results",
                                                          "follow-up", "outcomes", "survival", "risk",
                                                          "protection", "protected", "immunity", "effective",
                                                          "delay", "diagnosis", "median", "average", "mean",
                                                          "followed", "stays", "remains"}:
            return None
        strong_effect = words & EFFECT_CUES - WEAK_EFFECT_CUES
        strong_protocol = words & PROTOCOL_CUES - WEAK_PROTOCOL_CUES
        if strong_protocol and not strong_effect & {"last", "lasting", "lasts", "lasted", "persist", "persists",
                                                    "relief", "onset", "half-life", "peak", "wear", "remission",
                                                    "results", "effects", "benefits", "sustained"}:
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
        after = [self.low(j + k) for k in range(0, 5)]
        if any(w in CHANGE_WORDS for w in after[:3]) and any(w in RISK_NOUNS for w in after[:5]):
            return True
        if self.seq(j, ["less", "likely"]) or self.seq(j, ["more", "likely"]):
            return True
        qual_kind, start = self.qualifier_before(q.first)
        k = start - 1
        if self.low(k) in ("by", "of") or (self.low(k) in ("a",) and self.low(k - 1) == "by"):
            back = {self.low(x) for x in range(max(0, k - 8), k)}
            if back & RISK_STRONG and back & (CHANGE_WORDS | {"reduce", "reduces", "reduced", "reducing",
                                                                "cut", "cuts", "lowers", "lowering", "raises",
                                                                "raising", "increases", "increasing", "decreases",
                                                                "decreasing", "boosts", "slashes", "halves"}):
                return True
        if self.seq(j, ["relative", "risk"]) or self.seq(j, ["absolute", "risk"]) or \
                self.seq(j, ["risk", "reduction"]):
            return True
        return False

    def hypothetical(self, i: int) -> bool:
        """Whether token i is in an "if" clause: "if ketamine works for two weeks", "if you lost <10 pounds"."""
        k = i - 1
        while k >= 0 and i - k <= 10 and self.text(k) not in (",", ";", ":", ".", "(", ")"):
            if self.low(k) in ("if", "unless", "suppose", "supposing", "say", "imagine"):
                return True
            k -= 1
        return False

    def narrative(self) -> bool:
        """Whether the sentence tells a story ("I've lost 35 pounds"): its figures are anecdotes."""
        words = self.words
        return bool(words & {"i", "i've", "i'd", "i'm", "my", "me", "we've", "he", "she", "his", "her"})


# A day, week or month number is a point on an onset timeline when its sentence speaks of
# an effect ("peak misery is days 2-4", "by month 4 most people adjust") ...
TIMELINE_EFFECT_CUES = {"peak", "peaks", "peaked", "worse", "worst", "better", "best", "adjust", "adjusts",
                        "adjusted", "adapt", "adapts", "improve", "improves", "improved", "improvement",
                        "results", "symptoms", "side", "relief", "regrowth", "shedding", "nausea", "misery",
                        "suffering", "fade", "fades", "fading", "plateau", "plateaus", "accelerates", "response",
                        "benefit", "benefits", "effects", "effect", "reduced", "troughs", "trough", "normal",
                        "stops", "starts", "resolve", "resolves", "subside", "subsides", "visible", "noticeable",
                        "feel", "feels", "sleep", "recovery", "remission", "loss", "regain", "regained", "lose",
                        "tolerance", "achievable", "acne", "breakouts", "reduction"}
# ... and gives no advice or plan ("Plan light days 2-4 after injections").
ADVICE_OPENERS = {"plan", "prepare", "schedule", "take", "avoid", "push", "check", "give", "try", "wait", "keep",
                  "stay", "drink", "eat", "call", "ask", "talk", "consider", "do", "make", "use", "start", "stop",
                  "skip", "same", "see", "book", "set", "inject", "remember", "note", "track", "log", "hold"}

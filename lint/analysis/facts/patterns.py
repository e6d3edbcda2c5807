"""The patterns fact extraction reads around a figure.

Kept apart from the finders so each can be read, and tuned, on its own.
Vocabulary lives in rules/lexicon/ (the word lists here come from figures.yaml);
these are the grammatical patterns around it.
"""

import re

from .words import alternatives

# Clause boundaries inside a sentence: each clause can carry its own subject
# and measure ("50-70% respond, but remission in only 25-30%").
CLAUSE_BREAK = re.compile(
    r";|\s[—–]\s|—|,\s+(?:but|while|whereas|although|though|yet|and|with|compared\s+(?:with|to)|versus|vs\.?"
    r"|which\s+means|meaning|so)\b"
    r"|\s(?:but|whereas|while|compared\s+(?:with|to)|versus|vs\.?|as\s+opposed\s+to)\s",
    re.I,
)
# A subject named only as a point of comparison is not the figure's subject.
COMPARISON_BEFORE = re.compile(
    r"\b(?:than|unlike|instead\s+of|rather\s+than|compared\s+(?:with|to)|versus|vs\.?)"
    r"\s+(?:in\s+|with\s+|for\s+|the\s+|those\s+|people\s+with\s+)?(?:[\w-]+\s+)?$",
    re.I,
)
# "than traditional antidepressants, which typically take 4-6 weeks": the figure is about them after all.
RELATIVE_AFTER = re.compile(r"\s*,?\s*(?:which|who|that|where)\b", re.I)
# A treatment named as history ("after failing two antidepressants") is not the one a figure is about.
HISTORY_BEFORE = re.compile(
    r"\b(?:failed|failing|failure\s+of|resistant\s+to|despite|tried|after\s+trying|"
    r"stopped|stopping|switching\s+from|previous|prior)\s+(?:[\w+-]+\s+){0,2}$",
    re.I,
)
# "Extend infusion time to 60 minutes", "increase to 1 mg": a change, not a statement of the usual value.
CHANGE_TO = re.compile(
    r"\b(?:extend(?:ed|ing|s)?|increas(?:e|ed|es|ing)|reduc(?:e|ed|es|ing)|decreas(?:e|ed|es|ing)|"
    r"rais(?:e|ed|es|ing)|lower(?:ed|s|ing)?|titrat(?:e|ed|es|ing)|escalat(?:e|ed|es|ing)|"
    r"adjust(?:ed|s|ing)?|shorten(?:ed|s|ing)?|lengthen(?:ed|s|ing)?|drop(?:s|ped|ping)?|"
    r"fall(?:s|ing)?|fell|ris(?:e|es|ing)|rose|go(?:es)?\s+up|step(?:ped)?\s+up|move(?:d)?\s+up|"
    r"bump(?:ed)?\s+up)\s+(?:[\w-]+\s+){0,3}?to\s+(?:about\s+|around\s+|roughly\s+)?$",
    re.I,
)
# "40% reduction", "reduced pain by 40%", "70% improved": how much something changed, not how many people.
MAGNITUDE_AFTER = re.compile(
    r"^\s*(?:\)\s*)?(?:reduction|decrease|drop|decline|improvement|increase|rise|gain|change|"
    r"regrowth|improved|better|worse|lower|higher|less|more|faster|slower|fewer|"
    r"weight\s+loss|of\s+(?:their|your|his|her|its|the)\s+(?:starting\s+|initial\s+|body\s+)?"
    r"(?:weight|body\s+weight|score|symptoms|pain))\b",
    re.I,
)
MAGNITUDE_BEFORE = re.compile(
    r"(?:\b(?:reduc\w*|cut|lower\w*|decreas\w*|increas\w*|improv\w*|fell|fall\w*|drop\w*|rose|ris\w*|grew|grow\w*|"
    r"declin\w*|boost\w*|rais\w*|shr[iau]nk\w*|slash\w*)\s+(?:[\w-]+\s+){0,3}?by"
    r"|\ban?\s+(?:average|mean)\s+of|\blost|\blose|\blosing|\bgained)\s+"
    r"(?:about\s+|around\s+|roughly\s+|up\s+to\s+|nearly\s+|over\s+|an\s+average\s+of\s+)?$",
    re.I,
)
# "(roughly 35 mg for a 70 kg person)": a conversion of the figure just before it.
RESTATED_BEFORE = re.compile(
    r"\(\s*(?:or\s+|i\.?e\.?,?\s+|roughly\s+|about\s+|approximately\s+|around\s+|"
    r"equivalent\s+to\s+|that\s+is\s+)?$",
    re.I,
)
FREQUENCY_AFTER = re.compile(
    r"^\s*(?:per|a|each|every)\s+(?:week|day|month|year)\b|^\s*(?:weekly|daily|monthly)\b", re.I
)
CHECKPOINT_BEFORE = re.compile(
    r"\b(?:after|within|by|following|before)\s+(?:the\s+|their\s+|your\s+)?(?:first\s+)?$"
    r"|^(?:after|within|by|following|before)\s",
    re.I,
)
FREQUENCY_IN = re.compile(
    r"\b(?:per|a|each|every)\s+(?:week|day|month)\b"
    r"|\b(?:sessions?|infusions?|treatments?|times|doses?)\s+(?:weekly|daily|monthly)\b",
    re.I,
)
STUDY_SAMPLE = re.compile(r"\b(?:" + alternatives("study_sample") + r")\b", re.I)
PRONOUN = re.compile(r"(?:^|[^\w])(?:" + alternatives("pronouns") + r")\b", re.I)
TIMEPOINT_BEFORE = re.compile(
    r"\b(?:at|by|after|within|in|during|over|following)\s+(?:the\s+|their\s+|a\s+|an\s+)?"
    r"(?:first\s+|initial\s+)?(?:about\s+|roughly\s+|around\s+)?$",
    re.I,
)
TIMEPOINT_START = re.compile(r"^(?:at|by|after|within|in|during|over|following)\b", re.I)
TIMEPOINT_AFTER = re.compile(
    r"^\s*(?:later|after\s+(?:the\s+|their\s+)?"
    r"(?:last|final|first|treatment|infusion|dose))\b",
    re.I,
)
# A figure reported from one named study ("in a two-site trial of 73 patients, 64%
# responded"). Two such figures from different studies may differ without either
# being wrong; a general claim ("ketamine helps 50-80%") must agree with them.
_REPORT_DETERMINERS = r"a|an|the|one|this|that|our|their|its|each|same|second|first|later|earlier|another|largest|smaller?"
_REPORT_SAMPLE = r"of|in|among"
_REPORT_VERBS = r"found|reported|showed|observed|concluded"
STUDY_REPORT = re.compile(
    r"\b(?:" + _REPORT_DETERMINERS + r")\s+"
    r"(?:[\w-]+\s+|\w+-){0,4}?(?:trial|study|analysis|audit|survey|experiment|cohort|retrospective\s+review|"
    r"chart\s+review|case\s+report|review|paper|report)\b(?!-)"
    r"|\b(?:"
    + _REPORT_SAMPLE
    + r")\s+\d[\d,]*\s+(?:patients|participants|people|adults|veterans|subjects|volunteers)\b"
    r"|\b(?:" + _REPORT_VERBS + r")\s+that\b",
    re.I,
)
# The words STUDY_REPORT can start at: each branch opens with one of these words, whole
# (a space follows it). Searched for only where one stands (extract.FactExtractor.names_study).
STUDY_REPORT_WORDS = re.compile(
    "|".join((_REPORT_DETERMINERS, _REPORT_SAMPLE, _REPORT_VERBS)), re.I
)
STRONG_PREVALENCE = re.compile(
    r"\b(?:"
    + alternatives("prevalence_words")
    + r"|of\s+(?:the\s+)?(?:"
    + alternatives("population_nouns")
    + r"))\b",
    re.I,
)
PSEUDO_HEADING = re.compile(
    r"\s*(?:\*\*|__)[^*_\n]{1,100}(?:\*\*|__)\s*:?\s*"
    r"|\s*(?:\*\*|__)[^*_\n]{1,60}(?:\*\*|__)[^.!?\n*]{0,60}:\s*"
)
NUMBERED = re.compile(r"\d|\b(?:" + alternatives("number_words") + r")\b", re.I)
PLAIN_LABEL = re.compile(r"\s*(?:[-*+]\s+|\d+[.)]\s+)?([A-Za-z][\w /&'’-]{1,40}?)\s*:\s+\S")
PRONOUN_NOUN = re.compile(
    r"^(?:them|these|those|they|this\s+group|that\s+group|those\s+\w+|these\s+\w+|"
    r"the\s+rest|the\s+remainder|the\s+others|responders|non-?responders)$",
    re.I,
)
OPENING_BOLD = re.compile(r"\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__)([^*_\n]{1,80}?)(?:\*\*|__)")
# Labels that say nothing about what a figure measures ("**Evidence**: ...", "**Note**: ...").
NEUTRAL_LABEL = re.compile(r"\b(?:" + alternatives("neutral_labels", " ") + r")\b", re.I)
LEADING_PREPOSITION = re.compile(
    r"^(?:over|within|for|at|after|by|in|across|during|following)\s+", re.I
)
EXCLUDED_KINDS = ("study-statistic", "year-finding")
# "80% of people with sleep apnea | have never been diagnosed": a predicate right after a cohort's
# condition counts something else; "50 million Americans living with chronic pain, ..." counts the condition.
PREDICATE_AFTER = re.compile(
    r"\s+(?:who\s+|that\s+)?(?:still\s+|never\s+|also\s+|eventually\s+|later\s+|now\s+|"
    r"no\s+longer\s+|not\s+|often\s+|usually\s+)?"
    r"(?:are|is|were|was|have|has|had|do|does|did|can|could|will|would|may|might|"
    r"don't|do\s+not|report\w*|say|said|get|gets|got|need\w*|use[sd]?|take[sn]?|took|"
    r"develop\w*|experience\w*|remain\w*|stop\w*|go|goes|went|become|became|improv\w*|"
    r"respond\w*|continu\w*|achiev\w*|reach\w*|los[et]\w*|gain\w*|die[sd]?|"
    r"[a-z]+ed)\b",
    re.I,
)
# "In that trial", "the same study": the study named before. "A second trial", "another study": a new one.
ANAPHORIC_STUDY = re.compile(
    r"\b(?:" + alternatives("same_study") + r")\s+(?:[\w-]+\s+){0,2}?"
    r"(?:" + alternatives("study_nouns") + r")\b",
    re.I,
)
NEW_STUDY = re.compile(
    r"\b(?:" + alternatives("new_study") + r"|\d{4})\s+(?:[\w-]+\s+){0,3}?"
    r"(?:" + alternatives("study_nouns") + r")\b",
    re.I,
)
# A table header that is a time point: "24 hours", "Week 4", "At 6 months", "Day 7".
TIME_HEADER = re.compile(
    r"(?:(?:at|after|by)\s+)?(?:(?P<n1>\d+(?:\.\d+)?)\s*(?P<u1>minutes?|hours?|days?|weeks?|months?|years?)"
    r"|(?P<u2>minute|hour|day|week|month|year)\s+(?P<n2>\d+(?:\.\d+)?))(?:\s+(?:later|after\s+\w+))?",
    re.I,
)

"""What a figure counts or measures: people, studies, statistics, and where a noun phrase ends.

The words are data: rules/lexicon/numbers-nouns.yaml.
"""

from __future__ import annotations

from .vocab import phrases, words

POPULATION = words("nouns", "population")
TREATMENT_TRIALS = words("nouns", "treatment-trials")
DEFINITE = words("nouns", "definite")
DOSE_NAMES = words("nouns", "dose-names")
SINGLE_PERSON = words("nouns", "single-person")
STUDY_PEOPLE = words("nouns", "study-people")
STUDY_NOUNS = words("nouns", "study-nouns")
STUDY_SINGULAR = words("nouns", "study-singular")
OUTCOME_VERBS = words("nouns", "outcome-verbs")
MEASURE_NOUNS_AFTER = words("nouns", "measure-nouns-after")

# Keys of study statistics: "n = 120", "p < 0.05", "OR 2.1", "odds ratio of 1.8".
STAT_KEYS_CASED = words("nouns", "stat-keys-cased")
SINGLE_LETTER_KEYS = words("nouns", "single-letter-keys")
STAT_KEY_WORDS = phrases("nouns", "stat-key-phrases")
STAT_KEYS_BY_LAST: dict[str, list[tuple[str, ...]]] = {}
for _key in STAT_KEY_WORDS:  # in their written order: the first listed wins
    STAT_KEYS_BY_LAST.setdefault(_key[-1], []).append(_key)

# Words that end the noun phrase after a figure ("50% of patients who respond").
HEAD_NOUN_STOP = words("nouns", "head-noun-stop")
# Words after a count that still belong to it: "300 million people worldwide".
TRAILING_SCOPE = words("nouns", "trailing-scope")
PRONOUNS_AFTER_OF = words("nouns", "pronouns-after-of")
DETERMINERS_AFTER_OF = words("nouns", "determiners-after-of")
FRACTION_OF_BLOCKERS = words("nouns", "fraction-of-blockers")
FRACTION_A_BLOCKERS = words("nouns", "fraction-a-blockers")
AS_LIKELY = words("nouns", "as-likely")
COMPOUND_DOSE_HEADS = words("nouns", "compound-dose-heads")
PER_DOSE_NAMES = words("nouns", "per-dose-names")
DOSE_FORM_MODIFIERS = words("nouns", "dose-form-modifiers")
STARTING_WEIGHTS = words("nouns", "starting-weights")

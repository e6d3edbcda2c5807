"""The number grammar: prose -> NumericMention, one per figure that states a fact.

How it works, per article:

1. The spaCy Doc gives the sentences (with boundaries at every block start).
2. Sentences with no digit and no number word are skipped outright.
3. The rest are split into small tokens by one regular expression (spaCy's own
   tokenizer keeps "50–80", "~30" and "0.5mg" whole, which a grammar cannot
   read reliably).
4. At each number a deterministic parser reads the quantity (a value or a range,
   digits or words, with its scale and percent sign), the qualifier before it
   ("up to", "nearly", "more than"), then what follows it (a unit, a noun, "in
   five", "times more likely") and the cue words around it, and decides the kind
   -- or that it is not a claim at all (a name such as COVID-19 or type 2
   diabetes, an ordinal, a date, a time, a phone number, an age limit, a label
   such as "Step 2", list numbering, money).

Values: `low` and `high` are the full values with the scale applied ("50
million" -> 5e7, scale "million"); a percentage stays in percent (85.0, unit
"%"); a ratio or fraction becomes a fraction ("one in five" -> 0.2, unit
"fraction"); a multiplier has unit "x". Durations keep their unit ("months").

Mentions are extracted from every prose block, headings included (the rules never
report headings), but never from frontmatter, code, URLs, images, footnote
definitions, citation markers, or the article's References section.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from .article import Article

KINDS = ("percentage", "count", "ratio", "multiplier", "risk-change", "duration", "dose",
         "study-statistic", "year-finding", "measurement")
QUALIFIERS = ("exact", "approx", "upper", "lower")


@dataclass(frozen=True)
class NumericMention:
    start: int  # file offsets of the claim span: the numbers with their unit or noun
    end: int
    low: float
    high: float
    unit: str  # "%", "fraction", "people", "mg/kg/hour", "hours", "days", "weeks", "months", "x", "trials", ...
    qualifier: str  # exact | approx | upper | lower
    scale: Optional[str]  # thousand | million | billion
    kind: str  # one of KINDS
    text: str  # the span's text
    sentence_start: int
    sentence_end: int
    block: int  # index into article.blocks
    number_start: int = -1  # the numbers alone ("50-80" in "Up to 50-80% of patients")
    number_end: int = -1
    noun: str = ""  # what is counted or measured, when the grammar saw it ("chronic pain patients")


# -- vocabulary --------------------------------------------------------------
ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
VAGUE_SCALES = {"dozens": (12, "dozen"), "hundreds": (100, "hundred"), "thousands": (1e3, "thousand"),
                "millions": (1e6, "million"), "billions": (1e9, "billion")}
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
             "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
             "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10}
MULTIPLIER_WORDS = {"twice": 2, "double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "triple": 3,
                    "tripled": 3, "triples": 3, "tripling": 3, "quadruple": 4, "quadrupled": 4,
                    "quadruples": 4, "halved": 0.5, "halving": 0.5, "halves": 0.5, "halve": 0.5}
NUMBER_WORDS = set(ONES) | set(TENS) | set(SCALES) | set(VAGUE_SCALES) | set(FRACTIONS) | \
    set(MULTIPLIER_WORDS) | {"dozen", "hundred"}

PERCENT_WORDS = {"%", "percent", "per-cent", "pct"}
MINUS = {"-", "−", "–"}
TIMEPOINT_UNITS = {"day": "days", "days": "days", "week": "weeks", "weeks": "weeks", "month": "months",
                   "months": "months", "hour": "hours", "year": "years"}
TIMEPOINT_PREPOSITIONS = {"by", "at", "after", "until", "till", "through", "before", "from", "to", "within",
                          "around", "about", "past", "beyond"}
CUT_VERBS = {"cut", "cuts", "reduced", "reduce", "reduces", "reducing", "slashed", "slash", "slashes", "dropped",
             "drop", "drops", "fell", "falls", "fall", "split", "lowered", "lowers", "halved"}
OUTCOME_VERBS = {"dropped", "withdrew", "died", "responded", "relapsed", "recovered", "improved", "discontinued",
                 "completed", "quit", "remitted", "developed", "experienced", "achieved", "reported", "stopped"}
QUALIFIER_PHRASES: list[tuple[tuple[str, ...], str]] = sorted([
    (("up", "to"), "upper"), (("as", "many", "as"), "upper"), (("as", "much", "as"), "upper"),
    (("as", "high", "as"), "upper"), (("less", "than"), "upper"), (("fewer", "than"), "upper"),
    (("no", "more", "than"), "upper"), (("at", "most"), "upper"), (("under",), "upper"),
    (("below",), "upper"), (("<",), "upper"), (("≤",), "upper"), (("just", "under"), "upper"),
    (("a", "maximum", "of"), "upper"), (("maximum", "of"), "upper"),
    (("more", "than"), "lower"), (("over",), "lower"), (("at", "least"), "lower"),
    (("greater", "than"), "lower"), (("upwards", "of"), "lower"), (("upward", "of"), "lower"),
    (("in", "excess", "of"), "lower"), (("exceeding",), "lower"), (("above",), "lower"), ((">",), "lower"),
    (("≥",), "lower"), (("well", "over"), "lower"), (("just", "over"), "lower"), (("a", "minimum", "of"), "lower"),
    (("minimum", "of"), "lower"), (("as", "few", "as"), "lower"), (("as", "little", "as"), "lower"),
    (("about",), "approx"), (("around",), "approx"), (("approximately",), "approx"), (("approx",), "approx"),
    (("approx", "."), "approx"), (("roughly",), "approx"), (("nearly",), "approx"), (("almost",), "approx"),
    (("close", "to"), "approx"), (("an", "estimated"), "approx"), (("estimated",), "approx"), (("~",), "approx"),
    (("≈",), "approx"), (("circa",), "approx"), (("some",), "approx"), (("an", "average", "of"), "approx"),
    (("on", "average"), "approx"), (("average", "of"), "approx"), (("averaging",), "approx"),
    (("between",), "exact"), (("a", "median", "of"), "exact"), (("median", "of"), "exact"), (("a", "mean", "of"), "exact"),
    (("mean", "of"), "exact"), (("median",), "exact"), (("nearly", "a"), "approx"), (("almost", "a"), "approx"), (("about", "a"), "approx"),
    (("more", "than", "a"), "lower"), (("less", "than", "a"), "upper"), (("over", "a"), "lower"),
], key=lambda p: -len(p[0]))

MONTHS = {"january", "february", "march", "april", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
# A word right before a bare number that makes it a name or label: "Step 2", "type 2 diabetes".
LABELS = {"step", "steps", "phase", "phases", "stage", "stages", "type", "types", "grade", "grades", "level",
          "levels", "day", "days", "week", "weeks", "month", "months", "year", "session", "chapter", "part",
          "section", "figure", "fig", "table", "tip", "tips", "no", "number", "item", "question", "round",
          "cycle", "visit", "experiment", "appendix", "page", "pages", "pp", "vol", "volume", "issue",
          "version", "v", "class", "schedule", "tier", "category", "wave", "lesson", "module", "rule", "zone",
          "top", "size", "room", "suite", "ward", "patient", "participant", "case", "norwood", "gen",
          "generation", "act", "article", "title", "route", "highway", "interstate", "box", "bed", "floor",
          "channel", "gate", "exit", "list", "line", "option", "method", "group", "arm", "cohort", "model",
          "series", "study", "trial", "hour", "dose", "infusion", "treatment", "sprint", "block", "form",
          "trimester", "decade", "factor", "omega", "vitamin", "covid", "b", "d", "k", "e", "reason", "myth",
          "sign", "signs", "mistake", "way", "ways", "point", "points", "rank", "score", "scale", "grade",
          "dsm", "icd", "phq", "gad", "ptsd", "iso", "nct", "vs", "versus", "pg", "ch", "sec", "para", "fact",
          "q", "#"}
AGE_BEFORE = {"aged", "age", "ages", "ageing", "aging"}
AGE_AFTER = [("and", "older"), ("and", "over"), ("and", "up"), ("or", "older"), ("or", "over"),
             ("and", "above"), ("or", "above"), ("and", "younger"), ("and", "under"), ("or", "younger"),
             ("years", "old"), ("year", "old"), ("years", "of", "age"), ("year", "olds"), ("years", "and", "older"),
             ("years", "and", "over"), ("years", "or", "older"), ("years", "and", "up"), ("plus",), ("+",),
             ("yo",), ("y", "/", "o")]
AGE_AFTER_FIRST = {words[0] for words in AGE_AFTER}
CURRENCY = {"$", "£", "€", "¥", "usd", "us$", "eur", "gbp"}
MONEY_AFTER = {"dollars", "dollar", "usd", "euros", "euro", "cents", "bucks", "off", "discount", "apr",
               "interest", "cashback", "rebate"}

POPULATION = {
    "people", "persons", "person", "individuals", "adults", "children", "kids", "teens", "teenagers",
    "adolescents", "youth", "youths", "infants", "babies", "newborns", "toddlers", "men", "women", "males",
    "females", "boys", "girls", "patients", "americans", "britons", "canadians", "australians", "europeans",
    "veterans", "users", "smokers", "drinkers", "survivors", "sufferers", "residents", "citizens", "workers",
    "employees", "students", "seniors", "elderly", "mothers", "fathers", "parents", "pregnancies", "births",
    "doctors", "physicians", "nurses", "clinicians", "consumers", "households", "families", "americans",
    "cases", "deaths", "hospitalizations", "hospitalisations", "admissions", "visits", "prescriptions",
    "overdoses", "infections", "diagnoses", "suicides", "injuries", "amputations", "surgeries", "procedures",
    "deliveries", "cancers", "fractures", "strokes", "lives", "members", "clients", "customers", "victims",
    "responders", "non-responders", "subjects", "participants", "volunteers", "respondents", "enrollees",
    "recipients", "carriers", "diabetics", "addicts", "inmates", "soldiers", "servicemembers", "athletes",
    "runners", "vegetarians", "vegans", "twins", "couples", "caregivers", "retirees", "brits", "indians",
    "worldwide", "globally",
}
TREATMENT_TRIALS = {"antidepressant", "antidepressants", "medication", "medications", "drug", "drugs",
                    "treatment", "treatments", "ssri", "ssris", "therapeutic", "adequate", "failed"}
DEFINITE = {"the", "this", "that", "these", "those", "each", "your", "their", "its", "same"}
DOSE_NAMES = {"dose", "doses", "arm", "arms", "group", "groups", "formulation", "strength", "pen", "pens",
              "version", "tablet", "tablets", "capsule", "capsules", "level", "step", "cohort"}
SINGLE_PERSON = {"person", "patient", "man", "woman", "adult", "individual", "child", "male", "female", "boy",
                 "girl", "baby", "infant", "teen", "adolescent", "subject", "participant", "client"}
STUDY_PEOPLE = {"subjects", "participants", "volunteers", "respondents", "enrollees"}
STUDY_NOUNS = {"trials", "studies", "rcts", "reviews", "meta-analyses", "papers", "publications", "cohorts",
               "experiments", "analyses", "articles", "surveys", "datasets", "sites", "centers", "centres",
               "hospitals", "countries", "trial", "study"}
STUDY_SINGULAR = {"study", "trial", "review", "meta-analysis", "analysis", "survey", "paper", "report", "rct",
                  "experiment", "cohort", "investigation", "publication", "article", "poll", "meta", "results",
                  "findings", "data", "guidelines", "guideline", "recommendations", "statement", "consensus",
                  "studies", "trials", "reviews", "analyses", "surveys", "reports", "estimates", "census"}
STUDY_MODIFIERS = {"randomized", "randomised", "controlled", "double-blind", "double", "blind", "blinded",
                   "placebo-controlled", "placebo", "clinical", "systematic", "cochrane", "cohort", "prospective",
                   "retrospective", "observational", "large", "small", "landmark", "longitudinal", "national",
                   "pilot", "crossover", "open-label", "open", "label", "multicenter", "multicentre", "human",
                   "animal", "published", "peer-reviewed", "peer", "reviewed", "independent", "separate", "major",
                   "new", "recent", "population-based", "population", "based", "case-control", "case",
                   "cross-sectional", "cross", "sectional", "nationwide", "follow-up", "phase", "-", "and",
                   "meta", "analysis", "us", "u.s", "uk", "european", "federal", "government", "survey", "large-scale",
                   "scale", "twin", "genetic", "epidemiological", "of"}
TIME_UNITS = {"second": "seconds", "seconds": "seconds", "sec": "seconds", "secs": "seconds",
              "minute": "minutes", "minutes": "minutes", "min": "minutes", "mins": "minutes",
              "hour": "hours", "hours": "hours", "hr": "hours", "hrs": "hours", "h": "hours",
              "day": "days", "days": "days", "week": "weeks", "weeks": "weeks", "wk": "weeks", "wks": "weeks",
              "month": "months", "months": "months", "mo": "months", "mos": "months",
              "year": "years", "years": "years", "yr": "years", "yrs": "years", "decade": "decades",
              "decades": "decades", "night": "nights", "nights": "nights"}
MASS_UNITS = {"mg": "mg", "milligram": "mg", "milligrams": "mg", "mcg": "mcg", "µg": "mcg", "μg": "mcg",
              "ug": "mcg", "microgram": "mcg", "micrograms": "mcg", "g": "g", "gram": "g", "grams": "g",
              "gm": "g", "ng": "ng", "nanograms": "ng", "ml": "ml", "milliliter": "ml", "milliliters": "ml",
              "millilitre": "ml", "millilitres": "ml", "cc": "ml", "iu": "IU", "units": "units", "unit": "units",
              "l": "l", "liter": "l", "liters": "l", "litre": "l", "litres": "l", "mmol": "mmol", "meq": "mEq"}
PER_TIME = {"h": "hour", "hr": "hour", "hrs": "hour", "hour": "hour", "min": "min", "minute": "min",
            "d": "day", "day": "day", "wk": "week", "week": "week", "kg": "kg", "dose": "dose",
            "session": "session", "infusion": "infusion", "m2": "m2", "month": "month"}
LAB_UNITS = {"mg/dl", "mmol/l", "ng/ml", "pg/ml", "nmol/l", "pmol/l", "µg/dl", "mcg/dl", "iu/l", "miu/ml",
             "miu/l", "u/l", "mg/l", "ng/dl", "µmol/l", "umol/l", "mmhg", "mm/hg", "g/dl", "meq/l"}
MEASURE_UNITS = {"kg": "kg", "kilograms": "kg", "kilogram": "kg", "kilos": "kg", "lb": "lb", "lbs": "lb",
                 "pounds": "lb", "stone": "stone", "cm": "cm", "centimeters": "cm", "centimetres": "cm",
                 "inches": "inches", "inch": "inches", "mmhg": "mmHg", "bpm": "bpm", "calories": "kcal",
                 "kcal": "kcal", "steps": "steps", "servings": "servings", "cups": "cups", "glasses": "glasses",
                 "ounces": "oz", "oz": "oz", "points": "points", "drinks": "drinks", "cigarettes": "cigarettes"}
DOSE_FORMS = {"tablets": "tablets", "tablet": "tablets", "capsules": "capsules", "capsule": "capsules",
              "pills": "pills", "pill": "pills", "drops": "drops", "puffs": "puffs", "sprays": "sprays",
              "doses": "doses", "infusions": "infusions", "sessions": "sessions", "treatments": "treatments",
              "injections": "injections", "shots": "injections", "lozenges": "lozenges", "troches": "troches",
              "patches": "patches", "gummies": "gummies", "boosters": "boosters", "appointments": "sessions"}
CONCENTRATION_FORMS = {"cream", "gel", "patch", "solution", "ointment", "lotion", "spray", "topical",
                       "concentration", "strength", "lidocaine", "minoxidil", "solution", "shampoo", "foam",
                       "rinse", "drops", "tincture", "oil"}
FREQUENCY_AFTER = {"a", "an", "per", "each", "every", "daily", "weekly", "monthly", "nightly", "yearly",
                   "annually", "hourly"}
PERIODS = {"day", "week", "month", "year", "night", "session", "hour", "morning", "evening", "dose"}
COMPARATIVE_AFTER = {"more", "less", "higher", "lower", "greater", "as", "likely", "larger", "smaller",
                     "faster", "slower", "stronger", "increased", "increase", "risk", "odds", "the", "that",
                     "better", "worse", "longer", "shorter", "bigger", "elevated", "over", "than", "what",
                     "normal", "baseline", "potency", "potent", "effective", "rate", "chance"}
RISK_NOUNS = {"risk", "risks", "odds", "chance", "chances", "likelihood", "likely", "mortality", "incidence",
              "hazard", "death", "deaths", "rates", "rate"}
RISK_STRONG = {"risk", "risks", "odds", "chance", "chances", "likelihood", "likely", "mortality", "hazard"}
CHANGE_WORDS = {"lower", "higher", "greater", "reduced", "increased", "decreased", "elevated", "less", "more",
                "reduction", "increase", "decrease", "drop", "rise", "lowered", "raised", "fewer", "excess",
                "relative", "absolute", "reductions", "increases"}
MEASURE_NOUNS_AFTER = {"response", "responses", "rate", "rates", "success", "reduction", "reductions",
                       "increase", "increases", "decrease", "improvement", "improvements", "relief", "remission",
                       "efficacy", "effectiveness", "recurrence", "relapse", "absorption", "bioavailability",
                       "prevalence", "incidence", "probability", "accuracy", "sensitivity", "specificity",
                       "chance", "lower", "higher", "greater", "less", "more", "risk", "odds", "drop", "decline",
                       "loss", "gain", "survival", "mortality", "placebo", "response-rate", "of"}
STAT_KEYS_CASED = {"n", "N", "p", "P", "OR", "HR", "RR", "aOR", "aHR", "IRR", "SMD", "MD", "NNT", "NNH",
                   "AUC", "CI", "ES", "RRR", "ARR", "SD", "SE", "SEM", "ICC", "I2", "I²", "β", "κ", "d", "r",
                   "g", "F", "t", "z", "χ2", "χ²"}
SINGLE_LETTER_KEYS = {"n", "N", "p", "P", "d", "r", "g", "F", "t", "z"}
STAT_KEY_WORDS = {("odds", "ratio"), ("hazard", "ratio"), ("risk", "ratio"), ("rate", "ratio"),
                  ("relative", "risk"), ("p", "value"), ("p", "-", "value"), ("effect", "size"),
                  ("needed", "to", "treat"), ("needed", "to", "harm"), ("correlation", "coefficient"),
                  ("correlation",), ("cohen", "'s", "d"), ("cohen's", "d"), ("standardized", "mean", "difference"),
                  ("mean", "difference"), ("standard", "deviation"), ("confidence", "interval"),
                  ("sample", "size"), ("heterogeneity",)}
STAT_KEYS_BY_LAST: dict[str, list[tuple[str, ...]]] = {}
for _key in STAT_KEY_WORDS:
    STAT_KEYS_BY_LAST.setdefault(_key[-1], []).append(_key)
CI_AFTER = {"ci", "confidence", "credible", "prediction", "cri", "ci:"}

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
               "healing", "heal", "heals", "rapid", "rapidly", "quickly", "within", "improvement",
               "decline", "declines", "diminish", "diminishes", "drop", "drops", "weeks-long", "reverse",
               "reverses", "reversed", "cleared", "excreted", "metabolized", "metabolised", "absorbed",
               "better", "worse", "protection", "protected", "immunity", "stays", "reduce", "relieve",
               "relieved", "eased", "ease", "eases", "faded", "delay", "diagnosis", "booster", "boosters",
               "attacks", "episodes", "followed", "follow-up", "median", "length", "length", "trial",
               "trials", "study"}
PROTOCOL_CUES = {"infusion", "infusions", "infused", "infuse", "session", "sessions", "dose", "doses",
                 "dosing", "administer", "administered", "administration", "regimen", "protocol", "protocols",
                 "taper", "tapering", "tapered", "course", "courses", "daily", "weekly", "series", "booster",
                 "boosters", "maintenance", "hold", "repeat", "repeated", "treatment", "treatments", "drip",
                 "injection", "injections", "per", "every", "monitoring", "monitored", "observation",
                 "observed", "appointment", "appointments", "induction", "titrate", "titration", "spaced", "interval", "intervals", "schedule", "scheduled", "wait", "fasting",
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
HEAD_NOUN_STOP = {"the", "a", "an", "and", "or", "but", "in", "with", "who", "that", "which", "at", "on", "for",
                  "from", "by", "after", "before", "during", "within", "to", "as", "than", "is", "are", "was",
                  "were", "have", "has", "had", "will", "would", "can", "could", "may", "might", "do", "does",
                  "did", "experience", "experienced", "experiences", "report", "reported", "reports", "respond",
                  "responded", "show", "showed", "shows", "see", "saw", "achieve", "achieved", "develop",
                  "developed", "develops", "maintain", "maintained", "improve", "improved", "feel", "felt",
                  "get", "got", "become", "became", "need", "needs", "needed", "use", "used", "take", "took",
                  "continue", "continued", "live", "lives", "living", "suffer", "suffering", "suffers", "when",
                  "where", "while", "if", "because", "since", "not", "also", "still", "both", "all", "each",
                  "this", "these", "those", "their", "they", "it", "its", "whose", "what", "had", "being", "be",
                  "been", "meet", "met", "go", "went", "stop", "stopped", "return", "returned", "benefit",
                  "benefited", "benefitted", "find", "found", "say", "said", "note", "noted", "like", "such",
                  "worldwide", "globally", "annually", "each", "every", "per", "alone", "overall", "versus",
                  "vs", "compared", "among", "into", "over", "under", "about", "than", "will", "should",
                  "must", "reach", "reached", "respond", "responds", "receive", "received", "receiving",
                  "require", "required", "requires", "rely", "relies", "see", "sees", "notice", "noticed",
                  "quit", "try", "tried", "lose", "lost", "gain", "gained", "deal", "struggle", "struggled"}
TRAILING_SCOPE = {"worldwide", "globally", "annually", "nationwide", "alone", "each", "every", "per"}

TOKEN = re.compile(
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])"  # 20,000 or 1,200.5
    r"|\d+(?:\.\d+)?"  # 12 or 0.5
    r"|(?<![\w.])\.\d+"  # .05
    r"|[^\W\d_]+(?:['’][^\W\d_]+)*"  # words (letters only), with apostrophes
    r"|[¹²³⁴⁵⁶⁷⁸⁹⁰]+"
    r"|\S"  # any other single character
)


def _trigger() -> re.Pattern:
    """Digits or number words, as an alternation grouped by first letter (matched on lowercased text)."""
    groups: dict[str, list[str]] = {}
    for word in sorted(NUMBER_WORDS, key=len, reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    alternatives = "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())
    return re.compile(r"\d|\b(?:" + alternatives + r")\b")


TRIGGER = _trigger()


@dataclass(slots=True)
class Tok:
    text: str
    lower: str
    start: int
    end: int
    glued: bool  # no space before it

    @property
    def is_digit(self) -> bool:
        return self.text[:1].isdigit() or (self.text[:1] == "." and self.text[1:2].isdigit())

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()


@dataclass
class Quantity:
    first: int  # token index of the first number
    end: int  # token index after the quantity (after % when there is one)
    low: float
    high: float
    scale: Optional[str] = None
    percent: bool = False
    word: bool = False  # written in words
    fraction: bool = False  # "half", "two-thirds"
    vague: bool = False  # "millions", "dozens"
    multiplier: bool = False  # "twice", "doubled"
    integer: bool = True
    ranged: bool = False
    points: bool = False  # "percentage points"


def _word(tok: Tok) -> str:
    """Lowercase, except that only a free-standing capital "I" is the pronoun (not the I of CBT-I)."""
    if tok.lower == "i" and (tok.text != "I" or tok.glued):
        return "i-letter"
    return tok.lower


def _value(text: str) -> Optional[float]:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


class SentenceParser:
    """The grammar over one sentence's tokens."""

    def __init__(self, toks: list[Tok], context: str, sentence_text: str, cell: bool = False) -> None:
        self.cell = cell  # the tokens are one table cell
        self._qualifiers: dict[int, tuple[str, int]] = {}
        self.toks = toks
        self.n = len(toks)
        self.context = context  # extra cue text (the table row, the list lead-in)
        self.words = {_word(t) for t in toks if t.is_word} | set(context.split())
        self.sentence_text = sentence_text

    # -- helpers ----------------------------------------------------------
    def low(self, i: int) -> str:
        return self.toks[i].lower if 0 <= i < self.n else ""

    def text(self, i: int) -> str:
        return self.toks[i].text if 0 <= i < self.n else ""

    def glued(self, i: int) -> bool:
        return 0 <= i < self.n and self.toks[i].glued

    def seq(self, i: int, words: Sequence[str]) -> bool:
        return all(self.low(i + k) == w for k, w in enumerate(words))

    def window(self, i: int, j: int, before: int = 8, after: int = 8) -> set[str]:
        lo, hi = max(0, i - before), min(self.n, j + after)
        return {_word(self.toks[k]) for k in range(lo, hi) if not (i <= k < j)}

    # -- numbers ----------------------------------------------------------
    def read_number(self, i: int) -> Optional[tuple[float, int, bool]]:
        """(value, index after, written in words) for a plain number at i."""
        if i >= self.n:
            return None
        tok = self.toks[i]
        if tok.is_digit:
            value = _value(tok.text)
            return None if value is None else (value, i + 1, False)
        w = tok.lower
        if w in TENS:
            value = TENS[w]
            if self.low(i + 1) == "-" and self.glued(i + 1) and self.low(i + 2) in ONES and self.glued(i + 2):
                return value + ONES[self.low(i + 2)], i + 3, True
            return value, i + 1, True
        if w in ONES:
            value, j = ONES[w], i + 1
            if self.low(j) == "hundred":
                value, j = value * 100, j + 1
            return value, j, True
        if w in ("a", "an") and self.low(i + 1) in ("dozen", "hundred", "thousand", "million", "billion"):
            word = self.low(i + 1)
            return (12 if word == "dozen" else 100 if word == "hundred" else SCALES[word]), i + 2, True
        if w == "dozen":
            return 12, i + 1, True
        if w == "hundred":
            return 100, i + 1, True
        return None

    def read_quantity(self, i: int) -> Optional[Quantity]:
        w = self.low(i)
        # vague large numbers: "millions of", "dozens of"
        if w in VAGUE_SCALES and self.low(i + 1) == "of":
            unit, name = VAGUE_SCALES[w]
            return Quantity(i, i + 1, 2 * unit, 999 * unit if unit > 12 else 99, scale=name if unit >= 1e3 else None,
                            word=True, vague=True)
        # fractions: "half", "a third", "two-thirds", "one quarter", "three quarters"
        frac = self.read_fraction(i)
        if frac is not None:
            value, j = frac
            return Quantity(i, j, value, value, word=True, fraction=True, integer=False)
        if w in MULTIPLIER_WORDS and not (self.low(i + 1) == "-" and self.glued(i + 1)):
            if w in ("halves",) and self.low(i - 1) in ("two", "both"):
                return None
            return Quantity(i, i + 1, MULTIPLIER_WORDS[w], MULTIPLIER_WORDS[w], word=True, multiplier=True)
        first = self.read_number(i)
        if first is None:
            return None
        v1, j, word = first
        scale = None
        if self.low(j) in SCALES:
            scale = self.low(j)
            v1 *= SCALES[scale]
            j += 1
        percent = points = False
        if self.low(j) in ("percentage", "percent") and self.low(j + 1) in ("point", "points"):
            percent, points, j = True, True, j + 2
        elif self.low(j) in PERCENT_WORDS:
            percent, j = True, j + 1
        elif self.low(j) == "per" and self.low(j + 1) == "cent":
            percent, j = True, j + 2
        if self.signed(i) and self.text(i - 1) in MINUS:
            v1 = -v1
        q = Quantity(i, j, v1, v1, scale=scale, percent=percent, word=word,
                     integer=float(v1).is_integer() and "." not in self.text(i), points=points)
        self.read_range(q)
        return q

    def signed(self, i: int) -> bool:
        """Whether the number at i carries a sign: "−12.4", "+15%" (not the dash of "50-80")."""
        return i > 0 and self.text(i - 1) in MINUS | {"+"} and self.glued(i) and self.toks[i].is_digit and \
            not (i > 1 and self.glued(i - 1) and (self.toks[i - 2].is_digit or self.toks[i - 2].is_word))

    def read_fraction(self, i: int) -> Optional[tuple[float, int]]:
        w = self.low(i)
        if w in ("half",) and not (self.low(i + 1) == "-" and self.glued(i + 1)):
            if self.low(i - 1) in ("first", "second", "last", "latter", "former", "other", "bottom", "top",
                                   "upper", "lower", "back", "front", "left", "right"):
                return None
            if self.low(i - 1) in ("in", "into") and any(self.low(i - k) in CUT_VERBS for k in range(2, 10)):
                return 0.5, i + 1  # "cut in half"
            if self.low(i - 1) in ("the", "a", "in", "into") and self.low(i + 1) != "of":
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
        if self.low(j) == "-" and self.glued(j):
            j += 1
        denom_word = self.low(j)
        if denom_word in FRACTIONS and denom_word not in ("half", "halves"):
            return numer / FRACTIONS[denom_word], j + 1
        if denom_word in ("half",) and w in ("a", "one"):
            return 0.5, j + 1
        return None

    def read_range(self, q: Quantity) -> None:
        j = q.end
        conn = self.low(j)
        between = self.low(q.first - 1) == "between"
        if conn in ("-", "–", "—", "to") or (conn == "and" and between) or (conn == "or" and not q.percent):
            if conn == "or" and not self.toks[j + 1:j + 2]:
                return
            if self.low(q.first - 1) == "from" and self.low(q.first - 2) not in (
                    "range", "ranges", "ranging", "ranged", "vary", "varies", "varying", "varied"):
                return
            negative = False
            if conn in ("to", "and") and self.text(j + 1) in MINUS and self.glued(j + 2):
                j, negative = j + 1, True  # "−13.4 to −11.5"
            nxt = self.read_number(j + 1)
            if nxt is None:
                return
            v2, k, word2 = nxt
            if negative:
                v2 = -v2
            if conn in ("-", "–", "—") and self.low(k) == "-" and self.glued(k) and \
                    self.read_number(k + 1) is not None:
                return  # 555-123-4567: a chain, not a range
            if conn == "or" and not (self.low(k) in PERCENT_WORDS or self.low(k) in TIME_UNITS or
                                     self.low(k) in SCALES):
                return
            scale2 = None
            if self.low(k) in SCALES:
                scale2 = self.low(k)
                v2 *= SCALES[scale2]
                k += 1
            percent2 = False
            if self.low(k) in ("percentage", "percent") and self.low(k + 1) in ("point", "points"):
                percent2, k = True, k + 2
                q.points = True
            elif self.low(k) in PERCENT_WORDS:
                percent2, k = True, k + 1
            elif self.low(k) == "per" and self.low(k + 1) == "cent":
                percent2, k = True, k + 2
            if q.percent and not percent2 and not (self.low(k) in PERCENT_WORDS):
                # "50% to 80 patients" is not a range of percentages
                if conn == "to":
                    return
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
            q.integer = q.integer and float(v2).is_integer() and "." not in self.text(j + 1)

    # -- exclusions -------------------------------------------------------
    def glued_chain(self, i: int) -> tuple[int, int, int]:
        """(first token, last token, count of numbers) of a glued run like 12/03/2021 or 555-123-4567."""
        a = i
        while a - 2 >= 0 and self.glued(a) and self.text(a - 1) in "/-.:" and self.glued(a - 1) and \
                self.toks[a - 2].is_digit:
            a -= 2
        b = i
        count = 1
        while b + 2 < self.n and self.text(b + 1) in ("/", "-", ".", ":", "–") and self.glued(b + 1) and \
                self.glued(b + 2) and self.toks[b + 2].is_digit:
            b += 2
            count += 1
        count += (i - a) // 2
        return a, b, count

    def is_name_or_label(self, q: Quantity) -> bool:
        i = q.first
        tok = self.toks[i]
        prev = self.toks[i - 1] if i > 0 else None
        if tok.is_digit and prev is not None and tok.glued:
            # B12, CYP3A4, H1N1 (letters glued before) and COVID-19, omega-3, PHQ-9 (letters-hyphen)
            if prev.is_word:
                return True
            if prev.text in ("-", "‐") and i >= 2 and self.toks[i - 2].is_word and prev.glued:
                return True
        nxt = self.toks[q.end] if q.end < self.n else None
        if nxt is not None and nxt.glued and nxt.is_word and self.toks[q.end - 1].is_digit:
            suffix = nxt.lower
            if suffix in ("st", "nd", "rd", "th", "s", "d", "a", "b", "c", "am", "pm"):
                return True  # 1st, 1990s, 3D, 10am
            if not (suffix in MASS_UNITS or suffix in TIME_UNITS or suffix in MEASURE_UNITS or
                    suffix in ("x", "k", "mg", "fold") or suffix in LAB_UNITS):
                return True  # 5HT, 2A
        if nxt is not None and nxt.text in ("-", "‐") and nxt.glued and q.end + 1 < self.n:
            after = self.toks[q.end + 1]
            if after.glued and after.is_word and after.text[:1].isupper() and after.text.upper() == after.text \
                    and not q.word:
                return True  # 5-HT2A, 4-AcO
        if not q.percent and q.integer and not q.word and prev is not None:
            if self.timepoint(q):
                return False
            if prev.lower in LABELS and not (prev.lower in ("day", "days", "week", "weeks", "month", "months",
                                                            "hour", "dose") and self.low(i - 2) in
                                                 ("a", "per", "each", "every")):
                if not (prev.lower == "no" and self.low(q.end) in ("more", "less", "fewer")):
                    return True
            if prev.text in ("#", "№"):
                return True
            if prev.is_word and prev.text[:1].isupper() and i >= 2 and not self.toks[i - 2].text in (".", ":") \
                    and prev.lower not in QUALIFIER_WORDS and prev.lower not in POPULATION and \
                    prev.lower not in ("in", "by", "to", "of", "and", "or", "about", "over", "under", "with") \
                    and q.low < 1000 and not self.unit_follows(q.end):
                return True  # Norwood 2, Windows 10, Zone 2
        return False

    def timepoint(self, q: Quantity) -> bool:
        """"by week 12", "at month 3": a point in time of a result, not a label."""
        i = q.first
        return self.low(i - 1) in TIMEPOINT_UNITS and self.low(i - 2) in TIMEPOINT_PREPOSITIONS

    def unit_follows(self, j: int) -> bool:
        w = self.low(j)
        return w in MASS_UNITS or w in TIME_UNITS or w in POPULATION or w in STUDY_NOUNS or \
            w in DOSE_FORMS or w in ("times", "x", "×", "fold")

    def is_date_or_time(self, q: Quantity) -> bool:
        i = q.first
        if not self.toks[i].is_digit:
            return False
        a, b, count = self.glued_chain(i)
        if count >= 3:
            return True
        if count == 2:
            sep = self.text(a + 1)
            if sep == ":":
                return len(self.text(b)) != 1  # 10:30 is a time, 7:1 a ratio
            if sep == "/" and self.low(b + 1) in ("mmhg", "mm"):
                return False  # blood pressure: 130/80 mmHg
            if sep == "/":
                return not (self.low(b + 1) == "of" and _value(self.text(a)) is not None and
                            _value(self.text(b)) is not None and
                            0 < _value(self.text(a)) < _value(self.text(b)) <= 100)
        prev_raw, next_raw = self.text(i - 1), self.text(q.end)
        if prev_raw.lower() in MONTHS or next_raw.lower() in MONTHS or prev_raw == "May" or next_raw == "May":
            return True
        if prev_raw == "March" or next_raw == "March":
            return True
        if self.low(q.end) in ("am", "pm", "a.m", "p.m", "o'clock", "noon", "gmt", "est", "pst", "utc"):
            return True
        if self.low(q.end) in ("a", "p") and self.low(q.end + 1) == "." and self.low(q.end + 2) == "m":
            return True
        return False

    def is_year(self, q: Quantity) -> bool:
        return (not q.percent and not q.word and q.integer and not q.ranged and 1800 <= q.low <= 2100 and
                len(self.text(q.first)) == 4 and not q.scale)

    def is_age(self, q: Quantity) -> bool:
        i = q.first
        if self.low(i - 1) in AGE_BEFORE or self.seq(i - 2, ["age", "of"]) or \
                self.seq(i - 3, ["the", "age", "of"]) or self.seq(i - 2, ["ages", "of"]):
            return True
        j = q.end
        if self.low(j) in AGE_AFTER_FIRST:
            for words in AGE_AFTER:
                if self.seq(j, words):
                    return True
        if self.low(j) == "-" and self.glued(j) and self.low(j + 1) in ("year", "years", "month", "week") and \
                self.low(j + 2) == "-" and self.low(j + 3) in ("old", "olds"):
            return True
        if self.low(j) in ("years", "year") and self.low(j + 1) in ("of",) and self.low(j + 2) == "age":
            return True
        return False

    def is_list_number(self, q: Quantity) -> bool:
        i = q.first
        if q.percent or q.ranged:
            return False
        nxt = self.text(q.end)
        if nxt == ")" and self.glued(q.end):
            prev = self.text(i - 1)
            if i == 0 or prev in (":", ";", ",", "(", ".", "-", "—") or (prev == "(" and self.glued(i)):
                return True
        if i == 0 and nxt == "." and self.glued(q.end):
            return True
        return False

    # -- qualifiers -------------------------------------------------------
    def qualifier_before(self, i: int) -> tuple[str, int]:
        if i in self._qualifiers:
            return self._qualifiers[i]
        result = self._qualifier_before(i)
        self._qualifiers[i] = result
        return result

    def _qualifier_before(self, i: int) -> tuple[str, int]:
        for words, kind in QUALIFIERS_BY_LAST.get(self.low(i - 1), ()):
            k = i - len(words)
            if k >= 0 and all(self.low(k + m) == w for m, w in enumerate(words)):
                start = k
                if words[0] in ("an",) and len(words) > 1:
                    start = k + 1
                if words[-1] == "a" and self.low(i) not in FRACTIONS and self.low(i) not in (
                        "third", "quarter", "half", "fifth", "dozen"):
                    continue
                return kind, start
        return "exact", i

    # -- following words --------------------------------------------------
    def head_after_of(self, j: int, limit: int = 4) -> tuple[int, str]:
        """After "of": the noun phrase, ending at a population word when one is near."""
        k = j
        if self.low(k) in ("them", "us", "you", "it", "these", "those", "which", "whom", "this", "that", "what"):
            if self.low(k) in ("these", "those") and self.toks[k + 1:k + 2] and self.low(k + 1) in POPULATION:
                return k + 2, self.text(k) + " " + self.text(k + 1)
            return k + 1, self.text(k)  # "half of them": the pronoun is the whole phrase
        if self.low(k) in ("the", "all", "our", "their", "your"):
            k += 1
            if self.low(k) in ("the",):
                k += 1
        best = None
        m = k
        while m < self.n and m - k < limit:
            t = self.toks[m]
            if not (t.is_word or (t.text == "-" and t.glued)) or (t.lower in HEAD_NOUN_STOP and m > k):
                break
            if t.lower in POPULATION or t.lower in STUDY_NOUNS:
                best = m + 1
            m += 1
        if best is not None:
            end = best
        else:
            end = m
            # a single-word phrase ending in a verb-like word is not a noun phrase
            while end > k and self.low(end - 1) in HEAD_NOUN_STOP:
                end -= 1
        if end <= k:
            return j, ""
        return end, " ".join(self.toks[x].text for x in range(k, end) if self.toks[x].text != "-")

    def modifiers_then(self, j: int, nouns: set[str], limit: int = 3) -> Optional[int]:
        """Index of a noun from `nouns` reached from j over at most `limit` modifier words."""
        k = j
        steps = 0
        while k < self.n and steps <= limit:
            t = self.toks[k]
            if t.lower in nouns:
                return k
            if not (t.is_word or (t.text in ("-", ".") and t.glued)) or t.lower in HEAD_NOUN_STOP:
                return None
            if t.is_word:
                steps += 1
            k += 1
        return None

    def dose_unit(self, j: int) -> Optional[tuple[int, str, str]]:
        """(index after, normalised unit, kind) for mg, mg/kg, mg/kg/hour, mcg per kg per min, mg/dL..."""
        w = self.low(j)
        if w not in MASS_UNITS and w not in MEASURE_UNITS and w not in ("mmhg", "mm"):
            return None
        parts = [MASS_UNITS.get(w) or MEASURE_UNITS.get(w) or w]
        k = j + 1
        raw = [w]
        if w == "mm" and self.low(k) == "hg":
            parts, raw, k = ["mmHg"], ["mmhg"], k + 1
        while k + 1 < self.n and (self.text(k) == "/" or self.low(k) == "per") and self.toks[k + 1].is_word:
            denom = self.low(k + 1)
            if denom in PER_TIME or denom in ("dl", "l", "ml", "kg", "m2", "hour", "day", "week"):
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
        if w in ("l", "liter", "liters", "litre", "litres") and len(parts) == 1:
            return k, unit, "measurement"
        return k, unit, "dose"

    def frequency_after(self, j: int) -> Optional[int]:
        """"a day", "per week", "daily", "each session": the end of a frequency phrase at j."""
        w = self.low(j)
        if w in ("daily", "weekly", "monthly", "nightly", "yearly", "annually", "hourly"):
            return j + 1
        if w in ("a", "an", "per", "each", "every") and self.low(j + 1) in PERIODS | {"other", "infusion"}:
            if self.low(j + 1) == "other":
                return j + 3
            return j + 2
        return None

    # -- cues -------------------------------------------------------------
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
                                                          "followed", "stays", "remains", "last", "lasts"}:
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

    def stat_key_before(self, i: int) -> Optional[int]:
        """Start index of a statistic's key ("p", "n", "OR", "odds ratio", "95%" handled elsewhere)."""
        k = i - 1
        ops = 0
        while k >= 0 and self.text(k) in ("=", "<", ">", "≤", "≥", ":", "~", "of", "was", "is", "of", "±") and ops < 3:
            k -= 1
            ops += 1
        if k < 0:
            return None
        key = self.text(k)
        if key in STAT_KEYS_CASED:
            if key in SINGLE_LETTER_KEYS:
                if ops == 0 or not any(self.text(x) in ("=", "<", ">", "≤", "≥") for x in range(k + 1, i)):
                    return None
                if k > 0 and self.toks[k - 1].is_word and self.toks[k].glued:
                    return None
            return k
        for words in STAT_KEYS_BY_LAST.get(self.low(k), ()):
            start = k - len(words) + 1
            if start >= 0 and all(self.low(start + m) == w for m, w in enumerate(words)):
                return start
        if key == "-" and self.low(k - 1) == "p" and self.low(k + 1) == "value":
            return k - 1
        return None

    # -- the grammar --------------------------------------------------------
    def parse(self, i: int) -> tuple[Optional[dict], int]:
        """Try a mention at token i: (fields or None, index to continue from)."""
        q = self.read_quantity(i)
        if q is None:
            return None, i + 1
        nxt = max(q.end, i + 1)
        if self.is_date_or_time(q):
            _, b, _ = self.glued_chain(i)
            return None, max(nxt, b + 1)
        if self.is_name_or_label(q) or self.is_list_number(q):
            return None, nxt
        w_before = self.low(i - 1)
        if w_before in CURRENCY or self.low(q.end) in MONEY_AFTER or self.text(i - 1) in ("$", "£", "€"):
            return None, nxt
        if self.is_age(q):
            return None, nxt
        result = self.classify(q)
        if result is None:
            return None, nxt
        return result, max(nxt, result["end_tok"])

    def classify(self, q: Quantity) -> Optional[dict]:
        i, j = q.first, q.end
        qual_kind, qual_start = self.qualifier_before(i)

        def out(kind: str, unit: str, end_tok: int, start_tok: Optional[int] = None, noun: str = "",
                low: Optional[float] = None, high: Optional[float] = None, qualifier: Optional[str] = None):
            s = qual_start if start_tok is None else start_tok
            if s == i and self.signed(i):
                s = i - 1
            return {"kind": kind, "unit": unit, "start_tok": s, "end_tok": end_tok, "num_start": i,
                    "num_end": q.end, "low": q.low if low is None else low, "high": q.high if high is None else high,
                    "qualifier": qualifier or qual_kind, "scale": q.scale, "noun": noun}

        # statistics with a key: n = 120, p < 0.05, OR 2.1, odds ratio of 1.8
        key = self.stat_key_before(i)
        if key is not None and not q.word:
            qual = "upper" if any(self.text(x) in ("<", "≤") for x in range(key, i)) else \
                "lower" if any(self.text(x) in (">", "≥") for x in range(key, i)) else "exact"
            end = self.ci_tail(j) if self.text(key) == "CI" else j
            return out("study-statistic", self.text(key), end, start_tok=key, qualifier=qual)

        if q.multiplier:
            return self.classify_multiplier_word(q, out)

        if q.fraction:
            return self.classify_fraction(q, out)

        if q.vague:
            if self.low(j) != "of":
                return None
            end, noun = self.head_after_of(j + 1)
            if not noun:
                return None
            head = noun.split()[-1].lower()
            if head in STUDY_NOUNS or head in STUDY_PEOPLE:
                return out("study-statistic", head, end, noun=noun)
            if head in POPULATION:
                return out("count", "people" if head not in ("cases", "deaths") else head, end, noun=noun)
            return None

        if q.percent:
            return self.classify_percent(q, out)

        # ratios: 1 in 5, one out of every three
        ratio = self.ratio_tail(q)
        if ratio is not None:
            value, end = ratio
            end2, noun = self.noun_after(end)
            return out("ratio", "fraction", end2, low=value, high=value, noun=noun)

        # multipliers: 3 times more likely, 2x, 3-fold, 2 times a week (protocol)
        mult = self.multiplier_tail(q)
        if mult is not None:
            return mult if isinstance(mult, dict) else None

        w = self.low(j)
        if self.text(j) == ":" and self.glued(j) and self.glued(j + 1) and self.toks[j + 1:j + 2] and \
                self.toks[j + 1].is_digit and len(self.text(j + 1)) == 1:
            den = _value(self.text(j + 1)) or 1
            return out("ratio", "ratio", j + 2, low=q.low / den, high=q.low / den)  # "a 7:1 female-to-male ratio"
        # glued "N/M of" fraction, or a blood pressure "130/80 mmHg"
        if self.text(j) == "/" and self.glued(j):
            a, b, count = self.glued_chain(i)
            if count == 2 and self.low(b + 1) in ("mmhg", "mm"):
                end = b + 2 + (self.low(b + 1) == "mm" and self.low(b + 2) == "hg")
                return out("measurement", "mmHg", end, low=q.low, high=q.low)  # systolic; diastolic in the text
            if count == 2 and self.low(b + 1) == "of":
                num, den = _value(self.text(a)), _value(self.text(b))
                if num and den and num < den:
                    end, noun = self.head_after_of(b + 2)
                    return out("ratio", "fraction", end, low=num / den, high=num / den, noun=noun)
            return None

        if self.timepoint(q) and not self.is_year(q):
            unit = TIMEPOINT_UNITS[self.low(i - 1)]
            kind = self.time_kind(q, j, unit)
            words = self.window(i, j, 10, 10) | set(self.context.split())
            strong = (words & EFFECT_CUES - WEAK_EFFECT_CUES) | (words & PROTOCOL_CUES - WEAK_PROTOCOL_CUES)
            if kind is not None and strong and not words & {"you", "you're", "your", "if"}:
                return out("duration", unit, j, start_tok=i - 2)  # "faded by week 12"
            return None

        # year-dated study: "a 2018 review", "in a 2020 randomized controlled trial"
        if self.is_year(q):
            k = self.modifiers_then(j, STUDY_SINGULAR | {"meta"}, limit=4)
            if k is not None:
                end = k + 1
                if self.low(k) == "meta" and self.low(k + 1) == "-" and self.low(k + 2) == "analysis":
                    end = k + 3
                start = qual_start
                if self.low(start - 1) in ("a", "an", "the", "one"):
                    start -= 1  # "A 2018 review": the study, named with its article
                return out("year-finding", "year", end, start_tok=start, noun=self.low(k))
            return None

        # compound adjectives: a 40-minute infusion, a 12-week trial
        if w == "-" and self.glued(j) and self.low(j + 1) in TIME_UNITS and self.glued(j + 1):
            unit = TIME_UNITS[self.low(j + 1)]
            head = self.low(j + 2)
            if head == "-":
                return None  # 5-year-old
            if head in ("infusion", "infusions", "session", "sessions", "course", "courses", "regimen", "taper",
                        "treatment", "protocol", "drip", "fast", "washout", "series"):
                return out("dose", unit, j + 3, noun=head)
            return None
        if w == "-" and self.glued(j) and self.low(j + 1) in ("fold",):
            end = j + 2
            end = self.comparative_tail(end)
            return out("multiplier", "x", end)

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
            if kind == "dose" and self.low(qual_start - 1) in DEFINITE and self.low(end) in DOSE_NAMES:
                return None  # "about 40% less than the 2.4mg dose": a reference to a dose, not a claim
            label_end = (")", "(", ":", "|") if qual_start == 1 else (")", "(", ":", ",", "*", "|", "-", "—")
            if kind == "dose" and self.glued_name_before(qual_start) and self.frequency_after(end) is None and \
                    (end >= self.n or self.text(end) in label_end):
                return None  # "Ozempic 2mg (off-label...)": a product and its strength, named
            if kind == "measurement" and (self.hypothetical(i) or self.low(qual_start - 1) in (
                    "starting", "weighing", "weigh", "weighs", "from")):
                return None  # "(33 lbs if starting at 220 lbs)"
            if kind == "measurement" and (self.narrative() or self.low(end) in SINGLE_PERSON or
                                          self.text(end) == "-" or (qual_start == i and
                                                                    self.low(i - 1) in ("a", "an"))):
                return None  # "I've lost 35 pounds", "a 70 kg person", "a 12 cm incision"
            return out(kind, unit, end)

        # time amounts: protocol steps and durations of effect
        if w in TIME_UNITS and not (w in ("h", "min", "hr") and not self.glued(j) and w == "h"):
            unit = TIME_UNITS[w]
            if {self.low(qual_start), self.low(qual_start + 1)} & {"median", "mean"}:
                return out("study-statistic", unit, j + 1)  # "followed for a median of 9 years"
            kind = self.time_kind(q, j + 1, unit)
            if kind is None:
                return None
            end = j + 1
            if self.low(qual_start) in ("over", "under") and self.low(qual_start - 1) not in (
                    "for", "lasting", "last", "lasts", "lasted", "persisting"):
                # "infusions over 3-5 days": a preposition, not a lower bound
                return out(kind, unit, self.frequency_after(end) or end, start_tok=i, qualifier="exact")
            freq = self.frequency_after(end)
            if kind == "dose" and freq is not None:
                end = freq
            elif kind == "dose" and self.low(end) == "per" and self.low(end + 1) in ("session", "infusion",
                                                                                   "treatment", "dose"):
                end += 2
            return out(kind, unit, end)

        # counts of things given in doses: 6 infusions, two tablets, 3 sessions
        if w in DOSE_FORMS or (self.low(j + 1) in DOSE_FORMS and self.toks[j].is_word and
                               self.low(j) in ("weekly", "daily", "ketamine", "iv", "booster", "maintenance")):
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
            return out("dose", unit, end)

        # counts of people, cases and studies ("a 220-pound person" is a description, not a count)
        k = None if self.text(j) in ("-", "‐") else \
            self.modifiers_then(j, POPULATION | STUDY_NOUNS | STUDY_PEOPLE, limit=3)
        if k is not None:
            head = self.low(k)
            noun = " ".join(self.toks[x].text for x in range(j, k + 1) if self.toks[x].text not in ("-",))
            end = k + 1
            if head in STUDY_NOUNS or head in STUDY_PEOPLE:
                if head in ("study", "trial") or (q.word and q.low < 2):
                    return None
                if head in ("trials",) and {self.low(x) for x in range(j, k)} & TREATMENT_TRIALS:
                    return None  # "two adequate antidepressant trials": attempts at treatment, not studies
                return out("study-statistic", head, end, noun=noun)
            if head in ("worldwide", "globally"):
                return None
            if q.word and not q.scale:
                return None  # "two patients": an anecdote, not a statistic
            if self.low(end) in TRAILING_SCOPE and self.low(end) in ("worldwide", "globally", "annually",
                                                                     "nationwide"):
                end += 1
            if self.low(end) == "each" and self.low(end + 1) == "year":
                end += 2
            return out("count", "people" if head not in ("cases", "deaths") else head, end, noun=noun)
        return self.classify_rest(q, out, qual_kind, qual_start)

    def classify_rest(self, q: Quantity, out, qual_kind: str, qual_start: int) -> Optional[dict]:
        """Figures with no unit or known noun that are still claims."""
        i, j = q.first, q.end
        if q.word and not q.scale:
            return None
        if q.scale:  # "20 million of them", "3.5 million prescriptions": scaled numbers are statistics
            end, noun = self.noun_after(j)
            if not noun and self.toks[j:j + 1] and self.toks[j].is_word and self.low(j) not in HEAD_NOUN_STOP:
                end, noun = j + 1, self.text(j)
            return out("count", "count", end, noun=noun)
        if qual_kind != "exact" and q.low >= 10 and not self.is_year(q):
            k = j
            while k < self.n and k - j < 3 and self.toks[k].is_word and self.low(k) not in HEAD_NOUN_STOP:
                if self.low(k).endswith("s") and len(self.low(k)) > 3 and self.low(k) not in ("this", "has", "was"):
                    return out("count", "count", k + 1, noun=" ".join(t.text for t in self.toks[j:k + 1]))
                k += 1
        if q.integer and q.low >= 2 and not self.is_year(q) and self.low(j) in OUTCOME_VERBS and \
                self.low(j - 1) not in ("in",):
            end = j + 1 + (self.low(j + 1) == "out")
            return out("study-statistic", "participants", end)  # "41 dropped out"
        if self.cell and (self.signed(i) or not q.integer) and j >= self.n:
            return out("study-statistic", "", j)  # a results table cell: "| −16.7 |"
        return None

    def glued_name_before(self, i: int) -> bool:
        """A capitalised drug or product name right before the figure: "Wegovy 2.4mg"."""
        prev = self.toks[i - 1] if i > 0 else None
        return bool(prev is not None and prev.is_word and prev.text[:1].isupper() and
                    prev.lower not in QUALIFIER_WORDS and prev.lower not in ("at", "to", "of", "take", "with"))

    def hypothetical(self, i: int) -> bool:
        """Whether token i is in an "if" clause: "if ketamine works for two weeks", "if you lost <10 pounds"."""
        k = i - 1
        while k >= 0 and i - k <= 10 and self.text(k) not in (",", ";", ":", ".", "(", ")"):
            if self.low(k) in ("if", "unless", "suppose", "supposing", "say", "imagine"):
                return True
            k -= 1
        return False

    def narrative(self) -> bool:
        words = self.words
        return bool(words & {"i", "i've", "i'd", "i'm", "my", "me", "we've", "he", "she", "his", "her"})

    def noun_after(self, j: int) -> tuple[int, str]:
        if self.low(j) == "of":
            end, noun = self.head_after_of(j + 1)
            return (end, noun) if noun else (j, "")
        k = self.modifiers_then(j, POPULATION | STUDY_PEOPLE, limit=3)
        if k is not None:
            return k + 1, " ".join(self.toks[x].text for x in range(j, k + 1))
        return j, ""

    def ci_tail(self, j: int) -> int:
        k = j
        while self.text(k) in (":", ",", "=", "(", "of") and k - j < 2:
            k += 1
        num = self.read_number(k)
        if num is None and self.text(k) in ("-", "−") and self.read_number(k + 1) is not None:
            num = self.read_number(k + 1)
        if num is None:
            return j
        _, k2, _ = num
        if self.text(k2) in ("-", "–", "to", ",", "—") and self.read_number(k2 + 1) is not None:
            _, k3, _ = self.read_number(k2 + 1)
            return k3
        return k2

    def comparative_tail(self, end: int) -> int:
        if self.low(end) in ("more", "less", "higher", "lower", "greater", "as", "likely", "increased", "increase",
                             "faster", "stronger", "better", "worse", "larger"):
            end += 1
            if self.low(end) in ("likely", "common", "effective", "potent", "risk", "likely", "as", "the"):
                end += 1
                if self.low(end) in ("risk", "likely", "chance", "odds"):
                    end += 1
        elif self.low(end) == "the" and self.low(end + 1) in RISK_NOUNS | {"rate", "number", "dose", "amount"}:
            end += 2
        return end

    def classify_percent(self, q: Quantity, out) -> Optional[dict]:
        j = q.end
        if q.points:
            return out("risk-change", "percentage points", j)  # "fell 1.5 percentage points"
        if self.low(j) in CI_AFTER or self.seq(j, ["confidence", "interval"]):
            end = j + (2 if self.low(j) in ("confidence", "credible", "prediction") else 1)
            return out("study-statistic", "CI", self.ci_tail(end))
        if any(self.low(j + k) in CONCENTRATION_FORMS for k in range(0, 2)) and \
                not self.low(j) in ("of",):
            end = j + 1 if self.low(j) in CONCENTRATION_FORMS else j + 2
            return out("dose", "%", end)
        if self.is_risk_change(q):
            end = j
            while self.low(end) in CHANGE_WORDS | RISK_NOUNS | {"relative", "absolute", "in", "the", "reduction"} \
                    and end - j < 4:
                if self.low(end) in ("in", "the") and not (self.low(end + 1) in RISK_NOUNS):
                    break
                end += 1
            if self.low(end) == "of":
                end2, noun = self.head_after_of(end + 1, limit=3)
                end = end2 if noun else end
            return out("risk-change", "%", end)
        end, noun = j, ""
        if self.low(j) == "of":
            end, noun = self.head_after_of(j + 1)
            if not noun:
                end = j
        else:
            k = j
            while k < self.n and k - j < 2 and self.low(k) in MEASURE_NOUNS_AFTER - {"of"}:
                k += 1
            if k > j:
                end = k
                if self.low(end) == "of":
                    end2, noun2 = self.head_after_of(end + 1, limit=3)
                    if noun2:
                        end = end2
        return out("percentage", "%", end, noun=noun)

    def classify_fraction(self, q: Quantity, out) -> Optional[dict]:
        j = q.end
        if self.low(j) == "of":
            end, noun = self.head_after_of(j + 1)
            if not noun:
                return None
            head = noun.split()[-1].lower()
            if head in TIME_UNITS or head in ("dose", "doses", "time", "way", "day", "night", "life", "century",
                                              "pill", "tablet", "hour", "story", "it", "that", "the", "this",
                                              "which"):
                return None
            return out("ratio", "fraction", end, noun=noun)
        k = j
        if self.low(k) in ("the", "all", "those", "these"):
            k += 1
        m = self.modifiers_then(k, POPULATION | STUDY_PEOPLE, limit=2)
        if m is not None:
            return out("ratio", "fraction", m + 1, noun=" ".join(self.toks[x].text for x in range(k, m + 1)))
        if self.low(j) in ("as", "more", "less") and self.low(j + 1) in ("likely", "many", "much", "common"):
            return out("multiplier", "x", j + 2)
        i = q.first
        qual_kind, qual_start = self.qualifier_before(i)
        if self.low(qual_start - 1) == "by":
            return out("risk-change", "fraction", j, start_tok=qual_start - 1)  # "cut the risk by nearly half"
        if self.low(i - 1) in ("in", "into") and self.low(i) == "half":
            return out("risk-change", "fraction", j, start_tok=i - 1)  # "cut migraine days in half"
        if qual_start < i and self.low(i) not in ("a", "an"):
            return out("ratio", "fraction", j)  # "fewer than half respond"
        if qual_start < i and self.low(i) in ("a", "an") and self.low(j) not in ("day", "week", "month", "year",
                                                                              "dose", "tablet", "pill", "mile",
                                                                              "cup", "teaspoon", "century"):
            return out("ratio", "fraction", j)
        return None

    def classify_multiplier_word(self, q: Quantity, out) -> Optional[dict]:
        i, j = q.first, q.end
        w = self.low(i)
        freq = self.frequency_after(j)
        if w == "twice" and freq is not None:
            return out("dose", "per " + self.low(freq - 1).replace("daily", "day"), freq, low=2, high=2)
        if w in ("double", "triple", "quadruple") and self.low(j) in ("dose", "doses", "dosing", "check", "vision",
                                                                       "digits", "edged", "room", "bed", "shot"):
            return None
        if w in ("twice", "double", "triple", "quadruple"):
            if self.low(j) in ("as", "the", "that", "more", "higher", "what", "normal", "likely") or \
                    (self.low(j) in ("their", "its") and self.low(j + 1) in RISK_NOUNS):
                return out("multiplier", "x", self.comparative_tail(j))
            return None
        window = self.window(i, j, 5, 5)
        if window & (RISK_NOUNS | {"number", "cases", "prevalence", "incidence", "deaths", "mortality", "levels",
                                   "production", "amount", "use", "prescriptions", "rate", "rates", "odds",
                                   "sales", "risk", "likelihood", "chances", "diagnoses", "admissions", "visits",
                                   "overdoses", "suicides", "size", "effect", "response", "weight"}):
            end = j
            if self.low(j) in ("the", "their", "its") and self.low(j + 1) in RISK_NOUNS | {"number", "rate"}:
                end = j + 2
            return out("multiplier", "x", end)
        return None

    def ratio_tail(self, q: Quantity) -> Optional[tuple[float, int]]:
        if q.ranged or q.percent:
            return None
        j = q.end
        if self.low(j) == "in" or self.seq(j, ["out", "of"]) or self.seq(j, ["of", "every"]):
            k = j + (1 if self.low(j) == "in" else 2)
            if self.low(k) == "every":
                k += 1
            den = self.read_number(k)
            if den is None:
                return None
            value, end, _ = den
            if not (0 < q.low < value <= 100000) or (len(self.text(k)) == 4 and 1800 <= value <= 2100):
                return None
            return q.low / value, end
        return None

    def multiplier_tail(self, q: Quantity):
        j = q.end
        w = self.low(j)
        if w == "times":
            freq = self.frequency_after(j + 1)
            if freq is not None:
                if q.word and q.low < 1:
                    return None
                return self.make(q, "dose", "per " + self.low(freq - 1), freq)
            if self.low(j + 1) in COMPARATIVE_AFTER:
                return self.make(q, "multiplier", "x", self.comparative_tail(j + 1))
            return False
        if w in ("x", "×") and (self.glued(j) or not self.toks[j + 1:j + 2] or not self.toks[j + 1].is_digit):
            if self.toks[j + 1:j + 2] and (self.toks[j + 1].is_digit or self.text(j + 1) in ("(", "[")):
                return False  # 3 x 10, 0.4 × (ABW - IBW): arithmetic
            if self.text(j + 1) == "/" and self.low(j + 2) in PERIODS:
                return self.make(q, "dose", "per " + self.low(j + 2), j + 3)  # 3x/week
            freq = self.frequency_after(j + 1)
            if freq is not None:
                return self.make(q, "dose", "per " + self.low(freq - 1), freq)
            return self.make(q, "multiplier", "x", self.comparative_tail(j + 1))
        if w == "fold":
            return self.make(q, "multiplier", "x", self.comparative_tail(j + 1))
        return None

    def make(self, q: Quantity, kind: str, unit: str, end: int) -> dict:
        qual_kind, qual_start = self.qualifier_before(q.first)
        return {"kind": kind, "unit": unit, "start_tok": qual_start, "end_tok": end, "num_start": q.first,
                "num_end": q.end, "low": q.low, "high": q.high, "qualifier": qual_kind, "scale": q.scale,
                "noun": ""}


QUALIFIER_WORDS = {w for words, _ in QUALIFIER_PHRASES for w in words}
QUALIFIERS_BY_LAST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _kind in QUALIFIER_PHRASES:  # longest first, as in QUALIFIER_PHRASES
    QUALIFIERS_BY_LAST.setdefault(_words[-1], []).append((_words, _kind))


# -- the article-level entry point -------------------------------------------
def _cache(article: "Article") -> dict:
    return article.__dict__.setdefault("_contentlint_cache", {})


def _masked_prose(article: "Article") -> str:
    """Prose with citation markers blanked, so "[12]" or "(Smith, 2021)" never reads as a figure."""
    from .citations import marker_spans

    prose = article.prose
    spans = marker_spans(article)
    if not spans:
        return prose
    pieces, cursor = [], 0
    for start, end, _, _ in spans:
        if start < cursor:
            start = cursor
        if start >= end:
            continue
        pieces.append(prose[cursor:start])
        pieces.append(re.sub(r"[^\n]", " ", prose[start:end]))
        cursor = end
    pieces.append(prose[cursor:])
    return "".join(pieces)


def _row_context(article: "Article") -> dict[int, str]:
    rows: dict[int, list[str]] = {}
    for block in article.blocks:
        if block.row is not None and block.kind == "table_cell":
            rows.setdefault(block.row, []).append(block.text)
    return {row: " ".join(texts).lower() for row, texts in rows.items()}


def _split_row(line: str) -> list[str]:
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|"):
        line = line[:-1]
    return [c.strip().lower() for c in re.split(r"(?<!\\)\|", line)]


def _table_headers(article: "Article") -> dict[int, list[str]]:
    """Each table row's column headers (the first row of its table), so "68 weeks" under
    "Trial length" is read with its header."""
    headers: dict[int, list[str]] = {}
    current: list[str] = []
    last_line = -10
    seen: set[int] = set()
    for block in article.blocks:
        if block.row is None or block.kind != "table_cell" or block.row in seen:
            continue
        seen.add(block.row)
        if block.start_line > last_line + 2:
            current = _split_row(article.index.line_text(block.start_line))
        headers[block.row] = current
        last_line = block.start_line
    return headers


def extract_mentions(article: "Article") -> list[NumericMention]:
    """Every numeric mention in the article's prose that is a claim candidate, in order (cached)."""
    cache = _cache(article)
    if "mentions" in cache:
        return cache["mentions"]
    from .citations import CITATION_OPTIONS, block_index_at, reference_blocks, sentence_spans

    masked = _masked_prose(article)
    lowered = masked.lower()
    if len(lowered) != len(masked):  # a few characters change length when lowercased ("İ")
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in masked)
    triggers = [m.start() for m in TRIGGER.finditer(lowered)]
    skip_blocks = {b.index for b in reference_blocks(article, CITATION_OPTIONS["reference-headings"])}
    rows = None
    mentions: list[NumericMention] = []
    for s_start, s_end in sentence_spans(article):
        k = bisect_left(triggers, s_start)
        if k >= len(triggers) or triggers[k] >= s_end:
            continue  # no digit and no number word in this sentence
        text = masked[s_start:s_end]
        stripped = len(text) - len(text.lstrip())
        index = block_index_at(article, s_start + stripped)
        if index is None:
            continue
        block = article.blocks[index]
        if not block.is_prose or index in skip_blocks:
            continue
        toks: list[Tok] = []
        prev_end = -1
        for m in TOKEN.finditer(text):
            start = s_start + m.start()
            toks.append(Tok(m.group(), m.group().lower(), start, s_start + m.end(), start == prev_end))
            prev_end = s_start + m.end()
        context = ""
        header: list[str] = []
        if block.row is not None:
            if rows is None:
                rows, headers = _row_context(article), _table_headers(article)
            context = rows.get(block.row, "")
            header = headers.get(block.row, [])
        if block.lead_in:
            context += " " + block.lead_in.lower()
        cell = block.row is not None
        for column, segment in enumerate(_cells(article, toks) if cell else [toks]):
            if not segment:
                continue
            extra = " " + " ".join(re.findall(r"[^\W\d_]+", header[column])) if column < len(header) else ""
            mentions.extend(_parse_segment(article, segment, context + extra, text, s_start, stripped, index,
                                           cell))
    titles = [(link.start, link.end) for link in article.layout.links
              if not re.match(r"^(?:https?:|www\.|mailto:)", link.href.strip(), re.I)]
    if titles:  # "[Why 80% of patients respond](/blog/why)": another article's title, not a claim here
        mentions = [m for m in mentions if not any(s <= m.start and m.end <= e for s, e in titles)]
    cache["mentions"] = mentions
    return mentions


def _cells(article: "Article", toks: list[Tok]) -> list[list[Tok]]:
    """A table row's tokens split at the cell borders (blanked in prose, still in the text)."""
    cells: list[list[Tok]] = [[]]
    for k, tok in enumerate(toks):
        if k and "|" in article.text[toks[k - 1].end:tok.start]:
            for _ in range(article.text.count("|", toks[k - 1].end, tok.start)):
                cells.append([])  # empty cells keep the column count
            cells[-1].append(tok)
            continue
        cells[-1].append(tok)
    line_start = article.text.rfind("\n", 0, toks[0].start) + 1 if toks else 0
    lead = article.text[line_start:toks[0].start] if toks else ""
    if lead.count("|") > 1:  # the row began with empty cells
        cells = [[] for _ in range(lead.count("|") - 1)] + cells
    return cells


def _parse_segment(article: "Article", toks: list[Tok], context: str, text: str, s_start: int, stripped: int,
                   index: int, cell: bool = False) -> list[NumericMention]:
    mentions: list[NumericMention] = []
    parser = SentenceParser(toks, context, text, cell)
    i = 0
    while i < len(toks):
        tok = toks[i]
        if not (tok.is_digit or tok.lower in NUMBER_WORDS or tok.lower in ("a", "an")):
            i += 1
            continue
        if tok.lower in ("a", "an") and parser.read_quantity(i) is None:
            i += 1
            continue
        fields, i = parser.parse(i)
        if fields is None:
            continue
        start = toks[fields["start_tok"]].start
        end = toks[min(fields["end_tok"], len(toks)) - 1].end
        mentions.append(NumericMention(
            start=start, end=end, low=float(fields["low"]), high=float(fields["high"]), unit=fields["unit"],
            qualifier=fields["qualifier"], scale=fields["scale"], kind=fields["kind"],
            text=article.text[start:end], sentence_start=s_start + stripped,
            sentence_end=s_start + len(text.rstrip()), block=index,
            number_start=toks[fields["num_start"]].start, number_end=toks[fields["num_end"] - 1].end,
            noun=fields["noun"]))
    return mentions

"""What a figure counts or measures: people, studies, statistics, and where a noun phrase ends."""

POPULATION = {
    "people", "persons", "person", "individuals", "adults", "children", "kids", "teens", "teenagers",
    "adolescents", "youth", "youths", "infants", "babies", "newborns", "toddlers", "men", "women", "males",
    "females", "boys", "girls", "patients", "americans", "britons", "canadians", "australians", "europeans",
    "veterans", "users", "smokers", "drinkers", "survivors", "sufferers", "residents", "citizens", "workers",
    "employees", "students", "seniors", "elderly", "mothers", "fathers", "parents", "pregnancies", "births",
    "doctors", "physicians", "nurses", "clinicians", "consumers", "households", "families",
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
# "41 dropped out": people who did something in a study.
OUTCOME_VERBS = {"dropped", "withdrew", "died", "responded", "relapsed", "recovered", "improved", "discontinued",
                 "completed", "quit", "remitted", "developed", "experienced", "achieved", "reported", "stopped"}
MEASURE_NOUNS_AFTER = {"response", "responses", "rate", "rates", "success", "reduction", "reductions",
                       "increase", "increases", "decrease", "improvement", "improvements", "relief", "remission",
                       "efficacy", "effectiveness", "recurrence", "relapse", "absorption", "bioavailability",
                       "prevalence", "incidence", "probability", "accuracy", "sensitivity", "specificity",
                       "chance", "lower", "higher", "greater", "less", "more", "risk", "odds", "drop", "decline",
                       "loss", "gain", "survival", "mortality", "placebo", "response-rate", "of"}

# Keys of study statistics: "n = 120", "p < 0.05", "OR 2.1", "odds ratio of 1.8".
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

# Words that end the noun phrase after a figure ("50% of patients who respond").
HEAD_NOUN_STOP = {"the", "a", "an", "and", "or", "but", "in", "with", "who", "that", "which", "at", "on", "for",
                  "from", "by", "after", "before", "during", "within", "to", "as", "than", "is", "are", "was",
                  "were", "have", "has", "had", "will", "would", "can", "could", "may", "might", "do", "does",
                  "did", "experience", "experienced", "experiences", "report", "reported", "reports", "respond",
                  "responded", "show", "showed", "shows", "see", "saw", "achieve", "achieved", "develop",
                  "developed", "develops", "maintain", "maintained", "improve", "improved", "feel", "felt",
                  "get", "got", "become", "became", "need", "needs", "needed", "use", "used", "take", "took",
                  "continue", "continued", "live", "lives", "living", "suffer", "suffering", "suffers", "when",
                  "where", "while", "if", "because", "since", "not", "also", "still", "both", "all", "each",
                  "this", "these", "those", "their", "they", "it", "its", "whose", "what", "being", "be",
                  "been", "meet", "met", "go", "went", "stop", "stopped", "return", "returned", "benefit",
                  "benefited", "benefitted", "find", "found", "say", "said", "note", "noted", "like", "such",
                  "worldwide", "globally", "annually", "every", "per", "alone", "overall", "versus",
                  "vs", "compared", "among", "into", "over", "under", "about", "should",
                  "must", "reach", "reached", "responds", "receive", "received", "receiving",
                  "require", "required", "requires", "rely", "relies", "sees", "notice", "noticed",
                  "quit", "try", "tried", "lose", "lost", "gain", "gained", "deal", "struggle", "struggled"}
# Words after a count that still belong to it: "300 million people worldwide".
TRAILING_SCOPE = {"worldwide", "globally", "annually", "nationwide"}

"""Verbs of the attribution lexicon: each lemma to every inflection ("find": finds, found...)."""

from __future__ import annotations

IRREGULAR = {
    "find": ["finds", "found", "finding"],
    "show": ["shows", "showed", "shown", "showing"],
    "prove": ["proves", "proved", "proven", "proving"],
    "say": ["says", "said", "saying"],
    "think": ["thinks", "thought", "thinking"],
    "know": ["knows", "knew", "known", "knowing"],
    "tell": ["tells", "told", "telling"],
    "see": ["sees", "saw", "seen", "seeing"],
    "lead": ["leads", "led", "leading"],
    "feel": ["feels", "felt", "feeling"],
    "hold": ["holds", "held", "holding"],
    "write": ["writes", "wrote", "written", "writing"],
    "agree": ["agrees", "agreed", "agreeing"],
    "tie": ["ties", "tied", "tying"],
}
DOUBLE_FINAL = {
    "admit",
    "refer",
    "confer",
    "commit",
    "permit",
    "omit",
    "stop",
    "plan",
    "prefer",
    "concur",
}


def inflections(lemma: str) -> list[str]:
    lemma = lemma.lower()
    if lemma in IRREGULAR:
        return [lemma, *IRREGULAR[lemma]]
    if lemma in DOUBLE_FINAL:
        stem = lemma + lemma[-1]
        return [lemma, lemma + "s", stem + "ed", stem + "ing"]
    if lemma.endswith("e"):
        ing = lemma + "ing" if lemma.endswith("ee") else lemma[:-1] + "ing"
        return [lemma, lemma + "s", lemma + "d", ing]
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return [lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    plural = lemma + "es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else lemma + "s"
    return [lemma, plural, lemma + "ed", lemma + "ing"]

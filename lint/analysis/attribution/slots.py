"""The lexicons' one token-pattern language (docs/patterns.md), compiled into attribution
slots: words, word classes and token shapes.

A pattern is split at its anchor (its slot of rarest words): the part from the anchor on
is matched over the Doc's arrays, the slots before it leftwards in Python (`match_left`).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...text.token_match import REPEAT, TokenTable
from ...text.token_patterns import CLASS_REF, split_spec
from .inflect import inflections

YEAR = re.compile(r"^(?:19|20)\d\d$")
OLD_CLASS = re.compile(r"^@([A-Za-z_][\w-]*)$")


class LexiconError(ValueError):
    pass


def class_words(lexicon: Mapping[str, Any], name: str) -> list[str]:
    classes = lexicon.get("classes") or {}
    if name not in classes:
        raise LexiconError(f"attribution lexicon: unknown class {{{name}}}")
    spec = classes[name] or {}
    words = [str(w).lower() for w in spec.get("words") or []]
    for lemma in spec.get("verbs") or []:
        words.extend(inflections(str(lemma)))
    return sorted(set(words))


@dataclass(frozen=True)
class Slot:
    """One slot of a pattern, both as a Matcher token spec and as a Python test (for extending
    a match leftwards over the optional slots a pattern starts with)."""

    token: dict
    op: str
    words: frozenset
    regex: re.Pattern | None
    any_word: bool

    def accepts(self, table: TokenTable, i: int) -> bool:
        """Whether token i takes this slot (the Doc's arrays, not Token objects: this runs
        for every match of a pattern with leading slots)."""
        if table.lower_text(i) in self.words:
            return True
        if self.any_word and table.alpha[i] == 1:
            return True
        return bool(self.regex and self.regex.match(table.text(i)))


# "~": one word of a noun phrase, hyphenated parts and possessives included ("nerve-related",
# "Duman's"), but never a sentence's punctuation
GAP = (
    r"(?!(?:may|might|can|could|will|would|should|must|not|no|never)$)[^\W\d_][\w’'.]*|-|'s|’s|&|/"
)
ACRONYM = r"[A-Z]{2,6}s?"


SHAPES = {
    "#year": r"(?:19|20)\d\d",
    "#proper": r"[A-Z][A-Za-z0-9.'’&]*",
    "#acronym": ACRONYM,
    "~": GAP,
}


def modern_spelling(pattern: str) -> str:
    """A pattern in the one language: the attribution lexicon's old spelling ("@class",
    "[a|@b]", "_" for any word) written as "{class}", "a|{b}" and "#word"."""
    out = []
    for piece in pattern.split():
        body, op = split_spec(piece)
        if len(body) > 2 and body.startswith("[") and body.endswith("]"):
            body = body[1:-1]
        alts = []
        for alt in body.split("|"):
            old = OLD_CLASS.match(alt.strip())
            alts.append("{" + old.group(1) + "}" if old else "#word" if alt.strip() == "_" else alt)
        out.append("|".join(alts) + (op or ""))
    return " ".join(out)


def _compile_slot(body: str, op: str, lexicon: Mapping[str, Any], where: str) -> Slot:
    words: list[str] = []
    regexes: list[str] = []
    any_word = False
    for alt in body.split("|"):
        alt = alt.strip()
        ref = CLASS_REF.match(alt)
        if ref:
            if ref.group(1) not in (lexicon.get("classes") or {}):
                raise LexiconError(f"{where}: unknown class {alt}")
            words.extend(class_words(lexicon, ref.group(1)))
        elif alt in SHAPES:
            regexes.append(SHAPES[alt])
        elif alt == "#word":
            any_word = True
        elif alt == "^" or re.match(r"^#[a-z]+$", alt):
            # "^" only opens a pattern (lexicon.py); an unknown "#shape" is a typo, not a word
            raise LexiconError(f"{where}: {alt} is not implemented by the attribution engine")
        elif alt:
            words.append(alt.lower())
    token: dict[str, Any]
    if any_word and not words and not regexes:
        token = {"IS_ALPHA": True}
    elif regexes or any_word:
        parts = list(regexes)
        if words:
            parts.append("(?i:" + "|".join(re.escape(w) for w in sorted(set(words))) + ")")
        if any_word:
            parts.append(r"[^\W\d_]+")
        token = {"ORTH": {"REGEX": "^(?:" + "|".join(parts) + ")$"}}
    else:
        token = {"LOWER": {"IN": sorted(set(words))}}
    if op:
        token["OP"] = op
    regex = re.compile("^(?:" + "|".join(regexes) + ")$") if regexes else None
    return Slot(token, op, frozenset(words), regex, any_word)


def _slots(piece: str, lexicon: Mapping[str, Any], where: str) -> list[Slot]:
    """One spec's slots: "x{m,n}" is written out as m required slots and n-m optional ones
    ("{m,}": then x*), as the disclaimer engine's Matcher does."""
    body, op = split_spec(piece)
    repeat = REPEAT.match(op or "")
    if repeat is None:
        return [_compile_slot(body, op or "", lexicon, where)]
    low = int(repeat.group(1) or 0)
    unbounded = bool(repeat.group(2)) and not repeat.group(3)
    high = low if unbounded else int(repeat.group(3) or repeat.group(1) or 0)
    slots = [_compile_slot(body, "", lexicon, where)] * low
    slots += [_compile_slot(body, "?", lexicon, where)] * (high - low)
    return slots + ([_compile_slot(body, "*", lexicon, where)] if unbounded else [])


COMMON_WORDS = {
    "a",
    "an",
    "the",
    "it",
    "is",
    "are",
    "in",
    "to",
    "of",
    "and",
    "or",
    "has",
    "have",
    "had",
    "been",
    "there",
    "one",
    "that",
    "'s",
    "’s",
    "by",
    "at",
    "from",
    "on",
    "with",
    "this",
    "according",
    "another",
    "was",
    "were",
    "be",
}


def _rarity(slot: Slot) -> tuple[int, int] | None:
    if slot.op in ("?", "*") or slot.regex is not None or slot.any_word or not slot.words:
        return None
    return (len(slot.words & COMMON_WORDS), len(slot.words))


def compile_pattern(pattern: str, lexicon: Mapping[str, Any]) -> tuple[list[Slot], list[Slot]]:
    """(slots before the anchor, slots from the anchor on).

    The Matcher gets only the part from the anchor (the required slot of rarest words, such
    as "studies" or "experts"), so match attempts start at few tokens; the slots before it
    are matched leftwards in Python (`match_left`).
    """
    where = f"attribution lexicon: pattern {pattern!r}"
    modern = modern_spelling(pattern)
    if modern != " ".join(pattern.split()):
        # a user's own lexicon may still be written the old way; read for one more release
        warnings.warn(
            f"{where} uses the old @class/[...]/_ spelling; write {modern!r}",
            FutureWarning,
            stacklevel=2,
        )
    slots = [slot for piece in modern.split() for slot in _slots(piece, lexicon, where)]
    if not slots:
        raise LexiconError(f"{where}: empty pattern")
    best, anchor = None, 0
    for k, slot in enumerate(slots):
        score = _rarity(slot)
        if score is not None and (best is None or score < best):
            best, anchor = score, k
    return slots[:anchor], slots[anchor:]


def match_left(table: TokenTable, slots: list[Slot], start: int, floor: int) -> int | None:
    """The earliest token index at which `slots` match ending right before `start` (or None)."""
    if not slots:
        return start
    while start > floor and table.space[start - 1] == 1:
        start -= 1  # "published in *Neurology*": emphasis marks leave blanks between words
    *rest, last = slots
    if last.op in ("?", "*"):
        # try taking as many as possible first (longest match), then fewer
        taken = [start]
        pos = start
        while pos > floor and last.accepts(table, pos - 1) and (last.op == "*" or len(taken) < 2):
            pos -= 1
            taken.append(pos)
        for pos in reversed(taken):
            found = match_left(table, rest, pos, floor)
            if found is not None:
                return found
        return None
    if start <= floor or not last.accepts(table, start - 1):
        return None
    pos = start - 1
    if last.op == "+":
        while pos > floor and last.accepts(table, pos - 1):
            pos -= 1
        for p in range(pos, start):  # longest first
            found = match_left(table, rest, p, floor)
            if found is not None:
                return found
        return None
    return match_left(table, rest, pos, floor)


def anchor_words(core: list[Slot]) -> frozenset | None:
    """Words one of which a sentence must contain for the pattern to match (None: no cheap test)."""
    score = _rarity(core[0]) if core else None
    if score is None or score[0] > 0:
        return None
    return core[0].words

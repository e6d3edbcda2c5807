"""The words around a disclaimer (rules/lexicon/disclaimer-context.yaml), loaded once per process.

The lexicon holds the English words; the grammar around them (a label opens its
text, a plural "s", "this is not") stays here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..model.packs import builtin_data


def _context() -> Mapping[str, Any]:
    return builtin_data("lexicon/disclaimer-context.yaml") or {}


def _words(spec: Mapping[str, Any], key: str) -> list[str]:
    return [str(w) for w in spec.get(key) or ()]


def _phrases(words: Iterable[str]) -> str:
    """Alternatives whose words may be separated by any whitespace ("web site")."""
    return "|".join(r"\s+".join(re.escape(w) for w in word.split()) for word in words)


def _label(spec: Mapping[str, Any]) -> re.Pattern:
    qualifiers = "".join(rf"{re.escape(w)}\s+|" for w in _words(spec, "qualifiers"))[:-1]
    return re.compile(
        rf"^\W*(?:{qualifiers})?(?:{_phrases(_words(spec, 'nouns'))})s?\b",
        re.I,
    )


def _self_reference(spec: Mapping[str, Any]) -> re.Pattern:
    return re.compile(
        rf"\b(?:{_phrases(_words(spec, 'determiners'))})\s+(?:{_phrases(_words(spec, 'nouns'))})s?\b"
        r"|\bthis\s+(?:isn['’]t|is\s+not)\b",
        re.I,
    )


_CONTEXT = _context()
# "Disclaimer", "Medical disclaimer:": a heading or lead-in that labels a disclaimer.
LABEL = _label(_CONTEXT.get("label") or {})
# A statement about the article itself ("this article is not medical advice") is a
# disclaimer; "it is not a substitute for medical treatment" in the body is not.
SELF_REFERENCE = _self_reference(_CONTEXT.get("self_reference") or {})

"""Vague or uncited attribution ("studies show", "experts agree"): the lexicon's patterns
compiled (lexicon.py, slots.py), matched over the Doc and filtered (find.py, filters.py)."""

from .find import Attribution, find_attributions, recaps_cited_evidence
from .inflect import inflections
from .lexicon import Compiled, compiled
from .slots import LexiconError

__all__ = [
    "Attribution",
    "Compiled",
    "LexiconError",
    "compiled",
    "find_attributions",
    "inflections",
    "recaps_cited_evidence",
]

"""The spaCy pipeline: built once per process, rule-based by default.

The default is `spacy.blank("en")` plus a sentencizer, because trained
pipelines cannot be assumed on writers' machines. A trained pipeline named in
config (`nlp-model`) is used when it is installed.
"""

from __future__ import annotations

import sys
from bisect import bisect_left
from typing import Iterable, Optional

_NLP = None
_MODEL: Optional[str] = None

# Abbreviations after which the rule-based sentencizer must not split.
NO_SPLIT_AFTER = {"al", "e.g", "i.e", "vs", "dr", "approx", "fig", "no", "st", "mr", "mrs", "ms", "etc", "cf"}


def configure(model: Optional[str]) -> None:
    """Choose the pipeline before first use (the runner calls this in each worker)."""
    global _MODEL, _NLP
    if model != _MODEL:
        _MODEL, _NLP = model, None


def get_nlp():
    global _NLP
    if _NLP is None:
        _NLP = _build(_MODEL)
    return _NLP


def _build(model: Optional[str]):
    import spacy

    nlp = None
    if model:
        try:
            nlp = spacy.load(model, exclude=["ner"] if model.startswith("en_core") else [])
        except (OSError, ImportError) as err:
            print(f"contentlint: nlp-model {model!r} is not installed ({err.__class__.__name__}); "
                  "using the rule-based pipeline", file=sys.stderr)
    if nlp is None:
        nlp = spacy.blank("en")
    if not (nlp.has_pipe("parser") or nlp.has_pipe("senter") or nlp.has_pipe("sentencizer")):
        nlp.add_pipe("sentencizer")
    return nlp


def _keep_abbreviations_together(doc) -> None:
    for i in range(1, len(doc) - 1):
        tok = doc[i]
        if tok.text == "." and doc[i - 1].lower_ in NO_SPLIT_AFTER:
            nxt = doc[i + 1]
            if nxt.is_sent_start and not nxt.is_space and not nxt.text[:1].isupper():
                nxt.is_sent_start = False


def make_doc(prose: str, block_starts: Iterable[int]):
    """Run the pipeline over masked prose with a sentence boundary at each block.

    Headings and list items rarely end in a full stop; without the preset
    boundaries they would run into the next paragraph's first sentence.
    """
    nlp = get_nlp()
    doc = nlp.make_doc(prose)
    words = [tok for tok in doc if not tok.is_space]
    offsets = [tok.idx for tok in words]
    for start in sorted(set(block_starts)):
        i = bisect_left(offsets, start)
        if i < len(words) and words[i].i > 0:
            words[i].is_sent_start = True
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    _keep_abbreviations_together(doc)
    return doc

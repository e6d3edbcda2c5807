"""The spaCy pipeline: built once per process, rule-based by default.

The default is `spacy.blank("en")` plus a sentencizer, because trained
pipelines cannot be assumed on writers' machines. A trained pipeline named in
config (`nlp-model`) is used when it is installed.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Hashable, Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from .doc_arrays import glued_to_previous, in_hashes, punct_hashes, starts_near, token_positions

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ..model.article import Article

T = TypeVar("T")

# Abbreviations after which the rule-based sentencizer must not split.
NO_SPLIT_AFTER = {
    "al",
    "e.g",
    "i.e",
    "vs",
    "dr",
    "approx",
    "fig",
    "no",
    "st",
    "mr",
    "mrs",
    "ms",
    "etc",
    "cf",
}
# Of those, the ones that never end a sentence: split after them even before a capital is wrong.
NEVER_FINAL = {"e.g", "i.e", "vs", "dr", "approx", "fig", "no", "mr", "mrs", "ms", "cf"}
# A citation marker glued after a full stop ("30%.[1]", "30%.¹") belongs to the sentence before it.
MARKER_TOKEN = re.compile(r"^(?=.*[\[\]¹²³⁴⁵⁶⁷⁸⁹⁰])[\[\]^\d,\-–¹²³⁴⁵⁶⁷⁸⁹⁰]+$")
# Split "30%.[1]" and "30%.¹" into the claim, the full stop and the marker, so that a
# sentence can end at the full stop (spaCy's default infixes keep them as one token).
# spaCy's tokenizer peels prefixes and suffixes off a whitespace-delimited chunk
# one at a time, rescanning the rest: quadratic in the chunk's length (20,000
# "!" take minutes). No word of prose is this long, so a longer run is cut into
# pieces by putting a space (same length, so offsets hold) every RUN_PIECE chars.
LONG_RUN = re.compile(r"[^\s]{200,}")
RUN_PIECE = 100
EXTRA_INFIXES = [r"\.(?=\[\^?\d)", r"(?<=\S)\.(?=[¹²³⁴⁵⁶⁷⁸⁹⁰])", r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+"]


class NlpResources:
    """The process's spaCy pipeline and what is compiled against its vocabulary (matchers,
    lexicon patterns): chosen by `configure`, built on first use, replaced as a whole when
    another model is configured, so nothing compiled for one vocabulary outlives it."""

    def __init__(self, model: str | None) -> None:
        self.model = model
        self._compiled: dict[tuple[Callable[..., Any], Hashable], Any] = {}

    @cached_property
    def nlp(self) -> Any:
        return _build(self.model)

    def compiled(self, build: Callable[..., T], key: Hashable, *data: Any) -> T:
        """`build(*data)`, once per pipeline, builder and `key` (a digest of the data)."""
        slot = (build, key)
        if slot not in self._compiled:
            self._compiled[slot] = build(*data)
        found: T = self._compiled[slot]
        return found


_RESOURCES = NlpResources(None)


def resources() -> NlpResources:
    """The pipeline this process uses (the runner configures it in each worker)."""
    return _RESOURCES


def configure(model: str | None) -> None:
    """Choose the pipeline before first use (the runner calls this in each worker)."""
    global _RESOURCES
    if model != _RESOURCES.model:
        _RESOURCES = NlpResources(model)


def get_nlp() -> Any:
    return _RESOURCES.nlp


def _build(model: str | None) -> Any:
    import spacy

    nlp: Any = None
    if model:
        try:
            nlp = spacy.load(model, exclude=["ner"] if model.startswith("en_core") else [])
        except (OSError, ImportError) as err:
            print(
                f"contentlint: nlp-model {model!r} is not installed ({err.__class__.__name__}); "
                "using the rule-based pipeline",
                file=sys.stderr,
            )
    if nlp is None:
        nlp = spacy.blank("en")
    from spacy.util import compile_infix_regex

    infixes: list[Any] = [*nlp.Defaults.infixes, *EXTRA_INFIXES]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    # The 1,000,000-character limit protects the memory of the parser and NER;
    # the rule-based pipeline is linear, and the file policy bounds file size.
    nlp.max_length = 10**9
    if not (nlp.has_pipe("parser") or nlp.has_pipe("senter") or nlp.has_pipe("sentencizer")):
        nlp.add_pipe("sentencizer")
    return nlp


def _later_sentence_starts(doc) -> list[int]:
    """The tokens after the first that start a sentence, read from the Doc's array: a
    few hundred of an article's thousands of tokens, without a Token object for each."""
    from spacy.attrs import SENT_START

    if len(doc) < 2:
        return []
    flags = doc.to_array([SENT_START])
    return list(((flags[1:] == 1).nonzero()[0] + 1).tolist())


def _after_any(doc, positions: Any, low: int, high: int) -> list[int]:
    """The later sentence starts with one of `positions` low to high tokens before them: the
    only starts the repairs below change (at any other, their first tests skip it)."""
    return starts_near(_later_sentence_starts(doc), positions, low, high)


def _keep_abbreviations_together(doc) -> None:
    """Undo the sentencizer's splits after "et al.", "e.g." and the like.

    The sentencizer starts a sentence at the first non-punctuation token after
    a full stop, so "(Smith et al., 2021)" would split before "2021".
    """
    for i in _after_any(doc, token_positions(doc, "LOWER", NO_SPLIT_AFTER), 2, 5):
        tok = doc[i]
        if not tok.is_sent_start:
            continue  # undone by an earlier step of this loop
        if (
            tok.is_space
        ):  # "[Hallberg et al.](url) found": the link's blanked markup starts the "sentence"
            if "\n" in tok.text or i + 1 >= len(doc) or doc[i + 1].is_space:
                continue
            word = doc[i + 1]
        else:
            word = tok
        j = i - 1
        between: list[str] = []
        while j > 0 and doc[j].text != "." and doc[j].is_punct and len(between) < 3:
            between.append(doc[j].text)
            j -= 1
        if j < 1 or doc[j].text != ".":
            continue
        abbrev = doc[j - 1].lower_
        if abbrev not in NO_SPLIT_AFTER:
            continue
        if (
            abbrev in NEVER_FINAL
            or any(b in (",", ";") for b in between)
            or not word.text[:1].isupper()
        ):
            tok.is_sent_start = False
            if word is not tok:
                word.is_sent_start = False


def _markers_stay_behind(doc) -> None:
    """Move a sentence start from a glued citation marker to the word after it.

    A start this moves lands after markers and blanks, never after a full stop, so
    the starts there were at the outset are all this needs to visit."""
    stops = token_positions(doc, "ORTH", (".", "!", "?"))
    for i in glued_to_previous(doc, _after_any(doc, stops, 1, 1)):
        tok = doc[i]
        if (
            not tok.is_sent_start
            or doc[i - 1].text not in (".", "!", "?")
            or not MARKER_TOKEN.match(tok.text)
        ):
            continue
        if tok.idx != doc[i - 1].idx + 1:
            continue  # "end. [1] Next": a marker with a space before it is ambiguous; leave it
        j = i
        while j < len(doc) and (MARKER_TOKEN.match(doc[j].text) or doc[j].text in ("[", "]")):
            doc[j].is_sent_start = False
            j += 1
        while j < len(doc) and doc[j].is_space:
            j += 1
        if j < len(doc):
            doc[j].is_sent_start = True


def _cut_run(match: re.Match) -> str:
    chars = list(match.group())
    chars[RUN_PIECE - 1 :: RUN_PIECE] = [" "] * len(range(RUN_PIECE - 1, len(chars), RUN_PIECE))
    return "".join(chars)


def _article_doc(article: Article) -> Doc:
    return _doc_over(doc_text(article), article.analyses.prose_block_starts)


def doc_of(article: Article) -> Doc:
    """The one spaCy Doc over an article's prose, built on first use and kept with it."""
    return article.analyses.memo(_article_doc)


def _doc_text(article: Article) -> str:
    return LONG_RUN.sub(_cut_run, article.prose)


def doc_text(article: Article) -> str:
    """The text of the article's Doc (`doc.text`, without a Token object per token): its
    prose, with runs too long to be words cut (see LONG_RUN)."""
    return article.analyses.memo(_doc_text)


def make_doc(prose: str, block_starts: Iterable[int]):
    """Run the pipeline over masked prose with a sentence boundary at each block.

    Headings and list items rarely end in a full stop; without the preset
    boundaries they would run into the next paragraph's first sentence.
    """
    return _doc_over(LONG_RUN.sub(_cut_run, prose), block_starts)


def _doc_over(text: str, block_starts: Iterable[int]):
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    _first_words_start(doc, block_starts)
    for _, proc in nlp.pipeline:
        doc = _sentencize(doc, proc) if _plain_sentencizer(proc) else proc(doc)
    _keep_abbreviations_together(doc)
    _markers_stay_behind(doc)
    _bound_sentences(doc)
    return doc


def _first_words_start(doc, block_starts: Iterable[int]) -> None:
    _set_sentence_starts(doc, _block_first_words(doc, block_starts))


def _plain_sentencizer(proc: Any) -> bool:
    from spacy.pipeline import Sentencizer

    return type(proc) is Sentencizer and not proc.overwrite


def _sentencize(doc, proc: Any):
    """spaCy's Sentencizer, over the Doc's arrays instead of a Token object per token
    (a third of the pipeline's time): a word (neither punctuation nor one of
    `punct_chars`) starts a sentence when one of `punct_chars` stands between it and
    the word before it; token 0 always starts one; a start already set is kept."""
    import numpy
    from spacy.attrs import IS_PUNCT, ORTH, SENT_START

    if not len(doc):
        return doc
    array = doc.to_array([ORTH, IS_PUNCT, SENT_START])
    ends = in_hashes(array[:, 0], punct_hashes(proc.punct_chars))
    words = numpy.flatnonzero(~(ends | (array[:, 1] == 1)))
    seen = numpy.concatenate(([0], numpy.cumsum(ends)))  # seen[k]: enders in tokens [0, k)
    after = numpy.concatenate(([0], words[:-1] + 1))  # the token after the word before each
    guess = numpy.zeros(len(doc), dtype=bool)
    guess[0] = True
    guess[words[seen[words] > seen[after]]] = True
    current = array[:, 2].astype(numpy.int64)  # -1 is stored as 2**64 - 1
    values = numpy.where(current == 0, numpy.where(guess, 1, -1), current)
    doc.from_array([SENT_START], values.astype(numpy.uint64).reshape((len(doc), 1)))
    return doc


def _block_first_words(doc, block_starts: Iterable[int]) -> list[int]:
    """The index of the first word (not blank) at or after each block start, but token 0."""
    from spacy.attrs import IDX, IS_SPACE

    if not len(doc):
        return []
    import numpy

    array = doc.to_array([IDX, IS_SPACE])
    words = (array[:, 1] == 0).nonzero()[0]  # token indices of the words
    offsets = array[words, 0].astype(numpy.int64)
    wanted = numpy.array(sorted(set(block_starts)), dtype=numpy.int64)
    at = numpy.searchsorted(offsets, wanted, side="left")  # bisect_left for each start
    firsts = words[at[at < len(words)]]
    return list(firsts[firsts > 0].tolist())


# A "sentence" longer than this many tokens is not prose (a table flattened into
# one line, thousands of figures without a full stop): it is cut into pieces, so
# that every per-sentence analysis stays linear in the article's length.
MAX_SENTENCE_TOKENS = 250


def _set_sentence_starts(doc, positions: Iterable[int]) -> None:
    """Mark sentence starts in one pass (spaCy's per-token setter rescans the Doc each time)."""
    positions = list(positions)
    if not positions:
        return
    if doc.has_annotation("DEP"):  # a trained parser owns the boundaries; few calls, keep the API
        for i in positions:
            doc[i].is_sent_start = True
        return
    from spacy.attrs import SENT_START

    values = doc.to_array([SENT_START]).reshape((len(doc), 1))
    for i in positions:
        values[i, 0] = 1
    doc.from_array([SENT_START], values)


def _bound_sentences(doc) -> None:
    # Sentences from the SENT_START array, as doc.sents reads them, without a Span each.
    if not len(doc):
        return
    starts = [0, *_later_sentence_starts(doc)]
    extra: list[int] = []
    for start, end in zip(starts, [*starts[1:], len(doc)], strict=True):
        if end - start > MAX_SENTENCE_TOKENS:
            extra.extend(range(start + MAX_SENTENCE_TOKENS, end, MAX_SENTENCE_TOKENS))
    if extra:
        _set_sentence_starts(doc, extra)

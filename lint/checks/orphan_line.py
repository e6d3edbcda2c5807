"""CL602: a short stray line that is neither a heading nor a sentence.

Scraped pages leave image captions, widget labels and slogans as paragraphs
of their own ("road to positivity"). The test is deliberately narrow, because
short lines are also legitimate pseudo-headings in plain-text articles:

- a paragraph of one line, at most `max-words` words, with no sentence-ending
  punctuation;
- that starts with a lowercase letter (a heading or a sentence would start
  with a capital; "Looking Ahead" and "Neuropathic Pain" are headings);
- not a list item, table cell, blockquote, footnote or heading; not wholly
  bold or italic (a pseudo-heading or a byline); no link, image or code in it;
- not a caption directly under an image;
- not already reported as residue by CL601 (`skip`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit
from ..model.markdown import Block
from .prose_text import as_tuple, compiled, line_key, pattern_validator, phrase_regex

SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")
WHOLLY_EMPHASISED = re.compile(r"^(\*{1,3}|_{1,3}).+\1$", re.S)


def _has_inline(article: Article, block: Block) -> bool:
    if any(link.block == block.index for link in article.layout.links):
        return True
    return any(
        span.block == block.index and span.kind in ("image", "code", "html", "url")
        for span in article.layout.spans
    )


def _after_image(article: Article, block: Block) -> bool:
    if block.index == 0:
        return False
    prev = article.blocks[block.index - 1]
    return (
        any(s.block == prev.index and s.kind == "image" for s in article.layout.spans)
        or prev.kind == "html"
    )


def _is_residue(text: str, skip: Mapping[str, Any]) -> bool:
    if line_key(text) in {line_key(str(p)) for p in skip.get("lines") or []}:
        return True
    regex = phrase_regex(as_tuple(skip.get("phrases")))
    if regex and regex.search(text):
        return True
    return any(p.search(text) for p in compiled(as_tuple(skip.get("patterns"))))


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    limit = int(options["max-words"])
    skip = options.get("skip") or {}
    for block in article.blocks:
        if (
            block.kind != "paragraph"
            or block.item is not None
            or block.row is not None
            or block.quote
            or block.footnote is not None
            or block.lead_in
            or block.start_line != block.end_line
        ):
            continue
        raw = article.text[block.start : block.end].strip()
        text = article.prose[block.start : block.end].strip()
        words = text.split()
        if (
            not words
            or len(words) > limit
            or SENTENCE_END.search(raw)
            or WHOLLY_EMPHASISED.match(raw)
        ):
            continue
        first = next((ch for ch in text if ch.isalpha()), "")
        if options["lowercase-only"] and not first.islower():
            continue
        if _has_inline(article, block) or _after_image(article, block) or _is_residue(text, skip):
            continue
        start = block.start + (
            len(article.text[block.start : block.end])
            - len(article.text[block.start : block.end].lstrip())
        )
        yield Hit(start, start + len(raw), {"text": raw})


KIND = CheckKind(
    name="orphan-line",
    run=run,
    options={"max-words": 6, "lowercase-only": True, "skip": {}},
    validate=pattern_validator("skip"),
)

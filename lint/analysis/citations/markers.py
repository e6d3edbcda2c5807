"""Citation markers in prose, the numbered references they resolve to, and which links cite."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from ...text.sections import reference_blocks
from .author_year import author_year_spans

if TYPE_CHECKING:  # pragma: no cover
    from ...model.article import Article

# -- marker patterns (also used by the number grammar to skip their digits) -----
NUMBERED = re.compile(r"\[\s*(\d{1,3}(?:\s*[,–—-]\s*\d{1,3})*)\s*\](?![(:\[])")
ANCHOR_MARKER = re.compile(r"^\s*\[?\s*(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\s*\]?\s*$")
RAW_FOOTNOTE = re.compile(r"\[\^[^\]\s]{1,20}\]")
SUPERSCRIPT = re.compile(r"(?<=[^\s\d])([¹²³⁴⁵⁶⁷⁸⁹⁰]+(?:[,⁻–-][¹²³⁴⁵⁶⁷⁸⁹⁰]+)*)")
CARET_SUP = re.compile(r"\^(\d{1,3}(?:[,–-]\d{1,3})*)\^")
HTML_SUP = re.compile(r"<sup>\s*\[?(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]?\s*</sup>", re.I)
DOI = re.compile(r"\b10\.\d{4,9}/[-._;()/:A-Za-z0-9]*[A-Za-z0-9]")
DOI_PREFIX = re.compile(r"doi:?\s*$", re.I)
PMID = re.compile(r"\bPMID:?\s*\d{1,9}\b", re.I)
PMCID = re.compile(r"\bPMC\s?\d{4,9}\b")
ARXIV = re.compile(r"\barXiv:\s?\d{4}\.\d{4,5}(?:v\d+)?\b", re.I)


@dataclass(frozen=True)
class Citation:
    start: int
    end: int
    form: str  # link | footnote | reference | author-year | identifier
    target: str  # the href, footnote label, reference number(s) or identifier text


def marker_spans(article: Article) -> list[tuple[int, int, str, str]]:
    """Every citation-like marker in prose: (start, end, form, target), resolved or not.

    The number grammar skips the digits inside these; `Citations` decides which count.
    Found once per article.
    """
    return article.analyses.memo(_find_markers)


def _find_markers(article: Article) -> list[tuple[int, int, str, str]]:
    prose = article.prose
    found: list[tuple[int, int, str, str]] = []
    for m in NUMBERED.finditer(prose):
        found.append((m.start(), m.end(), "reference", m.group(1)))
    for m in RAW_FOOTNOTE.finditer(prose):
        found.append((m.start(), m.end(), "raw-footnote", m.group(0)))
    patterns = [CARET_SUP] if "^" in prose else []
    if any(ch in prose for ch in "¹²³⁴⁵⁶⁷⁸⁹⁰"):
        patterns.append(SUPERSCRIPT)
    for pattern in patterns:
        for m in pattern.finditer(prose):
            found.append((m.start(), m.end(), "reference", _desuperscript(m.group(1))))
    html_starts = {s.start for s in article.layout.spans if s.kind == "html"}
    for m in HTML_SUP.finditer(article.text, article.body_offset):
        if m.start() in html_starts:
            found.append((m.start(), m.end(), "reference", m.group(1)))
    for link in article.layout.links:
        # "[4](#References)", "[[12]](#ref-12)": an in-page link whose text is a number is a reference marker
        if link.href.startswith("#"):
            anchor = ANCHOR_MARKER.match(article.text[link.start : link.end])
            if anchor:
                found.append((link.start, link.end, "reference", anchor.group(1)))
    for start, end in author_year_spans(prose):
        found.append((start, end, "author-year", prose[start:end]))
    lowered = prose.lower()
    if "10." in prose:
        for m in DOI.finditer(prose):
            prefix = DOI_PREFIX.search(prose, max(0, m.start() - 6), m.start())
            found.append(
                (prefix.start() if prefix else m.start(), m.end(), "identifier", m.group(0))
            )
    for pattern, needle in ((PMID, "pmid"), (PMCID, "pmc"), (ARXIV, "arxiv")):
        if needle in lowered:
            for m in pattern.finditer(prose):
                found.append((m.start(), m.end(), "identifier", m.group(0)))
    found.sort()
    return found


_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰⁻", "1234567890-")


def _desuperscript(text: str) -> str:
    return text.translate(_SUPERSCRIPTS)


def numbers_in(marker: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"\s*,\s*", marker.strip()):
        bounds = re.split(r"\s*[–—-]\s*", part)
        try:
            values = [int(b) for b in bounds if b]
        except ValueError:
            return []
        if len(values) == 2 and values[0] <= values[1] <= values[0] + 50:
            numbers.extend(range(values[0], values[1] + 1))
        else:
            numbers.extend(values)
    return numbers


ENTRY_NUMBER = re.compile(r"^\s{0,3}(?:[-*+]\s+)?(?:\[(\d{1,3})\]|(\d{1,3})[.)])\s")
ENTRY_BRACKET = re.compile(r"^\s{0,3}\[(\d{1,3})\]\s+\S.{15,}")


def reference_entries(article: Article, phrases: Iterable[str]) -> set[int]:
    """The entry numbers of the article's reference list(s) (found once per article)."""
    return article.analyses.memo_by(_find_entries, tuple(phrases))


def _find_entries(article: Article, phrases: tuple[str, ...]) -> set[int]:
    entries: set[int] = set()
    blocks = reference_blocks(article, phrases)
    counted = 0
    seen_items: set = set()
    for block in blocks:
        line = article.index.line_text(block.start_line)
        m = ENTRY_NUMBER.match(line)
        if m:
            entries.add(int(m.group(1) or m.group(2)))
        unit = block.item if block.item is not None else ("b", block.index)
        if unit not in seen_items:
            seen_items.add(unit)
            counted += 1
    entries.update(range(1, counted + 1))  # unnumbered lists: the n-th entry is [n]
    # A "[n] Author. Title..." list with no heading above it still resolves.
    for block in article.blocks:
        if block.kind == "paragraph":
            m = ENTRY_BRACKET.match(article.index.line_text(block.start_line))
            if m:
                entries.add(int(m.group(1)))
    return entries


def _host(href: str) -> str:
    href = href.strip()
    if href.lower().startswith("www."):
        href = "http://" + href
    try:
        return (urlparse(href).hostname or "").lower()
    except ValueError:
        return ""


def own_domains(article: Article, options: Mapping[str, Any]) -> list[str]:
    domains = [str(d).lower().lstrip(".") for d in options.get("own-domains") or []]
    for key in options.get("own-domain-keys") or []:
        value = article.meta.get(key)
        if isinstance(value, str) and value.strip():
            host = _host(value)
            if host:
                domains.append(host[4:] if host.startswith("www.") else host)
    return [d for d in domains if d]


def is_external(href: str, own: Iterable[str]) -> bool:
    host = _host(href)
    if not host or "." not in host:
        return False
    if not re.match(r"^(?:https?://|www\.)", href.strip(), re.I):
        return False
    bare = host[4:] if host.startswith("www.") else host
    return not any(bare == d or bare.endswith("." + d) for d in own)

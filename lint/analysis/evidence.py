"""The evidence registry: canonical figures with their sources (rules/evidence.yaml).

An entry is a fact written by an editor: subject and measure (lexicon ids),
qualifiers, a value and a source. Articles are checked against it (a figure
that contradicts it is an error), and an uncited figure that matches it can
be given the entry's citation as a footnote.

    entries = load_entries(options["evidence"])
    entry = registry_match(fact, entries)        # agrees: suggest its citation
    entry = registry_conflict(fact, entries)     # contradicts: report it
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .facts import Fact, extract_facts
from .facts.compact import AnyFact
from .facts.values import Value, normalise, overlaps

KINDS_BY_UNIT = {"%": "percentage", "percent": "percentage", "fraction": "ratio", "people": "count"}


class EvidenceError(ValueError):
    """A registry entry that cannot be used (reported when the registry loads)."""


@dataclass(frozen=True)
class Entry:
    key: str
    subject: str
    measure: str
    value: Value
    qualifiers: Mapping[str, str] = field(default_factory=dict)
    require: tuple[str, ...] = ()  # qualifiers a figure must state to be compared
    citation: str = ""
    url: str = ""
    doi: str = ""
    note: str = ""
    tolerance: float | None = None

    @property
    def source(self) -> str:
        """ "Rikard et al., MMWR 2023; doi:10.15585/mmwr.mm7215a1"."""
        where = f"doi:{self.doi}" if self.doi else self.url
        return "; ".join(p for p in (self.citation.rstrip(". "), where) if p)

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else self.url

    def footnote_text(self) -> str:
        """A footnote definition body: the citation, linked."""
        if self.link:
            return f"{self.citation} [{(self.doi and 'doi:' + self.doi) or self.link}]({self.link})".strip()
        return self.citation


def _entry(raw: Mapping[str, Any], index: int) -> Entry:
    where = f"evidence entry {index + 1} ({raw.get('key', '?')})"
    for name in ("key", "subject", "measure", "unit", "source"):
        if not raw.get(name):
            raise EvidenceError(f"{where}: missing {name!r}")
    low = raw.get("low", raw.get("value"))
    high = raw.get("high", raw.get("value"))
    if low is None or high is None:
        raise EvidenceError(f"{where}: give 'value' or 'low' and 'high'")
    unit = str(raw["unit"])
    value = normalise(
        float(low),
        float(high),
        unit,
        KINDS_BY_UNIT.get(unit, "count"),
        str(raw.get("qualifier", "exact")),
        raw.get("scale"),
    )
    if value is None:
        raise EvidenceError(f"{where}: unit {unit!r} is not one the fact extractor compares")
    source = raw["source"]
    if isinstance(source, str):
        source = {"citation": source}
    if not (source.get("url") or source.get("doi")):
        raise EvidenceError(f"{where}: the source needs a url or a doi")
    return Entry(
        key=str(raw["key"]),
        subject=str(raw["subject"]),
        measure=str(raw["measure"]),
        value=value,
        qualifiers={str(k): str(v) for k, v in (raw.get("qualifiers") or {}).items()},
        require=tuple(str(r) for r in raw.get("require") or ()),
        citation=str(source.get("citation", "")).strip(),
        url=str(source.get("url", "")).strip(),
        doi=str(source.get("doi", "")).strip(),
        note=str(raw.get("note", "")).strip(),
        tolerance=float(raw["tolerance"]) if raw.get("tolerance") is not None else None,
    )


_LOADED: dict[int, tuple[Any, list[Entry]]] = {}


def load_entries(data: Any) -> list[Entry]:
    """Entries from the registry's data (the option value, already loaded from YAML)."""
    if not data:
        return []
    hit = _LOADED.get(id(data))
    if hit is not None and hit[0] is data:
        return hit[1]
    raw = data.get("facts", []) if isinstance(data, Mapping) else data
    entries = [_entry(item, i) for i, item in enumerate(raw or [])]
    base = data.get("extends") if isinstance(data, Mapping) else None
    if base:
        own = {e.key for e in entries}
        entries = [e for e in _extended(base) if e.key not in own] + entries
    _LOADED[id(data)] = (data, entries)
    return entries


def _extended(base: Any) -> list[Entry]:
    """`extends: builtin` starts a site's registry from the packaged one, so the
    site keeps only its own decisions and follows updates to the rest; an entry
    with the same key replaces the packaged one."""
    if base != "builtin":
        raise EvidenceError(
            f"'extends' may only be 'builtin' (the packaged registry), got {base!r}"
        )
    return load_entries(builtin_data())


def builtin_data() -> Any:
    """The packaged registry's data, parsed once (the engine shares it as the default resource)."""
    from ..model.packs import builtin_data as packaged

    return packaged("evidence.yaml")


def validate_registry(options: Mapping[str, Any]) -> None:
    """CheckKind.validate for the rules that read the registry."""
    load_entries(options.get("evidence"))


def _usable(fact: AnyFact, entry: Entry) -> bool:
    """The entry speaks about this figure: same key and unit, every qualifier the
    entry states agrees (or the figure leaves it open), and the ones it requires are stated."""
    if fact.key != (entry.subject, entry.measure) or fact.unit != entry.value.unit:
        return False
    if any(dim not in fact.qualifiers for dim in entry.require):
        return False
    return all(fact.qualifiers.get(dim, value) == value for dim, value in entry.qualifiers.items())


def registry_match(fact: AnyFact, entries: Sequence[Entry], tolerance: float = 0.1) -> Entry | None:
    """The entry this figure agrees with, if any."""
    for entry in entries:
        if _usable(fact, entry) and overlaps(
            fact.as_value, entry.value, entry.tolerance or tolerance
        ):
            return entry
    return None


def registry_conflict(
    fact: AnyFact, entries: Sequence[Entry], tolerance: float = 0.1
) -> Entry | None:
    """The entry this figure contradicts, unless another entry for the same key agrees with it."""
    usable = [e for e in entries if _usable(fact, e)]
    if any(overlaps(fact.as_value, e.value, e.tolerance or tolerance) for e in usable):
        return None
    return usable[0] if usable else None


# -- citing a figure from the registry -------------------------------------------
_LABEL = re.compile(r"[^a-z0-9]+")


def footnote_label(entry: Entry, taken: Sequence[str]) -> str:
    base = _LABEL.sub("-", entry.key.lower()).strip("-") or "source"
    label, n = base, 2
    while label in taken:
        label, n = f"{base}-{n}", n + 1
    return label


def citation_fix(article, mention, entry: Entry):
    """A Fix that cites the registry's source for a figure.

    The footnote marker goes at the end of the figure's sentence; the
    definition goes after the figure's paragraph, or after the whole list or
    table it sits in, so the edit stays local and does not collide with fixes
    elsewhere in the file. An existing footnote for the same source is reused.
    """
    from ..model.finding import Fix

    text = article.text
    footnotes = article.layout.footnotes
    marker_at = _marker_offset(article, mention)
    for label, definition in footnotes.items():
        body = definition.text.lower()
        if (entry.doi and entry.doi.lower() in body) or (entry.url and entry.url.lower() in body):
            return Fix(
                marker_at, marker_at, f"[^{label}]", f"cite {entry.citation or entry.source}"
            )
    label = footnote_label(entry, list(footnotes))
    end = _container_end(article, mention.block)
    nl = article.newline
    definition = f"{nl}{nl}[^{label}]: {entry.footnote_text()}"
    return Fix(
        marker_at,
        end,
        f"[^{label}]{text[marker_at:end]}{definition}",
        f"cite {entry.citation or entry.source} in a footnote",
    )


def _marker_offset(article, mention) -> int:
    """After the sentence's closing punctuation (or its last word in a list item without one)."""
    text = article.text
    end = min(mention.sentence_end, len(text))
    while end > mention.end and text[end - 1] in " \t\r\n":
        end -= 1
    return max(end, mention.end)


def _container_end(article, block_index: int) -> int:
    blocks = article.blocks
    block = blocks[block_index]
    last = block
    if block.item is not None or block.row is not None:
        for later in blocks[block_index + 1 :]:
            if later.kind == "heading" or (later.item is None and later.row is None):
                break
            last = later
    return article.index.line_end(last.end_line)


def fact_for(article, mention, options: Mapping[str, Any] | None = None) -> Fact | None:
    """The fact extracted for this mention, if it became one."""
    index = article.analyses.memo_for(_facts_by_span, options)
    return index.get((mention.start, mention.end))


def _facts_by_span(article, options: Mapping[str, Any] | None) -> dict[tuple[int, int], Fact]:
    """The article's facts by span: built once per article, a lookup per mention, not a scan."""
    index: dict[tuple[int, int], Fact] = {}
    for fact in extract_facts(article, options):
        index.setdefault((fact.start, fact.end), fact)
    return index


def _may_match(article, mention, entries: Sequence[Entry]) -> bool:
    """Whether a fact at the mention's span could have a unit the registry speaks of.

    A fact takes its unit from its figure's normalised value, so this is answered without
    extracting the article's facts (the costly part), which CL301 alone would otherwise pay
    for every uncited figure when the consistency rules are off."""
    by_span, units = article.analyses.memo_for(_registry_units, entries)
    return bool(by_span.get((mention.start, mention.end), set()) & units)


def _registry_units(
    article, entries: Sequence[Entry]
) -> tuple[dict[tuple[int, int], set[str]], set[str]]:
    """(the units each figure's value may take, by span; the units the registry speaks of)."""
    from .facts.patterns import EXCLUDED_KINDS
    from .numbers import extract_mentions

    by_span: dict[tuple[int, int], set[str]] = {}
    for m in extract_mentions(article):
        if m.kind in EXCLUDED_KINDS:
            continue
        numbers = (
            article.text[m.number_start : m.number_end]
            if 0 <= m.number_start < m.number_end
            else ""
        )
        value = normalise(m.low, m.high, m.unit, m.kind, m.qualifier, m.scale, numbers)
        if value is not None:
            by_span.setdefault((m.start, m.end), set()).add(value.unit)
    return by_span, {e.value.unit for e in entries}


def registry_hint(article, mention, options: Mapping[str, Any]):
    """For CL301: the registry entry an uncited figure agrees with, and a Fix citing it.

    Returns (entry, fix) or None. `options` is the calling rule's options; its
    `evidence` holds the registry and its `subjects`, `measures` and `qualifiers` the
    project's fact lexicons (shared resources, lint/engine/resources.py), so the figure
    is read exactly as CL501-CL503 read it.
    """
    entries = load_entries(options.get("evidence"))
    if not entries or not _may_match(article, mention, entries):
        return None
    fact = fact_for(article, mention, options)
    if fact is None or fact.key is None:
        return None
    entry = registry_match(fact, entries)
    if entry is None:
        return None
    return entry, citation_fix(article, mention, entry)

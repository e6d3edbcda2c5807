"""What the cross-article comparison keeps of a fact: packed by the worker, unpacked in the parent.

The parent holds every article's collected facts until all workers are done, then
compares them all at once: at 10,000 figure-dense articles, JSON-like dicts of every
field of `Fact` came to over 1 GB. So a worker sends one ASCII string per article
(`pack`: JSON rows of only the fields the comparison and its messages read, deflated),
and the parent unpacks it (`Unpacker`) into small slotted `CorpusFact`s:

- the comparison fields (key, context, value) live in one shared `Core` per distinct
  content: figure-dense articles repeat a handful of contexts and values;
- where a figure is (line, column, text) is read back from its article's packed string
  only for the figures a message names, so it is not held for every figure.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from .fact import Fact
from .values import Value

CORE = (
    "subject",
    "subject_label",
    "measure",
    "measure_label",
    "dimension",
    "unit",
    "low",
    "high",
    "qualifier",
    "value",
    "qualifiers",
    "timepoint",
    "treatment_specific",
    "condition_specific",
    "study",
    "strict",
)
_QUALIFIERS, _TIMEPOINT, _STRICT = 10, 11, 15
_ENCODER = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), check_circular=False)


def _core_of(f: Fact) -> str:
    return _ENCODER.encode(
        [
            f.subject,
            f.subject_label,
            f.measure,
            f.measure_label,
            f.dimension,
            f.unit,
            f.low,
            f.high,
            f.qualifier,
            f.value,
            [x for item in f.qualifiers.items() for x in item],
            list(f.timepoint) if f.timepoint else None,
            f.treatment_specific,
            f.condition_specific,
            f.study,
            list(f.strict),
        ]
    )


def pack(facts: Sequence[Fact]) -> str:
    """An article's facts as one ASCII string, deflated and base64-encoded JSON:
    `[variants, rows]`, each variant `[core, study_id, arm]` (the core a JSON string of
    CORE), each row `[line, column, end_line, end_column, text, variant]`.

    Plain data: it travels to the parent process and into the result cache as it is.
    Figure-dense articles repeat their labels and contexts, so it is a fraction of the
    JSON's size, and the parent reads each distinct variant once per article."""
    if not facts:
        return ""
    variants: dict[tuple[str, str, str], int] = {}
    rows = []
    for f in facts:
        variant = variants.setdefault((_core_of(f), f.study_id, f.arm), len(variants))
        rows.append([f.line, f.column, f.end_line, f.end_column, f.text, variant])
    data = _ENCODER.encode([[list(v) for v in variants], rows])
    return base64.b64encode(zlib.compress(data.encode("ascii"), 6)).decode("ascii")


@lru_cache(maxsize=64)
def _unpacked(data: str) -> list[Any]:
    """An article's [variants, rows]. Cached: messages read the place of a few figures of
    an article, one after the other."""
    return json.loads(zlib.decompress(base64.b64decode(data)))


def subjects(data: Any) -> set[str]:
    """The subjects of an article's packed facts (lint.engine.siblings)."""
    if not data:
        return set()
    return {str(s) for core, _, _ in _unpacked(data)[0] if (s := json.loads(core)[0])}


class Core:
    """The comparison fields of a figure, shared by every figure with the same ones."""

    __slots__ = (*CORE, "key")
    subject: str | None
    subject_label: str
    measure: str | None
    measure_label: str
    dimension: str
    unit: str
    low: float
    high: float
    qualifier: str
    value: str
    qualifiers: dict[str, str]
    timepoint: tuple[float, float] | None
    treatment_specific: bool
    condition_specific: bool
    study: bool
    strict: tuple[str, ...]

    def __init__(self, values: Sequence[Any], key: tuple[str, str] | None) -> None:
        for name, value in zip(CORE, values, strict=True):
            setattr(self, name, value)
        self.key = key


class Packed:
    """One article's packed facts: its path, and the string its places are read from."""

    __slots__ = ("data", "path")

    def __init__(self, path: str, data: str) -> None:
        self.path, self.data = path, data


class Variant:
    """A core with the study it is reported from: everything a comparison reads of a
    figure but its article, shared by the figures that have them all in common."""

    __slots__ = ("arm", "core", "study_id")

    def __init__(self, core: Core, study_id: str, arm: str) -> None:
        self.core, self.study_id, self.arm = core, study_id, arm


class CorpusFact:
    """One collected figure of one article, as the corpus comparison reads it (duck-typed
    like `Fact` for `compare`, `corpus` and the registry)."""

    __slots__ = ("article", "row", "variant")

    def __init__(self, article: Packed, row: int, variant: Variant) -> None:
        self.article, self.row, self.variant = article, row, variant

    @property
    def path(self) -> str:
        return self.article.path

    @property
    def core(self) -> Core:
        return self.variant.core

    @property
    def study_id(self) -> str:
        return self.variant.study_id

    @property
    def arm(self) -> str:
        return self.variant.arm

    def _place(self, i: int) -> Any:
        return _unpacked(self.article.data)[1][self.row][i]

    @property
    def line(self) -> int:
        return self._place(0)

    @property
    def column(self) -> int:
        return self._place(1)

    @property
    def end_line(self) -> int:
        return self._place(2)

    @property
    def end_column(self) -> int:
        return self._place(3)

    @property
    def text(self) -> str:
        return self._place(4)

    # The comparison fields, read from the shared core.
    @property
    def key(self) -> tuple[str, str] | None:
        return self.variant.core.key

    @property
    def subject(self) -> str | None:
        return self.variant.core.subject

    @property
    def subject_label(self) -> str:
        return self.variant.core.subject_label

    @property
    def measure(self) -> str | None:
        return self.variant.core.measure

    @property
    def measure_label(self) -> str:
        return self.variant.core.measure_label

    @property
    def dimension(self) -> str:
        return self.variant.core.dimension

    @property
    def unit(self) -> str:
        return self.variant.core.unit

    @property
    def low(self) -> float:
        return self.variant.core.low

    @property
    def high(self) -> float:
        return self.variant.core.high

    @property
    def qualifier(self) -> str:
        return self.variant.core.qualifier

    @property
    def value(self) -> str:
        return self.variant.core.value

    @property
    def qualifiers(self) -> dict[str, str]:
        return self.variant.core.qualifiers

    @property
    def timepoint(self) -> tuple[float, float] | None:
        return self.variant.core.timepoint

    @property
    def treatment_specific(self) -> bool:
        return self.variant.core.treatment_specific

    @property
    def condition_specific(self) -> bool:
        return self.variant.core.condition_specific

    @property
    def study(self) -> bool:
        return self.variant.core.study

    @property
    def strict(self) -> tuple[str, ...]:
        return self.variant.core.strict

    @property
    def as_value(self) -> Value:
        core = self.variant.core
        return Value(core.dimension, core.unit, core.low, core.high, core.qualifier, core.value)


class Unpacker:
    """Unpacks articles' packed facts, sharing equal cores and strings between them."""

    def __init__(self) -> None:
        self._shared: dict[Any, Any] = {}
        self._cores: dict[str, Core] = {}
        self._variants: dict[tuple[str, str, str], Variant] = {}

    def _share(self, value: Any) -> Any:
        return self._shared.setdefault(value, value)

    def _core(self, text: str) -> Core:
        core = self._cores.get(text)
        if core is None:
            values = [
                self._share(v) if isinstance(v, (str, float)) else v for v in json.loads(text)
            ]
            # one dict per distinct set of qualifiers, shared (nothing writes to it)
            pairs = tuple(values[_QUALIFIERS])
            values[_QUALIFIERS] = self._shared.get(("q", pairs))
            if values[_QUALIFIERS] is None:
                values[_QUALIFIERS] = self._shared[("q", pairs)] = dict(
                    zip(pairs[::2], pairs[1::2], strict=True)
                )
            point = values[_TIMEPOINT]
            values[_TIMEPOINT] = self._share(tuple(point)) if point else None
            values[_STRICT] = self._share(tuple(values[_STRICT]))
            subject, measure = values[0], values[2]
            key = self._share((subject, measure)) if subject and measure else None
            core = self._cores[text] = Core(values, key)
        return core

    def unpack(self, path: str, data: Any) -> list[CorpusFact]:
        if not data:
            return []
        article = Packed(self._share(path), data)
        variants, rows = json.loads(zlib.decompress(base64.b64decode(data)))
        shared = []
        for core, study_id, arm in variants:
            key = (core, study_id, arm)
            variant = self._variants.get(key)
            if variant is None:
                variant = self._variants[key] = Variant(
                    self._core(core), self._share(study_id), self._share(arm)
                )
            shared.append(variant)
        return [CorpusFact(article, i, shared[row[5]]) for i, row in enumerate(rows)]


def unpack_all(collected: Mapping[str, Any]) -> dict[str, list[CorpusFact]]:
    """Every article's packed facts, unpacked with one another."""
    unpacker = Unpacker()
    return {path: unpacker.unpack(path, data) for path, data in collected.items()}


# What the comparison reads: a fact of the article at hand, or one collected from another.
AnyFact = Fact | CorpusFact

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

# A row: line, column, end_line, end_column, text, study_id, arm, core (a JSON string of CORE).
PLACE = ("line", "column", "end_line", "end_column", "text")
_STUDY_ID, _ARM, _CORE = 5, 6, 7
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
    """An article's facts as one ASCII string: JSON rows, deflated and base64-encoded.

    Plain data: it travels to the parent process and into the result cache as it is.
    Figure-dense articles repeat their labels and contexts, so it is a fraction of the
    JSON's size."""
    if not facts:
        return ""
    rows = [
        [f.line, f.column, f.end_line, f.end_column, f.text, f.study_id, f.arm, _core_of(f)]
        for f in facts
    ]
    return base64.b64encode(zlib.compress(_ENCODER.encode(rows).encode("ascii"), 6)).decode("ascii")


@lru_cache(maxsize=64)
def _rows(data: str) -> list[list[Any]]:
    """An article's rows. Cached: the messages read the place of a few figures per article."""
    return json.loads(zlib.decompress(base64.b64decode(data)))


def subjects(data: Any) -> set[str]:
    """The subjects of an article's packed facts (lint.engine.siblings)."""
    if not data:
        return set()
    return {str(s) for row in _rows(data) if (s := json.loads(row[_CORE])[0])}


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


class CorpusFact:
    """One collected figure of one article, as the corpus comparison reads it (duck-typed
    like `Fact` for `compare`, `corpus` and the registry)."""

    __slots__ = ("arm", "article", "core", "row", "study_id")

    def __init__(self, article: Packed, row: int, study_id: str, arm: str, core: Core) -> None:
        self.article, self.row, self.study_id, self.arm, self.core = (
            article,
            row,
            study_id,
            arm,
            core,
        )

    @property
    def path(self) -> str:
        return self.article.path

    def _place(self, i: int) -> Any:
        return _rows(self.article.data)[self.row][i]

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
        return self.core.key

    @property
    def subject(self) -> str | None:
        return self.core.subject

    @property
    def subject_label(self) -> str:
        return self.core.subject_label

    @property
    def measure(self) -> str | None:
        return self.core.measure

    @property
    def measure_label(self) -> str:
        return self.core.measure_label

    @property
    def dimension(self) -> str:
        return self.core.dimension

    @property
    def unit(self) -> str:
        return self.core.unit

    @property
    def low(self) -> float:
        return self.core.low

    @property
    def high(self) -> float:
        return self.core.high

    @property
    def qualifier(self) -> str:
        return self.core.qualifier

    @property
    def value(self) -> str:
        return self.core.value

    @property
    def qualifiers(self) -> dict[str, str]:
        return self.core.qualifiers

    @property
    def timepoint(self) -> tuple[float, float] | None:
        return self.core.timepoint

    @property
    def treatment_specific(self) -> bool:
        return self.core.treatment_specific

    @property
    def condition_specific(self) -> bool:
        return self.core.condition_specific

    @property
    def study(self) -> bool:
        return self.core.study

    @property
    def strict(self) -> tuple[str, ...]:
        return self.core.strict

    @property
    def as_value(self) -> Value:
        core = self.core
        return Value(core.dimension, core.unit, core.low, core.high, core.qualifier, core.value)


class Unpacker:
    """Unpacks articles' packed facts, sharing equal cores and strings between them."""

    def __init__(self) -> None:
        self._shared: dict[Any, Any] = {}
        self._cores: dict[str, Core] = {}

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
        share = self._share
        return [
            CorpusFact(article, i, share(row[_STUDY_ID]), share(row[_ARM]), self._core(row[_CORE]))
            for i, row in enumerate(json.loads(zlib.decompress(base64.b64decode(data))))
        ]


def unpack_all(collected: Mapping[str, Any]) -> dict[str, list[CorpusFact]]:
    """Every article's packed facts, unpacked with one another."""
    unpacker = Unpacker()
    return {path: unpacker.unpack(path, data) for path, data in collected.items()}


# What the comparison reads: a fact of the article at hand, or one collected from another.
AnyFact = Fact | CorpusFact

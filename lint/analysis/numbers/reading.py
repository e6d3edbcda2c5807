"""What every reading of a figure shares: the site it reads at, and the answer "not mine".

A reading is a small function `(parser, site) -> claim | None | NEXT`: the claim the figure
states, None when the figure is decidedly no claim, or NEXT when the reading does not apply
and the next one in `grammar.READINGS` should try. The order of that list is the grammar.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeAlias

from .kinds import ParsedClaim
from .quantities import Quantity

if TYPE_CHECKING:  # pragma: no cover
    from .grammar import SentenceParser


class Next(Enum):
    NEXT = "next"


NEXT: Literal[Next.NEXT] = Next.NEXT


class Site(NamedTuple):
    """A quantity and its qualifier: `q` spans tokens i..j (its first and end, which no reading
    moves); the qualifier starts at qual_start. A tuple: one per figure, its fields read by
    every reading, so no property call per read."""

    q: Quantity
    qual_kind: str
    qual_start: int
    i: int
    j: int


Verdict: TypeAlias = "ParsedClaim | Literal[Next.NEXT] | None"
Reading: TypeAlias = "Callable[[SentenceParser, Site], Verdict]"

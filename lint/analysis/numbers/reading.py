"""What every reading of a figure shares: the site it reads at, and the answer "not mine".

A reading is a small function `(parser, site) -> claim | None | NEXT`: the claim the figure
states, None when the figure is decidedly no claim, or NEXT when the reading does not apply
and the next one in `grammar.READINGS` should try. The order of that list is the grammar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Literal, TypeAlias

from .kinds import ParsedClaim
from .quantities import Quantity

if TYPE_CHECKING:  # pragma: no cover
    from .grammar import SentenceParser


class Next(Enum):
    NEXT = "next"


NEXT: Literal[Next.NEXT] = Next.NEXT


@dataclass(frozen=True, slots=True)
class Site:
    """A quantity and its qualifier: `q` spans tokens first..end; the qualifier starts at qual_start."""

    q: Quantity
    qual_kind: str
    qual_start: int

    @property
    def i(self) -> int:
        return self.q.first

    @property
    def j(self) -> int:
        return self.q.end


Verdict: TypeAlias = "ParsedClaim | Literal[Next.NEXT] | None"
Reading: TypeAlias = "Callable[[SentenceParser, Site], Verdict]"

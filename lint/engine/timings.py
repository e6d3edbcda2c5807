"""Where a run's time goes, on stderr, when CONTENTLINT_TIMINGS is set.

The benchmarks (benchmarks/bench.py scale) read these lines to show what share of a
run the cross-article comparison takes as the corpus grows; a user can set the
variable to see the same. Unset, a phase costs one environment lookup.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

ENV = "CONTENTLINT_TIMINGS"
PREFIX = "contentlint timing: "


@contextmanager
def phase(name: str) -> Iterator[None]:
    """Time the block; print `contentlint timing: <name> <seconds> s` when asked to."""
    if not os.environ.get(ENV):
        yield
        return
    start = time.perf_counter()
    try:
        yield
    finally:
        sys.stderr.write(f"{PREFIX}{name} {time.perf_counter() - start:.3f} s\n")

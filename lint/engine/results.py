"""A run's results kept out of the parent's memory: pickled, one article at a time.

Each article carries its text, its line texts and some eighty findings (about
100 KB as Python objects on a figure-dense article): held as objects, 10,000
articles took gigabytes in the parent. A `ResultStore` keeps each result as its
pickle (what the worker sent anyway, so it round-trips exactly), in memory while
the run is small and in an anonymous temporary file once it is not, and hands
back a fresh object per access. Reporters iterate it one article at a time.

Reading gives a copy: a caller that changes a result writes it back
(`store[i] = result`), as the runner's corpus pass and the baseline do.
"""

from __future__ import annotations

import pickle
import tempfile
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any, overload

# Below this many bytes of pickles a run stays in memory (a pre-commit run, the editor's).
SPILL_AT = 8 * 1024 * 1024


class ResultStore(Sequence[Any]):
    """A fixed-length sequence of ArticleResult, each stored as its pickle."""

    def __init__(self, length: int = 0, spill_at: int | None = None) -> None:
        self._blobs: list[bytes | tuple[int, int] | None] = [None] * length
        self._file: IO[bytes] | None = None
        self._end = 0  # where the next pickle goes in the file
        self._held = 0  # bytes of pickles held in memory
        self._spill_at = SPILL_AT if spill_at is None else spill_at
        self._lock = threading.Lock()

    @classmethod
    def of(cls, results: Iterable[Any]) -> ResultStore:
        items = list(results)
        store = cls(len(items))
        for i, result in enumerate(items):
            store[i] = result
        return store

    def __len__(self) -> int:
        return len(self._blobs)

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...
    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        blob = self._blobs[index]
        if blob is None:
            raise LookupError(f"result {index} was never stored")
        if isinstance(blob, tuple):
            blob = self._read(*blob)
        return pickle.loads(blob)

    def __setitem__(self, index: int, result: Any) -> None:
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            old = self._blobs[index]
            if isinstance(old, bytes):
                self._held -= len(old)
            if self._file is None and self._held + len(data) <= self._spill_at:
                self._blobs[index] = data
                self._held += len(data)
                return
            self._blobs[index] = self._write(data)
            if self._held:
                self._spill()

    def __iter__(self) -> Iterator[Any]:
        for i in range(len(self)):
            yield self[i]

    def _read(self, offset: int, size: int) -> bytes:
        with self._lock:  # seek and read as one step (a server thread may read too)
            assert self._file is not None
            self._file.seek(offset)
            return self._file.read(size)

    def _write(self, data: bytes) -> tuple[int, int]:
        """Append one pickle to the file (the caller holds the lock)."""
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="contentlint-results-")  # noqa: SIM115  (lives as long as the store)
        offset = self._end
        self._file.seek(offset)
        self._file.write(data)
        self._end += len(data)
        return (offset, len(data))

    def _spill(self) -> None:
        """Move the pickles still held in memory to the file."""
        for i, blob in enumerate(self._blobs):
            if isinstance(blob, bytes):
                self._blobs[i] = self._write(blob)
        self._held = 0

    @property
    def spilled(self) -> bool:
        """Whether the results outgrew memory (a large run) and live in the temporary file."""
        return self._file is not None

    def close(self) -> None:
        if self._file is not None:
            self._file.close()

    def __del__(self) -> None:
        file = getattr(self, "_file", None)
        if file is not None:
            file.close()


class FindingTally:
    """How many findings a run holds, by (code, name, category, severity): what report headers
    and summaries count. Taken in one pass over the results, because each pass over a
    ResultStore unpickles every result again (the HTML report made about twelve)."""

    def __init__(self, results: Iterable[Any]) -> None:
        self.counts: Counter[tuple[str, str, str, str]] = Counter(
            (f.code, f.name, f.category, f.severity) for r in results for f in r.findings
        )

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def by(self, *fields: int) -> Counter[tuple[str, ...]]:
        """The counts summed by some of (0 code, 1 name, 2 category, 3 severity)."""
        out: Counter[tuple[str, ...]] = Counter()
        for key, n in self.counts.items():
            out[tuple(key[i] for i in fields)] += n
        return out


class FindingsView:
    """`Run.findings`: every result's findings in order, without building the list."""

    def __init__(self, results: Sequence[Any]) -> None:
        self._results = results

    def __iter__(self) -> Iterator[Any]:
        for result in self._results:
            yield from result.findings

    def __len__(self) -> int:
        return sum(len(result.findings) for result in self._results)

    def __bool__(self) -> bool:
        return any(result.findings for result in self._results)

    def __getitem__(self, index):
        return list(self)[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FindingsView):
            other = list(other)
        return list(self) == other if isinstance(other, list) else NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(list(self))


def as_list(results: Sequence[Any]) -> list[Any]:
    """The results as a plain list (what the run cache encodes)."""
    return results if isinstance(results, list) else list(results)

"""The articles a run analyses, read when a worker is about to need them.

Reading every file up front held the whole corpus's bytes in the parent until
its last article was analysed (120 MB for 10,000 articles). `LazyItems` is the
(shown path, bytes) sequence the process pool takes: a file is read when its
batch is submitted, and its bytes are dropped once its result is in
(`release`), so only the batches in flight are held.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..model.article import InputError


class LazyItems(Sequence[tuple[str, bytes]]):
    """(shown path, bytes) of each file to analyse, read on first access.

    A file that can no longer be read (deleted since the run listed it) is
    analysed as empty bytes and its error kept in `errors`, for the runner to
    report it as the unreadable file it became."""

    def __init__(
        self,
        files: Sequence[Path],
        shown: Sequence[str],
        read: Callable[[Path], bytes | OSError | InputError],
        first: dict[int, bytes] | None = None,
    ) -> None:
        self._files, self._shown, self._read = files, shown, read
        self.held: dict[int, bytes] = dict(first or {})
        self.errors: dict[int, OSError | InputError] = {}

    def __len__(self) -> int:
        return len(self._files)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        data = self.held.get(index)
        if data is None:
            got = self._read(self._files[index])
            if isinstance(got, (OSError, InputError)):
                self.errors[index], got = got, b""
            data = self.held[index] = got
        return (self._shown[index], data)

    def __setitem__(self, index: int, item: tuple[str, bytes]) -> None:
        """What the pool writes once an article is analysed: its bytes can go."""
        if not item[1]:
            self.release(index)
        else:
            self.held[index] = item[1]

    def release(self, index: int) -> bytes:
        return self.held.pop(index, b"")

"""A content-hash cache of ArticleResults, so unchanged articles never reach spaCy.

The key covers the file's path and bytes, the rule set with its options, the
tool version and the NLP model: any change to what could alter a result
misses the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Optional

from .engine import ArticleResult


class Cache:
    def __init__(self, directory: Path, salt: str) -> None:
        self.directory = directory
        self.salt = hashlib.sha256(salt.encode()).hexdigest()

    def _file(self, path: str, data: bytes) -> Path:
        key = hashlib.sha256(self.salt.encode() + b"\0" + path.encode() + b"\0" + data).hexdigest()
        return self.directory / key[:2] / f"{key[2:]}.pickle"

    def get(self, path: str, data: bytes) -> Optional[ArticleResult]:
        try:
            with self._file(path, data).open("rb") as handle:
                result = pickle.load(handle)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
            return None
        return result if isinstance(result, ArticleResult) else None

    def put(self, path: str, data: bytes, result: ArticleResult) -> None:
        target = self._file(path, data)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not (self.directory / ".gitignore").exists():
                (self.directory / ".gitignore").write_text("*\n", encoding="utf-8")
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except OSError:
            pass  # a read-only checkout still lints; it just never caches

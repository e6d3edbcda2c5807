"""A cache of ArticleResults, so unchanged articles never reach spaCy.

The cache directory can be chosen by a committed config file, so its content
is untrusted: entries are plain JSON data (never pickle), decoded into typed
structures by msgspec, and each carries a format version and a SHA-256
checksum. An entry that is corrupt, foreign, of another version or for other
bytes is ignored, deleted and rewritten.

Layout, under `cache-dir`:

    CACHEDIR.TAG, .gitignore
    v2/<salt>/<hash of the path>.json    one entry per article and configuration
    v2/<salt>/<hash of the files>.run    a whole run's final results (lint.engine.runcache)
    v2/<salt>/<hash of the request>.out  what a `check` printed (lint.engine.replay)

An entry is one header line (JSON: format, version, path, source, content
hash, payload checksum) and the payload (JSON of the ArticleResult). The salt
covers the rule set with its options, the tool version, a hash of the
installed code and rule files, the NLP model and the file-policy bounds: any
change that could alter a result misses the cache. After a run that wrote
entries, entries whose source file no longer exists are evicted, then the
least recently used ones until the cache is under `cache-max-size`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import time
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pipeline import ArticleResult

FORMAT = "contentlint-cache"
VERSION = 2
LAYOUT = f"v{VERSION}"
MAX_ENTRY = 64 * 1024 * 1024  # an entry bigger than this is not ours
MAX_RUN = 1024 * 1024 * 1024  # a whole run's results, inflated (lint.engine.runcache)
RUN_PREFIX = "\0run\0"  # no shown path starts with NUL: a run entry never shadows an article's
TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by contentlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)
LEGACY = re.compile(r"^[0-9a-f]{2}$")
ENTRY = re.compile(r"^[0-9a-f]{32}\.(json|run|out)$")  # an article's, a run's, an output's
SALT_DIR = re.compile(r"^[0-9a-f]{16}$")
# Every result cache folder a run in this process opened (lint.engine.runcache): a stored
# output (lint.engine.replay) stands only while their entries are as the run left them.
FOLDERS: set[str] = set()
# The encoder and ArticleResult decoder, made on first use: their imports (msgspec, the
# pipeline's) are not needed by a run that replays its output (lint.engine.replay).
_CODECS: list = []


def _codecs() -> tuple[Any, Any]:
    if not _CODECS:
        import msgspec

        from .pipeline import ArticleResult

        _CODECS.extend((msgspec.json.Encoder(), msgspec.json.Decoder(ArticleResult)))
    return _CODECS[0], _CODECS[1]


def __getattr__(name: str) -> Any:
    if name in ("_ENCODER", "_DECODER"):  # the names callers knew
        return _codecs()[name == "_DECODER"]
    raise AttributeError(name)


class Cache:
    def __init__(self, directory: Path, salt: str, max_size: int = 256 * 1024 * 1024) -> None:
        self.directory = Path(directory)
        self.salt = hashlib.sha256(salt.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        self.max_size = max_size
        self.wrote = 0

    @property
    def folder(self) -> Path:
        return self.directory / LAYOUT / self.salt

    def _file(self, path: str) -> Path:
        key = hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        return self.folder / f"{key}.{'run' if path.startswith(RUN_PREFIX) else 'json'}"

    entry_file = _file  # where the entry of the article shown as `path` is (or would be)

    def get(self, path: str, data: bytes) -> ArticleResult | None:
        target = self._file(path)
        try:
            with target.open("rb") as handle:
                blob = handle.read(MAX_ENTRY + 1)
        except OSError:
            return None
        result = self._decode(blob, path, hashlib.sha256(data).hexdigest())
        if result is None:
            _remove(target)  # corrupt, foreign or stale: it will be rewritten
            return None
        with contextlib.suppress(OSError):
            os.utime(target)  # least recently used eviction reads the mtime
        return result

    @staticmethod
    def _decode(blob: bytes, path: str, content: str) -> ArticleResult | None:
        payload = _checked_payload(blob, path, content)
        if payload is None:
            return None
        import msgspec

        try:
            result = _codecs()[1].decode(payload)
        except (msgspec.DecodeError, ValueError, TypeError):
            return None
        return result if result.path == path and result.content_hash == content else None

    def put(self, path: str, data: bytes, result: ArticleResult, source: str | None = None) -> None:
        import msgspec

        encoder, decoder = _codecs()
        try:
            payload = encoder.encode(result)
            if decoder.decode(payload) != result:
                return  # holds something JSON cannot carry exactly (a tuple, a huge integer): not cached
        except (
            msgspec.EncodeError,
            msgspec.DecodeError,
            OverflowError,
            ValueError,
            TypeError,
            RecursionError,
        ):
            return
        self._write(path, hashlib.sha256(data).hexdigest(), payload, source)

    def _write(self, path: str, content: str, payload: bytes, source: str | None = None) -> None:
        """One entry: its header line, then `payload`; atomically, never failing the run."""
        header = {
            "format": FORMAT,
            "version": VERSION,
            "path": path,
            "source": os.path.abspath(source) if source else None,
            "content": content,
            "checksum": hashlib.sha256(payload).hexdigest(),
        }
        try:
            head = json.dumps(header, ensure_ascii=True).encode()
        except ValueError:
            return
        target = self._file(path)
        try:
            self._prepare()
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".entry.", suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(head + b"\n" + payload)
                os.replace(tmp, target)
            except BaseException:
                _remove(Path(tmp))
                raise
            self.wrote += 1
        except OSError:
            pass  # a read-only checkout still lints; it just never caches

    # -- whole runs (lint.engine.runcache) ---------------------------------
    def get_run(self, name: str, key: str) -> bytes | None:
        """The payload stored for run `name` when its inputs were `key`, inflated; None otherwise."""
        payload = self.get_raw(name, key)
        if payload is None:
            return None
        try:
            inflater = zlib.decompressobj()
            data = inflater.decompress(payload, MAX_RUN)
        except zlib.error:
            return None
        if inflater.unconsumed_tail or not inflater.eof:
            return None  # larger than any run we write: not ours
        return data

    def get_raw(self, name: str, key: str, limit: int = MAX_ENTRY) -> bytes | None:
        """The payload stored as `name` for `key`, as it was written (lint.engine.replay)."""
        path = RUN_PREFIX + name
        try:
            with self._file(path).open("rb") as handle:
                blob = handle.read(limit + 1)
        except OSError:
            return None
        payload = _checked_payload(blob, path, key, limit)
        if payload is not None:
            with contextlib.suppress(OSError):
                os.utime(self._file(path))  # least recently used eviction reads the mtime
        return payload

    def put_raw(self, name: str, key: str, data: bytes) -> None:
        self._write(RUN_PREFIX + name, key, data)

    def put_run(self, name: str, key: str, data: bytes) -> None:
        if len(data) > MAX_RUN:
            return
        payload = zlib.compress(data, 1)
        if len(payload) + 65536 < MAX_ENTRY:
            self._write(RUN_PREFIX + name, key, payload)

    def _prepare(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", "*\n"), ("CACHEDIR.TAG", TAG)):
            marker = self.directory / name
            if not marker.exists():
                marker.write_text(text, encoding="utf-8")

    # -- housekeeping ------------------------------------------------------
    def entries(self) -> list[Path]:
        root = self.directory / LAYOUT
        out: list[Path] = []
        try:
            salts = [
                d
                for d in root.iterdir()
                if SALT_DIR.match(d.name) and d.is_dir() and not d.is_symlink()
            ]
        except OSError:
            return []
        for salt in salts:
            try:
                out.extend(
                    p for p in salt.iterdir() if ENTRY.match(p.name) or p.name.endswith(".tmp")
                )
            except OSError:
                continue
        return out

    def maintain(self) -> None:
        """After a run that wrote: evict entries of deleted files, stale temp files, then the LRU tail."""
        if not self.wrote:
            return
        now = time.time()
        sized = []
        for entry in self.entries():
            try:
                info = entry.lstat()
            except OSError:
                continue
            if entry.name.endswith(".tmp"):
                if now - info.st_mtime > 3600:  # left by a killed run
                    _remove(entry)
                continue
            source = _source_of(entry)
            if source is not None and not os.path.exists(source):
                _remove(entry)
                continue
            sized.append((info.st_mtime, info.st_size, entry))
        total = sum(size for _, size, _ in sized)
        if total <= self.max_size:
            return
        for _, size, entry in sorted(sized, key=lambda t: (t[0], t[2].name)):
            _remove(entry)
            total -= size
            if total <= self.max_size * 0.8:
                break

    def clean(self) -> tuple[int, int]:
        """Delete every entry this tool wrote (and the legacy pickle entries); returns (files, bytes).

        Only files of the cache's own layout are touched, never anything else a
        misconfigured `cache-dir` might point at."""
        files = size = 0
        victims = self.entries()
        try:
            for legacy in self.directory.iterdir():
                if LEGACY.match(legacy.name) and legacy.is_dir() and not legacy.is_symlink():
                    victims.extend(p for p in legacy.iterdir() if p.suffix in (".pickle", ".tmp"))
        except OSError:
            pass
        for entry in victims:
            try:
                size += entry.lstat().st_size
            except OSError:
                continue
            if _remove(entry):
                files += 1
        for folder in [
            *sorted((self.directory / LAYOUT).glob("*")),
            self.directory / LAYOUT,
            *[d for d in self.directory.glob("[0-9a-f][0-9a-f]") if LEGACY.match(d.name)],
        ]:
            with contextlib.suppress(OSError):
                folder.rmdir()
        try:
            leftovers = {p.name for p in self.directory.iterdir()}
        except OSError:
            leftovers = {"?"}
        if leftovers <= {".gitignore", "CACHEDIR.TAG"}:
            for name in leftovers:
                _remove(self.directory / name)
            with contextlib.suppress(OSError):
                self.directory.rmdir()
        return files, size


def _checked_payload(blob: bytes, path: str, content: str, limit: int = MAX_ENTRY) -> bytes | None:
    """An entry's payload when its header is ours and matches `path`, `content` and the checksum."""
    if len(blob) > limit:
        return None
    head, sep, payload = blob.partition(b"\n")
    if not sep or len(head) > 65536:
        return None
    try:
        header = json.loads(head)
    except ValueError:
        return None
    if (
        not isinstance(header, dict)
        or header.get("format") != FORMAT
        or header.get("version") != VERSION
    ):
        return None
    if header.get("path") != path or header.get("content") != content:
        return None
    if header.get("checksum") != hashlib.sha256(payload).hexdigest():
        return None
    return payload


def _source_of(entry: Path) -> str | None:
    try:
        with entry.open("rb") as handle:
            head = handle.readline(65536)
        header = json.loads(head)
    except (OSError, ValueError):
        return None
    source = header.get("source") if isinstance(header, dict) else None
    return source if isinstance(source, str) else None


def _remove(path: Path) -> bool:
    try:
        os.unlink(path)
        return True
    except OSError:
        return False

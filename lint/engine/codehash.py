"""A hash of the installed code and rule data: what a cached result was computed with."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

_CODE_HASH: str | None = None
SUFFIXES = (".py", ".yaml", ".yml", ".json", ".txt", ".toml")


def _code_files() -> Iterator[tuple[Path, Path]]:
    """(folder, file) for every file of the package and its rule data, in a fixed order."""
    package = Path(__file__).resolve().parents[1]  # lint/, from lint/engine/codehash.py
    from ..model.errors import RuleError
    from ..model.packs import builtin_pack_dir

    folders = [package]
    try:
        packs = builtin_pack_dir()
        if package not in packs.parents:
            folders.append(packs)
    except RuleError:
        pass
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            if path.suffix in SUFFIXES:
                yield folder, path


def code_fingerprint() -> str:
    """A hash of the installed code and rule data, and of the libraries that shape results.

    The version string alone is not enough: an edited checkout or a patched
    install keeps its version but may produce different findings."""
    global _CODE_HASH
    if _CODE_HASH is None:
        from importlib import metadata

        digest = hashlib.sha256()
        for folder, path in _code_files():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        for dist in ("spacy", "markdown-it-py", "mdit-py-plugins", "PyYAML", "msgspec"):
            with contextlib.suppress(metadata.PackageNotFoundError):
                digest.update(f"{dist}={metadata.version(dist)}\0".encode())
        _CODE_HASH = digest.hexdigest()[:16]
    return _CODE_HASH


def code_state() -> dict[str, list]:
    """What `code_fingerprint` reads, by stat instead of by content, for a replayed run
    (lint.engine.replay): every file's size, mtime and inode, and the mtime of every
    folder on sys.path (installing, upgrading or removing a library renames an entry in
    its folder). Hashing every file and asking importlib.metadata cost a tenth of a second."""
    state: dict[str, list] = {}
    for _folder, path in _code_files():
        with contextlib.suppress(OSError):
            info = path.stat()
            state[os.fspath(path)] = [info.st_size, info.st_mtime_ns, info.st_ino]
    for entry in sys.path:
        # Only where libraries are installed: the working directory (first on sys.path for
        # `python -m`) changes whenever a file is added to it.
        if "site-packages" in entry or "dist-packages" in entry:
            with contextlib.suppress(OSError):
                state[f"sys.path:{entry}"] = [os.stat(entry).st_mtime_ns]
    return state

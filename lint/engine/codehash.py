"""A hash of the installed code and rule data: what a cached result was computed with."""

from __future__ import annotations

import contextlib
import hashlib
from importlib import metadata
from pathlib import Path

_CODE_HASH: str | None = None


def code_fingerprint() -> str:
    """A hash of the installed code and rule data, and of the libraries that shape results.

    The version string alone is not enough: an edited checkout or a patched
    install keeps its version but may produce different findings."""
    global _CODE_HASH
    if _CODE_HASH is None:
        digest = hashlib.sha256()
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
                if path.suffix not in (".py", ".yaml", ".yml", ".json", ".txt", ".toml"):
                    continue
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
        for dist in ("spacy", "markdown-it-py", "mdit-py-plugins", "PyYAML", "msgspec"):
            with contextlib.suppress(metadata.PackageNotFoundError):
                digest.update(f"{dist}={metadata.version(dist)}\0".encode())
        _CODE_HASH = digest.hexdigest()[:16]
    return _CODE_HASH

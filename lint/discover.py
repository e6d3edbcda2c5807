"""Which files to lint: expand directories, honour include/exclude, sort."""

from __future__ import annotations

import os
from fnmatch import fnmatch
from pathlib import Path
from typing import Iterable, Sequence


def _excluded(rel: str, name: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch(name, p) or fnmatch(rel, p) or fnmatch(rel, p.rstrip("/") + "/*") for p in patterns)


def display_path(path: Path) -> str:
    """Relative to the working directory when below it, always with forward slashes;
    control characters and undecodable bytes escaped (lint/files.py, safe_name)."""
    from .files import safe_name

    return safe_name(_relative(path))


def _relative(path: Path) -> str:
    try:
        # The folder is resolved, the name is not: a symlink is shown as itself.
        return (path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


def discover(paths: Iterable[Path], include: Sequence[str], exclude: Sequence[str]) -> list[Path]:
    """Files named explicitly are always linted; directories are searched."""
    found: dict[str, Path] = {}
    for root in paths:
        if not root.is_dir():  # a file, or a FIFO, device or broken link named explicitly
            found[display_path(root)] = root
            continue
        for folder, dirs, files in os.walk(root):
            rel_folder = Path(folder).relative_to(root).as_posix()
            dirs[:] = sorted(d for d in dirs
                             if not _excluded(f"{rel_folder}/{d}".lstrip("./"), d, exclude))
            # A folder named like an article is reported (CL001), and searched as a folder.
            for name in dirs:
                if any(fnmatch(name, p) for p in include):
                    path = Path(folder) / name
                    found[display_path(path)] = path
            for name in files:
                rel = f"{rel_folder}/{name}".lstrip("./") if rel_folder != "." else name
                if any(fnmatch(name, p) for p in include) and not _excluded(rel, name, exclude):
                    path = Path(folder) / name
                    found[display_path(path)] = path
    return [found[key] for key in sorted(found)]

"""Applying fixes: atomically, and changing only the spans a fix names.

The file is re-read and checked against the hash the fixes were computed for,
so a file edited in the meantime is never overwritten.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import Iterable

from .finding import Fix


def apply_to_text(text: str, fixes: Iterable[Fix]) -> str:
    """Apply non-overlapping fixes; on overlap the earlier one wins (the rest wait for the next run)."""
    chosen: list[Fix] = []
    for fix in sorted(set(fixes), key=lambda f: (f.start, f.end, f.replacement)):
        if chosen and fix.start < chosen[-1].end:
            continue
        chosen.append(fix)
    for fix in reversed(chosen):
        text = text[: fix.start] + fix.replacement + text[fix.end :]
    return text


def write_atomically(path: Path, data: bytes) -> None:
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file 0600: keep the old file's mode, or give a new
        # file the permissions any other program would (0666 less the umask).
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def fix_file(path: Path, expected_hash: str, fixes: list[Fix]) -> bool:
    """Returns True when the file was changed."""
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != expected_hash or not fixes:
        return False
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8") if bom else data.decode("utf-8")
    fixed = apply_to_text(text, fixes)
    if fixed == text:
        return False
    write_atomically(path, (b"\xef\xbb\xbf" if bom else b"") + fixed.encode("utf-8"))
    return True

"""Applying fixes: atomically, and changing only the spans a fix names.

The file is re-read and checked against the hash the fixes were computed for,
so a file edited in the meantime is never overwritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..model.finding import Fix


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


def write_atomically(
    path: Path, data: bytes | Iterable[bytes], like: os.stat_result | None = None
) -> None:
    """Write a temp file next to `path` (`data`: bytes, or pieces of them), then rename it over `path`.

    The old file's mode (and, where permitted, owner and group) carry over; a
    new file gets 0666 less the umask. The temp file is removed on any
    exception or signal Python sees; one left by a SIGKILL is named
    `.NAME.*.tmp`, matches no article pattern, and is removed the next time
    that file is fixed."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces_of(data):
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            like = like or path.stat()
            mode = like.st_mode & 0o7777
        except FileNotFoundError:
            like = None
            mask = os.umask(0)
            os.umask(mask)
            mode = 0o666 & ~mask
        if like is not None and hasattr(os, "chown"):
            # not permitted (another user's file): it keeps our ownership
            with contextlib.suppress(OSError):
                os.chown(tmp, like.st_uid, like.st_gid)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def pieces_of(data: bytes | Iterable[bytes]) -> Iterable[bytes]:
    """A report may come whole or as it is rendered (lint.report.output)."""
    return (data,) if isinstance(data, bytes) else data


def remove_stale_temps(path: Path, older_than: float = 600.0) -> None:
    """Temp files of a killed --fix (`.NAME.*.tmp` next to NAME)."""
    import time

    now = time.time()
    for stale in path.parent.glob(f".{glob_escape(path.name)}.*.tmp"):
        try:
            if now - stale.lstat().st_mtime > older_than:
                stale.unlink()
        except OSError:
            pass


def glob_escape(name: str) -> str:
    import glob

    return glob.escape(name)


@dataclass
class FixOutcome:
    changed: bool = False
    refused: str = ""  # why the file was left alone
    descriptions: list = field(default_factory=list)
    diff: str = ""


def fix_file(
    path: Path, expected_hash: str, fixes: list[Fix], write: bool = True, shown: str | None = None
) -> FixOutcome:
    """Apply `fixes` to `path` (through a symlink, to its target). Never raises for a file problem."""
    import difflib

    outcome = FixOutcome()
    target = Path(os.path.realpath(path))
    try:
        info = target.stat()
        data = target.read_bytes()
    except OSError as err:
        outcome.refused = f"cannot read it any more ({err.strerror or err})"
        return outcome
    if hashlib.sha256(data).hexdigest() != expected_hash or not fixes:
        if fixes:
            outcome.refused = "it changed since it was linted"
        return outcome
    refused, text = _fixable_text(data, info)
    if refused:
        outcome.refused = refused
        return outcome
    fixed = apply_to_text(text, fixes)
    if fixed == text:
        return outcome
    outcome.descriptions = sorted({f.description or "fix" for f in fixes})
    name = shown or str(path)
    outcome.diff = "".join(
        difflib.unified_diff(
            text.splitlines(keepends=True),
            fixed.splitlines(keepends=True),
            f"a/{name}",
            f"b/{name}",
        )
    )
    if write:
        bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
        outcome.refused = _write_fixed(target, bom + fixed.encode("utf-8"), info)
    outcome.changed = not outcome.refused
    return outcome


def _fixable_text(data: bytes, info: os.stat_result) -> tuple[str, str]:
    """(why the file cannot be fixed, or "", its text without a byte-order mark)."""
    import stat as stat_module

    from ..model.article import wide_encoding

    wide = wide_encoding(data)
    if wide:
        return f"it is encoded as {wide}", ""
    if not stat_module.S_ISREG(info.st_mode):
        return "it is not a regular file", ""
    bom = data.startswith(b"\xef\xbb\xbf")
    try:
        return "", data[3:].decode("utf-8") if bom else data.decode("utf-8")
    except UnicodeDecodeError:
        return "it is not UTF-8", ""


def _write_fixed(target: Path, data: bytes, info: os.stat_result) -> str:
    """Write the fixed file; why it could not be written, or ""."""
    if info.st_mode & 0o222 == 0 or (os.geteuid() != 0 and not os.access(target, os.W_OK)):
        return "it is read-only"
    remove_stale_temps(target)
    try:
        write_atomically(target, data, like=info)
    except OSError as err:
        return f"cannot write it ({err.strerror or err})"
    return ""

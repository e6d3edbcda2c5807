"""How a file name or a piece of input text is shown: safely, the same on every machine.

Input is untrusted, and what the linter prints goes to terminals, CI logs and
report files: control characters, undecodable bytes and the bidirectional
overrides of "Trojan Source" are shown as visible escapes, and a name never
starts a GitHub workflow command. The model holds these because the engine,
the reporters and a check that names a missing file all show paths alike.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

# C0 and C1 controls, DEL, and the bidirectional overrides that make text read
# differently from what it is ("Trojan Source"), plus line/paragraph separators.
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape_text(text: str, keep_tabs: bool = False) -> str:
    """Control characters as visible escapes (\\n, \\x1b, \\u202e); lone surrogates as \\udcXX."""

    def one(match: re.Match) -> str:
        ch = match.group()
        if keep_tabs and ch == "\t":
            return ch
        if ch in NAMED:
            return NAMED[ch]
        code = ord(ch)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    out = UNSAFE.sub(one, text)
    if any("\ud800" <= ch <= "\udfff" for ch in out):
        out = "".join(_surrogate(ch) for ch in out)
    return out


def visible_line(text: str) -> str:
    """A source line for an excerpt: each control character shown as one U+FFFD, so the
    underline below still lines up."""
    out = UNSAFE.sub("\ufffd", text)
    return (
        "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in out)
        if _has_surrogate(out)
        else out
    )


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def _surrogate(ch: str) -> str:
    if "\udc80" <= ch <= "\udcff":  # an undecodable byte kept by surrogateescape
        return f"\\x{ord(ch) - 0xDC00:02x}"
    if "\ud800" <= ch <= "\udfff":
        return f"\\u{ord(ch):04x}"
    return ch


def safe_name(name: str) -> str:
    """A file name fit for a terminal, a CI log and every report format."""
    shown = escape_text(name)
    # A line of CI log that starts with "::" is a GitHub workflow command.
    if shown.startswith(":"):
        shown = "./" + shown
    return shown


def display_path(path: Path) -> str:
    """Relative to the working directory when below it, always with forward slashes;
    control characters and undecodable bytes escaped (lint/engine/files.py, safe_name)."""
    return safe_name(_relative(path))


def _relative(path: Path) -> str:
    try:
        # The folder is resolved, the name is not: a symlink is shown as itself.
        folder = _resolved_folder(str(path.parent), os.getcwd())
        return (folder / path.name).relative_to(_resolved_folder(".", os.getcwd())).as_posix()
    except (ValueError, OSError, RuntimeError):
        return path.as_posix()


@lru_cache(maxsize=1024)
def _resolved_folder(folder: str, cwd: str) -> Path:
    """A folder with its links resolved, once per folder and working directory: a run names
    thousands of articles from a few folders (a pre-commit run, every sibling)."""
    return (Path(cwd) / folder).resolve()

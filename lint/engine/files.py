"""The file policy: what the linter agrees to read, and how it names files.

Input is untrusted (pull requests, a contributor's checkout), so reading an
article is more than `read_bytes()`:

- a symlink is followed only when its target lies inside the project root or
  inside a folder named on the command line (`follow-symlinks = "inside-root"`,
  the default); `"never"` follows none, `"anywhere"` follows all;
- only regular files are read: a FIFO, a device, a socket or a directory
  named like an article is reported, never opened in a way that could block;
- a file over `max-file-size` bytes is reported, not analysed;
- names are shown with control characters and undecodable bytes escaped.

Every refusal is an `InputError`, which the runner turns into one CL001
finding for that file; the run goes on.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .fixes import pieces_of, write_atomically

SYMLINK_MODES = ("inside-root", "never", "anywhere")
DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024


def _refused(message: str) -> Exception:
    """model.article's InputError; imported when a file is refused, as its module parses YAML
    (which a replayed run, lint.engine.replay, never needs)."""
    from ..model.frontmatter import InputError

    return InputError(message)


def resolved(path: str | Path) -> Path:
    """The path with links resolved; a link loop or a broken link keeps its own name in its
    resolved folder, so that the file policy reports it (CL001) instead of a crash."""
    path = Path(path)
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return path.parent.resolve() / path.name


def guard_commands(rendered: str) -> str:
    """No line of a report printed to a CI log starts with "::" (a GitHub workflow command).

    Reporters escape what they print; this is the net under them for every
    format but `github`, whose output is workflow commands on purpose."""
    if "::" not in rendered:
        return rendered
    return "\n".join(_guard_line(line) for line in rendered.split("\n"))


def _guard_line(line: str) -> str:
    stripped = line.lstrip()
    if not stripped.startswith("::"):
        return line
    cut = len(line) - len(stripped) + 1
    return line[:cut] + "\u200b" + line[cut:]  # a zero-width space between the colons


def size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n} bytes"


SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(b|bytes?|kb|kib|k|mb|mib|m|gb|gib|g)?\s*$", re.I)
UNITS = {
    "": 1,
    "b": 1,
    "byte": 1,
    "bytes": 1,
    "k": 1024,
    "kb": 1024,
    "kib": 1024,
    "m": 1024**2,
    "mb": 1024**2,
    "mib": 1024**2,
    "g": 1024**3,
    "gb": 1024**3,
    "gib": 1024**3,
}


def parse_size(value: int | str) -> int:
    """4194304, "4 MB", "512kb" -> bytes; ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError('a size, such as 4194304 or "4 MB"')
    if isinstance(value, int):
        if value < 1:
            raise ValueError("a positive size")
        return value
    if isinstance(value, str):
        match = SIZE.match(value)
        if match:
            n = int(float(match.group(1)) * UNITS[(match.group(2) or "").lower()])
            if n >= 1:
                return n
    raise ValueError('a size, such as 4194304 or "4 MB"')


@dataclass(frozen=True)
class FilePolicy:
    roots: tuple[str, ...] = ()  # resolved folders a symlink may point into
    symlinks: str = "inside-root"
    max_size: int = DEFAULT_MAX_FILE_SIZE

    @classmethod
    def for_run(cls, settings, targets: Iterable[Path] = ()) -> FilePolicy:
        """The project root plus every folder (or file's folder) named on the command line."""
        roots = [os.path.realpath(settings.root)]
        for target in targets:
            try:
                real = os.path.realpath(target, strict=True)
            except (OSError, RuntimeError):
                continue
            roots.append(real if os.path.isdir(real) else os.path.dirname(real))
        return cls(
            tuple(dict.fromkeys(roots)),
            getattr(settings, "follow_symlinks", "inside-root"),
            getattr(settings, "max_file_size", DEFAULT_MAX_FILE_SIZE),
        )

    def inside(self, real: str) -> bool:
        return any(
            real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in self.roots
        )

    def read(self, path: Path) -> bytes:
        """The file's bytes, or InputError saying why it was not read."""
        real = self._target(os.fspath(path))
        try:
            info = os.stat(real)
        except OSError as err:
            raise _refused(f"cannot read file: {err.strerror or err}") from None
        kind = _kind(info.st_mode)
        if kind == "directory":
            raise _refused("is a directory named like an article; skipped")
        if kind != "file":
            raise _refused(f"not a regular file (a {kind}); skipped without reading")
        if info.st_size > self.max_size:
            raise _refused(
                f"file is {size_text(info.st_size)}, over the size limit of "
                f"{size_text(self.max_size)} (max-file-size); not analysed"
            )
        return self._read_regular(real)

    def _target(self, name: str) -> str:
        """The real path to read: symlinks resolved, and refused as the symlink policy says."""
        try:
            link = os.lstat(name)
        except OSError as err:
            raise _refused(f"cannot read file: {err.strerror or err}") from None
        followed = stat.S_ISLNK(link.st_mode)
        try:
            real = os.path.realpath(name, strict=True)
        except (OSError, RuntimeError) as err:
            code = getattr(err, "errno", None)
            if code == errno.ELOOP or isinstance(err, RuntimeError):
                raise _refused("symlink loop: the link never reaches a file; not read") from None
            if code == errno.ENOENT:
                raise _refused("broken symlink: its target does not exist; not read") from None
            raise _refused(f"cannot read file: {getattr(err, 'strerror', None) or err}") from None
        followed = followed or real != os.path.abspath(name)
        if followed and self.symlinks == "never":
            raise _refused('is a symlink, and follow-symlinks = "never"; not read')
        if followed and self.symlinks == "inside-root" and not self.inside(real):
            raise _refused(
                "symlink points outside the project root; not read "
                '(follow-symlinks = "anywhere" allows it)'
            )
        return real

    def _read_regular(self, real: str) -> bytes:
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(real, flags)
        except OSError as err:
            raise _refused(f"cannot read file: {err.strerror or err}") from None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):  # swapped for something else since the check
                raise _refused(
                    f"not a regular file (a {_kind(info.st_mode)}); skipped without reading"
                )
            chunks, total = [], 0
            while True:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    break
                total += len(chunk)
                if total > self.max_size:
                    raise _refused(
                        f"file is over the size limit of {size_text(self.max_size)} "
                        "(max-file-size); not analysed"
                    )
                chunks.append(chunk)
            return b"".join(chunks)
        except OSError as err:
            raise _refused(f"cannot read file: {err.strerror or err}") from None
        finally:
            os.close(fd)


def _kind(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "directory"
    if stat.S_ISFIFO(mode):
        return "FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def inside_roots(path: Path, roots: Sequence[Path]) -> bool:
    """For @file resources: does `path` (resolved) lie inside one of `roots` (resolved)?"""
    real = os.path.realpath(path)
    for root in roots:
        base = os.path.realpath(root)
        if real == base or real.startswith(base.rstrip(os.sep) + os.sep):
            return True
    return False


# Writing reports and the baseline: the same care as reading (lint/report/output.py,
# lint/engine/baseline.py).
def write_file(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Atomically onto a regular file (or a new one), creating missing folders.

    A rename would replace whatever is at `path`: run as root, `-o /dev/null`
    once replaced the system's /dev/null with a regular file. So a device, a
    FIFO or a symlink is written in place, through an ordinary open(), and is
    never renamed over; a directory is an error."""
    import os
    import stat

    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "is a directory")
        if stat.S_ISLNK(info.st_mode) and os.path.isfile(path):
            # Through the link to its target, atomically there (the link stays a link).
            write_atomically(Path(os.path.realpath(path)), data)
            return
        _write_in_place(path, data)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)


def _write_in_place(path: Path, data: bytes | Iterable[bytes]) -> None:
    """A device, a FIFO or a link to one. A FIFO without a reader is an error, not a hang."""
    import fcntl
    import os

    fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)  # ENXIO: a FIFO nobody reads
    try:
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
        for piece in pieces_of(data):
            view = memoryview(piece)
            while view:
                view = view[os.write(fd, view) :]
    finally:
        os.close(fd)

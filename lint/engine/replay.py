"""A whole `check` command's output, replayed when nothing it read has changed.

An unchanged, cached run still imported every check, loaded the rule packs and
lexicons, decoded every stored finding and rendered the report again: about two
seconds for 1,000 articles, of which the articles themselves took a few
percent. What `check` prints depends only on:

- the request: the working directory, the options that shape the report, the
  environment variables reporters read, and today's date;
- the code (the installed package and rule data, by stat: `codehash.code_state`);
- each config's settings (as loaded) and what the rule packs and resources read
  from the disk (`model.packs.SEEN`: every data file's text, every pack listing,
  every "@file" lookup);
- the articles named, found and compared (their shown paths and bytes, read
  under the run's file policy).

So a run that printed its report (and nothing on stderr) stores what it printed
under a key made of all of these, and the next run with the same key prints it
again without loading a rule. Corpus rules that read more than the articles are
the exception: the date kinds read today's date only (it is in the key); any other
(asset-exists with a static root, a plugin's kind) makes the run not replayable.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..model import packs
from .cache import FOLDERS, Cache
from .codehash import code_state
from .discover import display_path

FORMAT = "contentlint-output 1"
MAX_OUTPUT = 256 * 1024 * 1024  # a report is kept uncompressed: inflating it cost more than reading
# What reporters (and rich, for the text report) read from the environment.
ENVIRONMENT = (
    "GITHUB_SERVER_URL",
    "GITHUB_REPOSITORY",
    "GITHUB_SHA",
    "CI",
    "TERM",
    "COLORTERM",
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "COLUMNS",
    "LINES",
)
# Corpus kinds whose comparison reads today's date besides the articles, and nothing else.
DATED_KINDS = frozenset({"future-date", "currency"})


@dataclass
class Inputs:
    """The key of a request, and the files it read (to tell whether they changed during the run)."""

    key: str
    name: str
    cache: Cache
    today: str
    stats: dict[str, tuple] = field(default_factory=dict)
    code: dict[str, list] = field(default_factory=dict)  # `code_state()` before the run


def inputs(project: Any, paths: Sequence[Path], request: Mapping[str, Any]) -> Inputs | None:
    """The request's key, or None when it cannot be replayed (caching off, no article, a file
    the policy refuses: the usual way reports those)."""
    from .files import FilePolicy
    from .siblings import sibling_context

    files = project.discover(paths)
    groups = project.groups(files)
    if not groups:
        return None
    context = sibling_context(list(paths), project.settings_for(Path(paths[0])))  # as cli._lint
    by_source = {(s.source or ""): fs for s, fs in project.groups([Path(c) for c in context])}
    digest = hashlib.sha256()
    stats: dict[str, tuple] = {}
    today = _today()
    # The code is not hashed here: an entry names its files' stats (`code_state`, checked by `load`).
    head: list[Any] = [FORMAT, __version__, sys.version, sys.executable, os.getcwd(), today]
    head += [sorted(request.items()), [(k, os.environ.get(k)) for k in ENVIRONMENT]]
    digest.update(repr(head).encode("utf-8", "surrogatepass"))
    for settings, members in groups:
        if not settings.cache:
            return None
        digest.update(repr(settings).encode("utf-8", "surrogatepass") + b"\1")
        if settings.source:
            stats[settings.source] = _stat(settings.source)
        policy = FilePolicy.for_run(settings, paths)
        shown = [(display_path(path), path) for path in members]
        others = _others(by_source.get(settings.source or "", []), {s for s, _ in shown})
        for as_shown, path in [*shown, ("", None), *others]:
            if path is None:
                digest.update(b"\2")  # the reported files, then the compared ones
                continue
            try:
                data = policy.read(path)
            except Exception:  # an InputError or the system's: not a plain run
                return None
            digest.update(as_shown.encode("utf-8", "surrogatepass") + b"\0")
            digest.update(hashlib.sha256(data).digest())
            stats[os.fspath(path)] = _stat(path)
            folder = os.path.dirname(os.path.abspath(path))  # an article added or removed
            if folder not in stats:
                stats[folder] = _listing(folder)
    first = groups[0][0]
    name = hashlib.sha256(repr((os.getcwd(), sorted(request.items()))).encode()).hexdigest()
    salt = f"{FORMAT} {__version__}"
    cache = Cache(first.resolve(first.cache_dir), salt, getattr(first, "cache_max_size", 1 << 28))
    return Inputs(digest.hexdigest(), name, cache, today, stats, code_state())


def _others(context: Sequence[Path], seen: set[str]) -> list[tuple[str, Path]]:
    """The compared articles of a group, as the runner finds them (runner._context_files)."""
    out: dict[str, Path] = {}
    for path in context:
        shown = display_path(path)
        if shown not in seen:
            out.setdefault(shown, path)
    return [(k, out[k]) for k in sorted(out)]


def _stat(path: str | Path) -> tuple:
    try:
        info = os.stat(path)
    except OSError:
        return ()
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_mode)


def _entry(found: Inputs) -> Path:
    return found.cache.folder / f"{found.name[:32]}.out"


def _listing(folder: str) -> tuple:
    """A folder's file names (not its mtime: the run may create the cache folder in it)."""
    try:
        return ("dir", *sorted(e.name for e in os.scandir(folder) if not e.is_dir()))
    except OSError:
        return ()


def _today() -> str:
    """The day the date kinds judge by: their `system_today` (dt.date.today()), read from
    their module only when it is loaded (a replay imports no check; a test may pin the day)."""
    checks = sys.modules.get("lint.checks.frontmatter_values")
    today = getattr(checks, "system_today", dt.date.today)
    return today().isoformat()


def _plugins() -> bool:
    from importlib import metadata

    try:
        return any(
            list(metadata.entry_points(group=g))
            for g in ("contentlint.checks", "contentlint.packs")
        )
    except TypeError:  # Python < 3.10 API shape: never replay there
        return True


def seen_unchanged(seen: Mapping[str, str]) -> bool:
    """Whether every file, listing and lookup the rules' loading read is still as it was."""
    for entry, value in seen.items():
        kind, _, where = entry.partition(":")
        try:
            if kind == "file":
                now = packs.seen_text(Path(where).read_text(encoding="utf-8"))
            elif kind == "list":
                now = repr([p.name for p in sorted(Path(where).glob("*.yaml"))])
            elif kind == "isfile":
                now = str(Path(where).is_file())
            else:
                return False
        except (OSError, ValueError):
            return False
        if now != value:
            return False
    return True


def entry_stats(folders: Any) -> dict[str, dict[str, list[int]]]:
    """The article entries of the result caches the run used, by folder: one damaged, deleted
    or rewritten since is then seen (and repaired) by the usual way, as it always was."""
    out: dict[str, dict[str, list[int]]] = {}
    for folder in sorted(folders):
        found: dict[str, list[int]] = {}
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.endswith(".json"):
                        info = entry.stat(follow_symlinks=False)
                        found[entry.name] = [info.st_size, info.st_mtime_ns, info.st_ino]
        except OSError:
            pass
        out[folder] = found
    return out


def load(found: Inputs) -> tuple[memoryview, int] | None:
    """(what the run printed, its exit code) when the request's inputs are unchanged.

    An entry is what was printed, then one line of JSON: the key, the length and
    SHA-256 of what was printed, what the rules read (`seen`) and the exit code."""
    target = _entry(found)
    try:
        with target.open("rb") as handle:
            blob = handle.read(MAX_OUTPUT + 1)
    except OSError:
        return None
    cut = blob.rfind(b"\n", 0, len(blob) - 1)
    printed = memoryview(blob)[: max(cut, 0)]  # not copied: a report can be 40 MB
    try:
        meta = json.loads(blob[cut + 1 : -1])
        ok = cut >= 0 and blob.endswith(b"\n") and meta["format"] == FORMAT
        ok = ok and meta["key"] == found.key and meta["length"] == len(printed)
        ok = ok and meta["checksum"] == hashlib.sha256(printed).hexdigest()
        seen, code = meta["seen"], meta["exit_code"]
    except (ValueError, KeyError, TypeError):
        return None
    if not ok or not isinstance(seen, dict) or not isinstance(code, int):
        return None
    if not seen_unchanged(seen) or meta.get("entries") != entry_stats(meta.get("entries") or {}):
        return None
    if meta.get("code") != found.code:
        return None
    with contextlib.suppress(OSError):
        os.utime(target)  # least recently used eviction reads the mtime
    return printed, code


class Recorder:
    """What a run prints to stdout, passed through and written to a temporary file in the
    cache as it goes (a report of 10,000 articles is not kept in memory twice)."""

    def __init__(self, stream: Any, found: Inputs) -> None:
        self.stream, self.found = stream, found
        self.digest, self.size = hashlib.sha256(), 0
        self.file: Any = None
        self.tmp = ""
        try:
            found.cache.folder.mkdir(parents=True, exist_ok=True)
            fd, self.tmp = tempfile.mkstemp(dir=found.cache.folder, prefix=".out.", suffix=".tmp")
            self.file = os.fdopen(fd, "wb")
        except OSError:
            self.file = None

    def write(self, text: str) -> int:
        written = self.stream.write(text)
        if self.file is not None:
            try:
                data = text.encode("utf-8")
                self.file.write(data)
                self.digest.update(data)
                self.size += len(data)
                if self.size > MAX_OUTPUT // 2:
                    self.drop()
            except (UnicodeEncodeError, OSError):
                self.drop()
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)

    def drop(self) -> None:
        if self.file is not None:
            with contextlib.suppress(OSError):
                self.file.close()
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)
            self.file = None

    def keep(self, exit_code: int) -> None:
        """Store what was printed, when none of the files the run read changed while it ran."""
        found = self.found
        unchanged = all(
            (_listing(path) if before and before[0] == "dir" else _stat(path)) == before
            for path, before in found.stats.items()
        )
        if not unchanged or _today() != found.today or not seen_unchanged(packs.SEEN):
            self.drop()
        if _plugins() or code_state() != found.code:
            self.drop()  # a plugin's code is in no fingerprint: its runs are never replayed
        if self.file is None:
            return
        meta = {
            "format": FORMAT,
            "key": found.key,
            "length": self.size,
            "checksum": self.digest.hexdigest(),
            "seen": packs.SEEN,
            "entries": entry_stats(FOLDERS),
            "exit_code": exit_code,
            "code": found.code,
        }
        try:
            self.file.write(b"\n" + json.dumps(meta, ensure_ascii=True).encode() + b"\n")
            self.file.close()
            found.cache._prepare()
            os.replace(self.tmp, _entry(found))
            found.cache.wrote += 1
        except OSError:
            pass
        finally:
            self.file = None
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)


def replayable(rules: Sequence[Any], registry: Any) -> bool:
    """Whether the rules' findings depend on nothing outside the key: a corpus kind that reads
    more than the articles must be one that reads only today's date, or asset-exists without
    a static root (it then looks at nothing)."""
    for rule in rules:
        kind = registry.kinds[rule.check]
        if kind.scope != "corpus" or kind.compare is None or kind.compares_articles_only:
            continue
        if kind.name in DATED_KINDS:
            continue
        if kind.name == "asset-exists" and not rule.options.get("static-root"):
            continue
        return False
    return True

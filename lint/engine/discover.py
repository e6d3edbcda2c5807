"""Which files to lint: expand directories, honour ignore files, include/exclude, sort.

Patterns are gitignore patterns (the `pathspec` library), as in ruff: `*`
matches within one path segment, `**` across segments, a pattern with no
slash matches a name at any depth, one with a slash is anchored to the folder
of the config that holds it, and a trailing slash matches folders only.

Ignore files: `.gitignore` and `.ignore` in every folder walked, in the folders
above the start up to the repository root, and `.git/info/exclude`. A deeper
file overrides a shallower one; `.ignore` overrides `.gitignore` in the same
folder; `!pattern` re-includes. `respect_gitignore=False` reads none of them.

Files named explicitly are always linted, unless `force_exclude` is set (then
`exclude` and the ignore files apply to them too, as ruff's --force-exclude).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pathspec

from ..model.display import display_path

IGNORE_FILES = (".gitignore", ".ignore")


def _resolved(path) -> Path:
    from .files import resolved  # files imports the article model; keep discovery light to import

    return resolved(path)


def _shown(resolved: Path, given: Path, cwd: str) -> str:
    """display_path for a path whose folder is already resolved (the walk's), without more syscalls."""
    text = str(resolved)
    if text.startswith(cwd) and not os.path.islink(text):
        return text[len(cwd) :].replace(os.sep, "/")
    return display_path(given)


# pathspec picks re2 or hyperscan when another package installed them; those refuse file
# names that are not valid UTF-8 (kept as surrogates by os.fsdecode). Python's own re takes them.
PATHSPEC_BACKEND = "simple"


@lru_cache(maxsize=256)
def compile_patterns(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(patterns, backend=PATHSPEC_BACKEND)


def matches(patterns: Sequence[str], rel: str, is_dir: bool = False) -> bool:
    """Does a gitignore-style pattern list match `rel` (a path relative to the patterns' base)?"""
    if not patterns or not rel or rel.startswith("../"):
        return False
    result = compile_patterns(tuple(patterns)).check_file(rel + "/" if is_dir else rel)
    return bool(result.include)


@lru_cache(maxsize=64)
def _prefix(base: Path) -> str:
    text = str(base)
    return text if text.endswith(os.sep) else text + os.sep


@dataclass(frozen=True)
class Filter:
    """What one config says about which files to lint, and the folder its patterns are relative to."""

    include: tuple[str, ...]
    exclude: tuple[str, ...]
    base: Path  # resolved

    def relative(self, path: Path) -> str | None:
        text, prefix = str(path), _prefix(self.base)
        if text.startswith(prefix) and len(text) > len(prefix):
            # What relative_to says for a path below the base, without its per-call parsing
            # (discovery asks once or twice per article).
            return text[len(prefix) :].replace(os.sep, "/")
        try:
            return path.relative_to(self.base).as_posix()
        except ValueError:
            return None

    def excluded(self, path: Path, is_dir: bool) -> bool:
        """Excluded by pattern: relative to the config's folder, and by name wherever the path is."""
        rel = self.relative(path)
        if rel is None:
            rel = path.name  # outside the config's folder: only name patterns can apply
        return matches(self.exclude, rel, is_dir)

    def included(self, path: Path) -> bool:
        return matches(self.include, path.name) or matches(
            self.include, self.relative(path) or path.name
        )


class IgnoreFiles:
    """The .gitignore/.ignore files that apply to a path, read once per folder."""

    def __init__(self) -> None:
        self._specs: dict[Path, pathspec.GitIgnoreSpec | None] = {}
        self._negates: dict[Path, bool] = {}
        self._chains: dict[tuple[Path, Path], list] = {}

    def _spec(self, folder: Path) -> pathspec.GitIgnoreSpec | None:
        if folder not in self._specs:
            lines: list[str] = []
            sources = [folder / ".git" / "info" / "exclude"] if (folder / ".git").is_dir() else []
            sources += [folder / name for name in IGNORE_FILES]
            for source in sources:
                try:
                    lines += source.read_text(encoding="utf-8", errors="replace").splitlines()
                except OSError:
                    continue
            self._specs[folder] = (
                pathspec.GitIgnoreSpec.from_lines(lines, backend=PATHSPEC_BACKEND)
                if lines
                else None
            )
            self._negates[folder] = any(line.lstrip().startswith("!") for line in lines)
        return self._specs[folder]

    def _chain(self, folder: Path, top: Path) -> list[tuple[str, pathspec.GitIgnoreSpec, bool]]:
        """The ignore specs that apply inside `folder`, deepest first, with their folder as a string."""
        key = (folder, top)
        if key not in self._chains:
            own = self._spec(folder)
            here = [(str(folder), own, self._negates[folder])] if own is not None else []
            above = (
                [] if folder == top or folder.parent == folder else self._chain(folder.parent, top)
            )
            self._chains[key] = here + above
        return self._chains[key]

    def ignored(self, path: Path, is_dir: bool, top: Path) -> bool:
        """The deepest ignore file with a matching pattern decides; `top` is the outermost folder read."""
        text = str(path)
        for folder, spec, negates in self._chain(path.parent, top):
            rel = text[len(folder) :].lstrip("/\\").replace("\\", "/")
            result = spec.check_file(rel + "/" if is_dir else rel)
            if result.include is not None:
                if is_dir and result.include and negates:
                    # `!pattern` may re-include something inside: walk in, let each file decide.
                    return False
                return bool(result.include)
        return False


def repository_root(start: Path) -> Path:
    """The outermost folder whose ignore files apply: the repository's root (the nearest folder
    holding .git); outside a repository, the working directory when `start` is below it, else `start`."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    cwd = Path.cwd().resolve()
    return cwd if start == cwd or cwd in start.parents else start


def discover(
    paths: Iterable[Path],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    *,
    respect_gitignore: bool = False,
    force_exclude: bool = False,
    filter_for: Callable[[Path], Filter] | None = None,
) -> list[Path]:
    """Files named explicitly are always linted (unless force_exclude); directories are searched.

    `filter_for(folder)` gives the include/exclude that apply in a folder (the
    nearest config's); without it, `include`/`exclude` apply, relative to
    each path given.
    """
    found: dict[str, Path] = {}
    walk = _Walk(IgnoreFiles() if respect_gitignore else None)
    for given in paths:
        start = _resolved(given)
        walk.top = repository_root(start if start.is_dir() else start.parent)
        if filter_for is not None:
            walk.filter_for = filter_for
        else:
            base = start if start.is_dir() else start.parent
            walk.filter_for = _everywhere(Filter(tuple(include), tuple(exclude), base))
        if not start.is_dir():
            # A file, or a FIFO, device or broken link named explicitly: the file policy reports it.
            if os.path.lexists(given) and not (force_exclude and walk.skipped(start, False)):
                found[display_path(given)] = Path(given)
        elif not (force_exclude and start != walk.top and walk.skipped(start, True)):
            found.update(walk.folder(given))
    return [found[key] for key in sorted(found)]


def _everywhere(rule: Filter) -> Callable[[Path], Filter]:
    """One filter for every folder: the `include`/`exclude` given, relative to the path searched."""
    return lambda _folder: rule


class _Walk:
    """One search: the ignore files read so far, and the filter and root of the path searched."""

    def __init__(self, ignores: IgnoreFiles | None) -> None:
        self.ignores = ignores  # None: ignore files are not respected
        self.top = Path()
        self.filter_for: Callable[[Path], Filter] = _everywhere(Filter((), (), Path()))
        self.cwd = str(Path.cwd().resolve()).rstrip(os.sep) + os.sep

    def skipped(self, path: Path, is_dir: bool, rule: Filter | None = None) -> bool:
        """Excluded by the filter of its folder (or `rule`), or ignored by an ignore file."""
        rule = rule if rule is not None else self.filter_for(path.parent)
        return _skipped(path, is_dir, rule, self.ignores, self.top)

    def folder(self, given: Path) -> dict[str, Path]:
        """The articles under a folder named on the command line, by display path."""
        found: dict[str, Path] = {}
        for folder, dirs, files in os.walk(given):
            here = Path(folder).resolve()
            rule = self.filter_for(here)
            dirs[:] = [name for name in sorted(dirs) if not self.skipped(here / name, True, rule)]
            # A folder named like an article is reported (CL001), and searched as a folder.
            for name in dirs:
                if rule.included(here / name):
                    found[_shown(here / name, Path(folder) / name, self.cwd)] = Path(folder) / name
            for name in files:
                path = here / name
                if rule.included(path) and not self.skipped(path, False, rule):
                    found[_shown(path, Path(folder) / name, self.cwd)] = Path(folder) / name
        return found


def _skipped(
    path: Path, is_dir: bool, rule: Filter, ignores: IgnoreFiles | None, top: Path
) -> bool:
    if rule.excluded(path, is_dir):
        return True
    return ignores is not None and ignores.ignored(path, is_dir, top)

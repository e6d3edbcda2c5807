"""Analysing many files: each read under the file policy, looked up in the cache, and the
rest analysed in worker processes (lint.engine.isolation), fed as their batches go out."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from ..model.article import InputError
from .cache import Cache
from .config import Settings
from .discover import display_path
from .pipeline import ArticleResult
from .rules import Registry, Rule
from .runcache import open_cache


def _read(path: Path, policy=None) -> bytes | OSError:
    """The file's bytes under the file policy; an InputError (or OSError) says why not."""
    from .files import FilePolicy

    try:
        return (policy or FilePolicy(symlinks="anywhere", max_size=1 << 62)).read(path)
    except InputError as err:
        return err  # type: ignore[return-value]


def analyse_files(
    files: Sequence[Path],
    rules: list[Rule],
    registry: Registry,
    settings: Settings,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    policy=None,
    slim: bool = False,
    cache: Cache | Literal["rules"] | None = "rules",
) -> list[ArticleResult]:
    """One result per file, in the order given, whatever the number of jobs.

    Files are read under the file policy (lint/engine/files.py); one that is refused
    or crashes a check becomes a CL001 finding and the run goes on. With `slim`, only
    what the cross-article comparison reads is kept of each result (comparison-only
    articles: their own findings are never reported). `cache` is the result cache to use;
    by default, the one for `rules` (lint.engine.runcache.open_cache)."""
    results: list[ArticleResult | None] = [None] * len(files)

    def keep(i: int, result: ArticleResult) -> None:
        results[i] = _slimmed(result) if slim else result

    analyse_each(files, rules, registry, settings, keep, jobs, progress, policy, cache)
    return [r for r in results if r is not None]


# Up to this many bytes of articles are kept from the first read (the cache lookup) for
# the workers; a larger run reads each article again when its batch is submitted.
HOLD_BYTES = 16 * 1024 * 1024


def analyse_each(
    files: Sequence[Path],
    rules: list[Rule],
    registry: Registry,
    settings: Settings,
    keep: Callable[[int, ArticleResult], None],
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    policy=None,
    cache: Cache | Literal["rules"] | None = "rules",
) -> None:
    """Call keep(index in `files`, result) once per file, in no particular order."""
    from .files import FilePolicy
    from .isolation import analyse_all
    from .reading import LazyItems

    policy = policy or FilePolicy.for_run(settings)
    if isinstance(cache, str):
        cache = open_cache(settings, registry, rules)
    todo: list[int] = []  # the index in `files` of each article to analyse
    shown_todo: list[str] = []
    first: dict[int, bytes] = {}  # bytes kept from the first read, while they are few
    held = 0
    for i, path in enumerate(files):
        shown = display_path(path)
        data = _read(path, policy)
        if isinstance(data, (OSError, InputError)):
            keep(i, _unreadable(shown, data, registry))
            continue
        hit = cache.get(shown, data) if cache else None
        if hit is not None:
            keep(i, hit)
            continue
        if held + len(data) <= HOLD_BYTES:
            first[len(todo)] = data
            held += len(data)
        todo.append(i)
        shown_todo.append(shown)
    items = LazyItems([files[i] for i in todo], shown_todo, lambda p: _read(p, policy), first)
    count = [len(files) - len(todo)]
    if progress:
        progress(count[0], len(files))

    def done(j: int, result: ArticleResult) -> None:
        i, shown = todo[j], shown_todo[j]
        if j in items.errors:  # it could be read for the cache lookup, not for the analysis
            result = _unreadable(shown, items.errors[j], registry)
        elif cache is not None:
            cache.put(shown, items.held.get(j, b""), result, source=os.fspath(files[i]))
        keep(i, result)
        count[0] += 1
        if progress:
            progress(count[0], len(files))

    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    budget = getattr(settings, "time_budget", None)
    analyse_all(items, rules, registry, settings.nlp_model, budget, jobs, done)
    if cache is not None:
        cache.maintain()


def _unreadable(shown: str, data: OSError | InputError, registry: Registry) -> ArticleResult:
    """A file the policy refused or the system could not read: its CL001 finding."""
    from .pipeline import input_finding

    err = (
        data
        if isinstance(data, InputError)
        else InputError(f"cannot read file: {data.strerror or data}")
    )
    res = ArticleResult(path=shown, content_hash="")
    res.findings.append(input_finding(shown, registry.rules.get("CL001"), err))
    return res


def _slimmed(result: ArticleResult) -> ArticleResult:
    """What the corpus pass reads of a comparison-only article: its path and collected data."""
    return ArticleResult(
        path=result.path, content_hash=result.content_hash, collected=result.collected
    )

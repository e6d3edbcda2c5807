"""Running rules over many files: selection, the process pool, the cache, verdicts."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..model.article import InputError
from ..model.finding import SEVERITY_RANK, at_least
from ..model.verdicts import BLOCKED, DRAFT, PUBLISHABLE, WARNINGS
from .config import Settings
from .discover import discover, display_path
from .pipeline import ArticleResult, finish
from .rules import Registry, Rule
from .runcache import open_cache
from .selection import (  # noqa: F401  (callers import them from here)
    check_selectors,
    select_rules,
    unknown_selector,
)
from .siblings import sibling_context  # noqa: F401  (callers import it from here)


@dataclass
class Run:
    """Everything reporters need: results in path order, plus the verdicts."""

    results: list[ArticleResult]
    registry: Registry
    rules: list[Rule]
    settings: Settings
    verdicts: dict[str, str] = field(default_factory=dict)
    stale: list[dict] = field(default_factory=list)  # baseline entries that no longer match
    baseline: str | None = None  # the baseline file applied, if any
    baselined: int = 0  # findings hidden because the baseline already holds them
    compared: int = 0  # articles read only for cross-article comparison (not reported)
    # With nested configs (lint.engine.project), each article's own settings decide its verdict.
    settings_by_path: dict = field(default_factory=dict)
    sources: dict = field(
        default_factory=dict
    )  # shown path -> the path on disk (names are escaped)

    @property
    def findings(self):
        return [f for r in self.results for f in r.findings]

    @property
    def blocked(self) -> int:
        return sum(1 for v in self.verdicts.values() if v == BLOCKED)

    def count(self, verdict: str) -> int:
        return sum(1 for v in self.verdicts.values() if v == verdict)

    def refresh_verdicts(self) -> None:
        """Recompute the verdicts after findings were dropped (a baseline, say)."""
        self.verdicts = {
            r.path: verdict_of(r, self.settings_by_path.get(r.path, self.settings))
            for r in self.results
        }

    @property
    def exit_code(self) -> int:
        return 1 if self.blocked else 0


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
) -> list[ArticleResult]:
    """One result per file, in the order given, whatever the number of jobs.

    Files are read under the file policy (lint/engine/files.py); one that is refused
    or crashes a check becomes a CL001 finding and the run goes on. With `slim`, only
    what the cross-article comparison reads is kept of each result (comparison-only
    articles: their own findings are never reported)."""
    from .files import FilePolicy
    from .isolation import analyse_all

    policy = policy or FilePolicy.for_run(settings)
    cache = open_cache(settings, registry, rules)
    results: list[ArticleResult | None] = [None] * len(files)
    todo: list[int] = []  # the index in `files` of each article to analyse
    items: list[tuple[str, bytes]] = []  # and its shown path and bytes (dropped once analysed)
    for i, path in enumerate(files):
        shown = display_path(path)
        data = _read(path, policy)
        if isinstance(data, (OSError, InputError)):
            results[i] = _unreadable(shown, data, registry)
            continue
        hit = cache.get(shown, data) if cache else None
        if hit is not None:
            results[i] = _slimmed(hit) if slim else hit
        else:
            todo.append(i)
            items.append((shown, data))
    count = [len(files) - len(todo)]
    if progress:
        progress(count[0], len(files))

    def done(j: int, result: ArticleResult) -> None:
        i, (shown, data) = todo[j], items[j]
        if cache is not None:
            cache.put(shown, data, result, source=os.fspath(files[i]))
        results[i] = _slimmed(result) if slim else result
        count[0] += 1
        if progress:
            progress(count[0], len(files))

    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    budget = getattr(settings, "time_budget", None)
    analyse_all(items, rules, registry, settings.nlp_model, budget, jobs, done)
    if cache is not None:
        cache.maintain()
    return [r for r in results if r is not None]


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


def is_draft(meta: dict, settings: Settings) -> bool:
    status = str(meta.get("status", "")).strip().lower()
    return bool(status) and status in {s.lower() for s in settings.draft_statuses}


def verdict_of(result: ArticleResult, settings: Settings) -> str:
    if is_draft(result.meta, settings) and not settings.drafts_block:
        return DRAFT
    if any(at_least(f.severity, settings.fail_on) for f in result.findings):
        return BLOCKED
    if any(at_least(f.severity, "warning") for f in result.findings):
        return WARNINGS
    return PUBLISHABLE


def verdicts(results: Sequence[ArticleResult], settings: Settings) -> dict[str, str]:
    return {result.path: verdict_of(result, settings) for result in results}


def run(
    paths: Sequence[Path],
    registry: Registry,
    settings: Settings,
    progress: Callable[[int, int], None] | None = None,
    *,
    report_only: Collection[str | Path] | None = None,
    context: Sequence[Path] = (),
    targets: Sequence[Path] | None = None,
) -> Run:
    """Lint `paths`. With `report_only`, only those files are reported; every
    other discovered file, and every file under `context`, is still read by
    corpus-scope rules (cross-article comparison) but never reported.

    `targets`, when given, are what the user named and `paths` the files already
    discovered from them (lint.engine.project): they set the file policy's roots, and
    `paths` are taken as they are (a folder named like an article stays one, for
    the policy to report)."""
    rules = select_rules(registry, settings)
    reported, compare_only = _partition(paths, settings, report_only, targets)
    corpus_rules = [r for r in rules if registry.kinds[r.check].scope == "corpus"]
    if corpus_rules:
        compare_only += _context_files(context, settings, reported + compare_only)
    else:
        compare_only = []  # nothing compares across articles: no need to read the others
    from . import runcache
    from .files import FilePolicy

    policy = FilePolicy.for_run(settings, paths if targets is None else targets)
    cache = open_cache(settings, registry, rules)
    content = runcache.content_key(cache, settings, policy, reported, compare_only)
    others = open_cache(settings, registry, corpus_rules) if compare_only else None
    entries = [(cache, reported), (others, compare_only)]
    key = runcache.run_key(content, entries)
    stored = runcache.load(cache, key, reported, rules, registry)
    if stored is not None:  # nothing changed since the last run: its results stand
        results, compared = stored
    else:
        results, compared, live = _analyse_and_compare(
            reported, compare_only, rules, corpus_rules, registry, settings, progress, policy
        )
        if key is not None:
            key = runcache.run_key(content, entries)  # the entries this run wrote
            runcache.store(cache, key, reported, results, compared, live)
    outcome = Run(
        results, registry, rules, settings, verdicts(results, settings), compared=compared
    )
    outcome.sources = {display_path(f): os.fspath(f) for f in reported}
    return outcome


def _analyse_and_compare(
    reported: list[Path],
    compare_only: list[Path],
    rules: list[Rule],
    corpus_rules: list[Rule],
    registry: Registry,
    settings: Settings,
    progress: Callable[[int, int], None] | None,
    policy,
) -> tuple[list[ArticleResult], int, tuple[dict, str]]:
    """Analyse the reported articles, then the others the comparison needs; the corpus pass.
    Also what the live corpus rules read, for the run cache (lint.engine.runcache)."""
    total = len(reported) + len(compare_only)
    jobs = settings.jobs
    step = _offset(progress, 0, total)
    results = analyse_files(reported, rules, registry, settings, jobs, step, policy=policy)
    compare_only = _needed_for_comparison(results, compare_only, corpus_rules, registry)
    background = []
    if compare_only:
        step = _offset(progress, len(reported), total)
        background = analyse_files(
            compare_only, corpus_rules, registry, settings, jobs, step, policy=policy, slim=True
        )
    from .runcache import live_probe, live_rules

    live_codes = [rule.code for rule in live_rules(rules, registry)]
    live = {
        code: {r.path: r.collected[code] for r in results if code in r.collected}
        for code in live_codes
    }
    finish(results + background, rules, registry, settings.per_file_ignores, settings.root)
    compared = len(background)
    del background  # only the corpus pass read them
    for result in results:
        result.findings.sort()
        result.collected = {}  # read by the corpus pass only
    return results, compared, (live, live_probe(live, rules, registry))


def _partition(
    paths: Sequence[Path],
    settings: Settings,
    report_only: Collection[str | Path] | None,
    targets: Sequence[Path] | None,
) -> tuple[list[Path], list[Path]]:
    """(the files to report, the other files found), in discovery order."""
    if targets is None:
        excludes = tuple(settings.exclude) + tuple(settings.extend_exclude)
        files = discover(
            paths, settings.include, excludes, respect_gitignore=settings.respect_gitignore
        )
    else:
        files = list(paths)
    if report_only is None:
        return files, []
    wanted = {display_path(Path(p)) for p in report_only}
    reported = [f for f in files if display_path(f) in wanted]
    return reported, [f for f in files if display_path(f) not in wanted]


def _context_files(context: Sequence[Path], settings: Settings, known: list[Path]) -> list[Path]:
    """The articles under `context` not already among `known` (comparison only)."""
    if not context:
        return []
    excludes = tuple(settings.exclude) + tuple(settings.extend_exclude)
    seen = {display_path(f) for f in known}
    extra = []
    for path in discover(context, settings.include, excludes):
        shown = display_path(path)
        if shown not in seen:
            seen.add(shown)
            extra.append(path)
    return extra


def _needed_for_comparison(
    results: list[ArticleResult], compare_only: list[Path], rules: list[Rule], registry: Registry
) -> list[Path]:
    """Only the unreported articles that can change a reported one's findings (lint.engine.siblings)."""
    if not compare_only:
        return compare_only
    from .siblings import needed_siblings

    return needed_siblings(results, compare_only, rules, registry)


def _offset(progress: Callable[[int, int], None] | None, before: int, total: int):
    """Two passes, one progress bar."""
    if progress is None:
        return None
    return lambda done, _count: progress(before + done, total)


def worst(severities) -> str | None:
    ranked = sorted(severities, key=lambda s: SEVERITY_RANK[s])
    return ranked[-1] if ranked else None

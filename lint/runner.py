"""Running rules over many files: selection, the process pool, the cache, verdicts."""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence

from . import __version__, nlp
from .cache import Cache
from .config import ConfigError, Settings
from .discover import discover, display_path
from .engine import ArticleResult, analyse, finish
from .finding import SEVERITY_RANK, at_least
from .rules import Registry, Rule, RuleError, resolve_resource
from .suppress import matches_code


@dataclass
class Run:
    """Everything reporters need: results in path order, plus the verdicts."""

    results: list[ArticleResult]
    registry: Registry
    rules: list[Rule]
    settings: Settings
    verdicts: dict[str, str] = field(default_factory=dict)
    stale: list[dict] = field(default_factory=list)  # baseline entries that no longer match

    @property
    def findings(self):
        return [f for r in self.results for f in r.findings]

    @property
    def blocked(self) -> int:
        return sum(1 for v in self.verdicts.values() if v == "blocked")

    @property
    def exit_code(self) -> int:
        return 1 if self.blocked else 0


def _specificity(selectors: Sequence[str], rule: Rule) -> int:
    best = -1
    for sel in selectors:
        if sel == rule.name:
            best = max(best, 99)
        elif matches_code(sel, rule.code, rule.name):
            best = max(best, len(sel))
    return best


def select_rules(registry: Registry, settings: Settings) -> list[Rule]:
    """ruff's rule: the most specific of select/ignore wins; options and severities applied."""
    for key in list(settings.rules) + list(settings.severity):
        if registry.find(key) is None and not any(c.startswith(key.upper()) for c in registry.rules):
            raise ConfigError(f"{settings.source or 'settings'}: no rule matches {key!r}")
    chosen = []
    for rule in registry.sorted_rules():
        wanted = _specificity(list(settings.select) + list(settings.extend_select), rule)
        dropped = _specificity(settings.ignore, rule)
        if wanted < 0 or dropped >= wanted:
            continue
        overrides = {}
        for key, opts in settings.rules.items():
            if registry.find(key) is rule:
                overrides.update(opts)
        if overrides:
            unknown = set(overrides) - set(registry.kinds[rule.check].options)
            if unknown:
                raise ConfigError(f"{settings.source or 'settings'}: rules.{rule.code}: unknown option(s) "
                                  f"{', '.join(sorted(unknown))} (accepted: "
                                  f"{', '.join(sorted(registry.kinds[rule.check].options))})")
            try:
                roots = [Path(settings.root)]
                rule = rule.with_options({k: resolve_resource(v, roots) for k, v in overrides.items()})
            except RuleError as err:
                raise ConfigError(f"{settings.source}: rules.{rule.code}: {err}") from None
        sev = _severity_override(settings.severity, rule)
        if sev:
            from dataclasses import replace

            rule = replace(rule, severity=sev)
        chosen.append(rule)
    return chosen


def _severity_override(table, rule: Rule) -> Optional[str]:
    best, value = -1, None
    for key, sev in table.items():
        spec = _specificity([key], rule)
        if spec > best:
            best, value = spec, sev
    return value


# -- workers ---------------------------------------------------------------
_WORKER: dict = {}


def _init_worker(rules: list[Rule], registry: Registry, model: Optional[str]) -> None:
    _WORKER["rules"], _WORKER["registry"] = rules, registry
    nlp.configure(model)


def _work(item: tuple[str, bytes]) -> ArticleResult:
    path, data = item
    return analyse(path, data, _WORKER["rules"], _WORKER["registry"])


def _read(path: Path) -> bytes | OSError:
    try:
        return path.read_bytes()
    except OSError as err:
        return err


def analyse_files(files: Sequence[Path], rules: list[Rule], registry: Registry, settings: Settings,
                  jobs: Optional[int] = None, progress: Optional[Callable[[int, int], None]] = None,
                  ) -> list[ArticleResult]:
    """One result per file, in the order given, whatever the number of jobs."""
    from .engine import input_finding
    from .article import InputError

    cache = Cache(settings.resolve(settings.cache_dir), registry.fingerprint() + __version__ +
                  repr([(r.code, r.severity, sorted(map(str, r.options.items()))) for r in rules]) +
                  str(settings.nlp_model)) if settings.cache else None
    results: list[Optional[ArticleResult]] = [None] * len(files)
    todo: list[tuple[int, tuple[str, bytes]]] = []
    for i, path in enumerate(files):
        shown = display_path(path)
        data = _read(path)
        if isinstance(data, OSError):
            err = InputError(f"cannot read file: {data.strerror or data}")
            res = ArticleResult(path=shown, content_hash="")
            res.findings.append(input_finding(shown, registry.rules.get("CL001"), err))
            results[i] = res
            continue
        hit = cache.get(shown, data) if cache else None
        if hit is not None:
            results[i] = hit
        else:
            todo.append((i, (shown, data)))
    done = len(files) - len(todo)
    if progress:
        progress(done, len(files))
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    if jobs == 1 or len(todo) < 4:
        nlp.configure(settings.nlp_model)
        outputs = (analyse(p, d, rules, registry) for _, (p, d) in todo)
        _collect(outputs, todo, results, cache, progress, done, len(files))
    else:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                 initargs=(rules, registry, settings.nlp_model)) as pool:
            chunk = max(1, min(8, len(todo) // (jobs * 4) or 1))
            outputs = pool.map(_work, [item for _, item in todo], chunksize=chunk)
            _collect(outputs, todo, results, cache, progress, done, len(files))
    return [r for r in results if r is not None]


def _collect(outputs, todo, results, cache, progress, done, total) -> None:
    for (i, (shown, data)), result in zip(todo, outputs):
        results[i] = result
        if cache is not None:
            cache.put(shown, data, result)
        done += 1
        if progress:
            progress(done, total)


def verdicts(results: Sequence[ArticleResult], settings: Settings) -> dict[str, str]:
    out = {}
    for result in results:
        draft = str(result.meta.get("status", "")).lower() in settings.draft_statuses
        failing = any(at_least(f.severity, settings.fail_on) for f in result.findings)
        if failing and not (draft and not settings.drafts_block):
            out[result.path] = "blocked"
        else:
            out[result.path] = "publishable"
    return out


def run(paths: Sequence[Path], registry: Registry, settings: Settings,
        progress: Optional[Callable[[int, int], None]] = None) -> Run:
    rules = select_rules(registry, settings)
    files = discover(paths, settings.include, tuple(settings.exclude) + tuple(settings.extend_exclude))
    results = analyse_files(files, rules, registry, settings, settings.jobs, progress)
    finish(results, rules, registry, settings.per_file_ignores)
    for result in results:
        result.findings.sort()
    return Run(results, registry, rules, settings, verdicts(results, settings))


def worst(severities) -> Optional[str]:
    ranked = sorted(severities, key=lambda s: SEVERITY_RANK[s])
    return ranked[-1] if ranked else None

"""Configuration found per file, as ruff does.

Each article uses the nearest `.contentlint.toml` (or `pyproject.toml` with
`[tool.contentlint]`) above it, so one run over a monorepo lints each site
with its own settings, and the result does not depend on the order of the
paths given. `--config FILE` overrides the search: every file then uses FILE.
Command-line flags apply on top of every config.

Grouping: articles are linted in groups, one per config. Per-article rules
use their group's rules and options; cross-article rules (CL5xx and the
corpus-scope metadata checks) compare articles within one group only, since
two sites with different configs are two corpora; per-file-ignores, the
cache, drafts and `fail-on` are each config's own. Directories are walked
with the include/exclude of the nearest config of each folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model.errors import ConfigError, RuleError
from .config import Settings, find_config, load_settings
from .discover import Filter, discover, display_path

if TYPE_CHECKING:
    from .rules import Registry


class Project:
    """Settings per folder, loaded once per config file."""

    def __init__(
        self,
        overrides: Mapping[str, Any] | None = None,
        config_file: Path | None = None,
        force_exclude: bool | None = None,
    ) -> None:
        self.overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
        self.config_file = config_file
        self.force_exclude = force_exclude
        self._by_folder: dict[Path, str] = {}
        self._given: dict[str, Settings] = {}  # by the folder as given
        self._by_source: dict[str, Settings] = {}
        self._registries: dict[tuple[str, ...], Registry] = {}

    def settings_for(self, folder: Path) -> Settings:
        """The settings of the nearest config at or above `folder` (a file's own folder for a file)."""
        given = self._given.get(os.fspath(folder))
        if given is not None:  # a folder of 1,000 articles is resolved once, not per article
            return given
        settings = self._settings_for(folder)
        self._given[os.fspath(folder)] = settings
        return settings

    def _settings_for(self, folder: Path) -> Settings:
        folder = folder.resolve()
        if folder.is_file():
            folder = folder.parent
        key = self._by_folder.get(folder)
        if key is None:
            if self.config_file is not None:
                key = str(self.config_file.resolve())
            else:
                found = find_config(folder)
                key = str(found[0]) if found else ""
            self._by_folder[folder] = key
        if key not in self._by_source:
            if self.config_file is not None:
                settings = load_settings(None, self.config_file, self.overrides)
            elif key:
                settings = load_settings(Path(key).parent, None, self.overrides)
            else:
                settings = load_settings(folder, None, self.overrides)
            self._by_source[key] = settings
        return self._by_source[key]

    def remember(self, settings: Settings, registry: Registry) -> None:
        """A registry the caller already loaded for these settings: not parsed twice (start-up time)."""
        self._registries.setdefault(self._packs(settings), registry)

    @staticmethod
    def _packs(settings: Settings) -> tuple[str, ...]:
        return tuple(str(settings.resolve(p).resolve()) for p in settings.rule_packs)

    def registry_for(self, settings: Settings) -> Registry:
        from .rules import load_registry  # it imports every check: not for a replayed run

        packs = self._packs(settings)
        if packs not in self._registries:
            try:
                self._registries[packs] = load_registry([Path(p) for p in packs])
            except RuleError as err:
                raise ConfigError(f"{settings.source}: {err}") from None
        return self._registries[packs]

    def filter_for(self, folder: Path) -> Filter:
        settings = self.settings_for(folder)
        return Filter(
            tuple(settings.include),
            tuple(settings.exclude) + tuple(settings.extend_exclude),
            Path(settings.root).resolve(),
        )

    def discover(self, paths: Sequence[Path]) -> list[Path]:
        out: dict[str, Path] = {}
        for path in paths:
            settings = self.settings_for(Path(path) if Path(path).is_dir() else Path(path).parent)
            force = self.force_exclude if self.force_exclude is not None else settings.force_exclude
            for found in discover(
                [path],
                respect_gitignore=settings.respect_gitignore,
                force_exclude=force,
                filter_for=self.filter_for,
            ):
                out.setdefault(display_path(found), found)
        return [out[key] for key in sorted(out)]

    def groups(self, files: Sequence[Path]) -> list[tuple[Settings, list[Path]]]:
        """Files by the config that governs them, in a fixed order (the config's path)."""
        grouped: dict[str, list[Path]] = {}
        for path in files:
            settings = self.settings_for(Path(path).parent)
            grouped.setdefault(settings.source or "", []).append(path)
        return [(self._by_source_of(source), grouped[source]) for source in sorted(grouped)]

    def _by_source_of(self, source: str) -> Settings:
        if self.config_file is not None:
            return self._by_source[str(self.config_file.resolve())]
        return self._by_source[source]


def run_project(
    paths: Sequence[Path],
    project: Project,
    progress: Callable[[int, int], None] | None = None,
    *,
    report_only: Collection[str | Path] | None = None,
    context: Sequence[Path] = (),
):
    """Lint `paths`, each file with its nearest config; one Run, sorted by path."""
    from .runner import Run, run, verdicts

    files = project.discover(paths)
    groups = project.groups(files)
    context_groups = {(s.source or ""): fs for s, fs in project.groups([Path(c) for c in context])}
    if not groups:
        settings = project.settings_for(Path(paths[0]) if paths else Path.cwd())
        return run([], project.registry_for(settings), settings, progress, report_only=report_only)
    total = len(files)
    runs = []
    before = 0
    for settings, members in groups:
        step = None
        if progress is not None:
            step = (lambda offset: lambda done, _n: progress(min(total, offset + done), total))(
                before
            )
        runs.append(
            run(
                members,
                project.registry_for(settings),
                settings,
                step,
                report_only=report_only,
                context=context_groups.get(settings.source or "", []),
                targets=paths,
            )
        )
        before += len(members)
    if len(runs) == 1:
        return runs[0]
    results = sorted((r for sub in runs for r in sub.results), key=lambda r: r.path)
    rules = {r.code: r for sub in runs for r in sub.rules}
    merged = Run(
        results,
        runs[0].registry,
        [rules[c] for c in sorted(rules)],
        runs[0].settings,
        compared=sum(sub.compared for sub in runs),
    )
    by_path = {}
    for (settings, _), sub in zip(groups, runs, strict=True):
        for result in sub.results:
            by_path[result.path] = settings
    merged.settings_by_path = by_path
    merged.verdicts = {r.path: verdicts([r], by_path[r.path])[r.path] for r in results}
    return merged

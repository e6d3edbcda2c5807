"""Linting one article whose text is not read from disk: stdin and the editor.

The runner lints files; an editor's buffer or a pipe holds text that may
differ from the file of the same name, or have no file at all. `lint_text`
gives such a text exactly the findings `contentlint check PATH` would give the
file PATH with that content: the same config, rules, per-file ignores and
suppressions, and the same cross-article context (the other articles in its
folder, read through the runner's cache).

Everything here reuses the runner's pieces (`select_rules`, `analyse_files`,
`sibling_context`, `finish`); nothing is linted differently.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from ..engine.config import Settings, load_settings
from ..engine.discover import display_path
from ..engine.pipeline import ArticleResult, analyse, finish
from ..engine.rules import Registry, Rule, load_registry
from ..engine.runner import Run, analyse_files, select_rules, sibling_context, verdicts
from ..text import nlp

STDIN = "-"


@dataclass
class Project:
    """A loaded configuration: what every article under one config file shares."""

    settings: Settings
    registry: Registry
    rules: list[Rule]
    corpus_rules: list[Rule] = field(default_factory=list)

    @classmethod
    def load(
        cls, target: Path, config: Path | None = None, overrides: Mapping | None = None
    ) -> Project:
        """Raises ConfigError / RuleError exactly as the CLI's loading does."""
        settings = load_settings(target, config, overrides)
        registry = _registry(tuple(settings.resolve(p) for p in settings.rule_packs))
        return cls.from_settings(settings, registry)

    @classmethod
    def from_settings(cls, settings: Settings, registry: Registry) -> Project:
        rules = select_rules(registry, settings)
        corpus = [r for r in rules if registry.kinds[r.check].scope == "corpus"]
        return cls(settings, registry, rules, corpus)


_REGISTRIES: dict[tuple, Registry] = {}


def _registry(packs: tuple[Path, ...]) -> Registry:
    """The rule registry, read again only when a rule pack's files change.

    A long-lived process (the language server) reloads the config whenever it
    is edited; the rules themselves, the slow part, rarely change with it."""
    from ..model.packs import builtin_pack_dir

    stamp: list[tuple[str, int | None]] = []
    for folder in (builtin_pack_dir(), *packs):
        try:
            stamp.extend(
                (str(f), f.stat().st_mtime_ns)
                for f in sorted(Path(folder).rglob("*"))
                if f.is_file()
            )
        except OSError:
            stamp.append((str(folder), None))
    key = (packs, tuple(stamp))
    if key not in _REGISTRIES:
        if len(_REGISTRIES) >= 4:  # a few configs at once; an edited pack's old rules go
            _REGISTRIES.pop(next(iter(_REGISTRIES)))
        _REGISTRIES[key] = load_registry(list(packs))
    return _REGISTRIES[key]


def sibling_paths(path: Path, settings: Settings) -> list[Path]:
    """The articles `contentlint check PATH` compares PATH with: the rest of its folder.

    PATH need not exist (an unsaved buffer, a name given to stdin)."""
    if path.is_file():
        context = sibling_context([path], settings)
    else:
        folder = path.resolve().parent
        context = (
            sorted(
                p
                for p in folder.iterdir()
                if p.is_file() and any(fnmatch(p.name, pat) for pat in settings.include)
            )
            if folder.is_dir()
            else []
        )
    own = display_path(path)
    return [p for p in context if display_path(p) != own]


def analyse_siblings(path: Path, project: Project, jobs: int | None = 1) -> list[ArticleResult]:
    """What the cross-article rules need from the other articles (through the result cache)."""
    if not project.corpus_rules:
        return []
    siblings = sibling_paths(path, project.settings)
    if not siblings:
        return []
    return analyse_files(siblings, project.corpus_rules, project.registry, project.settings, jobs)


def analyse_text(path: str, data: bytes, project: Project) -> ArticleResult:
    """The article's own analysis (before the corpus pass), in this process."""
    nlp.configure(project.settings.nlp_model)
    return analyse(path, data, project.rules, project.registry)


def _fresh(result: ArticleResult) -> ArticleResult:
    # `finish` appends and filters findings in place: work on a copy so that a
    # result kept between runs (the editor's, the cache's) stays as analysed.
    return dataclasses.replace(result, findings=list(result.findings))


def complete(own: ArticleResult, project: Project, siblings: Sequence[ArticleResult] = ()) -> Run:
    """The corpus pass, suppressions, per-file ignores and the verdict for one article."""
    result = _fresh(own)
    others = [_fresh(r) for r in siblings if r.path != result.path] if project.corpus_rules else []
    finish([result, *others], project.rules, project.registry, project.settings.per_file_ignores)
    result.findings.sort()
    return Run(
        [result],
        project.registry,
        project.rules,
        project.settings,
        verdicts([result], project.settings),
        compared=len(others),
    )


def lint_text(path: Path | None, data: bytes, project: Project, jobs: int | None = 1) -> Run:
    """Lint `data` as if it were the content of `path` (None: a nameless text, no context)."""
    shown = display_path(path) if path is not None else STDIN
    own = analyse_text(shown, data, project)
    siblings = analyse_siblings(path, project, jobs) if path is not None else []
    return complete(own, project, siblings)


class StdinUsage(Exception):
    """A misuse of `-` / --stdin-filename: exit code 2."""


def stdin_paths(
    paths: tuple[Path, ...], filename: Path | None, watch: bool = False, since: str | None = None
) -> tuple[tuple[Path, ...], bool]:
    """(the paths config is looked up from, whether standard input is read).

    `-` reads standard input; `--stdin-filename PATH` names it, and alone
    implies `-` (as in ruff)."""
    if filename is not None and not paths:
        paths = (Path(STDIN),)
    stdin = Path(STDIN) in paths
    if stdin and (len(paths) > 1 or watch or since):
        raise StdinUsage(
            "`-` (standard input) cannot be combined with other paths, --watch or --since"
        )
    if filename is not None and not stdin:
        raise StdinUsage(
            "--stdin-filename names standard input: give `-` (or no path) instead of files"
        )
    return ((filename,) if stdin and filename is not None else paths), stdin


def lint_stdin(
    filename: Path | None, settings: Settings, registry: Registry, fix: bool = False
) -> Run:
    """`contentlint check - [--stdin-filename PATH]`: lint standard input as PATH.

    With `fix`, the fixed article is written to stdout (as ruff does), the
    rest of the process writes to stderr, and the run reports what remains."""
    import sys

    from ..engine.fixes import apply_to_text

    project = Project.from_settings(settings, registry)
    data = sys.stdin.buffer.read()
    run = lint_text(filename, data, project, settings.jobs)
    if not fix:
        return run
    fixes = [f.fix for f in run.findings if f.fix is not None]
    fixed = data
    if fixes:
        bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
        fixed = bom + apply_to_text(run.results[0].text, fixes).encode("utf-8")
        run = lint_text(filename, fixed, project, settings.jobs)
    sys.stdout.buffer.write(fixed)
    sys.stdout.flush()
    sys.stdout = sys.stderr  # the report follows on stderr: stdout holds only the article
    return run

"""The open documents and the lint of one of them, run on the server's worker thread.

A document is linted as `contentlint check - --stdin-filename PATH` would
(live.py); the cross-article findings compare it with the folder's other
articles, taken from open buffers as typed, else from the disk as saved (kept
here, keyed by mtime and size, and read through the result cache).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from lsprotocol import types as T
from pygls.uris import from_fs_path

from .. import __version__
from ..engine.discover import display_path
from ..engine.pipeline import ArticleResult
from ..model.errors import ConfigError, RuleError
from ..model.finding import Finding
from .explain import render
from .live import STDIN, Project, analyse_text, complete, sibling_paths
from .server_positions import Positions, document_start

SOURCE = "contentlint"
SEVERITY = {
    "error": T.DiagnosticSeverity.Error,
    "warning": T.DiagnosticSeverity.Warning,
    "info": T.DiagnosticSeverity.Information,
}
CONFIG_CODE = "config"
CONFIG_NAMES = (".contentlint.toml", "pyproject.toml")
INLINE_NEIGHBOURS = 2  # more unread neighbours than this are read in the background


@dataclass
class Document:
    uri: str
    path: Path | None
    version: int | None = None
    own: ArticleResult | None = None  # the buffer's analysis, before the corpus pass
    project: Project | None = None
    published: list[tuple[T.Diagnostic, Finding]] = field(default_factory=list)
    text: str = ""  # the text the published findings were computed from
    published_version: int | None = None

    @property
    def shown(self) -> str:
        return display_path(self.path) if self.path is not None else STDIN


@dataclass
class Outcome:
    """What one lint produced, handed from the worker thread to the event loop."""

    uri: str
    version: int | None
    diagnostics: list[T.Diagnostic]
    pairs: list[tuple[T.Diagnostic, Finding]]
    text: str
    error: str | None = None  # a configuration error to show the writer once
    config_folder: Path | None = None  # where the config was looked up from
    missing: list[Path] = field(default_factory=list)  # siblings not analysed yet


class DocumentLinter:
    """The open documents, the configs and sibling analyses they use, and their lint."""

    def __init__(self, positions: Callable[[str], Positions]) -> None:
        self.positions = positions  # text -> Positions in the client's units
        self.docs: dict[str, Document] = {}
        self.docs_url: str | None = None  # "https://…/{code}" from initializationOptions
        # config folder stamp -> Project or the error loading it
        self.projects: dict[Path, tuple[tuple, Project | str]] = {}
        # display path -> ((mtime_ns, size), project, analysis) of articles not open in the editor
        self.siblings: dict[str, tuple[tuple[int, int], Project, ArticleResult]] = {}
        self.hrefs: dict[tuple[int, str], str | None] = {}

    def project_for(self, path: Path | None) -> Project | str:
        """The config as the CLI finds it for `path`, reloaded when any config
        file above it appears, changes or disappears (a few stat calls)."""
        folder = config_folder(path)
        stamp = _config_stamp(folder)
        cached = self.projects.get(folder)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        try:
            loaded: Project | str = Project.load(path if path is not None else Path.cwd())
        except (ConfigError, RuleError) as err:
            loaded = str(err)
        self.projects[folder] = (stamp, loaded)
        return loaded

    def lint(self, uri: str, text: str, version: int | None, from_disk: bool) -> Outcome:
        doc = self.docs.get(uri)
        if doc is None:
            return Outcome(uri, version, [], [], text)
        project = self.project_for(doc.path)
        if isinstance(project, str):
            doc.own, doc.project = None, None
            return _config_error(doc, project, text, version)
        data = _disk_bytes(doc.path, text) if from_disk else None
        if data is None:
            data = text.encode("utf-8", errors="surrogatepass")
        doc.own = analyse_text(doc.shown, data, project)
        doc.project = project
        known, missing = self.known_siblings(doc, project)
        if 0 < len(missing) <= INLINE_NEIGHBOURS:
            # One or two articles saved or added since: read them now rather than let the
            # cross-article findings blink out until the background pass is done.
            self.analyse_missing(missing, project)
            known, missing = self.known_siblings(doc, project)
        run = complete(doc.own, project, known if not missing else [])
        pairs = self.diagnostics(run, self.positions(text), project)
        diagnostics = [d for d, _ in pairs]
        folder = config_folder(doc.path)
        return Outcome(
            uri, version, diagnostics, pairs, text, missing=missing, config_folder=folder
        )

    def known_siblings(
        self, doc: Document, project: Project
    ) -> tuple[list[ArticleResult], list[Path]]:
        """The folder's other articles: open buffers as typed, the rest as saved."""
        if doc.path is None or not project.corpus_rules:
            return [], []
        open_docs = {
            d.shown: d for d in list(self.docs.values()) if d.path is not None and d is not doc
        }
        known: list[ArticleResult] = []
        missing: list[Path] = []
        for path in sibling_paths(doc.path, project.settings):
            shown = display_path(path)
            other = open_docs.get(shown)
            if other is not None and other.own is not None and other.project is project:
                known.append(other.own)
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            entry = self.siblings.get(shown)
            if (
                entry is not None
                and entry[0] == (stat.st_mtime_ns, stat.st_size)
                and entry[1] is project
            ):
                known.append(entry[2])
            else:
                missing.append(path)
        return known, missing

    def analyse_missing(self, paths: list[Path], project: Project) -> None:
        """Read the folder's other articles once (from the result cache when it has them)."""
        from ..engine.runner import analyse_files

        stats = {}
        for path in paths:
            try:
                st = path.stat()
                stats[display_path(path)] = (st.st_mtime_ns, st.st_size)
            except OSError:
                pass
        jobs = 1 if len(paths) <= 24 else project.settings.jobs
        # With every rule, as `contentlint check FOLDER` analyses them: a run of the CLI has
        # filled the result cache for the editor, and the editor fills it for the next run.
        for result in analyse_files(paths, project.rules, project.registry, project.settings, jobs):
            if result.path in stats:
                # Only what the corpus pass reads is kept: their own findings are never shown here.
                entry = (stats[result.path], project, replace(result, findings=[]))
                self.siblings[result.path] = entry

    def relink(self, uri: str) -> Outcome | None:
        """The corpus pass again for an open document whose neighbours changed."""
        doc = self.docs.get(uri)
        if doc is None or doc.own is None or doc.project is None:
            return None
        known, missing = self.known_siblings(doc, doc.project)
        if missing:
            return None
        run = complete(doc.own, doc.project, known)
        positions = self.positions(doc.own.text if doc.text == "" else doc.text)
        pairs = self.diagnostics(run, positions, doc.project)
        return Outcome(uri, doc.published_version, [d for d, _ in pairs], pairs, doc.text)

    def diagnostics(
        self, run: Any, positions: Positions, project: Project
    ) -> list[tuple[T.Diagnostic, Finding]]:
        return [
            (self.diagnostic(f, positions, project), f) for r in run.results for f in r.findings
        ]

    def diagnostic(self, finding: Finding, positions: Positions, project: Project) -> T.Diagnostic:
        href = self.docs_href(finding.code, project)
        return T.Diagnostic(
            range=positions.finding_range(finding),
            message=finding.message,
            severity=SEVERITY.get(finding.severity, T.DiagnosticSeverity.Warning),
            code=finding.code,
            code_description=T.CodeDescription(href=href) if href else None,
            source=SOURCE,
            tags=[T.DiagnosticTag.Unnecessary] if finding.name == "unused-suppression" else None,
            data={"name": finding.name, "fixable": finding.fix is not None},
        )

    def docs_href(self, code: str, project: Project) -> str | None:
        """The rule's docs: a configured URL template, else `explain` rendered to a local file."""
        if self.docs_url:
            return self.docs_url.format(code=code)
        key = (id(project.registry), code)
        if key not in self.hrefs:
            rule = project.registry.rules.get(code)
            self.hrefs[key] = from_fs_path(str(rule_doc_file(rule))) if rule is not None else None
        return self.hrefs[key]


def _config_error(doc: Document, error: str, text: str, version: int | None) -> Outcome:
    message = f"contentlint cannot lint with this configuration: {error}"
    diag = T.Diagnostic(
        range=document_start(),
        message=message,
        severity=T.DiagnosticSeverity.Error,
        code=CONFIG_CODE,
        source=SOURCE,
    )
    folder = config_folder(doc.path)
    return Outcome(doc.uri, version, [diag], [], text, error=message, config_folder=folder)


def config_folder(path: Path | None) -> Path:
    return (path.parent if path is not None else Path.cwd()).resolve()


def _config_stamp(folder: Path) -> tuple:
    stamp = []
    for parent in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            try:
                st = (parent / name).stat()
            except OSError:
                continue
            stamp.append((str(parent / name), st.st_mtime_ns, st.st_size))
    return tuple(stamp)


def _disk_bytes(path: Path | None, text: str) -> bytes | None:
    """The file's bytes when the buffer shows the file as saved, so that an
    undecodable or binary file gets the CLI's input finding, byte offset and all."""
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    shown = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    saved = shown.replace("\r\n", "\n") == text.lstrip("\ufeff").replace("\r\n", "\n")
    return data if saved else None


def rule_doc_file(rule: Any) -> Path:
    """`contentlint explain CODE` as a Markdown file the editor can open."""
    base = (
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        / "contentlint"
        / "rules"
        / __version__
    )
    target = base / f"{rule.code}.md"
    if not target.exists():
        try:
            base.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(render(rule), encoding="utf-8")
            os.replace(tmp, target)
        except OSError:
            pass
    return target

"""`contentlint server`: the findings under the writer's cursor, as they type.

A Language Server Protocol server over stdio, built on pygls. It lints the
editor's unsaved text exactly as `contentlint check - --stdin-filename PATH`
would (lint/commands/live.py): the config found from the document, the same rules,
suppressions and per-file ignores, and the cross-article context of the
document's folder, whose other articles come from memory, the result cache,
or one analysis in the background.

Concurrency: one worker thread does all linting (one spaCy pipeline, no
locks in the analysis); the event loop only schedules and publishes. A change
waits `debounce` seconds, changes that arrive while a lint runs are coalesced
into the next one, and a lint that errs becomes one diagnostic, never a dead
server.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from lsprotocol import types as T
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from .. import __version__
from ..engine.discover import display_path
from ..engine.pipeline import ArticleResult
from ..model.errors import ConfigError, RuleError
from ..model.finding import Finding, Fix
from ..model.positions import LineIndex
from ..text import nlp
from .live import STDIN, Project, analyse_text, complete, sibling_paths

log = logging.getLogger("contentlint.server")

SOURCE = "contentlint"
LANGUAGES = {"markdown", "mdx", "markdown.mdx"}
SUFFIXES = {".md", ".markdown", ".mdx"}
CONFIG_NAMES = (".contentlint.toml", "pyproject.toml")
SEVERITY = {
    "error": T.DiagnosticSeverity.Error,
    "warning": T.DiagnosticSeverity.Warning,
    "info": T.DiagnosticSeverity.Information,
}
EXPLAIN = "contentlint.explain"
CONFIG_CODE = "config"
DEFAULT_DEBOUNCE_MS = 30
REASON_PLACEHOLDER = "TODO: why this is fine here"
INLINE_NEIGHBOURS = 2  # more unread neighbours than this are read in the background


# -- positions ---------------------------------------------------------------
class Positions:
    """1-based character lines/columns and offsets of one text, to LSP positions
    in the client's units (UTF-16 unless it negotiated otherwise)."""

    def __init__(self, text: str, units) -> None:
        self.index = LineIndex(text)
        self.units = units  # str -> number of client code units

    def at(self, line: int, column: int) -> T.Position:
        """`column` is 1-based and counts characters; LSP lines are 0-based."""
        line = max(1, min(line, self.index.line_count))
        text = self.index.line_text(line)
        return T.Position(line=line - 1, character=self.units(text[: max(0, column - 1)]))

    def offset(self, offset: int) -> T.Position:
        line, column = self.index.position(offset)
        return self.at(line, column)

    def finding_range(self, finding: Finding) -> T.Range:
        # A finding's end column is inclusive; an LSP range's end is exclusive.
        return T.Range(
            start=self.at(finding.line, finding.column),
            end=self.at(finding.end_line, finding.end_column + 1),
        )

    def fix_range(self, fix: Fix) -> T.Range:
        return T.Range(start=self.offset(fix.start), end=self.offset(fix.end))


def _unit_counter(encoding) -> Callable[[str], int]:
    """The length of a string in the client's position units, at C speed
    (pygls's own counter walks the string in Python, which costs on long lines)."""
    if encoding == T.PositionEncodingKind.Utf32:
        return len
    if encoding == T.PositionEncodingKind.Utf8:
        return lambda s: len(s.encode("utf-8", "surrogatepass"))
    return lambda s: len(s) if s.isascii() else len(s.encode("utf-16-le", "surrogatepass")) // 2


# -- state ---------------------------------------------------------------------
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


class ContentlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "contentlint", __version__, text_document_sync_kind=T.TextDocumentSyncKind.Incremental
        )
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="contentlint-lint")
        self.docs: dict[str, Document] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.last_change: dict[str, float] = {}  # uri -> time.monotonic() of its last change
        self.linting: str | None = None  # the document being linted now
        self.running: asyncio.Task | None = None  # and the task linting it
        self.lock = asyncio.Lock()  # one lint at a time, in the order asked
        self.debounce = DEFAULT_DEBOUNCE_MS / 1000
        self.docs_url: str | None = None  # "https://…/{code}" from initializationOptions
        # config folder stamp -> Project or the error loading it
        self.projects: dict[Path, tuple[tuple, Project | str]] = {}
        # display path -> ((mtime_ns, size), project, analysis) of articles not open in the editor
        self.siblings: dict[str, tuple[tuple[int, int], Project, ArticleResult]] = {}
        self.hrefs: dict[tuple[int, str], str | None] = {}
        self.shown_errors: dict[Path, str] = {}  # folder -> the config error the writer was shown
        self.background: asyncio.Task | None = None

    # -- units ---------------------------------------------------------------
    def positions(self, text: str) -> Positions:
        return Positions(text, _unit_counter(self.workspace.position_encoding))

    # -- configuration ---------------------------------------------------------
    def project_for(self, path: Path | None) -> Project | str:
        """The config as the CLI finds it for `path`, reloaded when any config
        file above it appears, changes or disappears (a few stat calls)."""
        folder = _folder(path)
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

    # -- the lint (worker thread) ---------------------------------------------
    def lint(self, uri: str, text: str, version: int | None, from_disk: bool) -> Outcome:
        doc = self.docs.get(uri)
        if doc is None:
            return Outcome(uri, version, [], [], text)
        project = self.project_for(doc.path)
        positions = self.positions(text)
        if isinstance(project, str):
            doc.own, doc.project = None, None
            message = f"contentlint cannot lint with this configuration: {project}"
            diag = T.Diagnostic(
                range=T.Range(
                    start=T.Position(line=0, character=0), end=T.Position(line=0, character=0)
                ),
                message=message,
                severity=T.DiagnosticSeverity.Error,
                code=CONFIG_CODE,
                source=SOURCE,
            )
            return Outcome(
                uri, version, [diag], [], text, error=message, config_folder=_folder(doc.path)
            )
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
        pairs = [
            (self.diagnostic(f, positions, project), f) for r in run.results for f in r.findings
        ]
        return Outcome(
            uri,
            version,
            [d for d, _ in pairs],
            pairs,
            text,
            missing=missing,
            config_folder=_folder(doc.path),
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
                self.siblings[result.path] = (
                    stats[result.path],
                    project,
                    replace(result, findings=[]),
                )

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
        pairs = [
            (self.diagnostic(f, positions, doc.project), f) for r in run.results for f in r.findings
        ]
        return Outcome(uri, doc.published_version, [d for d, _ in pairs], pairs, doc.text)

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

    # -- scheduling (event loop) -------------------------------------------------
    def schedule(self, uri: str, delay: float, from_disk: bool = False) -> None:
        """Lint `uri` after `delay`, unless another change comes first (a debounce).

        The debounce has a leading edge: the first change after a quiet spell
        longer than the delay, with no lint running, is linted at once; the
        changes that follow it wait, and those that arrive while a lint runs
        are coalesced into one lint of the latest text."""
        now = time.monotonic()
        quiet = now - self.last_change.get(uri, 0.0) > delay
        self.last_change[uri] = now
        task = self.pending.get(uri)
        busy = self.linting is not None or (task is not None and not task.done())
        if quiet and not busy:
            delay = 0
        if task is not None and not task.done() and task is not self.running:
            task.cancel()  # not started yet: this change supersedes it
        self.pending[uri] = asyncio.ensure_future(self._lint_after(uri, delay, from_disk))

    async def _lint_after(self, uri: str, delay: float, from_disk: bool) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        async with self.lock:
            if uri not in self.docs:
                return
            document = self.workspace.get_text_document(uri)
            text, version = document.source, document.version
            self.linting, self.running = uri, asyncio.current_task()
            try:
                outcome = await asyncio.get_running_loop().run_in_executor(
                    self.worker, self._safe_lint, uri, text, version, from_disk
                )
            finally:
                self.linting, self.running = None, None
            self.publish(outcome)
            # The other open articles of this folder compare against this buffer as typed.
            await self.relink_all(near=uri)
        if outcome.missing:
            self.start_background(outcome.uri, outcome.missing)

    def _safe_lint(self, uri: str, text: str, version: int | None, from_disk: bool) -> Outcome:
        try:
            return self.lint(uri, text, version, from_disk)
        except Exception as err:
            log.error("linting %s failed:\n%s", uri, traceback.format_exc())
            diag = T.Diagnostic(
                range=T.Range(
                    start=T.Position(line=0, character=0), end=T.Position(line=0, character=0)
                ),
                message=f"contentlint failed on this document ({err.__class__.__name__}: {err}); "
                "the server log has the details",
                severity=T.DiagnosticSeverity.Error,
                code="internal",
                source=SOURCE,
            )
            return Outcome(uri, version, [diag], [], text)

    def publish(self, outcome: Outcome) -> None:
        doc = self.docs.get(outcome.uri)
        if doc is None:
            return
        if (
            outcome.version is not None
            and doc.published_version is not None
            and outcome.version < doc.published_version
        ):
            return  # a newer lint already published
        doc.published, doc.text, doc.published_version = (
            outcome.pairs,
            outcome.text,
            outcome.version,
        )
        self.text_document_publish_diagnostics(
            T.PublishDiagnosticsParams(
                uri=outcome.uri, diagnostics=outcome.diagnostics, version=outcome.version
            )
        )
        if outcome.config_folder is None:
            return
        if outcome.error is not None:
            # Once per folder and problem, not at every keystroke.
            if self.shown_errors.get(outcome.config_folder) != outcome.error:
                self.shown_errors[outcome.config_folder] = outcome.error
                self.window_show_message(
                    T.ShowMessageParams(type=T.MessageType.Error, message=outcome.error)
                )
        else:
            self.shown_errors.pop(outcome.config_folder, None)

    def start_background(self, uri: str, missing: list[Path]) -> None:
        if self.background is not None and not self.background.done():
            return  # the running one re-lints every open document when done
        self.background = asyncio.ensure_future(self._analyse_background(uri, missing))

    async def _analyse_background(self, uri: str, missing: list[Path]) -> None:
        doc = self.docs.get(uri)
        if doc is None or doc.project is None:
            return
        async with self.lock:
            await asyncio.get_running_loop().run_in_executor(
                self.worker, self._safe_analyse, missing, doc.project
            )
            await self.relink_all()

    def _safe_analyse(self, paths: list[Path], project: Project) -> None:
        try:
            self.analyse_missing(paths, project)
        except Exception:
            log.error("analysing %s failed:\n%s", [str(p) for p in paths], traceback.format_exc())

    async def relink_all(self, near: str | None = None) -> None:
        """Re-run the corpus pass for the open documents (all, or those in `near`'s folder but it)."""
        loop = asyncio.get_running_loop()
        targets = list(self.docs)
        if near is not None:
            source = self.docs.get(near)
            if (
                source is None
                or source.path is None
                or source.project is None
                or not source.project.corpus_rules
            ):
                return
            folder = source.path.parent
            targets = [
                uri
                for uri, doc in list(self.docs.items())
                if uri != near and doc.path is not None and doc.path.parent == folder
            ]
        for uri in targets:
            if uri not in self.docs:  # closed meanwhile
                continue
            outcome = await loop.run_in_executor(self.worker, self._safe_relink, uri)
            if outcome is not None:
                self.publish(outcome)

    def _safe_relink(self, uri: str) -> Outcome | None:
        try:
            return self.relink(uri)
        except Exception:
            log.error("relinking %s failed:\n%s", uri, traceback.format_exc())
            return None


def _folder(path: Path | None) -> Path:
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
    return (
        data if shown.replace("\r\n", "\n") == text.lstrip("\ufeff").replace("\r\n", "\n") else None
    )


def rule_doc_file(rule) -> Path:
    """`contentlint explain CODE` as a Markdown file the editor can open."""
    from .explain import render

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


def _path_of(uri: str) -> Path | None:
    if not uri.startswith("file:"):
        return None
    fs = to_fs_path(uri)
    return Path(fs) if fs else None


def _wanted(uri: str, language: str | None) -> bool:
    if language and language.lower() in LANGUAGES:
        return True
    path = _path_of(uri)
    return path is not None and path.suffix.lower() in SUFFIXES


# -- features -----------------------------------------------------------------
server = ContentlintServer()


@server.feature(T.INITIALIZE)
def on_initialize(ls: ContentlintServer, params: T.InitializeParams) -> None:
    options = (
        params.initialization_options if isinstance(params.initialization_options, dict) else {}
    )
    debounce = options.get("debounceMs", options.get("debounce_ms"))
    if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and debounce >= 0:
        ls.debounce = debounce / 1000
    if isinstance(options.get("docsUrl"), str) and "{code}" in options["docsUrl"]:
        ls.docs_url = options["docsUrl"]
    root = None
    if params.workspace_folders:
        root = to_fs_path(params.workspace_folders[0].uri)
    elif params.root_uri:
        root = to_fs_path(params.root_uri)
    elif params.root_path:
        root = params.root_path
    if root and os.path.isdir(root):
        os.chdir(
            root
        )  # paths, per-file ignores and the cache as `contentlint check` run from the root


@server.feature(T.INITIALIZED)
def on_initialized(ls: ContentlintServer, params: T.InitializedParams) -> None:
    watch = (
        ls.client_capabilities.workspace
        and ls.client_capabilities.workspace.did_change_watched_files
    )
    if watch and watch.dynamic_registration:
        watchers = [T.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
        watchers += [T.FileSystemWatcher(glob_pattern="**/*.{md,markdown,mdx}")]
        ls.client_register_capability(
            T.RegistrationParams(
                registrations=[
                    T.Registration(
                        id="contentlint-watch",
                        method=T.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        register_options=T.DidChangeWatchedFilesRegistrationOptions(
                            watchers=watchers
                        ),
                    )
                ]
            )
        )
    # Build the spaCy pipeline now, so that the first article opened does not wait for it.
    ls.worker.submit(_warm_up)


def _warm_up() -> None:
    try:
        nlp.get_nlp()
    except Exception:
        log.error("warming up failed:\n%s", traceback.format_exc())


@server.feature(T.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ContentlintServer, params: T.DidOpenTextDocumentParams) -> None:
    item = params.text_document
    if not _wanted(item.uri, item.language_id):
        return
    ls.docs[item.uri] = Document(item.uri, _path_of(item.uri), item.version)
    ls.schedule(item.uri, 0, from_disk=True)


@server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ContentlintServer, params: T.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    if uri in ls.docs:
        ls.schedule(uri, ls.debounce)


@server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ContentlintServer, params: T.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    task = ls.pending.pop(uri, None)
    ls.last_change.pop(uri, None)
    if task is not None and not task.done():
        task.cancel()
    if ls.docs.pop(uri, None) is not None:
        ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(T.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: ContentlintServer, params: T.DidChangeWatchedFilesParams) -> None:
    config_changed = False
    for change in params.changes:
        path = _path_of(change.uri)
        if path is None:
            continue
        if path.name in CONFIG_NAMES:
            config_changed = True
        else:
            ls.siblings.pop(display_path(path), None)
    if config_changed:
        ls.projects.clear()
    for uri in list(ls.docs):
        ls.schedule(uri, ls.debounce)


@server.feature(
    T.TEXT_DOCUMENT_CODE_ACTION,
    T.CodeActionOptions(
        code_action_kinds=[
            T.CodeActionKind.QuickFix,
            T.CodeActionKind.SourceFixAll + ".contentlint",
        ]
    ),
)
def code_action(
    ls: ContentlintServer, params: T.CodeActionParams
) -> list[T.CodeAction | T.Command] | None:
    doc = ls.docs.get(params.text_document.uri)
    if doc is None or not doc.published:
        return None
    current = ls.workspace.get_text_document(doc.uri)
    if current.source != doc.text:
        return None  # the findings are for an older text; the next lint brings fresh ones
    positions = ls.positions(doc.text)
    wanted = params.context.only
    actions: list[T.CodeAction | T.Command] = []
    ours = {(d.code, _key(d.range)) for d in params.context.diagnostics if d.source == SOURCE}
    for diag, finding in doc.published:
        if (diag.code, _key(diag.range)) not in ours and not _overlaps(diag.range, params.range):
            continue
        if wanted and not any(k.startswith(T.CodeActionKind.QuickFix) for k in wanted):
            break
        if finding.fix is not None:
            actions.append(
                T.CodeAction(
                    title=f"{finding.code}: {finding.fix.description or 'apply the fix'}",
                    kind=T.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    is_preferred=True,
                    edit=_edit(
                        doc,
                        [
                            T.TextEdit(
                                range=positions.fix_range(finding.fix),
                                new_text=finding.fix.replacement,
                            )
                        ],
                    ),
                )
            )
        suppression = _suppression(doc, finding, positions)
        if suppression is not None:
            actions.append(
                T.CodeAction(
                    title=suppression[0],
                    kind=T.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    edit=_edit(doc, [suppression[1]]),
                )
            )
        if finding.code not in {CONFIG_CODE, "internal"}:
            # A bare Command, not a CodeAction carrying one: every client tells those apart.
            actions.append(
                T.Command(
                    title=f"Explain {finding.code} ({finding.name})",
                    command=EXPLAIN,
                    arguments=[finding.code],
                )
            )
    fixes = [f.fix for _, f in doc.published if f.fix is not None]
    fix_all = T.CodeActionKind.SourceFixAll + ".contentlint"
    if fixes and (
        not wanted or any(fix_all.startswith(k) or k.startswith(fix_all) for k in wanted)
    ):
        actions.append(
            T.CodeAction(
                title="contentlint: apply every fix",
                kind=fix_all,
                edit=_edit(
                    doc,
                    [
                        T.TextEdit(range=positions.fix_range(f), new_text=f.replacement)
                        for f in _non_overlapping(fixes)
                    ],
                ),
            )
        )
    return actions or None


def _key(rng: T.Range) -> tuple[int, int, int, int]:
    return rng.start.line, rng.start.character, rng.end.line, rng.end.character


def _overlaps(a: T.Range, b: T.Range) -> bool:
    return _key(a)[:2] <= _key(b)[2:] and _key(b)[:2] <= _key(a)[2:]


def _non_overlapping(fixes: list[Fix]) -> list[Fix]:
    chosen: list[Fix] = []
    for fix in sorted(set(fixes), key=lambda f: (f.start, f.end, f.replacement)):
        if chosen and fix.start < chosen[-1].end:
            continue
        chosen.append(fix)
    return chosen


def _edit(doc: Document, edits: list[T.TextEdit]) -> T.WorkspaceEdit:
    return T.WorkspaceEdit(
        document_changes=[
            T.TextDocumentEdit(
                text_document=T.OptionalVersionedTextDocumentIdentifier(
                    uri=doc.uri, version=doc.published_version
                ),
                edits=edits,
            )
        ]
    )


def _suppression(
    doc: Document, finding: Finding, positions: Positions
) -> tuple[str, T.TextEdit] | None:
    """An inline suppression with a reason to fill in: on the finding's line in the
    body, or the frontmatter key for a finding in the frontmatter."""
    if finding.code in {CONFIG_CODE, "internal", "CL001", "CL901"}:
        return None
    frontmatter_end = _frontmatter_end_line(doc.text)
    if frontmatter_end and finding.line <= frontmatter_end:
        if "\ncontentlint-disable:" in doc.text[: positions.index.line_start(frontmatter_end)]:
            return None  # already there: the writer extends that list
        newline = "\r\n" if "\r\n" in doc.text else "\n"
        insert = positions.at(2, 1)
        return (
            f"Disable {finding.code} for this article (frontmatter)",
            T.TextEdit(
                range=T.Range(start=insert, end=insert),
                new_text=f"contentlint-disable: [{finding.code}]  # {REASON_PLACEHOLDER}{newline}",
            ),
        )
    end = positions.at(finding.line, len(positions.index.line_text(finding.line)) + 1)
    return (
        f"Disable {finding.code} on this line",
        T.TextEdit(
            range=T.Range(start=end, end=end),
            new_text=f" <!-- contentlint-disable-line {finding.code} -- {REASON_PLACEHOLDER} -->",
        ),
    )


def _frontmatter_end_line(text: str) -> int:
    """The line of the closing `---`, or 0 when there is no frontmatter."""
    from ..model.article import FENCE

    if not text.startswith("---"):
        return 0
    opening = FENCE.match(text)
    closing = FENCE.search(text, opening.end()) if opening else None
    return text.count("\n", 0, closing.start()) + 1 if closing else 0


@server.command(EXPLAIN)
def explain_command(ls: ContentlintServer, code: str) -> str | None:
    """Open the rule's docs (window/showDocument), or show them as a message."""
    from .explain import render

    rule = _find_rule(ls, code)
    if rule is None:
        ls.window_show_message(
            T.ShowMessageParams(type=T.MessageType.Warning, message=f"No rule {code!r}")
        )
        return None
    window = ls.client_capabilities.window
    if window is not None and window.show_document is not None and window.show_document.support:
        uri = (
            ls.docs_url.format(code=rule.code)
            if ls.docs_url
            else from_fs_path(str(rule_doc_file(rule)))
        )
        ls.window_show_document(
            T.ShowDocumentParams(uri=uri, external=bool(ls.docs_url), take_focus=True)
        )
    else:
        ls.window_show_message(T.ShowMessageParams(type=T.MessageType.Info, message=render(rule)))
    return rule.code


def _find_rule(ls: ContentlintServer, code: str):
    for doc in ls.docs.values():
        if doc.project is not None and doc.project.registry.find(code) is not None:
            return doc.project.registry.find(code)
    try:
        project = Project.load(Path.cwd())
    except (ConfigError, RuleError):
        return None
    return project.registry.find(code)


@server.feature(T.TEXT_DOCUMENT_HOVER)
def hover(ls: ContentlintServer, params: T.HoverParams) -> T.Hover | None:
    """On a finding: its message and the rule's docs (what `contentlint explain` prints)."""
    from .explain import render

    doc = ls.docs.get(params.text_document.uri)
    if doc is None or doc.project is None:
        return None
    here = (params.position.line, params.position.character)
    parts, span = [], None
    for diag, finding in doc.published:
        k = _key(diag.range)
        if not (k[:2] <= here <= k[2:]):
            continue
        rule = doc.project.registry.rules.get(finding.code)
        body = render(rule) if rule is not None else ""
        body = (
            body.split("\n", 2)[2] if body.count("\n") >= 2 else body
        )  # the title line is the heading below
        parts.append(
            f"### {finding.code} {finding.name} ({finding.severity})\n\n{finding.message}\n\n{body}"
        )
        span = span or diag.range
    if not parts:
        return None
    return T.Hover(
        contents=T.MarkupContent(kind=T.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
        range=span,
    )


def serve(argv: list[str] | None = None) -> None:
    logging.basicConfig(
        stream=sys.stderr,
        level=os.environ.get("CONTENTLINT_LOG", "WARNING").upper(),
        format="contentlint-server %(levelname)s %(message)s",
    )
    server.start_io()

"""When documents are linted, and how the results reach the editor (the event loop's side).

One worker thread does all linting (one spaCy pipeline, no locks in the
analysis); the event loop only schedules and publishes. A change waits
`debounce` seconds, changes that arrive while a lint runs are coalesced into
the next one, and a lint that errs becomes one diagnostic, never a dead server.
"""

from __future__ import annotations

import asyncio
import logging
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lsprotocol import types as T
from pygls.lsp.server import LanguageServer

from .. import __version__
from .live import Project
from .server_documents import SOURCE, DocumentLinter, Outcome
from .server_positions import Positions, document_start, unit_counter

log = logging.getLogger("contentlint.server")

DEFAULT_DEBOUNCE_MS = 30


class ContentlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "contentlint", __version__, text_document_sync_kind=T.TextDocumentSyncKind.Incremental
        )
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="contentlint-lint")
        self.linter = DocumentLinter(self.positions)
        self.pending: dict[str, asyncio.Task] = {}
        self.last_change: dict[str, float] = {}  # uri -> time.monotonic() of its last change
        self.linting: str | None = None  # the document being linted now
        self.running: asyncio.Task | None = None  # and the task linting it
        self.lock = asyncio.Lock()  # one lint at a time, in the order asked
        self.debounce = DEFAULT_DEBOUNCE_MS / 1000
        self.shown_errors: dict[Path, str] = {}  # folder -> the config error the writer was shown
        self.background: asyncio.Task | None = None

    def positions(self, text: str) -> Positions:
        return Positions(text, unit_counter(self.workspace.position_encoding))

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
            if uri not in self.linter.docs:
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
            return self.linter.lint(uri, text, version, from_disk)
        except Exception as err:
            log.error("linting %s failed:\n%s", uri, traceback.format_exc())
            diag = T.Diagnostic(
                range=document_start(),
                message=f"contentlint failed on this document ({err.__class__.__name__}: {err}); "
                "the server log has the details",
                severity=T.DiagnosticSeverity.Error,
                code="internal",
                source=SOURCE,
            )
            return Outcome(uri, version, [diag], [], text)

    def publish(self, outcome: Outcome) -> None:
        doc = self.linter.docs.get(outcome.uri)
        if doc is None:
            return
        if (
            outcome.version is not None
            and doc.published_version is not None
            and outcome.version < doc.published_version
        ):
            return  # a newer lint already published
        doc.published, doc.text = outcome.pairs, outcome.text
        doc.published_version = outcome.version
        self.text_document_publish_diagnostics(
            T.PublishDiagnosticsParams(
                uri=outcome.uri, diagnostics=outcome.diagnostics, version=outcome.version
            )
        )
        if outcome.config_folder is not None:
            self.show_config_error(outcome.config_folder, outcome.error)

    def show_config_error(self, folder: Path, error: str | None) -> None:
        """Once per folder and problem, not at every keystroke."""
        if error is None:
            self.shown_errors.pop(folder, None)
        elif self.shown_errors.get(folder) != error:
            self.shown_errors[folder] = error
            self.window_show_message(T.ShowMessageParams(type=T.MessageType.Error, message=error))

    def start_background(self, uri: str, missing: list[Path]) -> None:
        if self.background is not None and not self.background.done():
            return  # the running one re-lints every open document when done
        self.background = asyncio.ensure_future(self._analyse_background(uri, missing))

    async def _analyse_background(self, uri: str, missing: list[Path]) -> None:
        doc = self.linter.docs.get(uri)
        if doc is None or doc.project is None:
            return
        async with self.lock:
            await asyncio.get_running_loop().run_in_executor(
                self.worker, self._safe_analyse, missing, doc.project
            )
            await self.relink_all()

    def _safe_analyse(self, paths: list[Path], project: Project) -> None:
        try:
            self.linter.analyse_missing(paths, project)
        except Exception:
            log.error("analysing %s failed:\n%s", [str(p) for p in paths], traceback.format_exc())

    async def relink_all(self, near: str | None = None) -> None:
        """Re-run the corpus pass for the open documents (all, or those in `near`'s folder but it)."""
        loop = asyncio.get_running_loop()
        targets = list(self.linter.docs) if near is None else self.neighbours(near)
        for uri in targets:
            if uri not in self.linter.docs:  # closed meanwhile
                continue
            outcome = await loop.run_in_executor(self.worker, self._safe_relink, uri)
            if outcome is not None:
                self.publish(outcome)

    def neighbours(self, near: str) -> list[str]:
        """The other open documents of `near`'s folder, when its rules compare articles."""
        source = self.linter.docs.get(near)
        if source is None or source.path is None or source.project is None:
            return []
        if not source.project.corpus_rules:
            return []
        folder = source.path.parent
        return [
            uri
            for uri, doc in list(self.linter.docs.items())
            if uri != near and doc.path is not None and doc.path.parent == folder
        ]

    def _safe_relink(self, uri: str) -> Outcome | None:
        try:
            return self.linter.relink(uri)
        except Exception:
            log.error("relinking %s failed:\n%s", uri, traceback.format_exc())
            return None

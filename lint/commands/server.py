"""`contentlint server`: the findings under the writer's cursor, as they type.

A Language Server Protocol server over stdio, built on pygls. It lints the
editor's unsaved text exactly as `contentlint check - --stdin-filename PATH`
would (live.py): the config found from the document, the same rules,
suppressions and per-file ignores, and the cross-article context of the
document's folder, whose other articles come from memory, the result cache,
or one analysis in the background.

This module answers the protocol's requests and notifications; the documents
and their lint are in server_documents.py, when to lint in server_scheduling.py,
the code actions in server_actions.py.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from typing import Any

from lsprotocol import types as T
from pygls.uris import from_fs_path, to_fs_path

from ..engine.discover import display_path
from ..model.errors import ConfigError, RuleError
from ..text import nlp
from .explain import render
from .live import Project
from .server_actions import EXPLAIN, FIX_ALL, code_actions
from .server_documents import CONFIG_NAMES, Document, rule_doc_file
from .server_positions import range_key
from .server_scheduling import ContentlintServer

log = logging.getLogger("contentlint.server")

LANGUAGES = {"markdown", "mdx", "markdown.mdx"}
SUFFIXES = {".md", ".markdown", ".mdx"}


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
        ls.linter.docs_url = options["docsUrl"]
    root = None
    if params.workspace_folders:
        root = to_fs_path(params.workspace_folders[0].uri)
    elif params.root_uri:
        root = to_fs_path(params.root_uri)
    elif params.root_path:
        root = params.root_path
    if root and os.path.isdir(root):
        # paths, per-file ignores and the cache as `contentlint check` run from the root
        os.chdir(root)


@server.feature(T.INITIALIZED)
def on_initialized(ls: ContentlintServer, params: T.InitializedParams) -> None:
    watch = (
        ls.client_capabilities.workspace
        and ls.client_capabilities.workspace.did_change_watched_files
    )
    if watch and watch.dynamic_registration:
        watchers = [T.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]
        watchers += [T.FileSystemWatcher(glob_pattern="**/*.{md,markdown,mdx}")]
        options = T.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
        registration = T.Registration(
            id="contentlint-watch",
            method=T.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=options,
        )
        ls.client_register_capability(T.RegistrationParams(registrations=[registration]))
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
    ls.linter.docs[item.uri] = Document(item.uri, _path_of(item.uri), item.version)
    ls.schedule(item.uri, 0, from_disk=True)


@server.feature(T.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ContentlintServer, params: T.DidChangeTextDocumentParams) -> None:
    uri = params.text_document.uri
    if uri in ls.linter.docs:
        ls.schedule(uri, ls.debounce)


@server.feature(T.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ContentlintServer, params: T.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    task = ls.pending.pop(uri, None)
    ls.last_change.pop(uri, None)
    if task is not None and not task.done():
        task.cancel()
    if ls.linter.docs.pop(uri, None) is not None:
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
            ls.linter.siblings.pop(display_path(path), None)
    if config_changed:
        ls.linter.projects.clear()
    for uri in list(ls.linter.docs):
        ls.schedule(uri, ls.debounce)


@server.feature(
    T.TEXT_DOCUMENT_CODE_ACTION,
    T.CodeActionOptions(code_action_kinds=[T.CodeActionKind.QuickFix, FIX_ALL]),
)
def code_action(
    ls: ContentlintServer, params: T.CodeActionParams
) -> list[T.CodeAction | T.Command] | None:
    doc = ls.linter.docs.get(params.text_document.uri)
    if doc is None or not doc.published:
        return None
    current = ls.workspace.get_text_document(doc.uri)
    if current.source != doc.text:
        return None  # the findings are for an older text; the next lint brings fresh ones
    return code_actions(doc, params, ls.positions(doc.text))


@server.command(EXPLAIN)
def explain_command(ls: ContentlintServer, code: str) -> str | None:
    """Open the rule's docs (window/showDocument), or show them as a message."""
    rule = _find_rule(ls, code)
    if rule is None:
        ls.window_show_message(
            T.ShowMessageParams(type=T.MessageType.Warning, message=f"No rule {code!r}")
        )
        return None
    window = ls.client_capabilities.window
    docs_url = ls.linter.docs_url
    if window is not None and window.show_document is not None and window.show_document.support:
        uri = (
            docs_url.format(code=rule.code) if docs_url else from_fs_path(str(rule_doc_file(rule)))
        )
        ls.window_show_document(
            T.ShowDocumentParams(uri=uri, external=bool(docs_url), take_focus=True)
        )
    else:
        ls.window_show_message(T.ShowMessageParams(type=T.MessageType.Info, message=render(rule)))
    return rule.code


def _find_rule(ls: ContentlintServer, code: str) -> Any:
    for doc in ls.linter.docs.values():
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
    doc = ls.linter.docs.get(params.text_document.uri)
    if doc is None or doc.project is None:
        return None
    here = (params.position.line, params.position.character)
    parts, span = [], None
    for diag, finding in doc.published:
        k = range_key(diag.range)
        if not (k[:2] <= here <= k[2:]):
            continue
        rule = doc.project.registry.rules.get(finding.code)
        body = render(rule) if rule is not None else ""
        # the title line is the heading below
        body = body.split("\n", 2)[2] if body.count("\n") >= 2 else body
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

"""The language server, driven over stdio by a real LSP client (pytest-lsp).

One server process serves the whole module; every test opens its own
documents. Waits are bounded (a minute), never timed assertions.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp")
from lsprotocol import types as T  # noqa: E402
from pygls.protocol import default_converter  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WAIT = 60  # seconds: a bound on every wait, not a speed requirement

ARTICLE = """---
title: "Ketamine for chronic pain"
slug: "ketamine-chronic-pain"
excerpt: "What the research says about ketamine infusions for chronic pain, and what a course involves."
category: "CLINICAL_RESEARCH"
author: "Editorial Team"
publishedAt: "2025-03-02"
featuredImage: "/images/k.jpg"
tags: ["ketamine"]
---

# Ketamine for chronic pain

🙂 Up to 85% of chronic pain patients improve after a series of infusions.

Studies show that ketamine helps.
"""
CONFIG = '[rules.CL103]\ntoday = "2025-06-01"\n\n[rules.CL114]\ntoday = "2025-06-01"\n'


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("workspace")
    (root / ".contentlint.toml").write_text(CONFIG, encoding="utf-8")
    articles = root / "articles"
    articles.mkdir()
    (articles / "chronic-pain.md").write_text(ARTICLE, encoding="utf-8")
    shutil.copytree(
        ROOT / "corpus", root / "corpus", ignore=shutil.ignore_patterns(".contentlint_cache")
    )
    broken = root / "broken-config"
    broken.mkdir()
    (broken / ".contentlint.toml").write_text('selec = ["CL"]\n', encoding="utf-8")
    (broken / "article.md").write_text(ARTICLE, encoding="utf-8")
    return root


def _record(client: LanguageClient, params: T.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)


def _client() -> LanguageClient:
    """pytest-lsp's client, keeping every publishDiagnostics in order (its own
    wait_for_notification keeps one waiter per method)."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []
    register_lsp_features(
        client,
        {
            **DEFAULT_CLIENT_FEATURES,
            T.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record,
            T.CLIENT_REGISTER_CAPABILITY: lambda *_: None,
        },
    )
    return client


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "lint.cli", "server"],
        server_env=_env(),
        client_factory=_client,
    ),
)
async def client(lsp_client: LanguageClient, workspace: Path):
    await lsp_client.initialize_session(
        T.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=workspace.as_uri(),
            workspace_folders=[T.WorkspaceFolder(uri=workspace.as_uri(), name="ws")],
            initialization_options={"debounceMs": 10},
        )
    )
    yield
    await lsp_client.shutdown_session()


pytestmark = pytest.mark.asyncio(loop_scope="module")


async def _published(
    client: LanguageClient, uri: str, version=None, since: int | None = None, until=None
):
    """The first diagnostics published for `uri` (at `version`, when given; for
    which `until` holds, when given) after the `since`-th notification (default:
    from now on)."""
    seen = len(client.published) if since is None else since

    async def wait():
        nonlocal seen
        while True:
            for params in client.published[seen:]:
                seen += 1
                if (
                    params.uri == uri
                    and (version is None or params.version == version)
                    and (until is None or until(params.diagnostics))
                ):
                    return list(params.diagnostics)
            await asyncio.sleep(0.01)

    return await asyncio.wait_for(wait(), WAIT)


async def _open(client: LanguageClient, path: Path, text: str | None = None, version: int = 1):
    uri = path.as_uri()
    mark = len(client.published)
    client.text_document_did_open(
        T.DidOpenTextDocumentParams(
            T.TextDocumentItem(
                uri=uri,
                language_id="markdown",
                version=version,
                text=path.read_text(encoding="utf-8", errors="replace") if text is None else text,
            )
        )
    )
    return uri, await _published(client, uri, version, since=mark)


async def _replace(client: LanguageClient, uri: str, text: str, version: int) -> list[T.Diagnostic]:
    mark = len(client.published)
    client.text_document_did_change(
        T.DidChangeTextDocumentParams(
            T.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [T.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    return await _published(client, uri, version, since=mark)


def _close(client: LanguageClient, uri: str) -> None:
    client.text_document_did_close(T.DidCloseTextDocumentParams(T.TextDocumentIdentifier(uri=uri)))


def _spans(diagnostics) -> list[tuple]:
    return sorted(
        (
            d.code,
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
        )
        for d in diagnostics
    )


def _apply(text: str, edits) -> str:
    """Apply LSP TextEdits (UTF-16 columns) to `text`."""
    lines = text.splitlines(keepends=True)

    def offset(pos: T.Position) -> int:
        before = sum(len(line) for line in lines[: pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        units, chars = 0, 0
        while units < pos.character and chars < len(line):
            units += 2 if ord(line[chars]) > 0xFFFF else 1
            chars += 1
        return before + chars

    for edit in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def _cli_json(workspace: Path, path: Path) -> list[dict]:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "lint.cli",
            "check",
            "--format",
            "json",
            "--no-cache",
            str(path.relative_to(workspace)),
        ],
        cwd=workspace,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(out.stdout)["files"][0]["findings"]


async def test_open_gives_exact_ranges_in_utf16_with_docs_links(
    client: LanguageClient, workspace: Path
):
    uri, diagnostics = await _open(client, workspace / "articles" / "chronic-pain.md")
    # The emoji before the figure is one character but two UTF-16 code units.
    assert _spans(diagnostics) == [
        ("CL201", 15, 0, 15, 33),
        ("CL301", 13, 3, 13, 37),
        ("CL401", 15, 0, 15, 12),
    ]
    by_code = {d.code: d for d in diagnostics}
    assert by_code["CL301"].severity == T.DiagnosticSeverity.Error
    assert by_code["CL401"].severity == T.DiagnosticSeverity.Warning
    assert by_code["CL301"].source == "contentlint"
    assert "Up to 85% of chronic pain patients" in by_code["CL301"].message
    href = by_code["CL301"].code_description.href
    assert href.startswith("file://") and href.endswith("CL301.md")
    assert "## What it checks" in Path(href[len("file://") :]).read_text(encoding="utf-8")
    _close(client, uri)


async def test_change_updates_diagnostics_and_close_clears_them(
    client: LanguageClient, workspace: Path
):
    uri, diagnostics = await _open(client, workspace / "articles" / "chronic-pain.md")
    assert "CL401" in {d.code for d in diagnostics}
    # An incremental edit: the vague attribution becomes a cited study.
    mark = len(client.published)
    client.text_document_did_change(
        T.DidChangeTextDocumentParams(
            T.VersionedTextDocumentIdentifier(uri=uri, version=2),
            [
                T.TextDocumentContentChangePartial(
                    range=T.Range(T.Position(15, 0), T.Position(15, 12)),
                    text="A [2019 trial](https://doi.org/10.1000/xyz) showed",
                )
            ],
        )
    )
    diagnostics = await _published(client, uri, 2, since=mark)
    assert "CL401" not in {d.code for d in diagnostics}
    assert ("CL301", 13, 3, 13, 37) in _spans(diagnostics)
    # A figure that contradicts the evidence registry is underlined as it is typed.
    typed = (
        ARTICLE
        + "\nAn estimated 20 million US adults live with chronic pain ([CDC](https://www.cdc.gov/)).\n"
    )
    diagnostics = await _replace(client, uri, typed, 3)
    registry = [d for d in diagnostics if d.code == "CL503"]
    assert [(d.range.start.line, d.range.start.character) for d in registry] == [(17, 3)]
    assert "evidence registry gives 50–51.6 million" in registry[0].message
    # A new line with placeholder text is underlined where it is.
    text = ARTICLE + "\nLorem ipsum dolor sit amet.\n"
    diagnostics = await _replace(client, uri, text, 4)
    assert [s for s in _spans(diagnostics) if s[0] == "CL603"] == [("CL603", 17, 0, 17, 26)]
    mark = len(client.published)
    _close(client, uri)
    assert await _published(client, uri, since=mark) == []


async def test_code_action_applies_the_fix(client: LanguageClient, workspace: Path):
    uri, diagnostics = await _open(client, workspace / "articles" / "chronic-pain.md")
    missing = next(d for d in diagnostics if d.code == "CL201")
    actions = await client.text_document_code_action_async(
        T.CodeActionParams(
            T.TextDocumentIdentifier(uri), missing.range, T.CodeActionContext(diagnostics=[missing])
        )
    )
    fix = next(a for a in actions if isinstance(a, T.CodeAction) and a.title.startswith("CL201:"))
    assert fix.kind == T.CodeActionKind.QuickFix and fix.is_preferred
    change = fix.edit.document_changes[0]
    assert change.text_document.uri == uri and change.text_document.version == 1
    fixed = _apply(ARTICLE, change.edits)
    assert fixed.startswith(ARTICLE) and "educational purposes" in fixed[len(ARTICLE) :]
    diagnostics = await _replace(client, uri, fixed, 2)
    assert "CL201" not in {d.code for d in diagnostics}
    _close(client, uri)


async def test_code_action_adds_a_suppression_with_a_reason_to_fill_in(
    client: LanguageClient, workspace: Path
):
    uri, diagnostics = await _open(client, workspace / "articles" / "chronic-pain.md")
    claim = next(d for d in diagnostics if d.code == "CL301")
    actions = await client.text_document_code_action_async(
        T.CodeActionParams(
            T.TextDocumentIdentifier(uri), claim.range, T.CodeActionContext(diagnostics=[claim])
        )
    )
    titles = [a.title for a in actions]
    assert "Disable CL301 on this line" in titles
    assert "Explain CL301 (unsupported-numeric-claim)" in titles
    suppress = next(a for a in actions if a.title == "Disable CL301 on this line")
    fixed = _apply(ARTICLE, suppress.edit.document_changes[0].edits)
    line = fixed.splitlines()[13]
    assert line.startswith("🙂 Up to 85%") and "<!-- contentlint-disable-line CL301 -- " in line
    diagnostics = await _replace(client, uri, fixed, 2)
    codes = {d.code for d in diagnostics}
    assert "CL301" not in codes and "CL901" not in codes
    _close(client, uri)


async def test_explain_command_opens_the_rules_docs(client: LanguageClient, workspace: Path):
    uri, _ = await _open(client, workspace / "articles" / "chronic-pain.md")
    result = await client.workspace_execute_command_async(
        T.ExecuteCommandParams(command="contentlint.explain", arguments=["CL301"])
    )
    assert result == "CL301"
    shown = client.shown_documents[-1]
    assert shown.uri.endswith("CL301.md")
    _close(client, uri)


async def test_hover_on_a_finding_shows_the_rules_docs(client: LanguageClient, workspace: Path):
    uri, _ = await _open(client, workspace / "articles" / "chronic-pain.md")
    hover = await client.text_document_hover_async(
        T.HoverParams(T.TextDocumentIdentifier(uri), T.Position(13, 8))
    )
    assert hover.contents.kind == T.MarkupKind.Markdown
    assert hover.contents.value.startswith("### CL301 unsupported-numeric-claim (error)")
    assert "## What it checks" in hover.contents.value
    assert (hover.range.start.line, hover.range.start.character) == (13, 3)
    nothing = await client.text_document_hover_async(
        T.HoverParams(T.TextDocumentIdentifier(uri), T.Position(11, 2))
    )
    assert nothing is None
    _close(client, uri)


def _conflicts(ds, naming: str = "") -> list:
    return [d for d in ds if d.code == "CL502" and naming in d.message]


async def test_cross_article_findings_match_the_cli_and_follow_the_other_buffer(
    client: LanguageClient, workspace: Path
):
    article = workspace / "corpus" / "neuropathic-pain-ketamine.md"
    expected = sorted(
        (f["rule"], f["line"] - 1, f["column"] - 1) for f in _cli_json(workspace, article)
    )
    assert any(code == "CL502" for code, *_ in expected)
    uri, diagnostics = await _open(client, article)
    if not _conflicts(diagnostics):  # the folder was still being read: wait for it
        diagnostics = await _published(client, uri, until=_conflicts)
    got = sorted((d.code, d.range.start.line, d.range.start.character) for d in diagnostics)
    assert got == expected  # columns agree here: these lines are ASCII
    assert _conflicts(diagnostics, "crps-ketamine-evidence-review.md:39")
    # Another article, edited in the editor but not saved, now agrees with this one: the
    # conflict no longer counts it among the majority.
    review = workspace / "corpus" / "crps-ketamine-evidence-review.md"
    other, _ = await _open(client, review)
    text = review.read_text(encoding="utf-8").replace(
        "benefit lasting 1-6 months", "benefit lasting 2-3 weeks"
    )
    assert text != review.read_text(encoding="utf-8")
    mark = len(client.published)
    await _replace(client, other, text, 2)
    diagnostics = await _published(
        client,
        uri,
        since=mark,
        until=lambda ds: _conflicts(ds) and not _conflicts(ds, "crps-ketamine-evidence-review.md"),
    )
    assert _conflicts(diagnostics, "crps-ketamine-infusion-guide.md:40")
    _close(client, other)
    _close(client, uri)


async def test_broken_documents_give_the_input_finding_and_the_server_stays_up(
    client: LanguageClient, workspace: Path
):
    folder = workspace / "bad"
    folder.mkdir(exist_ok=True)
    broken = folder / "broken-frontmatter.md"
    broken.write_text('---\ntitle: "unclosed\nslug: x\n---\n\nBody.\n', encoding="utf-8")
    binary = folder / "binary.md"
    binary.write_bytes(b"---\ntitle: x\n---\n\nCaf\xe9 \x00\x01\x02 body\n")
    for path in (broken, binary):
        expected = [(f["rule"], f["line"] - 1, f["message"]) for f in _cli_json(workspace, path)]
        uri, diagnostics = await _open(client, path)
        assert [(d.code, d.range.start.line, d.message) for d in diagnostics] == expected
        assert expected[0][0] == "CL001"
        _close(client, uri)
    # Typing garbage into a buffer is survived too.
    uri, _ = await _open(client, folder / "scratch.md", text="\x00\ufffd---\n: : :\n")
    diagnostics = await _replace(client, uri, "---\n[unclosed\n---\n" + "\u2028" * 3 + "\n", 2)
    assert [d.code for d in diagnostics] == ["CL001"]
    _close(client, uri)
    uri, diagnostics = await _open(client, workspace / "articles" / "chronic-pain.md")
    assert "CL301" in {d.code for d in diagnostics}
    _close(client, uri)


async def test_broken_config_is_one_clear_message_and_reloads_when_fixed(
    client: LanguageClient, workspace: Path
):
    config = workspace / "broken-config" / ".contentlint.toml"
    article = workspace / "broken-config" / "article.md"
    uri, diagnostics = await _open(client, article)
    assert [d.code for d in diagnostics] == ["config"]
    assert "unknown key 'selec'" in diagnostics[0].message and str(config) in diagnostics[0].message
    errors = [m for m in client.messages if m.type == T.MessageType.Error]
    assert len(errors) == 1 and "unknown key 'selec'" in errors[0].message
    # Still broken on the next keystroke: the message is not repeated.
    await _replace(client, uri, ARTICLE + "\nMore.\n", 2)
    assert len([m for m in client.messages if m.type == T.MessageType.Error]) == 1
    config.write_text(
        'select = ["CL3"]\n', encoding="utf-8"
    )  # fixed on disk: picked up at the next lint
    diagnostics = await _replace(client, uri, ARTICLE, 3)
    assert {d.code for d in diagnostics} == {"CL301"}
    _close(client, uri)


async def test_frontmatter_suppression_and_fix_all(client: LanguageClient, workspace: Path):
    path = workspace / "articles" / "keys.md"
    text = ARTICLE.replace('tags: ["ketamine"]\n', 'tags: ["ketamine"]\nreviewr: "Dr. Example"\n')
    path.write_text(text, encoding="utf-8")
    uri, diagnostics = await _open(client, path)
    unknown = next(d for d in diagnostics if d.code == "CL113")
    assert unknown.range.start.line == 9
    actions = await client.text_document_code_action_async(
        T.CodeActionParams(
            T.TextDocumentIdentifier(uri), unknown.range, T.CodeActionContext(diagnostics=[unknown])
        )
    )
    suppress = next(a for a in actions if a.title == "Disable CL113 for this article (frontmatter)")
    fixed = _apply(text, suppress.edit.document_changes[0].edits)
    assert fixed.splitlines()[1].startswith("contentlint-disable: [CL113]  # ")
    diagnostics = await _replace(client, uri, fixed, 2)
    codes = {d.code for d in diagnostics}
    assert "CL113" not in codes and "CL901" not in codes and "CL001" not in codes
    # "Fix all" as a source action, asked for by kind.
    actions = await client.text_document_code_action_async(
        T.CodeActionParams(
            T.TextDocumentIdentifier(uri),
            T.Range(T.Position(0, 0), T.Position(0, 0)),
            T.CodeActionContext(diagnostics=[], only=[T.CodeActionKind.SourceFixAll]),
        )
    )
    assert [a.kind for a in actions] == ["source.fixAll.contentlint"]
    diagnostics = await _replace(
        client, uri, _apply(fixed, actions[0].edit.document_changes[0].edits), 3
    )
    assert not [d for d in diagnostics if d.data and d.data.get("fixable")]
    _close(client, uri)


async def test_a_neighbour_changed_on_disk_is_reread(client: LanguageClient, workspace: Path):
    article = workspace / "corpus" / "neuropathic-pain-ketamine.md"
    guide = workspace / "corpus" / "crps-ketamine-infusion-guide.md"
    uri, diagnostics = await _open(client, article)
    if not _conflicts(diagnostics, "crps-ketamine-infusion-guide.md"):
        await _published(
            client, uri, until=lambda ds: _conflicts(ds, "crps-ketamine-infusion-guide.md")
        )
    original = guide.read_text(encoding="utf-8")
    guide.write_text(
        original.replace("kept that benefit for 1-6 months", "kept that benefit for 2-3 weeks"),
        encoding="utf-8",
    )
    try:
        mark = len(client.published)
        client.workspace_did_change_watched_files(
            T.DidChangeWatchedFilesParams(
                changes=[T.FileEvent(uri=guide.as_uri(), type=T.FileChangeType.Changed)]
            )
        )
        diagnostics = await _published(
            client,
            uri,
            since=mark,
            until=lambda ds: (
                _conflicts(ds) and not _conflicts(ds, "crps-ketamine-infusion-guide.md")
            ),
        )
        # Re-read, not dropped: the conflict with the other articles stays while it is re-read.
        assert _conflicts(diagnostics, "crps-ketamine-evidence-review.md:39")
    finally:
        guide.write_text(original, encoding="utf-8")
    _close(client, uri)


async def test_a_burst_of_edits_is_coalesced_and_the_last_text_wins(
    client: LanguageClient, workspace: Path
):
    path = workspace / "articles" / "chronic-pain.md"
    uri, _ = await _open(client, path)
    mark = len(client.published)
    for version in range(2, 32):  # typing: thirty changes without waiting
        client.text_document_did_change(
            T.DidChangeTextDocumentParams(
                T.VersionedTextDocumentIdentifier(uri=uri, version=version),
                [
                    T.TextDocumentContentChangePartial(
                        range=T.Range(T.Position(16, 0), T.Position(16, 0)),
                        text="Lorem ipsum dolor sit amet. " if version == 31 else "x",
                    )
                ],
            )
        )
    diagnostics = await _published(client, uri, 31, since=mark)
    assert "CL603" in {d.code for d in diagnostics}
    assert len([p for p in client.published[mark:] if p.uri == uri]) < 30
    # Closing while a lint may run, then reopening, leaves a working server.
    mark = len(client.published)
    _close(client, uri)
    uri, diagnostics = await _open(client, path)
    assert "CL301" in {d.code for d in diagnostics}
    _close(client, uri)

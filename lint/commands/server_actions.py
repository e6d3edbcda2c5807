"""Code actions on a document's published findings: the rule's fix, an inline
suppression with a reason to fill in, the rule's docs, and every fix at once."""

from __future__ import annotations

from lsprotocol import types as T

from ..model.article import FENCE
from ..model.finding import Finding, Fix
from .server_documents import CONFIG_CODE, SOURCE, Document
from .server_positions import Positions, overlaps, range_key

EXPLAIN = "contentlint.explain"
FIX_ALL = T.CodeActionKind.SourceFixAll + ".contentlint"
REASON_PLACEHOLDER = "TODO: why this is fine here"


def code_actions(
    doc: Document, params: T.CodeActionParams, positions: Positions
) -> list[T.CodeAction | T.Command] | None:
    """The actions for the findings under the range or among the client's diagnostics."""
    wanted = params.context.only
    actions: list[T.CodeAction | T.Command] = []
    ours = {(d.code, range_key(d.range)) for d in params.context.diagnostics if d.source == SOURCE}
    for diag, finding in doc.published:
        if (diag.code, range_key(diag.range)) not in ours and not overlaps(
            diag.range, params.range
        ):
            continue
        if wanted and not any(k.startswith(T.CodeActionKind.QuickFix) for k in wanted):
            break
        actions += _finding_actions(doc, diag, finding, positions)
    fixes = [f.fix for _, f in doc.published if f.fix is not None]
    if fixes and (
        not wanted or any(FIX_ALL.startswith(k) or k.startswith(FIX_ALL) for k in wanted)
    ):
        edits = [
            T.TextEdit(range=positions.fix_range(f), new_text=f.replacement)
            for f in _non_overlapping(fixes)
        ]
        actions.append(
            T.CodeAction(title="contentlint: apply every fix", kind=FIX_ALL, edit=_edit(doc, edits))
        )
    return actions or None


def _finding_actions(
    doc: Document, diag: T.Diagnostic, finding: Finding, positions: Positions
) -> list[T.CodeAction | T.Command]:
    actions: list[T.CodeAction | T.Command] = []
    if finding.fix is not None:
        edit = T.TextEdit(range=positions.fix_range(finding.fix), new_text=finding.fix.replacement)
        actions.append(
            T.CodeAction(
                title=f"{finding.code}: {finding.fix.description or 'apply the fix'}",
                kind=T.CodeActionKind.QuickFix,
                diagnostics=[diag],
                is_preferred=True,
                edit=_edit(doc, [edit]),
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
    return actions


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
    if not text.startswith("---"):
        return 0
    opening = FENCE.match(text)
    closing = FENCE.search(text, opening.end()) if opening else None
    return text.count("\n", 0, closing.start()) + 1 if closing else 0

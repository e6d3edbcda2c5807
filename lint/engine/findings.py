"""Findings: made from a check's hits or a corpus comparison's items, and the CL001 notes.

Plain functions of an article (or its result) and a rule, shared by the per-article
pass and the corpus pass of lint/engine/pipeline.py.
"""

from __future__ import annotations

import string
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from ..model.article import Article, InputError
from ..model.finding import Finding, Hit
from ..model.suppress import Directive, matches_code
from .rules import Rule

if TYPE_CHECKING:
    from .pipeline import ArticleResult

INPUT_RULE = "CL001"


class _SafeDict(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


# A template read once: (literal text, field name, conversion, spec) pieces, or None when
# some field needs `string.Formatter`'s full reading (attributes, indexes, positional or
# nested fields) or the template does not parse: those keep the original path.
Piece = tuple[str, str | None, str | None, str]
_CONVERT: dict[str | None, Callable[[Any], Any]] = {
    None: lambda v: v,
    "s": str,
    "r": repr,
    "a": ascii,
}
_templates: dict[str, list[Piece] | None] = {}


def _pieces(template: str) -> list[Piece] | None:
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return None
    for _literal, name, spec, conversion in parsed:  # the order Formatter.parse gives
        if name is None:
            continue
        if not name.isidentifier() or conversion not in _CONVERT or {"{", "}"} & set(spec or ""):
            return None
    return [(literal, name, conversion, spec or "") for literal, name, spec, conversion in parsed]


def format_message(template: str, args: Mapping[str, Any]) -> str:
    """`template` formatted with `args`, a missing name left as `{name}`: what
    `string.Formatter().vformat(template, (), _SafeDict(args))` gives, with the template
    parsed once per process instead of once per finding."""
    try:
        pieces = _templates[template]
    except KeyError:
        pieces = _templates[template] = _pieces(template)
    if pieces is None:
        return _format_slowly(template, args)
    out = []
    try:
        for literal, name, conversion, spec in pieces:
            out.append(literal)
            if name is not None:
                value = args[name] if name in args else "{" + name + "}"
                out.append(format(_CONVERT[conversion](value), spec))
    except (ValueError, IndexError):  # as vformat: a value its spec cannot format
        return template
    return "".join(out)


def _format_slowly(template: str, args: Mapping[str, Any]) -> str:
    try:
        return string.Formatter().vformat(template, (), _SafeDict(args))
    except (ValueError, IndexError):
        return template


def excerpt_of(text: str, start: int, end: int, limit: int = 120) -> str:
    snippet = " ".join(text[start:end].split())
    return snippet if len(snippet) <= limit else snippet[: limit - 1] + "…"


def make_finding(article: Article, rule: Rule, hit: Hit, severity: str | None = None) -> Finding:
    start, end = article.snap(hit.start, hit.end)
    start = max(0, min(start, len(article.text)))
    end = max(start, min(end, len(article.text)))
    line, col = article.position(start)
    end_line, end_col = article.index.end_position(start, end) if end > start else (line, col)
    return _rule_finding(
        rule,
        article.path,
        (line, col, end_line, end_col),
        hit.args,
        hit.severity or severity,
        excerpt=excerpt_of(article.text, start, end),
        line_text=article.index.line_text(line),
        fix=hit.fix,
    )


def _rule_finding(
    rule: Rule,
    path: str,
    span: tuple[int, int, int, int],
    hit_args: Mapping[str, Any],
    severity: str | None,
    **shown: Any,
) -> Finding:
    """A rule's finding at (line, column, end line, end column): its message formatted with
    the hit's arguments, its severity the rule's when forced by config, else the hit's."""
    line, col, end_line, end_col = span
    args = {"code": rule.code, "name": rule.name, **hit_args}
    return Finding(
        path=path,
        line=line,
        column=col,
        code=rule.code,
        end_line=end_line,
        end_column=end_col,
        name=rule.name,
        category=rule.category,
        severity=rule.severity if rule.severity_forced else (severity or rule.severity),
        message=format_message(rule.message, args),
        **shown,
    )


def one_finding_per_defect(
    findings: list[Finding], spans: Sequence[tuple[Rule, int, int]]
) -> list[Finding]:
    """Drop a finding when a rule that supersedes its rule reports the same words.

    Policy: an uncited named study ("A 2020 randomized controlled trial found")
    is one attribution finding; the year inside it is not reported again as a
    numeric claim. A figure elsewhere in the sentence is still its own finding.
    """
    superseding = [(other, s, max(e, s + 1)) for other, s, e in spans if other.supersedes]
    if not superseding:
        return findings
    # Per rule, the spans of the findings that would hide it, looked up by bisection:
    # linear in the findings instead of findings x superseding spans.
    hiders: dict[int, _Spans] = {}
    keep = []
    for finding, (rule, start, end) in zip(findings, spans, strict=True):
        index = hiders.get(id(rule))
        if index is None:
            index = hiders[id(rule)] = _Spans(
                [(s, e) for other, s, e in superseding if other.replaces(rule)]
            )
        if not index.overlaps(start, max(end, start + 1)):
            keep.append(finding)
    return keep


class _Spans:
    """Half-open spans, asked whether any overlaps [start, end)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self.starts = [s for s, _ in spans]
        self.reach = list(accumulate((e for _, e in spans), max))  # furthest end so far

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)  # the spans that start before `end`
        return i > 0 and self.reach[i - 1] > start


def input_finding(path: str, rule: Rule | None, err: InputError) -> Finding:
    return Finding(
        path=path,
        line=err.line,
        column=err.column,
        code=INPUT_RULE,
        end_line=err.line,
        end_column=err.column,
        name=rule.name if rule else "unreadable-file",
        category="input",
        severity=rule.severity if rule else "error",
        message=err.message,
    )


REPORT_HINT = (
    "this is a bug in contentlint: please report it with this file and `contentlint --version`"
)


class TimeBudgetExceeded(BaseException):
    """Raised (by a timer) when one article has used up its analysis time.

    A BaseException, so that no check's own `except Exception` swallows it."""


def internal_error(path: str, rule: Rule | None, what: str, err: BaseException) -> Finding:
    """One CL001 finding for a crash while analysing one article: the run goes on."""
    detail = " ".join(f"{type(err).__name__}: {err}".split())
    if len(detail) > 300:
        detail = detail[:299] + "…"
    message = f"internal error in {what}: {detail}; {REPORT_HINT}"
    return Finding(
        path=path,
        line=1,
        column=1,
        code=INPUT_RULE,
        end_line=1,
        end_column=1,
        name=rule.name if rule else "unreadable-file",
        category="input",
        severity=rule.severity if rule else "error",
        message=message,
    )


def overrun_finding(
    path: str, input_rule: Rule | None, where: str, skipped: Sequence[Rule]
) -> Finding:
    codes = ", ".join(r.code for r in skipped) or "none"
    err = InputError(
        f"analysis stopped: the article used up its time budget (time-budget) in {where}; "
        f"rules not run: {codes}"
    )
    return input_finding(path, input_rule, err)


def finding_from_item(
    result: ArticleResult,
    rule: Rule,
    item: Mapping[str, Any],
    lines: Sequence[str] | None = None,
) -> Finding:
    """Corpus kinds report by line/column (they no longer hold the Article). `lines`: the
    article's text split into lines, when the caller makes several findings of it."""
    line, col = int(item["line"]), int(item["column"])
    end_line, end_col = int(item.get("end_line", line)), int(item.get("end_column", col))
    return _rule_finding(
        rule,
        result.path,
        (line, col, end_line, end_col),
        item.get("args", {}),
        item.get("severity"),
        excerpt=item.get("excerpt", ""),
        line_text=line_in(lines if lines is not None else lines_of(result.text), line),
        fix=item.get("fix"),
    )


def lines_of(text: str) -> list[str]:
    """The text's lines, split as positions count them."""
    from ..model.positions import LINE_BREAK

    return LINE_BREAK.split(text)


def line_in(lines: Sequence[str], line: int) -> str:
    """1-based line `line` of `lines` ("" past the end)."""
    return lines[line - 1] if 1 <= line <= len(lines) else ""


def line_of(text: str, line: int) -> str:
    """The text of 1-based line `line` ("" past the end)."""
    return line_in(lines_of(text), line)


def unused_directive(
    result: ArticleResult,
    directive: Directive,
    unused_rule: Rule,
    enabled_codes: Sequence[tuple[str, str]],
    known: Sequence[Rule],
) -> Finding | None:
    """The CL901 finding for a directive that hid nothing, unless it only names rules not run."""
    named = [
        c
        for c in directive.codes
        if any(matches_code(c, code, name) for code, name in enabled_codes)
    ]
    unknown = [
        c
        for c in directive.codes
        if known and not any(matches_code(c, r.code, r.name) for r in known)
    ]
    if directive.codes and not named and not unknown:
        return None  # names only rules that are not running here: nothing to judge
    what = ", ".join(unknown or directive.codes) or "all rules"
    verb = "disable" if directive.verb == "frontmatter" else directive.verb
    return Finding(
        path=result.path,
        line=directive.line,
        column=directive.column,
        code=unused_rule.code,
        end_line=directive.end_line,
        end_column=directive.end_column,
        name=unused_rule.name,
        category=unused_rule.category,
        severity=unused_rule.severity,
        message=format_message(unused_rule.message, {"codes": what}),
        excerpt=f"contentlint-{verb} {what}",
        line_text=result.line_texts.get(directive.line, line_of(result.text, directive.line)),
    )

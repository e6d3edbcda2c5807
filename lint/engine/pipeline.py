"""From one article to its findings, and from all articles to the final list.

`analyse` runs in a worker and is pure: bytes in, an ArticleResult out.
`corpus_pass` runs once in the parent: corpus-wide comparisons, then
suppressions and per-file ignores, then fingerprints.
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..model.article import Article, InputError, load_article
from ..model.finding import Finding, Hit
from ..model.suppress import Directive, directives, first_match, matches_code
from .files import resolved
from .rules import Registry, Rule

INPUT_RULE = "CL001"
UNUSED_SUPPRESSION_KIND = "unused-suppression"


@dataclass
class ArticleResult:
    """Plain, picklable data: what the parent needs of one article."""

    path: str
    content_hash: str
    findings: list[Finding] = field(default_factory=list)
    collected: dict[str, Any] = field(default_factory=dict)  # rule code -> data for corpus rules
    directives: list[Directive] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    line_texts: dict[int, str] = field(default_factory=dict)
    text: str = ""  # kept for reporters that show the article (html) and for --fix


class _SafeDict(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_message(template: str, args: Mapping[str, Any]) -> str:
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
    args = {"code": rule.code, "name": rule.name, **hit.args}
    return Finding(
        path=article.path,
        line=line,
        column=col,
        code=rule.code,
        end_line=end_line,
        end_column=end_col,
        name=rule.name,
        category=rule.category,
        severity=rule.severity
        if rule.severity_forced
        else (hit.severity or severity or rule.severity),
        message=format_message(rule.message, args),
        excerpt=excerpt_of(article.text, start, end),
        line_text=article.index.line_text(line),
        fix=hit.fix,
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
    keep = []
    for finding, (rule, start, end) in zip(findings, spans):
        end = max(end, start + 1)
        if not any(other.replaces(rule) and s < end and start < e for other, s, e in superseding):
            keep.append(finding)
    return keep


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


def analyse(
    path: str, data: bytes, rules: Sequence[Rule], registry: Registry, deadline: float | None = None
) -> ArticleResult:
    """Everything that depends on one article only.

    Never raises for a bad article: an unreadable file is one CL001 finding, a
    crash in a check is one CL001 finding naming the rule (the other rules
    still run), and running past `deadline` (time.monotonic()) or a
    TimeBudgetExceeded from the caller's timer stops the analysis with a
    CL001 finding that names the rules left unchecked.
    """
    import time

    digest = hashlib.sha256(data).hexdigest()
    result = ArticleResult(path=path, content_hash=digest)
    input_rule = registry.rules.get(INPUT_RULE)
    reports_input = input_rule is None or any(r.code == INPUT_RULE for r in rules)
    try:
        article = load_article(path, data)
    except InputError as err:
        if reports_input:
            result.findings.append(input_finding(path, input_rule, err))
        return result
    except TimeBudgetExceeded:
        result.findings.append(_overrun(path, input_rule, "reading the article", list(rules)))
        return result
    except Exception as err:
        result.findings.append(internal_error(path, input_rule, "reading the article", err))
        return result
    if reports_input:
        for problem in getattr(article, "input_problems", ()):
            result.findings.append(input_finding(path, input_rule, problem))
    ruled: list[Finding] = []
    spans: list[tuple[Rule, int, int]] = []  # the rule and file span of each finding, in order
    failed: list[tuple[Rule, BaseException]] = []
    pending = list(rules)
    try:
        while pending:
            rule = pending[0]
            if deadline is not None and time.monotonic() > deadline:
                raise TimeBudgetExceeded()
            kind = registry.kinds[rule.check]
            try:
                if kind.scope == "article" and kind.run is not None:
                    hits = list(kind.run(article, rule.options))
                    found = [make_finding(article, rule, hit) for hit in hits]
                    ruled.extend(found)
                    spans.extend((rule, hit.start, hit.end) for hit in hits)
                elif kind.scope == "corpus" and kind.collect is not None:
                    result.collected[rule.code] = kind.collect(article, rule.options)
            except (TimeBudgetExceeded, KeyboardInterrupt, SystemExit):
                raise
            except BaseException as err:
                failed.append((rule, err))
            pending.pop(0)
    except TimeBudgetExceeded:
        result.findings.append(
            _overrun(path, input_rule, f"rule {pending[0].code} ({pending[0].name})", pending)
        )
    if failed:
        rule, err = failed[0]
        what = f"rule {rule.code} ({rule.name})"
        if len(failed) > 1:
            what = "rules " + ", ".join(r.code for r, _ in failed) + f" (first: {rule.code})"
        result.findings.append(internal_error(path, input_rule, what, err))
    try:
        result.directives = directives(article)
    except Exception as err:
        result.findings.append(
            internal_error(path, input_rule, "reading suppression comments", err)
        )
    notes = result.findings
    # Rule findings pair one to one with their spans; the CL001 notes join after the dedup.
    result.findings = notes + one_finding_per_defect(ruled, spans)
    result.meta = {k: v for k, v in article.meta.items() if isinstance(v, (str, int, float, bool))}
    result.text = article.text
    wanted = {f.line for f in result.findings} | {d.line for d in result.directives}
    result.line_texts = {
        n: article.index.line_text(n) for n in wanted if 1 <= n <= article.index.line_count
    }
    return result


def _overrun(path: str, input_rule: Rule | None, where: str, skipped: Sequence[Rule]) -> Finding:
    codes = ", ".join(r.code for r in skipped) or "none"
    err = InputError(
        f"analysis stopped: the article used up its time budget (time-budget) in {where}; "
        f"rules not run: {codes}"
    )
    return input_finding(path, input_rule, err)


def corpus_findings(
    results: Sequence[ArticleResult], rules: Sequence[Rule], registry: Registry
) -> None:
    """Corpus-scope rules compare what every article collected; findings go to their articles."""
    by_path = {r.path: r for r in results}
    for rule in rules:
        kind = registry.kinds[rule.check]
        if kind.scope != "corpus" or kind.compare is None:
            continue
        collected = {r.path: r.collected[rule.code] for r in results if rule.code in r.collected}
        deferred = {r.code for r in rules if r.check in kind.yields_to}
        for path, item in kind.compare(collected, rule.options):
            target = by_path.get(path)
            if target is None:  # a comparison-only article (not being linted)
                continue
            if deferred and _reported(target, deferred, item):
                continue
            target.findings.append(finding_from_item(target, rule, item))


def _reported(result: ArticleResult, codes: set[str], item: Mapping[str, Any]) -> bool:
    """Whether one of `codes` already reports the span a corpus item is about."""
    line, col = int(item["line"]), int(item["column"])
    return any(f.code in codes and f.line == line and f.column == col for f in result.findings)


def finding_from_item(result: ArticleResult, rule: Rule, item: Mapping[str, Any]) -> Finding:
    """Corpus kinds report by line/column (they no longer hold the Article)."""
    line, col = int(item["line"]), int(item["column"])
    end_line, end_col = int(item.get("end_line", line)), int(item.get("end_column", col))
    args = {"code": rule.code, "name": rule.name, **item.get("args", {})}
    line_text = _line(result.text, line)
    return Finding(
        path=result.path,
        line=line,
        column=col,
        code=rule.code,
        end_line=end_line,
        end_column=end_col,
        name=rule.name,
        category=rule.category,
        severity=rule.severity if rule.severity_forced else (item.get("severity") or rule.severity),
        message=format_message(rule.message, args),
        excerpt=item.get("excerpt", ""),
        line_text=line_text,
        fix=item.get("fix"),
    )


def _line(text: str, line: int) -> str:
    from ..model.positions import LINE_BREAK

    lines = LINE_BREAK.split(text)
    return lines[line - 1] if 1 <= line <= len(lines) else ""


def apply_suppressions(
    result: ArticleResult,
    unused_rule: Rule | None,
    enabled: Sequence[Rule],
    ignored_here: Sequence[str],
    known: Sequence[Rule] = (),
) -> None:
    """Drop suppressed and per-file-ignored findings; report directives that hid nothing.

    `known` is every rule there is: a directive naming a code that is no rule at all
    (a typo: `CL3O1`) is reported too, not taken for a rule that is switched off."""
    used = [False] * len(result.directives)
    kept = []
    for finding in result.findings:
        if any(finding.code.startswith(prefix) for prefix in ignored_here):
            continue
        if finding.code == INPUT_RULE:
            kept.append(finding)
            continue
        hit = first_match(result.directives, finding.code, finding.name, finding.line)
        if hit is None:
            kept.append(finding)
        else:
            used[hit] = True
    if unused_rule is not None:
        enabled_codes = [(r.code, r.name) for r in enabled]
        for directive, was_used in zip(result.directives, used):
            if was_used:
                continue
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
                continue  # names only rules that are not running here: nothing to judge
            what = ", ".join(unknown or directive.codes) or "all rules"
            kept.append(
                Finding(
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
                    excerpt=f"contentlint-{'disable' if directive.verb == 'frontmatter' else directive.verb} {what}",
                    line_text=result.line_texts.get(
                        directive.line, _line(result.text, directive.line)
                    ),
                )
            )
    result.findings = kept


def normalise_text(text: str) -> str:
    """Case, punctuation and whitespace do not change what a finding is about."""
    return re.sub(r"\W+", " ", text.lower()).strip()


def flagged_text(finding: Finding) -> str:
    """The normalised flagged span, or the message when the span has no words."""
    return normalise_text(finding.excerpt) or finding.message.lower()


def fingerprint_findings(result: ArticleResult) -> None:
    """A fingerprint that survives line shifts: rule, file, flagged text, occurrence."""
    seen: dict[tuple[str, str], int] = {}
    stamped = []
    for finding in sorted(result.findings):
        norm = flagged_text(finding)
        key = (finding.code, norm)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        digest = hashlib.sha256(
            f"{finding.code}\0{finding.path}\0{norm}\0{occurrence}".encode()
        ).hexdigest()[:20]
        stamped.append(replace(finding, fingerprint=digest))
    result.findings = stamped


def per_file_ignores(
    path: str, table: Mapping[str, Sequence[str]], root: str | None = None
) -> list[str]:
    """Codes ignored for `path` (as shown): gitignore-style globs relative to the config's folder
    `root` (`*` stays within one folder, `**` crosses folders, a bare name matches at any depth)."""
    from pathlib import Path

    from .discover import matches

    rel = path
    if root is not None:
        try:
            rel = resolved(path).relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            rel = path.rsplit("/", 1)[-1]  # outside the config's folder: only name patterns apply
    prefixes: list[str] = []
    for pattern, codes in table.items():
        if matches([pattern], rel):
            prefixes.extend(c.upper() for c in codes)
    return prefixes


def finish(
    results: Iterable[ArticleResult],
    rules: Sequence[Rule],
    registry: Registry,
    ignores: Mapping[str, Sequence[str]],
    root: str | None = None,
) -> None:
    results = list(results)
    corpus_findings(results, rules, registry)
    unused_rule = next((r for r in rules if r.check == UNUSED_SUPPRESSION_KIND), None)
    for result in results:
        apply_suppressions(
            result,
            unused_rule,
            rules,
            per_file_ignores(result.path, ignores, root),
            registry.sorted_rules(),
        )
        fingerprint_findings(result)

"""From one article to its findings, and from all articles to the final list.

`analyse` runs in a worker and is pure: bytes in, an ArticleResult out.
`corpus_pass` runs once in the parent: corpus-wide comparisons, then
suppressions and per-file ignores, then fingerprints.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..model.article import Article, InputError, load_article
from ..model.check_kind import CheckKind
from ..model.finding import Finding
from ..model.suppress import Directive, directives, first_match
from .corpus_pass import add_corpus_findings, corpus_items
from .files import resolved
from .findings import (  # noqa: F401  (re-exported: runner, isolation and tests import them here)
    INPUT_RULE,
    REPORT_HINT,
    TimeBudgetExceeded,
    excerpt_of,
    finding_from_item,
    format_message,
    input_finding,
    internal_error,
    line_of,
    make_finding,
    one_finding_per_defect,
    overrun_finding,
    unused_directive,
)
from .rules import Registry, Rule

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
    result = ArticleResult(path=path, content_hash=hashlib.sha256(data).hexdigest())
    input_rule = registry.rules.get(INPUT_RULE)
    reports_input = input_rule is None or any(r.code == INPUT_RULE for r in rules)
    try:
        article = load_article(path, data)
    except InputError as err:
        if reports_input:
            result.findings.append(input_finding(path, input_rule, err))
        return result
    except TimeBudgetExceeded:
        result.findings.append(overrun_finding(path, input_rule, "reading the article", rules))
        return result
    except Exception as err:
        result.findings.append(internal_error(path, input_rule, "reading the article", err))
        return result
    if reports_input:
        for problem in getattr(article, "input_problems", ()):
            result.findings.append(input_finding(path, input_rule, problem))
    ruled, spans = _run_checks(article, result, groups_of(rules, registry), input_rule, deadline)
    try:
        result.directives = directives(article)
    except Exception as err:
        result.findings.append(
            internal_error(path, input_rule, "reading suppression comments", err)
        )
    # Rule findings pair one to one with their spans; the CL001 notes join after the dedup.
    result.findings = result.findings + one_finding_per_defect(ruled, spans)
    result.meta = {k: v for k, v in article.meta.items() if isinstance(v, (str, int, float, bool))}
    result.text = article.text
    wanted = {f.line for f in result.findings} | {d.line for d in result.directives}
    result.line_texts = {
        n: article.index.line_text(n) for n in wanted if 1 <= n <= article.index.line_count
    }
    return result


Group = tuple[CheckKind, list[Rule]]


def groups_of(rules: Sequence[Rule], registry: Registry) -> list[Group]:
    """The rules by the analysis that serves them, in rule order: a kind with several
    messages runs once for all its rules with the same options (CL201-CL203 share one
    disclaimer analysis); a rule whose options a config changed runs on its own."""
    groups: list[Group] = []
    for rule in rules:
        kind = registry.kinds[rule.check]
        for other_kind, members in groups if kind.emits else ():
            if other_kind is kind and members[0].options == rule.options:
                members.append(rule)
                break
        else:
            groups.append((kind, [rule]))
    return groups


def _run_checks(
    article: Article,
    result: ArticleResult,
    groups: Sequence[Group],
    input_rule: Rule | None,
    deadline: float | None,
) -> tuple[list[Finding], list[tuple[Rule, int, int]]]:
    """Run each group's analysis; crashes and an overrun become CL001 notes in `result`."""
    ruled: list[Finding] = []
    spans: list[tuple[Rule, int, int]] = []  # the rule and file span of each finding, in order
    failed: list[tuple[Rule, BaseException]] = []
    done = 0
    try:
        for kind, members in groups:
            if deadline is not None and time.monotonic() > deadline:
                raise TimeBudgetExceeded()
            try:
                _run_group(article, result, kind, members, ruled, spans)
            except (TimeBudgetExceeded, KeyboardInterrupt, SystemExit):
                raise
            except BaseException as err:
                failed.extend((rule, err) for rule in members)
            done += 1
    except TimeBudgetExceeded:
        pending = [rule for _, members in groups[done:] for rule in members]
        where = f"rule {pending[0].code} ({pending[0].name})"
        result.findings.append(overrun_finding(result.path, input_rule, where, pending))
    if failed:
        first, crash = failed[0]
        what = f"rule {first.code} ({first.name})"
        if len(failed) > 1:
            what = "rules " + ", ".join(r.code for r, _ in failed) + f" (first: {first.code})"
        result.findings.append(internal_error(result.path, input_rule, what, crash))
    return ruled, spans


def _run_group(
    article: Article,
    result: ArticleResult,
    kind: CheckKind,
    members: Sequence[Rule],
    ruled: list[Finding],
    spans: list[tuple[Rule, int, int]],
) -> None:
    options = members[0].options
    if kind.run is not None and (kind.scope == "article" or kind.emits):
        by_message: dict[str, list[Rule]] = {}
        for rule in members:
            by_message.setdefault(rule.emits, []).append(rule)
        for item in kind.run(article, options):
            message, hit = item if kind.emits else ("", item)
            for rule in by_message.get(message, ()):
                ruled.append(make_finding(article, rule, hit))
                spans.append((rule, hit.start, hit.end))
    collectors = [r for r in members if kind.scope == "corpus" and kind.collects(r.emits)]
    if collectors:
        data = kind.collect(article, options)  # type: ignore[misc]
        for rule in collectors:
            result.collected[rule.code] = data


def corpus_findings(
    results: Sequence[ArticleResult], rules: Sequence[Rule], registry: Registry
) -> None:
    """Corpus-scope rules compare what every article collected; findings go to their articles."""
    by_path = {r.path: r for r in results}
    pending = corpus_items(((r.path, r.collected) for r in results), rules, registry)
    for path, items in pending.items():
        target = by_path.get(path)
        if target is not None:  # else a comparison-only article (not being linted)
            add_corpus_findings(target, items)


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
        for directive, was_used in zip(result.directives, used, strict=True):
            if not was_used:
                note = unused_directive(result, directive, unused_rule, enabled_codes, known)
                if note is not None:
                    kept.append(note)
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
    last = Finisher(rules, registry, ignores, root)
    for result in results:
        last(result)


class Finisher:
    """What the corpus pass does to each article once its corpus findings are in:
    suppressions, per-file ignores, unused directives, then fingerprints."""

    def __init__(
        self,
        rules: Sequence[Rule],
        registry: Registry,
        ignores: Mapping[str, Sequence[str]],
        root: str | None = None,
    ) -> None:
        self.rules, self.ignores, self.root = rules, ignores, root
        self.unused_rule = next((r for r in rules if r.check == UNUSED_SUPPRESSION_KIND), None)
        self.known = registry.sorted_rules()

    def __call__(self, result: ArticleResult) -> None:
        apply_suppressions(
            result,
            self.unused_rule,
            self.rules,
            per_file_ignores(result.path, self.ignores, self.root),
            self.known,
        )
        fingerprint_findings(result)

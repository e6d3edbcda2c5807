"""What several reporters share: tallies, rule help text, where rule docs live."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..engine.rules import Rule
from ..engine.runner import Run
from ..model.finding import CATEGORIES, SEVERITIES, Finding, at_least
from ..model.verdicts import BLOCKED, DRAFT, PUBLISHABLE, VERDICT_LABELS, WARNINGS

# A stable address per rule for SARIF's helpUri and other links. The `.invalid`
# top-level domain never resolves (RFC 2606), so this is an identifier rather
# than a page; the help text itself travels inside the report, and
# `contentlint explain CODE` prints the same documentation.
RULE_DOCS_URL = "https://contentlint.invalid/rules/{code}"
TOOL_URL = "https://contentlint.invalid/"

# Most severe first, for orderings meant for people.
SEVERITY_ORDER = tuple(reversed(SEVERITIES))
VERDICT_ORDER = (BLOCKED, WARNINGS, DRAFT, PUBLISHABLE)
DOC_TITLES = (
    ("what", "What it checks"),
    ("why", "Why it matters"),
    ("example", "Example"),
    ("instead", "Use instead"),
)


# What an editor fixes first, after severity: a file that could not be read at
# all, then the evidence (figures that contradict each other or the registry),
# unsupported claims and attributions, the disclaimer, text that should never
# be published, and last the frontmatter.
EDITORIAL_ORDER = (
    "input",
    "consistency",
    "numeric-claim",
    "attribution",
    "disclaimer",
    "artifact",
    "metadata",
)


def seriousness(finding: Finding) -> tuple:
    """Sort key, most serious first: severity, then what matters to an editor, then position."""
    category = (
        EDITORIAL_ORDER.index(finding.category)
        if finding.category in EDITORIAL_ORDER
        else len(EDITORIAL_ORDER)
    )
    return (
        SEVERITY_ORDER.index(finding.severity),
        category,
        finding.line,
        finding.column,
        finding.code,
    )


def help_uri(code: str) -> str:
    return RULE_DOCS_URL.format(code=code)


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    tally = Counter(f.severity for f in findings)
    return {sev: tally.get(sev, 0) for sev in SEVERITY_ORDER}


def run_severity_counts(run: Run) -> dict[str, int]:
    """`severity_counts` of every finding of the run, from its tally (no pass over the results)."""
    tally = run.tally.by(3)
    return {sev: tally.get((sev,), 0) for sev in SEVERITY_ORDER}


def category_counts(run: Run) -> dict[str, dict[str, int]]:
    """Every category (zero rows included, so readers see what was checked), by severity."""
    table = {cat: dict.fromkeys(SEVERITY_ORDER, 0) for cat in CATEGORIES}
    for (category, severity), n in run.tally.by(2, 3).items():
        table.setdefault(category, dict.fromkeys(SEVERITY_ORDER, 0))[severity] += n
    return table


def rule_counts(run: Run) -> list[tuple[str, str, str, int]]:
    """(code, name, category, count) for rules with findings, the most frequent first."""
    tally: Counter = Counter()
    about: dict[str, tuple[str, str]] = {}
    for (code, name, category), n in run.tally.by(0, 1, 2).items():
        tally[code] += n
        about[code] = (name, category)
    return [
        (code, *about[code], n) for code, n in sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def verdict_label(verdict: str) -> str:
    return VERDICT_LABELS.get(verdict, verdict)


def verdict_of(run: Run, path: str) -> str:
    return run.verdicts.get(path, PUBLISHABLE)


def gating(finding: Finding, run: Run) -> bool:
    """At or above the fail threshold (what blocks an article that is not a draft)."""
    return at_least(finding.severity, run.settings.fail_on)


def headline(run: Run) -> str:
    """One sentence for the top of a report: "2 of 15 articles are blocked"."""
    n = len(run.results)
    noun = "article" if n == 1 else "articles"
    if n == 0:
        return "No articles were checked"
    blocked = run.blocked
    if blocked:
        return f"{blocked} of {n} {noun} {'is' if blocked == 1 else 'are'} blocked from publishing"
    return f"All {n} {noun} may be published" if n > 1 else "The article may be published"


def verdict_summary(run: Run) -> str:
    """ "15 articles: 5 blocked, 2 publishable with warnings, 8 publishable"."""
    n = len(run.results)
    parts = [f"{run.blocked} blocked"]
    for verdict in (WARNINGS, PUBLISHABLE, DRAFT):
        count = run.count(verdict)
        if count or verdict == PUBLISHABLE:
            parts.append(
                f"{count} {verdict_label(verdict)}" if verdict != DRAFT else plural(count, "draft")
            )
    return f"{n} {'article' if n == 1 else 'articles'}: {', '.join(parts)}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def first_sentence(text: str) -> str:
    flat = " ".join(text.split())
    for stop in (". ", ": "):
        cut = flat.find(stop)
        if 0 < cut < 200:
            return flat[: cut + 1].rstrip(":") + ("" if stop == ". " else ".")
    return flat if len(flat) <= 200 else flat[:199] + "…"


def rule_help_text(rule: Rule) -> str:
    parts = []
    for key, title in DOC_TITLES:
        body = str(rule.docs.get(key, "")).strip()
        if body:
            parts.append(f"{title}:\n{body}")
    return "\n\n".join(parts)


def rule_help_markdown(rule: Rule) -> str:
    parts = [f"**{rule.code} {rule.name}** ({rule.category}, default severity {rule.severity})"]
    for key, title in DOC_TITLES:
        body = str(rule.docs.get(key, "")).strip()
        if not body:
            continue
        if key in ("example", "instead"):
            fence = "````" if "```" in body else "```"
            parts.append(f"### {title}\n\n{fence}markdown\n{body}\n{fence}")
        else:
            parts.append(f"### {title}\n\n{body}")
    return "\n\n".join(parts)

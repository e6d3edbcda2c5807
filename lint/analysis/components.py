"""A site's own citation markup, declared in config as data.

Frameworks cite with their own components: an MDX/JSX component (`<Cite id="smith2020" />`,
`<Citation source="…">…</Citation>`), a Hugo shortcode (`{{< cite "smith2020" >}}`,
`{{% ref "x" %}}`), a Liquid tag (`{% cite smith2020 %}`) or anything a regular expression
describes. Each entry of the `citation-components` list names one:

    [[tool.contentlint.citation-components]]
    tag = "Cite"                    # <Cite …/>, <Cite …>…</Cite>
    [[tool.contentlint.citation-components]]
    shortcode = "cite"              # {{< cite … >}}, {{% cite … %}}, {{< cite >}}…{{< /cite >}}
    [[tool.contentlint.citation-components]]
    pattern = '\\{%\\s*cite\\s[^%]*%\\}'  # a Python regular expression, matched on the file's text

A component counts as a citation of the sentence (list item, table row) it stands in, or
of the sentence it follows when it comes right after the full stop; a paired component
(`<Citation>…</Citation>`, `{{< cite >}}…{{< /cite >}}`) cites every sentence it wraps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..text.sentences import sentence_spans

if TYPE_CHECKING:  # pragma: no cover
    from ..model.article import Article

KINDS = ("tag", "shortcode", "pattern")
TAG_NAME = re.compile(r"^[A-Za-z][\w.:-]*$")
SHORTCODE_NAME = re.compile(r"^[\w][\w./-]*$")
# An attribute list that may hold quoted strings and {expressions} with ">" inside them.
_ATTRS = r"""(?:"[^"]*"|'[^']*'|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|[^<>"'{}])*?"""
MAX_WRAPPED = 4000  # characters a paired component may wrap


class ComponentError(ValueError):
    """A malformed citation-components entry; the message names the entry and the value."""


def validate_components(
    value: Any, key: str = "citation-components"
) -> tuple[tuple[str, str], ...]:
    """Checked entries as (kind, value) pairs; raises ComponentError naming key[i].field and the value."""
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise ComponentError(
            f"'{key}' must be a list of tables such as {{tag = \"Cite\"}}, got {value!r}"
        )
    return tuple(_entry(entry, f"{key}[{i}]") for i, entry in enumerate(value))


def _entry(entry: Any, where: str) -> tuple[str, str]:
    """One entry as (kind, value), or ComponentError naming `where`."""
    if isinstance(entry, str):  # shorthand: a bare name is an MDX/JSX tag
        entry = {"tag": entry}
    if not isinstance(entry, dict):
        raise ComponentError(
            f"'{where}' must be a table with one of {', '.join(KINDS)}, got {entry!r}"
        )
    unknown = sorted(set(entry) - set(KINDS))
    if unknown:
        raise ComponentError(
            f"'{where}' has unknown key(s) {', '.join(unknown)} (accepted: {', '.join(KINDS)})"
        )
    given = [k for k in KINDS if k in entry]
    if len(given) != 1:
        raise ComponentError(
            f"'{where}' must have exactly one of {', '.join(KINDS)}, got {entry!r}"
        )
    kind = given[0]
    text = entry[kind]
    if not isinstance(text, str) or not text.strip():
        raise ComponentError(f"'{where}.{kind}' must be a non-empty string, got {text!r}")
    _check_value(kind, text, where)
    return kind, text


def _check_value(kind: str, text: str, where: str) -> None:
    """What a tag, shortcode or pattern must look like to ever match."""
    if kind == "tag" and not TAG_NAME.match(text):
        raise ComponentError(
            f"'{where}.tag' must be a component name such as \"Cite\", got {text!r}"
        )
    if kind == "shortcode" and not SHORTCODE_NAME.match(text):
        raise ComponentError(
            f"'{where}.shortcode' must be a shortcode name such as \"cite\", got {text!r}"
        )
    if kind == "pattern":
        try:
            compiled = re.compile(text)
        except re.error as err:
            raise ComponentError(
                f"'{where}.pattern' is not a valid regular expression ({err}): {text!r}"
            ) from None
        if compiled.match(""):
            raise ComponentError(f"'{where}.pattern' matches the empty string: {text!r}")


@lru_cache(maxsize=64)
def _compiled(kind: str, value: str) -> tuple[re.Pattern, re.Pattern | None]:
    """(the component, or its opening; the closing of a paired component, if any): compiled
    once per process from config values, which hold no article data."""
    if kind == "tag":
        name = re.escape(value)
        single = re.compile(rf"<{name}(?=[\s/>]){_ATTRS}(?P<self>/)?>", re.S)
        return single, re.compile(rf"</{name}\s*>")
    if kind == "shortcode":
        name = re.escape(value)
        opening = re.compile(
            rf"\{{\{{(?P<d>[<%])\s*{name}(?=[\s>%])(?:[^}}]|\}}(?!\}}))*?(?:>|%)\}}\}}"
        )
        return opening, re.compile(rf"\{{\{{[<%]\s*/{name}\s*[>%]\}}\}}")
    return re.compile(value), None


def component_spans(article: Article, components: Iterable[Any]) -> list[tuple[int, int, bool]]:
    """(start, end, wraps) of every configured component in the article's body, outside code.

    `wraps` is true for a paired component, whose span runs from its opening to its closing.
    """
    entries = tuple(tuple(c) for c in components or ())
    if not entries:
        return []
    return article.analyses.memo_by(_find_components, entries)


def _find_components(article: Article, entries: tuple) -> list[tuple[int, int, bool]]:
    text, body = article.text, article.body_offset
    code = [(s.start, s.end) for s in article.layout.spans if s.kind == "code"]
    code += [(b.start, b.end) for b in article.blocks if b.kind == "code"]

    def in_code(pos: int) -> bool:
        return any(s <= pos < e for s, e in code)

    found: list[tuple[int, int, bool]] = []
    for kind, value in entries:
        opening, closing = _compiled(kind, value)
        for m in opening.finditer(text, body):
            if in_code(m.start()):
                continue
            end, wraps = m.end(), False
            self_closing = m.groupdict().get("self")
            if closing is not None and not self_closing:
                close = closing.search(text, m.end(), min(len(text), m.end() + MAX_WRAPPED))
                if close is not None:
                    end, wraps = close.end(), True
            found.append((m.start(), end, wraps))
    found.sort()
    return found


def citing_spans(article: Article, components: Iterable[Any]) -> list[tuple[int, int, str]]:
    """(start, end, source text) of each citation the components make: a component where it
    stands, and a paired component once for every sentence it wraps."""
    spans = component_spans(article, components)
    if not spans:
        return []
    out = []
    sentences = sentence_spans(article) if any(wraps for _, _, wraps in spans) else []
    for start, end, wraps in spans:
        target = article.text[start:end]
        out.append((start, end, target))
        if wraps:
            for s, e in sentences:
                if s < end and start < e and article.prose[max(s, start) : min(e, end)].strip():
                    out.append((max(s, start), min(e, end), target))
    return out

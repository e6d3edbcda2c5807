"""Which words of an article's visible text are missing from its prose (shared by the
prose-coverage tests and benchmarks/prose_coverage.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from lint.model.markdown_syntax import BARE_URL, LOOSE_LINK

WORD = re.compile(r"[^\W_]+")
# Elements whose text is not prose by design: code, scripts, footnote definitions and markers.
SKIP = {
    "code",
    "pre",
    "script",
    "style",
    "textarea",
    "template",
    "svg",
    "math",
    "noscript",
    "select",
    "object",
    "title",
    "kbd",
    "samp",
}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[str] = []
        self.skip = 0
        self.anchor: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        cls = attrs.get("class") or ""
        void = tag in (
            "br",
            "hr",
            "img",
            "input",
            "meta",
            "link",
            "wbr",
            "area",
            "base",
            "col",
            "embed",
            "param",
            "source",
            "track",
        )
        if void:
            self.parts.append(" ")
            return
        hidden = tag in SKIP or "footnote" in cls
        self.stack.append(tag)
        if hidden:
            self.skip += 1
            self.stack[-1] = "\0" + tag
        if tag == "a":
            self.anchor.append((attrs.get("href") or "", []))
        self.parts.append(" ")

    def handle_endtag(self, tag):
        for k in range(len(self.stack) - 1, -1, -1):
            name = self.stack[k]
            if name.lstrip("\0") == tag:
                for popped in self.stack[k:]:
                    if popped.startswith("\0"):
                        self.skip -= 1
                del self.stack[k:]
                break
        if tag == "a" and self.anchor:
            href, texts = self.anchor.pop()
            text = "".join(texts)
            if (
                text
                and text.strip() not in (href, "mailto:" + href)
                and href not in (text.strip(), "mailto:" + text.strip())
            ):
                self.parts.append(text)
        self.parts.append(" ")

    def handle_data(self, data):
        if self.skip:
            return
        if self.anchor:
            self.anchor[-1][1].append(data)
        else:
            self.parts.append(data)


def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(footnote_plugin)


def visible_words(markdown: str) -> list[str]:
    """The words a reader sees in the rendered page, in order (code, URLs and footnotes left out)."""
    parser = _Visible()
    # A link or image whose destination holds a space is text to CommonMark but a link or an
    # image on the site (and in the prose the rules read): keep its text, drop the rest.
    markdown = LOOSE_LINK.sub(
        lambda m: "" if m.group("bang") else " " + m.group("text") + " ", markdown
    )
    parser.feed(_renderer().render(markdown))
    parser.close()
    text = BARE_URL.sub(" ", "".join(parser.parts))
    return WORD.findall(text)


def missing_words(article) -> list[str]:
    """Visible words of the article's body not found in its prose, in order, at their own offsets.

    A word is found at offset k when each of its characters is the file's own character
    there or the character an entity or escape at that place displays (with the blanks
    that pad an entity to its length).
    """
    prose, text = article.prose, article.text
    entity_at = set()
    for start, end, _ in article.layout.entities:
        entity_at.update(range(start, end))
    missing = []
    cursor = article.body_offset
    for word in visible_words(text[article.body_offset :]):
        # An entity inside a word ("don&rsquo;t", "A&frac12;") shows its character padded with
        # blanks to the entity's length, so blanks may sit inside a word there.
        pattern = re.compile(r"(?<![^\W_])" + " *".join(map(re.escape, word)) + r"(?![^\W_])")
        m = pattern.search(prose, cursor)
        while m is not None and not all(
            text[k] == prose[k] or k in entity_at for k in range(m.start(), m.end())
        ):
            m = pattern.search(prose, m.start() + 1)
        if m is None:
            missing.append(word)
            continue
        cursor = m.end()
    return missing

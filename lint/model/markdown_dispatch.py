"""markdown-it's inline rules, tried only at the characters that can start them.

markdown-it tries every inline rule in order at each character its `text` rule
stops at (`%`, `-`, `:`, `$`, ...), though each of them returns False at once
unless the character is its own opening one: `emphasis` only acts at `*` and `_`,
`link` at `[`. Health articles are full of such characters, so most of those
calls do nothing. One rule that looks the character up and calls, in the same
order, only the rules that can start there produces the same tokens with a
fraction of the calls. A rule this module does not know keeps the original
list (a plugin or a markdown-it upgrade may add one that acts anywhere).
"""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt

# The characters at which each rule can succeed: at any other it returns False
# before touching the state (checked against markdown-it-py 4 and mdit-py-plugins 0.7
# by tests/test_markdown_dispatch.py, which compares every token).
STARTS = {
    "newline": "\n",
    "escape": "\\",
    "backticks": "`",
    "emphasis": "_*",
    "link": "[",
    "image": "!",
    "footnote_inline": "^",
    "footnote_ref": "[",
    "autolink": "<",
    "html_inline": "<",
    "entity": "&",
}
RULE_NAME = "by_character"


def dispatch_inline_rules(md: MarkdownIt) -> bool:
    """Replace md's inline rules after `text` by one that dispatches on the character;
    False (md unchanged) when a rule is not one of those above."""
    ruler = md.inline.ruler
    names = ruler.get_active_rules()
    rules = ruler.getRules("")
    if not names or names[0] != "text" or any(name not in STARTS for name in names[1:]):
        return False
    table: dict[str, list[Any]] = {}
    for name, rule in zip(names[1:], rules[1:], strict=True):
        for char in STARTS[name]:
            table.setdefault(char, []).append(rule)
    by_char = {char: tuple(found) for char, found in table.items()}

    def by_character(state: Any, silent: bool) -> bool:
        # a loop, not any() over a generator: this runs at every stop of the text rule
        for rule in by_char.get(state.src[state.pos], ()):  # noqa: SIM110
            if rule(state, silent):
                return True
        return False

    ruler.push(RULE_NAME, by_character)
    ruler.disable(names[1:])
    return True

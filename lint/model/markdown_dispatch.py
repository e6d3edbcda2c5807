"""markdown-it's rules, tried only at the characters that can start them.

markdown-it tries every inline rule in order at each character its `text` rule
stops at (`%`, `-`, `:`, `$`, ...), though each of them returns False at once
unless the character is its own opening one: `emphasis` only acts at `*` and `_`,
`link` at `[`. Health articles are full of such characters, so most of those
calls do nothing. One rule that looks the character up and calls, in the same
order, only the rules that can start there produces the same tokens with a
fraction of the calls. Block rules likewise, by the first character of the line:
a line of prose is not tried as a fence, quote, rule, list, heading or HTML.
A rule this module does not know keeps the original list (a plugin or a
markdown-it upgrade may add one that acts anywhere).
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

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
    """Replace md's inline rules by one that runs `text` unless the character stops it,
    then the rules that can start at the character; False (md unchanged) when a rule is
    not one of those above."""
    ruler = md.inline.ruler
    names = ruler.get_active_rules()
    rules = ruler.getRules("")
    if not names or names[0] != "text" or any(name not in STARTS for name in names[1:]):
        return False
    text = rules[0]
    table: dict[str, list[Any]] = {}
    for name, rule in zip(names[1:], rules[1:], strict=True):
        for char in STARTS[name]:
            table.setdefault(char, []).append(rule)
    by_char = {char: tuple(found) for char, found in table.items()}
    # `text` returns False at once at a character its pattern stops at (terminators only
    # grow: a plugin can add some, none can be taken away).
    stops = frozenset(c for c in map(chr, range(128)) if md.inline.terminator_re.match(c))

    def by_character(state: Any, silent: bool) -> bool:
        char = state.src[state.pos]
        if char not in stops and text(state, silent):
            return True
        # a loop, not any() over a generator: this runs at every stop of the text rule
        for rule in by_char.get(char, ()):  # noqa: SIM110
            if rule(state, silent):
                return True
        return False

    ruler.push(RULE_NAME, by_character)
    ruler.disable(names)
    return True


# Where the inline rules above leave nothing but text: they run markdown-it's post-passes,
# which do nothing to one text token.
TEXT_ONLY_PASSES = ["balance_pairs", "emphasis", "fragments_join"]


def text_only_inline(md: MarkdownIt) -> bool:
    """Replace md's core `inline` step by one that gives an inline token without a
    character any inline rule starts at its one text token directly (what the inline
    parser makes of it: the text rule and pending text take all of it), and parses the
    others as before. Only over the rules `dispatch_inline_rules` knows."""
    if md.inline.ruler.get_active_rules() != [RULE_NAME]:
        return False
    if md.inline.ruler2.get_active_rules() != TEXT_ONLY_PASSES:
        return False
    starts = re.compile("[" + re.escape("".join(sorted(set("".join(STARTS.values()))))) + "]")

    def inline(state: Any) -> None:
        md, env = state.md, state.env
        for token in state.tokens:
            if token.type == "inline":
                if token.children is None:
                    token.children = []
                content = token.content
                if starts.search(content) is None:
                    if content:  # the parse of "" leaves no token
                        token.children.append(Token("text", "", 0, content=content))
                else:
                    md.inline.parse(content, md, env, token.children)

    md.core.ruler.at("inline", inline)
    return True


# Block rules that start only at a line whose first character (after the indentation)
# is one of these; the others (table, code, lheading, paragraph) are tried at every line.
BLOCK_STARTS = {
    "fence": "~`",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "footnote_def": "[",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
}
BLOCK_ANYWHERE = frozenset({"table", "code", "lheading", "paragraph"})
BLOCK_RULE_NAME = "by_first_character"


def dispatch_block_rules(md: MarkdownIt) -> bool:
    """Replace md's block rules by one per chain (the main one, and those that end a
    paragraph, list or quote) that tries, in the chain's order, only the rules that can
    start at the line's first character. False (md unchanged) when a rule is not one of
    those above."""
    ruler = md.block.ruler
    active = [rule for rule in ruler.__rules__ if rule.enabled]
    names = [rule.name for rule in active]
    if not names or names[-1] != "paragraph":
        return False
    if any(name not in BLOCK_STARTS and name not in BLOCK_ANYWHERE for name in names):
        return False
    # The main chain's dispatcher comes first and always decides (a paragraph always
    # starts there); each of the others stands for its own chain, and its place after it
    # in the main chain is never reached.
    ruler.before(names[0], BLOCK_RULE_NAME, _block_dispatcher([(r.name, r.fn) for r in active]))
    for chain in sorted({chain for rule in active for chain in rule.alt}):
        members = [(r.name, r.fn) for r in active if chain in r.alt]
        ruler.push(f"{BLOCK_RULE_NAME}:{chain}", _block_dispatcher(members), {"alt": [chain]})
    # `code` stays enabled: markdown-it reads whether it is to tell an indented line
    # (code, or a paragraph's continuation) apart; the dispatcher before it always decides.
    ruler.disable([name for name in names if name != "code"])
    return True


def _block_dispatcher(members: list[tuple[str, Any]]) -> Any:
    """One rule standing for `members` (name, function), in their order."""
    everywhere = tuple(fn for name, fn in members if name in BLOCK_ANYWHERE)
    chars = {char for name, _ in members for char in BLOCK_STARTS.get(name, "")}
    by_char = {
        char: tuple(
            fn for name, fn in members if name in BLOCK_ANYWHERE or char in BLOCK_STARTS[name]
        )
        for char in chars
    }
    functions = dict(members)
    code, table = functions.get("code"), functions.get("table")

    def by_first_character(state: Any, line: int, end: int, silent: bool) -> bool:
        src = state.src
        pos = state.bMarks[line] + state.tShift[line]
        char = src[pos] if pos < len(src) else ""
        for rule in by_char.get(char, everywhere):
            # the two rules tried at every line, skipped where their first test fails:
            # `code` wants an indented line, `table` a next line that opens with | - or :
            if rule is code and not state.is_code_block(line):
                continue
            if rule is table:
                after = line + 1
                if after >= end:
                    continue
                start = state.bMarks[after] + state.tShift[after]
                if start >= state.eMarks[after] or src[start] not in "|-:":
                    continue
            if rule(state, line, end, silent):
                return True
        return False

    return by_first_character

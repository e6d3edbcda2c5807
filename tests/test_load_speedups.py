"""The faster paths of loading an article and making findings give what the plain ones give.

Each fast path is compared, on generated input, with the code it stands in for: the
inline rules dispatched by character against markdown-it's own rule list, libyaml's
frontmatter against the bounded pure-Python loader, the pre-parsed message template
against `string.Formatter`, the bisected overlap test against the pairwise one.
"""

import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from lint.engine import findings as findings_module
from lint.engine.findings import format_message, one_finding_per_defect
from lint.engine.rules import Rule
from lint.model import yaml_load
from lint.model.markdown import _parser
from lint.model.markdown_dispatch import BLOCK_RULE_NAME, RULE_NAME
from lint.model.positions import LINE_BREAK, line_starts

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))

# -- markdown-it: inline rules dispatched by character -----------------------------
MARKDOWN = st.sampled_from(
    [
        "word", "two words", " ", "  ", "\n", "  \n", "\\\n", "\n\n", "- ", "1. ", "> ", "# ",
        "*", "**", "_", "__", "`", "``", "[", "]", "(", ")", "![", "](", "[^1]", "[^1]: note\n",
        "^[inline note]", "<", ">", "<a href=\"x\">", "</a>", "<https://a.example/b>",
        "<!-- c -->", "&amp;", "&#37;", "&nbsp;", "&bogus;", "\\*", "\\[", "\\", "50%", "5-10",
        "$80", ":", "~", "~~", "=", "@", "{", "}", "!", "#", "+", "https://www.example.org/x",
        "| a | b |\n|---|---|\n| c | d |\n", "```\ncode\n```\n", "    indented\n", "***\n",
        "[t](https://x.example \"title\")", "[ref]\n\n[ref]: /u\n", "é", "\t", "1)",
        "+ ", "1) ", "2. ", "   ", "<div>\n", "</div>\n", "~~~\n", "Title\n===\n", "---\n",
        "> - a\n", "   - nested\n", "[^n]: def\n    more\n", "- [x] ", "\n- ", "\n> ", "\n#",
        "\n    ", "\n<", "\n[", "\n1. ", "\n---", "\n***", "\n```", "\n|", "a | b\n--|--\n",
    ]
)  # fmt: skip


def _reference_parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table").use(footnote_plugin).disable("text_join")


REFERENCE = _reference_parser()


def test_the_dispatching_rules_are_in_place():
    assert _parser().inline.ruler.get_active_rules() == [RULE_NAME]
    assert _parser().block.ruler.get_active_rules()[0] == BLOCK_RULE_NAME
    assert len(_parser().block.ruler.getRules("paragraph")) == 1


@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(MARKDOWN, max_size=40).map("".join))
def test_dispatched_rules_give_the_same_tokens(text):
    assert _parser().parse(text) == REFERENCE.parse(text)


# Text no inline rule starts in: one text token, made without the inline parser.
PLAIN = st.lists(
    st.sampled_from(["word", " ", "  ", "%", "-", ":", "#", "$", "+", "=", "@", "{", "}", "~",
                     "]", "(", ")", "é", "\t", ".", "|", "1", "\u2028", "\x00"]),
    max_size=20,
).map("".join)  # fmt: skip
PREFIXES = [
    "",
    "# ",
    "- ",
    "> ",
    "| a | ",
    "1. ",
    "| a | b |\n|---|---|\n| ",
    "[^1]: ",
    "x[^1]\n\n[^1]: ",
]


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(PREFIXES), PLAIN)))
def test_plain_text_blocks_give_the_same_tokens(lines):
    text = "\n\n".join(prefix + plain for prefix, plain in lines)
    assert _parser().parse(text) == REFERENCE.parse(text)


# -- frontmatter YAML: libyaml where it reads as the pure loader does ---------------
YAML = st.sampled_from(
    [
        "a", "b", "key", ":", ": ", " ", "  ", "\n", "\n  ", "- ", "-", "[", "]", "{", "}",
        ", ", ",", "'", '"', " #", "#", "? ", "|", ">", "&x ", "*x", "!!str ", "\t", "\\",
        "\\n", "1", "0x1F", "2026-01-01", "2026-13-01", "é", "\U0001f600", "\r\n", "\r", "...",
        "---", "%", "@", "`", "yes", "~", "1.5", ".inf", "<<", "\u2028", "\x85", "\ufeff",
        "%YAML 1.1\n", "---\n", '"a\\x41\\u00e9\\/"', "'it''s'", "!!int ", "!!binary ", "!",
        "&", "*", "=", "\x07", "-1", "0b101", "1:20", "Stop!", "null", "2026-01-01 10:00",
        "\\ud83d", '"\\ud83d\\udc8a"', "x" * 1100, "\n\n",
    ]
)  # fmt: skip


def _pure(text):
    loader = yaml_load._BoundedLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return yaml_load._clean_data(data), node


def _keys(node):
    """What the frontmatter reads of a node: the top-level keys and where they stand."""
    if not isinstance(node, yaml.MappingNode):
        return type(node).__name__
    return [
        (type(k).__name__, getattr(k, "value", None), k.start_mark.line, k.start_mark.column)
        for k, _ in node.value
    ]


@settings(max_examples=1500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(YAML, max_size=40).map("".join))
def test_libyaml_frontmatter_reads_as_the_pure_loader(text):
    fast = yaml_load.load_plain_yaml(text)
    if fast is None:
        return  # the pure loader reads it
    data, node = _pure(text)  # never raises where libyaml succeeded
    assert repr(fast[0]) == repr(data)
    assert _keys(fast[1]) == _keys(node)


def test_frontmatter_near_a_bound_is_left_to_the_pure_loader():
    assert yaml_load.load_plain_yaml("title: a\ntags: [x, y]\n") is not None
    assert yaml_load.load_plain_yaml("a: &x [1, 2]\nb: *x\n") is None  # an alias
    assert yaml_load.load_plain_yaml("a: " + "[" * 45 + "]" * 45) is None  # deep
    assert yaml_load.load_plain_yaml("a: " + "[" * 2000 + "]" * 2000) is None  # never to C
    assert yaml_load.load_plain_yaml("a: b\tc\n") is None


# -- message templates -----------------------------------------------------------------
TEMPLATE = st.lists(
    st.sampled_from(
        [
            "text ", "{value}", "{code}", "{name}", "{missing}", "{value!r}", "{value!s}",
            "{value!a}", "{value!x}", "{value:>6}", "{value:.1f}", "{value:{width}}", "{0}",
            "{}", "{value.real}", "{value[0]}", "{{", "}}", "{", "}", "{ value }", "é",
        ]
    ),
    max_size=8,
).map("".join)  # fmt: skip
VALUE = st.one_of(st.integers(-5, 5), st.floats(-10, 10), st.text(max_size=4), st.none())


def _vformat(template, args):
    try:
        return string.Formatter().vformat(template, (), findings_module._SafeDict(args))
    except (ValueError, IndexError):
        return template


def _outcome(fn, *args):
    try:
        return ("value", fn(*args))
    except Exception as err:
        return ("error", type(err))


@SETTINGS
@given(TEMPLATE, VALUE, st.integers(0, 9))
def test_pre_parsed_templates_format_as_string_formatter(template, value, width):
    args = {"code": "CL301", "name": "uncited-figure", "value": value, "width": width}
    assert _outcome(format_message, template, args) == _outcome(_vformat, template, args)


def test_simple_templates_are_read_once_and_others_left_to_the_formatter():
    assert findings_module._pieces("{a} is {b!r:>5} ({c:.1f})") is not None
    for template in ("{a.b}", "{0}", "{}", "{a:{w}}", "{a!x}", "{"):
        assert findings_module._pieces(template) is None


# -- one finding per defect ----------------------------------------------------------
def _rule(code, category, supersedes=()):
    return Rule(
        code, code.lower(), category, "warning", "kind", "m", {}, {}, {}, supersedes=supersedes
    )


RULES = [
    _rule("CL301", "numeric-claim"),
    _rule("CL302", "numeric-claim"),
    _rule("CL401", "attribution", ("numeric-claim",)),
    _rule("CL402", "attribution", ("CL302",)),
    _rule("CL501", "consistency"),
]


def _pairwise(findings, spans):
    """The definition: drop a finding overlapped by one whose rule replaces its rule."""
    superseding = [(o, s, max(e, s + 1)) for o, s, e in spans if o.supersedes]
    return [
        f
        for f, (rule, start, end) in zip(findings, spans, strict=True)
        if not any(
            o.replaces(rule) and s < max(end, start + 1) and start < e for o, s, e in superseding
        )
    ]


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(RULES), st.integers(0, 40), st.integers(0, 8))))
def test_bisected_overlaps_drop_what_the_pairwise_test_drops(raw):
    spans = [(rule, start, start + length) for rule, start, length in raw]
    findings = list(range(len(spans)))  # stand-ins: only their order and identity matter
    assert one_finding_per_defect(findings, spans) == _pairwise(findings, spans)


# -- line starts ---------------------------------------------------------------------
@SETTINGS
@given(
    st.lists(st.sampled_from(["a", "é", " ", "\n", "\r", "\r\n", "\n\n", "\u2028"])).map("".join)
)
def test_line_starts_are_where_the_regex_finds_line_breaks(text):
    expected = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
    assert line_starts(text) == expected
    assert line_starts(text.replace("\r", "")) == [0] + [
        m.end() for m in LINE_BREAK.finditer(text.replace("\r", ""))
    ]

"""Issue 13: one token-pattern language for the attribution and disclaimer lexicons.

The packaged attribution patterns moved from the old spelling (@class, [a|@b], _) to the
one language ({class}, a|{b}, #word); these tests prove that each compiles to the very
slots it compiled to before, and pin the new spellings and the errors."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import warnings
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from lint.analysis.attribution.slots import (
    ACRONYM,
    GAP,
    LexiconError,
    Slot,
    class_words,
    compile_pattern,
    modern_spelling,
)
from lint.model.errors import ConfigError
from lint.text import token_patterns

ROOT = Path(__file__).resolve().parents[1]
LEXICON = yaml.safe_load((ROOT / "rules/lexicon/attribution.yaml").read_text(encoding="utf-8"))
OLD = yaml.safe_load(
    (Path(__file__).parent / "data/attribution-old-spelling.yaml").read_text(encoding="utf-8")
)["groups"]


def _old_compile_slot(slot: str, lexicon: dict) -> Slot:
    """The attribution slot compiler as it was before issue 13, verbatim but for names:
    the oracle the packaged patterns' old spellings are compiled with."""
    m = re.match(r"^(?P<body>\[.*\]|[^?*+]+)(?P<op>[?*+]?)$", slot)
    assert m, slot
    body, op = m.group("body"), m.group("op")
    alternatives = body[1:-1].split("|") if body.startswith("[") else body.split("|")
    words: list[str] = []
    regexes: list[str] = []
    any_word = False
    for alt in alternatives:
        alt = alt.strip()
        if alt.startswith("@"):
            words.extend(class_words(lexicon, alt[1:]))
        elif alt == "#year":
            regexes.append(r"(?:19|20)\d\d")
        elif alt == "#proper":
            regexes.append(r"[A-Z][A-Za-z0-9.'’&]*")
        elif alt == "#acronym":
            regexes.append(ACRONYM)
        elif alt == "~":
            regexes.append(GAP)
        elif alt == "_":
            any_word = True
        elif alt:
            words.append(alt.lower())
    token: dict[str, Any]
    if any_word and not words and not regexes:
        token = {"IS_ALPHA": True}
    elif regexes or any_word:
        parts = list(regexes)
        if words:
            parts.append("(?i:" + "|".join(re.escape(w) for w in sorted(set(words))) + ")")
        if any_word:
            parts.append(r"[^\W\d_]+")
        token = {"ORTH": {"REGEX": "^(?:" + "|".join(parts) + ")$"}}
    else:
        token = {"LOWER": {"IN": sorted(set(words))}}
    if op:
        token["OP"] = op
    regex = re.compile("^(?:" + "|".join(regexes) + ")$") if regexes else None
    return Slot(token, op, frozenset(words), regex, any_word)


def _flat(pattern: str) -> list[Slot]:
    lead, core = compile_pattern(pattern, LEXICON)
    return lead + core


def _body(pattern: str) -> str:
    pattern = pattern.strip()
    return pattern[2:] if pattern.startswith("^ ") else pattern


def _pairs() -> list[tuple[str, str]]:
    pairs = []
    for group, spec in LEXICON["groups"].items():
        assert len(spec["patterns"]) == len(OLD[group]), group
        pairs.extend(zip(OLD[group], spec["patterns"], strict=True))
    return pairs


@pytest.mark.parametrize("old, new", _pairs())
def test_every_packaged_pattern_compiles_the_same_in_both_spellings(old, new):
    assert new.startswith("^ ") == old.startswith("^ ")
    assert modern_spelling(old) == new
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the packaged lexicon never warns
        lead, core = compile_pattern(_body(new), LEXICON)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        old_split = compile_pattern(_body(old), LEXICON)
    assert len(caught) == (old != new)  # only a pattern the conversion changed warns
    assert old_split == (lead, core)
    assert lead + core == [_old_compile_slot(s, LEXICON) for s in _body(old).split()]


def test_the_old_spelling_warns_naming_the_pattern_and_its_new_spelling():
    with pytest.warns(FutureWarning) as caught:
        compile_pattern("[@evidence|@authority] _? @finding", LEXICON)
    message = str(caught[0].message)
    assert "[@evidence|@authority] _? @finding" in message
    assert "{evidence}|{authority} #word? {finding}" in message


def test_the_old_spelling_warns_on_stderr_only(tmp_path):
    """Under Python's default warning filters, as a user's run has them."""
    script = (
        "import yaml; from lint.analysis.attribution.slots import compile_pattern; "
        "lex = yaml.safe_load(open('rules/lexicon/attribution.yaml', encoding='utf-8')); "
        "compile_pattern('@evidence @finding', lex); compile_pattern('{evidence} {finding}', lex)"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONWARNINGS="")
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert done.stderr.count("FutureWarning") == 1
    assert "'@evidence @finding'" in done.stderr


def test_brackets_group_alternatives_as_before():
    with pytest.warns(FutureWarning):
        bracketed = compile_pattern("[has|have] {aux}* been", LEXICON)
    assert bracketed == compile_pattern("has|have {aux}* been", LEXICON)


def test_a_repeat_is_written_out_as_required_and_optional_slots():
    assert compile_pattern("{evidence} ~{1,3} {finding}", LEXICON) == compile_pattern(
        "{evidence} ~ ~? ~? {finding}", LEXICON
    )
    assert compile_pattern("{evidence} #word{2} {finding}", LEXICON) == compile_pattern(
        "{evidence} #word #word {finding}", LEXICON
    )
    assert compile_pattern("{evidence} ~{1,} {finding}", LEXICON) == compile_pattern(
        "{evidence} ~ ~* {finding}", LEXICON
    )
    assert compile_pattern("{evidence}{2} {finding}", LEXICON) == compile_pattern(
        "{evidence} {evidence} {finding}", LEXICON
    )


def test_word_is_any_word_of_letters():
    (slot,) = _flat("#word")
    assert slot.token == {"IS_ALPHA": True} and slot.any_word
    (mixed,) = _flat("#word|#year")
    assert mixed.token == {"ORTH": {"REGEX": r"^(?:(?:19|20)\d\d|[^\W\d_]+)$"}}


@pytest.mark.parametrize(
    "pattern, named",
    [
        ("{nosuch} {finding}", "unknown class {nosuch}"),
        ("{evidence} #yaer", "#yaer is not implemented"),
        ("{evidence} ^ {finding}", "^ is not implemented"),
    ],
)
def test_attribution_errors_name_the_pattern(pattern, named):
    with pytest.raises(LexiconError) as error:
        compile_pattern(pattern, LEXICON)
    assert named in str(error.value) and repr(pattern) in str(error.value)


def _tokens(text: str) -> list[SimpleNamespace]:
    return [SimpleNamespace(lower_=word.lower()) for word in text.split("'")]


@pytest.mark.parametrize(
    "pattern, named",
    [
        ("see a #proper", "#proper is implemented by the attribution engine only"),
        ("in #year", "#year is implemented by the attribution engine only"),
        ("{neg} ~? advice", "~ is implemented by the attribution engine only"),
        ("any #word|advice", "#word is implemented by the attribution engine only"),
        ("^ not advice", "'^' (label-only) is implemented by the attribution engine only"),
        ("[not|never] advice", "write alternatives without brackets"),
    ],
)
def test_the_disclaimer_engine_rejects_attribution_only_specs_by_name(pattern, named):
    with pytest.raises(ConfigError) as error:
        token_patterns.compile_pattern(pattern, {"neg": ["not"]}, _tokens)
    assert named in str(error.value) and repr(pattern) in str(error.value)


def test_both_engines_read_classes_alternation_and_repeats_alike():
    specs = token_patterns.compile_pattern("a|{neg}* _{0,2} advice", {"neg": ["not"]}, _tokens)
    assert specs[0] == {"LOWER": {"IN": ["a", "not"]}, "OP": "*"}
    assert specs[2] == {"IS_PUNCT": False, "IS_SPACE": False, "OP": "{0,2}"}
    slot, _ = _flat("a|{title}* doctor")
    assert slot.op == "*" and slot.words == {"a", *class_words(LEXICON, "title")}

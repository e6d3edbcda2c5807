"""`contentlint init`'s decisions: a frontmatter schema and rule options from the parsed
frontmatter of a site's articles (pure: `infer` takes the metas and returns a Plan).

- a key present in at least `require` (80%) of the articles is required;
- each key's JSON type is the set of types seen; `null` is allowed on an
  optional key the site sometimes leaves empty; strings and lists that are
  never empty must not be empty;
- a key whose values are dates (≥80%) is a date field: ISO dates get
  `"format": "date"`, and a non-ISO format the site writes consistently
  ("March 2, 2026") is accepted by the date rules (`formats`);
- a category-like key (text, or lists of text, with few distinct values each
  used repeatedly) gets an `enum` of the values seen; the `category` field
  gets CL110's vocabulary instead (CL110 suggests the near miss);
- every key seen is a schema property, so CL113 knows the site's keys; no
  key is forbidden (`additionalProperties` stays open: CL113 warns about new
  keys, CL101 never blocks for them);
- the metadata rules are pointed at the site's own fields (init_rules.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .init_rules import (
    IMAGE_KEY,
    category_rule,
    date_rules,
    image_rules,
    slug_rule,
    summary_rule,
)
from .init_stats import KeyStats, category_like, collect, style_example

REQUIRE = 0.8  # share of articles that must have a key for it to be required
# Free text by nature, however few values a small site has used so far.
FREEFORM = {
    "title", "author", "authors", "slug", "excerpt", "description", "summary", "subtitle", "url",
    "permalink", "canonical", "canonicalUrl", "alt", "featuredImageAlt", "name", "headline",
}  # fmt: skip


@dataclass
class Plan:
    articles: int
    with_frontmatter: int
    unreadable: list[str]
    stats: dict[str, KeyStats]
    required: list[str]
    schema: dict[str, Any]
    rules: dict[str, dict[str, Any]]
    notes: list[str]
    preset: str | None = None


def infer(
    metas: Sequence[Mapping[str, Any] | None],
    *,
    require: float = REQUIRE,
    preset: Any = None,
    preset_required: bool = True,
    unreadable: Sequence[str] = (),
) -> Plan:
    """What the site does, as a schema and rule options. `metas`: one per article, None without frontmatter."""
    articles = len(metas)
    stats = collect(list(metas))
    # Key order: most used first, then as first seen.
    order = sorted(stats, key=lambda k: -stats[k].count)
    required = [k for k in order if articles and stats[k].present >= require * articles]
    notes: list[str] = []
    rules: dict[str, dict[str, Any]] = {}
    category_field = (
        "category" if "category" in stats and stats["category"].types.get("string") else None
    )
    properties = _properties(stats, order, required, articles, category_field)
    if preset is not None:
        _add_preset(preset, preset_required, properties, required, notes)
    schema = _schema(articles, require, preset, required, properties)
    notes += _varying_keys(stats, order, articles)
    date_rules(stats, order, preset.rules if preset is not None else {}, rules, notes)
    slug_rule(stats, rules, notes)
    summary_rule(stats, articles, rules, notes)
    category_rule(stats, category_field, articles, rules, notes)
    image_rules(stats, order, rules)
    return Plan(
        articles=articles,
        with_frontmatter=sum(1 for m in metas if m is not None),
        unreadable=list(unreadable),
        stats=stats,
        required=required,
        schema=schema,
        rules=rules,
        notes=notes,
        preset=preset.name if preset is not None else None,
    )


def _properties(
    stats: dict[str, KeyStats],
    order: list[str],
    required: list[str],
    articles: int,
    category_field: str | None,
) -> dict[str, Any]:
    """Every key's schema; free text, images and the category (CL110's) get no enum."""
    return {
        k: _property(
            stats[k],
            k in required,
            articles=articles,
            enum=k != category_field and k not in FREEFORM and not IMAGE_KEY.search(k),
        )
        for k in order
    }


def _varying_keys(stats: dict[str, KeyStats], order: list[str], articles: int) -> list[str]:
    """A note when many keys are in fewer than half the articles (a site mid-migration)."""
    rare = [k for k in order if stats[k].count < 0.5 * articles]
    if articles > 1 and rare and len(rare) * 3 >= len(order):
        return [
            f"the site's keys vary between articles ({len(rare)} of {len(order)} keys are in fewer than "
            "half): every key seen is known to CL113; only the ones most articles fill are required"
        ]
    return []


def _add_preset(
    preset: Any,
    preset_required: bool,
    properties: dict[str, Any],
    required: list[str],
    notes: list[str],
) -> None:
    """The preset's properties under the site's own; its required keys when they stand."""
    for key, prop in (preset.schema.get("properties") or {}).items():
        properties.setdefault(key, prop)
    for key in (preset.schema.get("required") or []) if preset_required else []:
        if key not in required:
            required.append(key)
            notes.append(f"'{key}' is required by the {preset.name} preset")


def _schema(
    articles: int, require: float, preset: Any, required: list[str], properties: dict[str, Any]
) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Article frontmatter",
        "description": (
            f"Inferred by `contentlint init` from {articles} article(s) on {dt.date.today().isoformat()}"
            f"{' with the ' + preset.name + ' preset' if preset else ''}. Every property is a known key "
            "for CL113; required keys are those at least "
            f"{round(require * 100)}% of the articles had. Edit freely."
        ),
        "type": "object",
        "required": required,
        "properties": properties,
        # New keys are CL113's warning, never CL101's error.
        "additionalProperties": True,
    }


def _property(stats: KeyStats, required: bool, enum: bool, articles: int) -> dict[str, Any]:
    """One key's schema: its types, then what its strings, lists or objects always are."""
    types = [t for t, _ in stats.types.most_common() if t != "null"]
    if "integer" in types and "number" in types:
        types.remove("integer")
    if not types:
        return {}  # only ever empty: anything goes
    prop: dict[str, Any] = {}
    nullable = stats.types.get("null", 0) > 0 and not required
    shown = sorted(types) + (["null"] if nullable else [])
    prop["type"] = shown[0] if len(shown) == 1 else shown
    if types == ["string"]:
        _string_property(prop, stats, enum, articles)
    if types == ["array"]:
        _array_property(prop, stats, enum, articles)
    if types == ["object"] and stats.subkeys:
        prop["properties"] = {k: {} for k in sorted(stats.subkeys)}
    return prop


def _string_property(prop: dict[str, Any], stats: KeyStats, enum: bool, articles: int) -> None:
    kind = stats.date_kind()
    if kind == "iso-date" and all(k == "iso-date" for k in stats.dates):
        prop["format"] = "date"
    if kind:
        prop["description"] = "a date, " + _style_words(kind)
    elif not stats.empty_strings:
        prop["minLength"] = 1
        prop["pattern"] = "\\S"
    if enum and not kind and category_like(stats.strings, articles):
        prop["enum"] = sorted(stats.strings)


def _array_property(prop: dict[str, Any], stats: KeyStats, enum: bool, articles: int) -> None:
    item_types = sorted({t for t in stats.item_types if t != "null"})
    if item_types:
        items: dict[str, Any] = {"type": item_types[0] if len(item_types) == 1 else item_types}
        if item_types == ["string"]:
            items["minLength"] = 1
            if enum and category_like(stats.items, articles):
                items["enum"] = sorted(stats.items)
        prop["items"] = items
    if not stats.empty_lists:
        prop["minItems"] = 1


def _style_words(kind: str) -> str:
    if kind == "iso-date":
        return "written YYYY-MM-DD"
    if kind == "iso-datetime":
        return "written as an ISO-8601 date and time"
    return f"written like '{style_example(kind)}' ({kind})"

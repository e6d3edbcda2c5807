"""`contentlint init`: a starting config inferred from the articles a site already has.

Reading: every article under the folder (the same discovery as `check`,
ignore files respected), its frontmatter parsed as `check` parses it.
Deciding (pure: `infer` takes the parsed frontmatter, returns a Plan):

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
- the metadata rules are pointed at the site's own fields: which keys hold
  the publication and review dates (CL103, CL104, CL114), the summary (CL108),
  the images (CL111, CL112), the slug's spelling (CL105).

Writing: `[tool.contentlint]` in the folder's pyproject.toml (tomlkit keeps
its formatting) when there is one, else `.contentlint.toml`; the schema goes
to `contentlint.schema.json` beside it, referenced as `@contentlint.schema.json`.
An existing config is never replaced without `force`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..checks.frontmatter_values import DATE_FIELD_OPTIONS, ISO_DATE, ISO_DATETIME, LOOSE_FORMATS

SCHEMA_FILE = "contentlint.schema.json"
REQUIRE = 0.8  # share of articles that must have a key for it to be required
DATE_SHARE = 0.8  # share of a key's values that must read as dates

PUBLISHED_KEYS = (
    "publishedAt",
    "published_at",
    "pubDate",
    "publishDate",
    "datePublished",
    "date_published",
    "date",
    "published",
    "created",
    "createdAt",
    "created_at",
)
LATER_KEYS = (
    "lastReviewed",
    "last_reviewed",
    "reviewedAt",
    "reviewed",
    "updatedAt",
    "updated_at",
    "updated",
    "updatedDate",
    "lastmod",
    "lastModified",
    "last_modified_at",
    "lastUpdated",
    "modifiedAt",
    "modified",
    "dateModified",
)
REVIEW_KEYS = (
    "lastReviewed",
    "last_reviewed",
    "reviewedAt",
    "reviewed",
    "medicallyReviewed",
    "reviewDate",
)
SUMMARY_KEYS = (
    "excerpt",
    "description",
    "summary",
    "abstract",
    "lede",
    "metaDescription",
    "meta_description",
)
# Free text by nature, however few values a small site has used so far.
FREEFORM = {
    "title",
    "author",
    "authors",
    "slug",
    "excerpt",
    "description",
    "summary",
    "subtitle",
    "url",
    "permalink",
    "canonical",
    "canonicalUrl",
    "alt",
    "featuredImageAlt",
    "name",
    "headline",
}
IMAGE_KEY = re.compile(r"(?i)(image|img|cover|thumbnail|hero|banner|photo|picture)")
IMAGE_VALUE = re.compile(r"(?i)\.(jpe?g|png|gif|webp|avif|svg)(\?.*)?$")
SLUG_PATTERNS = (
    r"[a-z0-9]+(?:-[a-z0-9]+)*",  # the default: ASCII kebab-case
    r"[a-z0-9]+(?:[-_][a-z0-9]+)*",
    r"[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*",
    r"/?[a-z0-9]+(?:[-_/][a-z0-9]+)*/?",
    r"/?[A-Za-z0-9]+(?:[-_/.][A-Za-z0-9]+)*/?",
)


class InitError(Exception):
    """Refused: exit 2 with this message."""


# -- looking at values -------------------------------------------------------
def json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, (str, dt.date)):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "string"


def date_style(value: Any) -> str | None:
    """'iso-date', 'iso-datetime', a strptime format from LOOSE_FORMATS, or None (not a date)."""
    if isinstance(value, dt.datetime):
        return "iso-datetime"
    if isinstance(value, dt.date):
        return "iso-date"
    if not isinstance(value, str) or not value.strip():
        return None
    text = " ".join(value.strip().split())
    if ISO_DATE.match(text):
        return "iso-date"
    if ISO_DATETIME.match(text):
        return "iso-datetime"
    for fmt in LOOSE_FORMATS:
        try:
            dt.datetime.strptime(text, fmt)
            return fmt
        except ValueError:
            continue
    return None


def _empty(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, str) and not value.strip())
        or value == []
        or value == {}
    )


@dataclass
class KeyStats:
    name: str
    count: int = 0
    types: Counter = field(default_factory=Counter)
    empty: int = 0
    strings: Counter = field(default_factory=Counter)  # text values (dates excluded)
    items: Counter = field(default_factory=Counter)  # items of lists of text
    item_types: Counter = field(default_factory=Counter)
    lists: int = 0
    empty_lists: int = 0
    empty_strings: int = 0
    dates: Counter = field(default_factory=Counter)  # date_style -> count
    subkeys: Counter = field(default_factory=Counter)

    def add(self, value: Any) -> None:
        self.count += 1
        self.types[json_type(value)] += 1
        if _empty(value):
            self.empty += 1
        style = date_style(value)
        if style:
            self.dates[style] += 1
        if isinstance(value, str):
            if not value.strip():
                self.empty_strings += 1
            else:
                self.strings[value] += 1  # as written: enums and vocabularies compare exactly
        elif isinstance(value, list):
            self.lists += 1
            if not value:
                self.empty_lists += 1
            for item in value:
                self.item_types[json_type(item)] += 1
                if isinstance(item, str) and item.strip():
                    self.items[item] += 1
        elif isinstance(value, dict):
            self.subkeys.update(str(k) for k in value)

    @property
    def present(self) -> int:
        """Articles where the key has a value."""
        return self.count - self.empty

    def date_kind(self) -> str | None:
        """The date style the key is written in, when its values are dates."""
        dated = sum(self.dates.values())
        filled = self.present
        if not filled or dated < DATE_SHARE * filled:
            return None
        return self.dates.most_common(1)[0][0]


def category_like(counts: Counter, articles: int) -> bool:
    """Few distinct values, each used repeatedly: a category, a layout, a section."""
    distinct, uses = len(counts), sum(counts.values())
    if distinct < 1 or uses < 4:
        return False
    if sum(1 for v in counts if any(c.isdigit() for c in v)) * 2 > distinct:
        return False  # "11 min read", "v2.1": measurements and versions, not categories
    return distinct <= 12 and uses >= 2 * distinct and max(len(v) for v in counts) <= 60


# -- the plan ----------------------------------------------------------------
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


def _property(stats: KeyStats, required: bool, enum: bool, articles: int) -> dict[str, Any]:
    types = [t for t, _ in stats.types.most_common() if t != "null"]
    if "integer" in types and "number" in types:
        types.remove("integer")
    if not types:
        return {}  # only ever empty: anything goes
    prop: dict[str, Any] = {}
    nullable = stats.types.get("null", 0) > 0 and not required
    shown = sorted(types) + (["null"] if nullable else [])
    prop["type"] = shown[0] if len(shown) == 1 else shown
    kind = stats.date_kind()
    if types == ["string"]:
        if kind == "iso-date" and all(k == "iso-date" for k in stats.dates):
            prop["format"] = "date"
        if kind:
            prop["description"] = "a date, " + _style_words(kind)
        elif not stats.empty_strings:
            prop["minLength"] = 1
            prop["pattern"] = "\\S"
        if enum and not kind and category_like(stats.strings, articles):
            prop["enum"] = sorted(stats.strings)
    if types == ["array"]:
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
    if types == ["object"] and stats.subkeys:
        prop["properties"] = {k: {} for k in sorted(stats.subkeys)}
    return prop


def _style_words(kind: str) -> str:
    if kind == "iso-date":
        return "written YYYY-MM-DD"
    if kind == "iso-datetime":
        return "written as an ISO-8601 date and time"
    example = dt.date(2026, 3, 2).strftime(kind)
    return f"written like '{example}' ({kind})"


def infer(
    metas: Sequence[Mapping[str, Any] | None],
    *,
    require: float = REQUIRE,
    preset=None,
    preset_required: bool = True,
    unreadable: Sequence[str] = (),
) -> Plan:
    """What the site does, as a schema and rule options. `metas`: one per article, None without frontmatter."""
    articles = len(metas)
    stats: dict[str, KeyStats] = {}
    for meta in metas:
        for key, value in (meta or {}).items():
            if str(key) == "contentlint-disable":
                continue
            stats.setdefault(str(key), KeyStats(str(key))).add(value)
    # Key order: most used first, then as first seen.
    order = sorted(stats, key=lambda k: -stats[k].count)
    required = [k for k in order if articles and stats[k].present >= require * articles]
    notes: list[str] = []
    rules: dict[str, dict[str, Any]] = {}

    category_field = (
        "category" if "category" in stats and stats["category"].types.get("string") else None
    )
    properties = {
        k: _property(
            stats[k],
            k in required,
            articles=articles,
            enum=k != category_field and k not in FREEFORM and not IMAGE_KEY.search(k),
        )
        for k in order
    }
    if preset is not None:
        for key, prop in (preset.schema.get("properties") or {}).items():
            properties.setdefault(key, prop)
        for key in (preset.schema.get("required") or []) if preset_required else []:
            if key not in required:
                required.append(key)
                notes.append(f"'{key}' is required by the {preset.name} preset")
    schema: dict[str, Any] = {
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
    rare = [k for k in order if stats[k].count < 0.5 * articles]
    if articles > 1 and rare and len(rare) * 3 >= len(order):
        notes.append(
            f"the site's keys vary between articles ({len(rare)} of {len(order)} keys are in fewer than "
            "half): every key seen is known to CL113; only the ones most articles fill are required"
        )

    # -- dates
    date_keys = {k: stats[k].date_kind() for k in order if stats[k].date_kind()}
    preset_rules = preset.rules if preset is not None else {}
    base_fields = list(preset_rules.get("CL102", {}).get("fields") or DATE_FIELD_OPTIONS["fields"])
    key_pattern = re.compile(DATE_FIELD_OPTIONS["key-pattern"])
    new_fields = [k for k in date_keys if k not in base_fields and not key_pattern.match(k)]
    # Keys that look like dates by name but hold something else would be reported by CL102 forever.
    odd = [
        k
        for k in order
        if (k in base_fields or key_pattern.match(k))
        and k not in date_keys
        and stats[k].present
        and stats[k].types.get("string")
        and not stats[k].dates
    ]
    formats = sorted({kind for kind in date_keys.values() if not kind.startswith("iso-")})
    if new_fields or formats or odd:
        fields = [f for f in base_fields if f not in odd] + new_fields
        table: dict[str, Any] = {"fields": fields}
        if odd:
            table["key-pattern"] = (
                "^(?!(?:"
                + "|".join(re.escape(k) for k in odd)
                + ")$)"
                + DATE_FIELD_OPTIONS["key-pattern"].lstrip("^")
            )
            notes.append(
                f"not dates although named like dates: {', '.join(odd)} (left out of the date rules)"
            )
        if formats:
            table["formats"] = formats
            notes.append(
                "dates written "
                + " and ".join(f"'{dt.date(2026, 3, 2).strftime(f)}' ({f})" for f in formats)
                + " are accepted besides ISO-8601"
            )
        rules["CL102"] = dict(table)
        rules["CL103"] = dict(table)
    published = next((k for k in PUBLISHED_KEYS if k in date_keys), None)
    if published is None and date_keys:
        published = next(iter(date_keys))
    later = [k for k in date_keys if k in LATER_KEYS and k != published]
    default_later = ["lastReviewed", "updatedAt", "reviewedAt", "lastUpdated", "modifiedAt"]
    if published and (published != "publishedAt" or any(k not in default_later for k in later)):
        rules["CL104"] = {"published": published, "later": later}
        if formats:
            rules["CL104"]["formats"] = formats
    review = next((k for k in REVIEW_KEYS if k in date_keys), None)
    currency = [k for k in (review, *(k for k in later if k not in REVIEW_KEYS), published) if k]
    currency = list(dict.fromkeys(currency))
    if currency and currency != ["lastReviewed", "publishedAt"]:
        rules["CL114"] = {"fields": currency}
        if formats:
            rules["CL114"]["formats"] = formats
    if currency and review is None:
        # With no review date, age is the publication date's: blocking on it would gate the whole
        # archive on day one. Overdue articles warn until the site starts recording reviews.
        rules.setdefault("CL114", {})["block"] = False
        notes.append(
            f"no review-date key: CL114 warns when '{currency[0]}' is over 12 months old but does not "
            "block; record reviews (lastReviewed) and set block = true in [rules.CL114] to gate on them"
        )

    # -- slug spelling
    slug = stats.get("slug")
    if slug is not None and slug.strings:
        pattern = next(
            (p for p in SLUG_PATTERNS if all(re.fullmatch(p, v) for v in slug.strings)), None
        )
        if pattern is None:
            notes.append("slugs follow no common pattern: CL105 keeps ASCII kebab-case")
        elif pattern != SLUG_PATTERNS[0]:
            rules["CL105"] = {"pattern": pattern}
            notes.append(f"slugs are written {pattern} (CL105 accepts it)")

    # -- summary field for CL108
    if "excerpt" not in stats:
        summary = next(
            (k for k in SUMMARY_KEYS if k in stats and len(stats[k].strings) >= 0.5 * articles),
            None,
        )
        if summary:
            rules["CL108"] = {"field": summary}
            lengths = [len(v) for v in stats[summary].strings]
            if lengths and (min(lengths) < 50 or max(lengths) > 300):
                notes.append(
                    f"'{summary}' runs {min(lengths)}-{max(lengths)} characters; CL108 warns outside 50-300"
                )

    # -- category vocabulary for CL110
    if category_field:
        values = sorted(stats[category_field].strings)
        rules["CL110"] = {"vocabulary": values}
        if len(values) > 1 and not category_like(stats[category_field].strings, articles):
            notes.append(
                f"'category' has {len(values)} distinct values in {stats[category_field].count} "
                "articles: CL110's vocabulary is every value seen; check it against the site's real list"
            )

    # -- image fields for CL111/CL112
    images = [
        k
        for k in order
        if stats[k].strings
        and (IMAGE_KEY.search(k) or all(IMAGE_VALUE.search(v) for v in stats[k].strings))
    ]
    if images and images != ["featuredImage"]:
        rules["CL111"] = {"fields": images}
        rules["CL112"] = {"fields": images}

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


# -- reading and writing -----------------------------------------------------
def read_site(folder: Path) -> tuple[list[dict | None], list[str], list[Path]]:
    """Frontmatter of every article under `folder` (None without), unreadable files, and the files."""
    from ..engine.config import DEFAULT_EXCLUDE, DEFAULT_INCLUDE
    from ..engine.discover import discover, display_path
    from ..model.article import InputError, load_article

    files = discover([folder], DEFAULT_INCLUDE, DEFAULT_EXCLUDE, respect_gitignore=True)
    metas: list[dict | None] = []
    unreadable: list[str] = []
    for path in files:
        try:
            article = load_article(display_path(path), path.read_bytes())
        except (InputError, OSError) as err:
            unreadable.append(f"{display_path(path)}: {getattr(err, 'message', None) or err}")
            continue
        metas.append(dict(article.meta) if article.frontmatter is not None else None)
    return metas, unreadable, files


def config_target(folder: Path) -> tuple[Path, bool]:
    """(file to write, whether it already holds a contentlint config)."""
    from ..engine.config import _read

    dedicated = folder / ".contentlint.toml"
    if dedicated.is_file():
        return dedicated, True
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        return pyproject, "contentlint" in (_read(pyproject).get("tool") or {})
    return dedicated, False


def config_table(plan: Plan, schema_ref: str):
    """The config as a tomlkit table: preset, then one [rules.X] table per decision."""
    import tomlkit

    table = tomlkit.table()
    if plan.preset:
        table.add("preset", plan.preset)
    rules = tomlkit.table(is_super_table=True)
    for code in ("CL101", "CL113"):
        sub = tomlkit.table()
        sub.add("schema", schema_ref)
        rules.add(code, sub)
    for code in sorted(plan.rules):
        sub = tomlkit.table()
        for key, value in plan.rules[code].items():
            sub.add(key, _toml_value(value))
        rules.add(code, sub)
    table.add("rules", rules)
    return table


def _toml_value(value: Any):
    import tomlkit

    if isinstance(value, list) and len(value) > 4:
        array = tomlkit.array()
        array.extend(value)
        array.multiline(True)
        return array
    return value


def render(plan: Plan, target: Path) -> str:
    """The text of the config file to write (a pyproject keeps everything it had)."""
    import tomlkit

    schema_ref = f"@{SCHEMA_FILE}"
    table = config_table(plan, schema_ref)
    if target.name == "pyproject.toml" and target.is_file():
        doc = tomlkit.parse(target.read_text(encoding="utf-8"))
        tool = doc.get("tool")
        if tool is None:
            tool = tomlkit.table(is_super_table=True)
            doc.add("tool", tool)
        if "contentlint" in tool:
            del tool["contentlint"]
        tool.add("contentlint", table)
        return tomlkit.dumps(doc)
    doc = tomlkit.document()
    doc.add(
        tomlkit.comment(
            f"Written by `contentlint init` from {plan.articles} article(s); the frontmatter "
            f"schema is {SCHEMA_FILE}."
        )
    )
    doc.add(
        tomlkit.comment(
            "Settings and rule options: see the README's Configuration section and "
            "`contentlint explain CODE`."
        )
    )
    for key, value in table.items():
        doc.add(key, value)
    return tomlkit.dumps(doc)


def write_config(folder: Path, plan: Plan, force: bool = False) -> tuple[Path, Path]:
    """Write the config and the schema; refuse (InitError) to replace either without `force`."""
    target, exists = config_target(folder)
    schema_path = folder / SCHEMA_FILE
    if exists and not force:
        raise InitError(f"{target} already holds a contentlint config; use --force to replace it")
    if schema_path.exists() and not force:
        raise InitError(f"{schema_path} already exists; use --force to replace it")
    text = render(plan, target)
    from ..engine.config import tomllib

    tomllib.loads(text)  # never write a file that would not load
    schema_path.write_text(
        json.dumps(plan.schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    target.write_text(text, encoding="utf-8")
    return target, schema_path


# -- the summary -------------------------------------------------------------
def describe_plan(plan: Plan, folder: str) -> list[str]:
    lines = [
        f"contentlint init: {plan.articles} article(s) under {folder}, "
        f"{plan.with_frontmatter} with frontmatter"
        + (f", {len(plan.unreadable)} unreadable (skipped)" if plan.unreadable else "")
    ]
    if plan.preset:
        lines.append(f"  preset: {plan.preset}")
    if not plan.stats:
        lines.append("  no frontmatter keys: nothing is required")
    n = max(plan.articles, 1)
    if plan.required:
        lines.append(
            "  required: "
            + ", ".join(
                f"{k} ({plan.stats[k].present}/{n})" if k in plan.stats else k
                for k in plan.required
            )
        )
    optional = [k for k in plan.stats if k not in plan.required]
    if optional:
        lines.append(
            "  optional: " + ", ".join(f"{k} ({plan.stats[k].present}/{n})" for k in optional)
        )
    props = plan.schema["properties"]
    typed = [f"{k}: {_type_words(props.get(k, {}))}" for k in plan.stats if props.get(k)]
    if typed:
        lines.append("  types: " + "; ".join(typed))
    vocab = [
        (k, props[k].get("enum") or (props[k].get("items") or {}).get("enum"))
        for k in plan.stats
        if props.get(k) and (props[k].get("enum") or (props[k].get("items") or {}).get("enum"))
    ]
    if "CL110" in plan.rules:
        vocab.append(("category (CL110)", plan.rules["CL110"]["vocabulary"]))
    for key, values in vocab:
        shown = ", ".join(map(str, values[:8])) + (", …" if len(values) > 8 else "")
        lines.append(f"  vocabulary of {key}: {shown}")
    for code in sorted(plan.rules):
        if code != "CL110":
            lines.append(
                f"  {code}: " + ", ".join(f"{k} = {v!r}" for k, v in plan.rules[code].items())
            )
    lines += [f"  note: {note}" for note in plan.notes]
    lines += [f"  unreadable: {item}" for item in plan.unreadable]
    return lines


def _type_words(prop: Mapping[str, Any]) -> str:
    kind = prop.get("type", "any")
    words = "/".join(kind) if isinstance(kind, list) else str(kind)
    if prop.get("description", "").startswith("a date"):
        words = prop["description"]
    if kind == "array" and isinstance(prop.get("items"), dict) and "type" in prop["items"]:
        words += f" of {prop['items']['type']}"
    return words


def first_run_summary(run) -> list[str]:
    """What `check` reports with the new config: counts per rule, verdicts, metadata blocks."""
    from ..model.finding import at_least
    from ..model.verdicts import BLOCKED

    counts = Counter((f.code, f.name, f.severity) for f in run.findings)
    lines = ["", "A first `contentlint check` with this config reports:"]
    for (code, name, severity), count in sorted(counts.items()):
        lines.append(f"  {count:5d}  {code} {name} ({severity})")
    if not counts:
        lines.append("  nothing")
    blocked = [r for r in run.results if run.verdicts.get(r.path) == BLOCKED]
    fail_on = run.settings.fail_on
    meta = [
        r
        for r in blocked
        if any(f.category == "metadata" and at_least(f.severity, fail_on) for f in r.findings)
    ]
    lines.append(
        f"  {len(run.results)} article(s): {len(blocked)} blocked, {len(meta)} of them for metadata"
    )
    stale = 0
    for result in meta:
        codes = sorted(
            {
                f.code
                for f in result.findings
                if f.category == "metadata" and at_least(f.severity, fail_on)
            }
        )
        lines.append(f"    {result.path}: {', '.join(codes)}")
        stale += codes == ["CL114"]
    if stale:
        lines.append(
            f"  {stale} of them only because their newest date is older than CL114 allows (health "
            "content is reviewed regularly); set error-months in [rules.CL114] if your policy differs"
        )
    return lines


# -- the command -------------------------------------------------------------
def command(
    folder: Path,
    preset_name: str | None,
    force: bool,
    require: float,
    dry_run: bool,
    preview: bool,
    echo,
) -> int:
    """`contentlint init`: 0 when written (or shown), 2 when refused."""
    from ..engine.discover import display_path
    from ..engine.presets import detect_preset, load_preset
    from ..model.errors import RuleError

    shown = display_path(folder) or "."
    detected = None
    if preset_name is None:
        detected = detect_preset(folder)
        preset_name = detected
    try:
        preset = load_preset(preset_name) if preset_name else None
    except RuleError as err:
        raise InitError(f"--preset: {err}") from None
    target, exists = config_target(folder)
    if not dry_run:
        if exists and not force:
            raise InitError(
                f"{target} already holds a contentlint config; use --force to replace it"
            )
        if (folder / SCHEMA_FILE).exists() and not force:
            raise InitError(f"{folder / SCHEMA_FILE} already exists; use --force to replace it")
    metas, unreadable, files = read_site(folder)
    if not files:
        raise InitError(f"no articles (*.md, *.markdown, *.mdx) under {shown}")
    # With an explicit preset its required keys stand; a detected one only lends its names and options.
    plan = infer(
        metas,
        require=require,
        preset=preset,
        preset_required=detected is None,
        unreadable=unreadable,
    )
    if detected:
        plan.notes.insert(
            0,
            f'looks like a {preset.title} site: preset = "{detected}" (its rule options, '
            "under the ones written here)",
        )
    from ..engine.config import find_config

    above = find_config(folder.resolve().parent)
    if above is not None:
        plan.notes.append(
            f"articles under {shown} will use this config instead of {display_path(above[0])}"
        )
    for line in describe_plan(plan, shown):
        echo(line)
    if dry_run:
        echo("")
        echo(f"# {display_path(target)} (not written: --dry-run)")
        echo(render(plan, target).rstrip())
        echo(f"# {display_path(folder / SCHEMA_FILE)}")
        echo(json.dumps(plan.schema, indent=2, ensure_ascii=False))
        return 0
    config_path, schema_path = write_config(folder, plan, force=force)
    echo(f"  wrote {display_path(config_path)} and {display_path(schema_path)}")
    if preview:
        from ..engine.project import Project, run_project

        result = run_project([folder], Project())
        for line in first_run_summary(result):
            echo(line)
    return 0

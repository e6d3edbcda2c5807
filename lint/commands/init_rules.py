"""The metadata rules pointed at a site's own fields, for `contentlint init`: which keys
hold the publication and review dates (CL102-CL104, CL114), the slug's spelling (CL105),
the summary (CL108), the category vocabulary (CL110) and the images (CL111, CL112).

Each step reads the key stats and adds rule options and notes for the writer;
a step adds nothing when the rule's defaults already fit the site.
"""

from __future__ import annotations

import re
from typing import Any

from ..checks.frontmatter_values import DATE_FIELD_OPTIONS
from .init_stats import KeyStats, category_like, style_example

Rules = dict[str, dict[str, Any]]

PUBLISHED_KEYS = (
    "publishedAt", "published_at", "pubDate", "publishDate", "datePublished", "date_published",
    "date", "published", "created", "createdAt", "created_at",
)  # fmt: skip
LATER_KEYS = (
    "lastReviewed", "last_reviewed", "reviewedAt", "reviewed", "updatedAt", "updated_at",
    "updated", "updatedDate", "lastmod", "lastModified", "last_modified_at", "lastUpdated",
    "modifiedAt", "modified", "dateModified",
)  # fmt: skip
REVIEW_KEYS = (
    "lastReviewed", "last_reviewed", "reviewedAt", "reviewed", "medicallyReviewed", "reviewDate",
)  # fmt: skip
SUMMARY_KEYS = (
    "excerpt", "description", "summary", "abstract", "lede", "metaDescription",
    "meta_description",
)  # fmt: skip
# CL104's defaults: a site with these keys needs no options.
DEFAULT_LATER = ["lastReviewed", "updatedAt", "reviewedAt", "lastUpdated", "modifiedAt"]
IMAGE_KEY = re.compile(r"(?i)(image|img|cover|thumbnail|hero|banner|photo|picture)")
IMAGE_VALUE = re.compile(r"(?i)\.(jpe?g|png|gif|webp|avif|svg)(\?.*)?$")
SLUG_PATTERNS = (
    r"[a-z0-9]+(?:-[a-z0-9]+)*",  # the default: ASCII kebab-case
    r"[a-z0-9]+(?:[-_][a-z0-9]+)*",
    r"[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*",
    r"/?[a-z0-9]+(?:[-_/][a-z0-9]+)*/?",
    r"/?[A-Za-z0-9]+(?:[-_/.][A-Za-z0-9]+)*/?",
)


def date_rules(
    stats: dict[str, KeyStats],
    order: list[str],
    preset_rules: Rules,
    rules: Rules,
    notes: list[str],
) -> None:
    """CL102-CL104 and CL114 on the keys whose values are dates."""
    date_keys: dict[str, str] = {}
    for k in order:
        kind = stats[k].date_kind()
        if kind:
            date_keys[k] = kind
    formats = sorted({kind for kind in date_keys.values() if not kind.startswith("iso-")})
    _date_fields(stats, order, date_keys, formats, preset_rules, rules, notes)
    published = next((k for k in PUBLISHED_KEYS if k in date_keys), None)
    if published is None and date_keys:
        published = next(iter(date_keys))
    later = [k for k in date_keys if k in LATER_KEYS and k != published]
    if published and (published != "publishedAt" or any(k not in DEFAULT_LATER for k in later)):
        rules["CL104"] = {"published": published, "later": later}
        if formats:
            rules["CL104"]["formats"] = formats
    review = next((k for k in REVIEW_KEYS if k in date_keys), None)
    _currency(review, published, later, formats, rules, notes)


def _date_fields(
    stats: dict[str, KeyStats],
    order: list[str],
    date_keys: dict[str, str],
    formats: list[str],
    preset_rules: Rules,
    rules: Rules,
    notes: list[str],
) -> None:
    """CL102 and CL103: which keys are dates, and the non-ISO formats the site writes."""
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
    if not (new_fields or formats or odd):
        return
    table: dict[str, Any] = {"fields": [f for f in base_fields if f not in odd] + new_fields}
    if odd:
        others = "|".join(re.escape(k) for k in odd)
        table["key-pattern"] = f"^(?!(?:{others})$)" + DATE_FIELD_OPTIONS["key-pattern"].lstrip("^")
        notes.append(
            f"not dates although named like dates: {', '.join(odd)} (left out of the date rules)"
        )
    if formats:
        table["formats"] = formats
        notes.append(
            "dates written "
            + " and ".join(f"'{style_example(f)}' ({f})" for f in formats)
            + " are accepted besides ISO-8601"
        )
    rules["CL102"] = dict(table)
    rules["CL103"] = dict(table)


def _currency(
    review: str | None,
    published: str | None,
    later: list[str],
    formats: list[str],
    rules: Rules,
    notes: list[str],
) -> None:
    """CL114: the dates an article's age is measured from, newest-meaning first."""
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


def slug_rule(stats: dict[str, KeyStats], rules: Rules, notes: list[str]) -> None:
    """CL105: the most specific common pattern every slug matches."""
    slug = stats.get("slug")
    if slug is None or not slug.strings:
        return
    pattern = next(
        (p for p in SLUG_PATTERNS if all(re.fullmatch(p, v) for v in slug.strings)), None
    )
    if pattern is None:
        notes.append("slugs follow no common pattern: CL105 keeps ASCII kebab-case")
    elif pattern != SLUG_PATTERNS[0]:
        rules["CL105"] = {"pattern": pattern}
        notes.append(f"slugs are written {pattern} (CL105 accepts it)")


def summary_rule(stats: dict[str, KeyStats], articles: int, rules: Rules, notes: list[str]) -> None:
    """CL108: the key holding the summary, when the site does not call it `excerpt`."""
    if "excerpt" in stats:
        return
    summary = next(
        (k for k in SUMMARY_KEYS if k in stats and len(stats[k].strings) >= 0.5 * articles),
        None,
    )
    if not summary:
        return
    rules["CL108"] = {"field": summary}
    lengths = [len(v) for v in stats[summary].strings]
    if lengths and (min(lengths) < 50 or max(lengths) > 300):
        notes.append(
            f"'{summary}' runs {min(lengths)}-{max(lengths)} characters; CL108 warns outside 50-300"
        )


def category_rule(
    stats: dict[str, KeyStats],
    category_field: str | None,
    articles: int,
    rules: Rules,
    notes: list[str],
) -> None:
    """CL110: every category value seen is the vocabulary."""
    if not category_field:
        return
    values = sorted(stats[category_field].strings)
    rules["CL110"] = {"vocabulary": values}
    if len(values) > 1 and not category_like(stats[category_field].strings, articles):
        notes.append(
            f"'category' has {len(values)} distinct values in {stats[category_field].count} "
            "articles: CL110's vocabulary is every value seen; check it against the site's real list"
        )


def image_rules(stats: dict[str, KeyStats], order: list[str], rules: Rules) -> None:
    """CL111 and CL112: keys named like images or holding image paths."""
    images = [
        k
        for k in order
        if stats[k].strings
        and (IMAGE_KEY.search(k) or all(IMAGE_VALUE.search(v) for v in stats[k].strings))
    ]
    if images and images != ["featuredImage"]:
        rules["CL111"] = {"fields": images}
        rules["CL112"] = {"fields": images}

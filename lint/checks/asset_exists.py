"""CL112: the featured image exists under the site's static root.

This is the one metadata check that needs the file system. To keep checks
pure (and the per-article cache honest), it is a corpus-scope kind: `collect`
runs in the worker and only records which images the article names, where;
`compare` runs once per run in the parent and looks at the disk. An image
added or deleted since the last run is therefore always seen, even when the
article itself came from the cache.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.display import display_path
from .frontmatter_values import entry_span


def collect(article: Article, options: Mapping[str, Any]) -> dict:
    refs = []
    for field in options.get("fields") or []:
        value = article.meta.get(str(field))
        if not isinstance(value, str) or not value.strip():
            continue
        start, end = entry_span(article, str(field))
        line, col = article.position(start)
        end_line, end_col = article.index.end_position(start, end) if end > start else (line, col)
        refs.append(
            {
                "field": str(field),
                "src": value.strip(),
                "line": line,
                "column": col,
                "end_line": end_line,
                "end_column": end_col,
                "excerpt": article.text[start:end],
            }
        )
    return {"dir": str(Path(article.path).parent), "refs": refs}


def find_root(root: str, article_dir: Path) -> Path | None:
    """An absolute root as given; a relative one looked up from the article's folder upwards, then the cwd."""
    path = Path(root).expanduser()
    if path.is_absolute():
        return path if path.is_dir() else None
    here = article_dir.resolve()
    for folder in (here, *here.parents):
        if (folder / path).is_dir():
            return folder / path
    return path.resolve() if path.is_dir() else None


def _local(src: str) -> str | None:
    parts = urlsplit(src)
    if parts.scheme or src.startswith("//"):
        return None  # a URL: not ours to fetch
    return unquote(parts.path)


def compare(
    collected: Mapping[str, dict], options: Mapping[str, Any]
) -> Iterable[tuple[str, dict]]:
    root_option = str(options.get("static-root") or "")
    if not root_option:
        return
    for path in sorted(collected):
        data = collected[path]
        article_dir = Path(data["dir"])
        root = find_root(root_option, article_dir)
        for ref in data["refs"]:
            local = _local(ref["src"])
            if local is None:
                continue
            position = {k: ref[k] for k in ("line", "column", "end_line", "end_column", "excerpt")}
            if root is None:
                yield (
                    path,
                    {
                        **position,
                        "args": {
                            "field": ref["field"],
                            "src": ref["src"],
                            "problem": f"the static root '{root_option}' was not found "
                            f"above {article_dir.as_posix()}",
                        },
                    },
                )
                break
            target = root / local.lstrip("/") if local.startswith("/") else article_dir / local
            if not target.is_file():
                shown = display_path(target)  # relative where possible: the same on every machine
                yield (
                    path,
                    {
                        **position,
                        "args": {
                            "field": ref["field"],
                            "src": ref["src"],
                            "problem": f"no file at {shown}",
                        },
                    },
                )


KIND = CheckKind(
    name="asset-exists",
    scope="corpus",
    collect=collect,
    compare=compare,
    options={"fields": ["featuredImage"], "static-root": ""},
)

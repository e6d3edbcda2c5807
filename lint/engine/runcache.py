"""A whole run's results, kept so that a run whose inputs are all unchanged does no work.

The per-article cache (lint.engine.cache) spares spaCy, but a run still decoded
every article's entry, compared every figure across the corpus (CL502) and
recomputed every finding's fingerprint. Those steps depend only on the articles'
bytes, the rule set (the cache's salt) and the few settings the corpus pass reads
(per-file ignores, the project root, the file policy). So the final results are
stored under a key made of all of them; the next run with the same key reads
them back instead. Any change (an edited article, a new sibling, another
config) is a different key: the run goes the usual way and stores its results.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from .. import __version__
from .cache import FOLDERS, Cache
from .config import Settings
from .discover import display_path
from .pipeline import ArticleResult
from .rules import Registry, Rule


@dataclass
class StoredRun:
    key: str
    compared: int = 0
    results: list[ArticleResult] = field(default_factory=list)
    # What the live corpus kinds collected (rule code -> path -> data), and a hash of
    # what their comparison said then: see `live_probe`.
    live: dict[str, dict[str, Any]] = field(default_factory=dict)
    probe: str = ""


def live_rules(rules: Sequence[Any], registry: Any) -> list[Any]:
    """Corpus rules whose comparison reads more than the articles: today's date (future-date,
    currency), the file system (asset-exists), or anything a plugin's kind may read."""
    return [
        rule
        for rule in rules
        if registry.kinds[rule.check].scope == "corpus"
        and registry.kinds[rule.check].compare is not None
        and not registry.kinds[rule.check].compares_articles_only
    ]


def live_probe(live: dict[str, dict[str, Any]], rules: Sequence[Any], registry: Any) -> str:
    """A hash of what the live rules report on this data now. A stored run is used only when
    it is unchanged: an image added since, or a date now in the past, sends the run the usual way."""
    said = []
    for rule in live_rules(rules, registry):
        kind = registry.kinds[rule.check]
        said.append((rule.code, list(kind.compare(live.get(rule.code, {}), rule.options))))
    return hashlib.sha256(repr(said).encode("utf-8", "surrogatepass")).hexdigest()


_DECODER = msgspec.json.Decoder(StoredRun)
_ENCODER = msgspec.json.Encoder()


def content_key(
    cache: Cache | None,
    settings: Settings,
    policy,
    reported: Sequence[Path],
    others: Sequence[Path],
) -> str | None:
    """What the run's findings depend on beyond the cache's salt; None when it cannot be told
    (no cache, or a file that cannot be read: the usual way reports it)."""
    if cache is None:
        return None
    digest = hashlib.sha256()
    context = (settings.root, sorted(settings.per_file_ignores.items()), repr(policy))
    digest.update(repr(context).encode("utf-8", "surrogatepass"))
    for group in (reported, others):
        digest.update(b"\1")
        for path in group:
            try:
                data = policy.read(path)
            except Exception:  # an InputError or the system's: not a plain run
                return None
            digest.update(display_path(path).encode("utf-8", "surrogatepass") + b"\0")
            digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def run_key(
    content: str | None, entries: Sequence[tuple[Cache | None, Sequence[Path]]]
) -> str | None:
    """`content` and the state of the articles' own cache entries: a run stored before an
    entry was deleted, damaged or rewritten is not used, so that the usual way sees (and
    repairs) the entry, as it always did."""
    if content is None:
        return None
    digest = hashlib.sha256(content.encode())
    for cache, paths in entries:
        digest.update(b"\1")
        if cache is None:
            continue
        for path in paths:
            try:
                info = cache.entry_file(display_path(path)).stat()
                digest.update(f"{info.st_size}:{info.st_mtime_ns}:{info.st_ino}\0".encode())
            except OSError:
                digest.update(b"-\0")
    return digest.hexdigest()


def _name(reported: Sequence[Path]) -> str:
    """One stored run per set of reported files (a folder's run does not evict a file's)."""
    shown = "\0".join(display_path(p) for p in reported)
    return hashlib.sha256(shown.encode("utf-8", "surrogatepass")).hexdigest()


def load(
    cache: Cache | None, key: str | None, reported: Sequence[Path], rules: Sequence[Any], registry
) -> tuple[list[ArticleResult], int] | None:
    """(results, articles compared) of the stored run with this key, or None."""
    if cache is None or key is None:
        return None
    data = cache.get_run(_name(reported), key)
    if data is None:
        return None
    try:
        stored = _DECODER.decode(data)
    except (msgspec.DecodeError, ValueError, TypeError):
        return None
    if stored.key != key or [r.path for r in stored.results] != [display_path(p) for p in reported]:
        return None
    try:
        if live_probe(stored.live, rules, registry) != stored.probe:
            return None
    except Exception:  # data a kind cannot read (not ours): the usual way
        return None
    return stored.results, stored.compared


def store(
    cache: Cache | None,
    key: str | None,
    reported: Sequence[Path],
    results: list[ArticleResult],
    compared: int,
    live: tuple[dict[str, dict[str, Any]], str],
) -> None:
    if cache is None or key is None:
        return
    stored = StoredRun(key, compared, results, *live)
    try:
        data = _ENCODER.encode(stored)
        if _DECODER.decode(data) != stored:
            return  # something JSON cannot carry exactly: never cached
    except (msgspec.EncodeError, msgspec.DecodeError, OverflowError, ValueError, TypeError):
        return
    cache.put_run(_name(reported), key, data)


def open_cache(
    settings: Settings, registry: Registry, rules: Sequence[Rule], *, whole_registry: bool = True
) -> Cache | None:
    """The result cache for this rule set, or None when caching is off.

    With `whole_registry` off, the salt covers `rules` alone (their code, kind, options)
    instead of every rule of the registry: for results only ever read through those rules,
    like a comparison-only article's collected figures (lint.engine.siblings), which
    another rule's severity or options cannot change."""
    if not settings.cache:
        return None
    memo = (id(settings), id(registry), tuple(map(id, rules)), whole_registry)
    known = _OPENED.get(memo)
    if known is not None and known[0] is settings and known[1] is registry:
        return known[2]  # the run, its reported and its compared articles share one salt
    from .codehash import code_fingerprint

    salt = (
        (registry.fingerprint() if whole_registry else _kinds_of(registry, rules))
        + __version__
        + code_fingerprint()
        + repr([(r.code, r.severity, _options(registry, r, whole_registry)) for r in rules])
        + str(settings.nlp_model)
        + str(settings.source)
        + repr((getattr(settings, "max_file_size", None), getattr(settings, "time_budget", None)))
    )
    cache = Cache(
        settings.resolve(settings.cache_dir),
        salt,
        max_size=getattr(settings, "cache_max_size", 256 * 1024 * 1024),
    )
    FOLDERS.add(os.fspath(cache.folder))
    while len(_OPENED) >= 4:  # a run opens two (its rules, its corpus rules): keep the latest
        del _OPENED[next(iter(_OPENED))]
    _OPENED[memo] = (settings, registry, cache)
    return cache


def _options(registry: Registry, rule: Rule, whole_registry: bool) -> list[str]:
    """A rule's options for the salt; for results only ever read through what the rule
    collected, not those its kind's collect step never reads (the evidence registry)."""
    ignored = () if whole_registry else registry.kinds[rule.check].collect_ignores
    return sorted(str(item) for item in rule.options.items() if item[0] not in ignored)


def _kinds_of(registry: Registry, rules: Sequence[Rule]) -> str:
    """What computes the rules' results: each one's kind, and where the kind's functions
    live (a plugin may register a kind; the installed code is hashed apart)."""
    parts = []
    for rule in rules:
        kind = registry.kinds[rule.check]
        where = [
            f"{getattr(f, '__module__', '')}.{getattr(f, '__qualname__', '')}"
            for f in (kind.run, kind.collect, kind.compare)
        ]
        parts.append((rule.code, rule.check, rule.emits, kind.scope, where))
    return repr(parts)


# The last cache opened, by the identity of what its salt was computed from (the salt
# hashes every rule's options: worth computing once per run, not once per pass).
_OPENED: dict[tuple, tuple] = {}

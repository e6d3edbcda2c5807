"""The check interface: what a check kind gives the engine.

It lives below the checks and the engine because both use it: the checks define
kinds, the engine's registry (lint/engine/rules.py) loads rules that configure them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CheckKind:
    """Generic Python behind rules.

    scope "article": run(article, options) -> iterable of Hit.
    scope "corpus": collect(article, options) -> picklable data, run in the
    worker; compare(collected: {path: data}, options) -> iterable of
    (path, Hit-like dict), run once in the parent over every article.

    A kind that reports several codes (like pylint's `msgs`) names its messages in
    `emits`; each rule of it says which one it is (`emits:` in its YAML, checked at
    load). Its `run` then yields (message, Hit) pairs, so one analysis of an article
    serves every code (CL201-CL203 share one disclaimer analysis), and its
    collect/compare serve the rules of message `collects_for` (CL502 among CL501-CL503).
    """

    name: str
    options: Mapping[str, Any]
    run: Callable | None = None
    scope: str = "article"
    collect: Callable | None = None
    compare: Callable | None = None
    fixable: bool = False
    # validate(options) raises ValueError naming the bad option: called when
    # the rule is loaded and again after config overrides, so a bad value is a
    # usage error (exit 2) instead of a crash in a worker.
    validate: Callable[[Mapping[str, Any]], None] | None = None
    # Kinds whose finding on the same span already reports the defect: one defect,
    # one finding (CL502 yields to CL503 on a figure the evidence registry contradicts).
    # (Message names of this kind count too.)
    yields_to: tuple[str, ...] = ()
    emits: tuple[str, ...] = ()
    collects_for: str = ""
    # A corpus kind whose comparison reads nothing but the articles' collected data (not
    # today's date, not the file system): an unchanged run may reuse its stored result.
    # False by default, so a plugin's kind is always asked again.
    compares_articles_only: bool = False
    # compare(collected, options, about=paths) yields only the items about those paths,
    # the same ones and in the same order: a run that reports a few articles of many
    # (pre-commit) need not weigh every other article's figures against each other.
    compares_about: bool = False
    # Options that collect(article, options) never reads (only run or compare do): a
    # comparison-only article's cached data stands when they change (lint.engine.runcache).
    collect_ignores: tuple[str, ...] = ()

    def collects(self, message: str) -> bool:
        """Whether a rule of this kind emitting `message` gathers corpus data."""
        return self.collect is not None and (not self.emits or message == self.collects_for)

"""Vague or uncited attribution: "studies show", "experts agree", "a 2018 review found".

The phrase lists live in rules/lexicon/attribution.yaml as small patterns (see
the comment at its top). They are compiled into token patterns once per pipeline
and lexicon, run once per article, and shared by every rule of this kind: each
rule reports the lexicon groups it names. A match is not reported when its
sentence (or list item, or table row) has a citation, when it is in a heading,
when it refers back to a source already named ("the study found"), or when the
sentence is a question. The analysis is lint/analysis/attribution/.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..analysis.attribution import compiled, find_attributions, inflections, recaps_cited_evidence
from ..analysis.citations import CITATION_OPTIONS, citations_for
from ..model.article import Article
from ..model.check_kind import CheckKind
from ..model.finding import Hit

__all__ = ["KIND", "compiled", "find_attributions", "inflections", "run"]


def run(article: Article, options: Mapping[str, Any]) -> Iterable[Hit]:
    lexicon = options.get("lexicon") or {}
    wanted = set(options.get("groups") or [])
    if not lexicon or not wanted:
        return
    citations = citations_for(article, options)
    reported: set = set()
    for item in find_attributions(article, lexicon):
        if item.group not in wanted or citations.covers(item.start, item.end):
            continue
        if citations.cited_before(item.phrase, item.start):
            continue  # "the 2022 guidelines" after the cited 2022 criteria
        if item.group != "named-study" and recaps_cited_evidence(article, citations, item):
            continue
        unit = citations.unit_of(item.start)
        if unit in reported:
            continue  # one finding per sentence (or item, or row): one citation fixes them all
        reported.add(unit)
        yield Hit(
            item.start,
            item.end,
            {"phrase": item.phrase, "advice": item.advice, "group": item.group},
        )


KIND = CheckKind(
    name="attribution",
    options={"lexicon": {}, "groups": [], **CITATION_OPTIONS},
    run=run,
)

"""The bucketed corpus comparison (lint.analysis.facts.corpus) gives exactly the verdicts of the
pairwise one it replaced, kept here as the oracle, on generated fact sets."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lint.analysis.evidence import Entry, registry_conflict, registry_match
from lint.analysis.facts import Fact, agree, in_conflict
from lint.analysis.facts.values import Value
from lint.checks.consistency import corpus_conflicts, rivals_across


def _signature(fact: Fact) -> tuple:
    return (
        fact.key,
        fact.unit,
        fact.dimension,
        fact.low,
        fact.high,
        fact.qualifier,
        fact.value,
        fact.treatment_specific,
        fact.condition_specific,
        fact.study,
        fact.timepoint,
        fact.strict,
        fact.study_id,
        fact.arm,
        tuple(sorted(fact.qualifiers.items())),
    )


def _relations(fact: Fact, groups: Mapping[tuple, list[Fact]], tolerance: float, points: float):
    supporting, opposing = set(), set()
    for sig, members in groups.items():
        other = members[0]
        if not rivals_across(fact, other):
            continue
        if agree(fact, other, tolerance, points):
            supporting.add(sig)
        elif in_conflict(fact, other, tolerance, points):
            opposing.add(sig)
    return supporting, opposing


def pairwise_conflicts(
    collected: Mapping[str, Sequence[Fact]],
    entries: Sequence[Entry],
    tolerance: float,
    points: float,
) -> Iterator[tuple[Fact, list[Fact]]]:
    """The comparison as it was before issue 15: every signature against every other."""
    by_key: dict[tuple, list[Fact]] = defaultdict(list)
    for path in sorted(collected):
        for fact in collected[path]:
            by_key[fact.key].append(fact)  # type: ignore[index]
    for key in sorted(by_key, key=str):
        facts = by_key[key]
        if len({f.path for f in facts}) < 2:
            continue
        groups: dict[tuple, list[Fact]] = {}
        for fact in facts:
            groups.setdefault(_signature(fact), []).append(fact)
        for members in groups.values():
            supporting, opposing = _relations(members[0], groups, tolerance, points)
            support_paths = {f.path for t in supporting for f in groups[t]}
            first_opponent: dict[str, Fact] = {}
            for other in facts:
                if _signature(other) in opposing:
                    first_opponent.setdefault(other.path, other)
            registry_agrees = (
                bool(entries) and registry_match(members[0], entries, tolerance) is not None
            )
            decided = (
                bool(entries) and registry_conflict(members[0], entries, tolerance) is not None
            )
            for fact in members:
                supporters = support_paths - {fact.path}
                against = {
                    p: f
                    for p, f in first_opponent.items()
                    if p != fact.path and p not in supporters
                }
                if not against or registry_agrees:
                    continue
                if decided or len(against) >= 1 + len(supporters):
                    yield fact, [against[p] for p in sorted(against)]


QUALIFIERS = st.dictionaries(
    st.sampled_from(["population", "cohort", "treatment", "condition", "section", "regimen"]),
    st.sampled_from(["a", "b"]),
    max_size=2,
)


@st.composite
def facts(draw: st.DrawFn, path: str) -> Fact:
    low = draw(st.sampled_from([0.0, 1.0, 2, 5.0, 10.0, 20.0, 30.0, 50.0, 55.5, 80.0]))
    width = draw(st.sampled_from([0.0, 0.0, 1.0, 5.0, 30.0]))
    unit = draw(st.sampled_from(["%", "%", "days", "mg/kg"]))
    return Fact(
        path=path,
        start=0,
        end=1,
        line=draw(st.integers(1, 40)),
        column=1,
        end_line=1,
        end_column=2,
        text="x",
        kind="number",
        dimension="proportion" if unit == "%" else "time",
        unit=unit,
        low=low,
        high=low + width,
        qualifier=draw(st.sampled_from(["exact", "exact", "approx", "upper", "lower"])),
        value=f"{low}-{low + width}",
        subject=draw(st.sampled_from(["crps", "migraine"])),
        measure="response-rate",
        qualifiers=draw(QUALIFIERS),
        timepoint=draw(st.sampled_from([None, None, (7.0, 7.0), (28.0, 28.0)])),
        treatment_specific=draw(st.booleans()),
        condition_specific=draw(st.booleans()),
        study=draw(st.booleans()),
        strict=draw(st.sampled_from([(), (), ("regimen",)])),
    )


@st.composite
def corpora(draw: st.DrawFn) -> dict[str, list[Fact]]:
    paths = [f"a{i}.md" for i in range(draw(st.integers(1, 7)))]
    return {p: draw(st.lists(facts(p), max_size=6)) for p in paths}


ENTRY = Entry(
    key="crps-rate",
    subject="crps",
    measure="response-rate",
    value=Value("proportion", "%", 20.0, 30.0, "exact", "20–30%"),
)


def _shown(found) -> list[tuple[int, list[int]]]:
    return [(id(f), [id(o) for o in others]) for f, others in found]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    corpora(),
    st.sampled_from([0.0, 0.1, 0.25]),
    st.sampled_from([0.0, 1.0]),
    st.booleans(),
)
def test_bucketed_equals_pairwise(corpus, tolerance, points, with_entry) -> None:
    entries = [ENTRY] if with_entry else []
    expected = _shown(pairwise_conflicts(corpus, entries, tolerance, points))
    assert _shown(corpus_conflicts(corpus, entries, tolerance, points)) == expected


def test_majority_and_first_opponents() -> None:
    """Three articles agree against a fourth: only the fourth is the outlier, named against
    the first figure of each other article."""
    base = {
        "start": 0,
        "end": 1,
        "line": 1,
        "column": 1,
        "end_line": 1,
        "end_column": 2,
        "text": "x",
    }
    base |= {"kind": "number", "dimension": "proportion", "unit": "%", "qualifier": "exact"}
    base |= {"subject": "crps", "measure": "response-rate"}

    def fact(path: str, low: float, line: int = 1) -> Fact:
        return Fact(path=path, low=low, high=low, value=f"{low}%", **base | {"line": line})

    corpus = {
        "a.md": [fact("a.md", 50)],
        "b.md": [fact("b.md", 51), fact("b.md", 52, 2)],
        "c.md": [fact("c.md", 50)],
        "d.md": [fact("d.md", 90)],
    }
    found = list(corpus_conflicts(corpus, [], 0.1, 1.0))
    assert [(f.path, [o.path for o in others]) for f, others in found] == [
        ("d.md", ["a.md", "b.md", "c.md"])
    ]
    assert found[0][1][1].line == 1
    assert _shown(found) == _shown(pairwise_conflicts(corpus, [], 0.1, 1.0))


def _placed(found) -> list[tuple[str, int, list[tuple[str, int, str]]]]:
    return [(f.path, f.line, [(o.path, o.line, o.value) for o in others]) for f, others in found]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpora(), st.sampled_from([0.0, 0.1]), st.sampled_from([0.0, 1.0]), st.booleans())
def test_packed_facts_compare_as_the_facts_they_pack(corpus, tolerance, points, with_entry) -> None:
    """What a worker packs for the parent (lint.analysis.facts.compact) gives the same
    verdicts, figures and opponents as the facts themselves, and the same messages' data."""
    import json

    from lint.analysis.facts.compact import pack, unpack_all

    entries = [ENTRY] if with_entry else []
    packed = {path: json.loads(json.dumps(pack(facts))) for path, facts in corpus.items()}
    expected = _placed(corpus_conflicts(corpus, entries, tolerance, points))
    assert _placed(corpus_conflicts(unpack_all(packed), entries, tolerance, points)) == expected


def test_opponents_read_like_a_list() -> None:
    import numpy as np

    from lint.analysis.facts.corpus import Opponents

    facts = [f"f{i}" for i in range(6)]
    first_of = np.array([0, 2, 3, 5])
    for own in range(5):
        paths = np.array([0, 1, 3])
        named = Opponents(facts, first_of, paths, own)  # type: ignore[arg-type]
        expected = [facts[first_of[p]] for p in paths if p != own]
        assert list(named) == expected and len(named) == len(expected)
        assert named[:3] == expected[:3] and named[-1] == expected[-1]

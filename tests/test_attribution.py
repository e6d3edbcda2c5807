"""CL401 vague-attribution and CL402 uncited-named-study."""

import pytest

from lint.checks.attribution import compiled, inflections
from lint.engine import analyse, finish
from lint.rules import load_registry

from test_numeric_claims import SEED_003_LIKE

REGISTRY = load_registry()
REGISTRY_ROOT = __import__("lint.rules", fromlist=["builtin_pack_dir"]).builtin_pack_dir()
CODES = ("CL401", "CL402")


def found(text: str, codes=CODES) -> list[tuple[str, str]]:
    rules = [REGISTRY.rules[c] for c in codes]
    result = analyse("a.md", text.encode("utf-8"), rules, REGISTRY)
    finish([result], rules, REGISTRY, {})
    lines = text.split("\n")
    return [(f.code, lines[f.line - 1][f.column - 1:f.end_column]) for f in result.findings if f.code in codes]


def phrases(body: str) -> list[str]:
    return [span for _, span in found(f"# T\n\n{body}\n")]


def test_inflections_cover_tenses():
    assert set(inflections("show")) >= {"show", "shows", "showed", "shown", "showing"}
    assert set(inflections("suggest")) >= {"suggests", "suggested", "suggesting"}
    assert set(inflections("find")) >= {"finds", "found"}
    assert set(inflections("prove")) >= {"proves", "proved", "proven"}
    assert set(inflections("agree")) >= {"agrees", "agreed"}
    assert set(inflections("imply")) >= {"implies", "implied"}


@pytest.mark.parametrize("body,phrase", [
    ("Studies show that ketamine reduces pain.", "Studies show"),
    ("Research suggests ketamine may help migraine.", "Research suggests"),
    ("Several studies have shown that low-dose ketamine reduces pain.", "Several studies have shown"),
    ("A study showed that relief can last for weeks.", "A study showed"),
    ("Studies have consistently shown a benefit.", "Studies have consistently shown"),
    ("Experts agree that monitoring is essential.", "Experts agree"),
    ("Experts say the risks are low.", "Experts say"),
    ("Doctors recommend a series of six infusions.", "Doctors recommend"),
    ("Many researchers believe it resets circuits.", "Many researchers believe"),
    ("Ketamine has been shown to reduce suicidal thoughts.", "has been shown to"),
    ("According to experts, cold therapy reduces inflammation.", "According to experts"),
    ("A growing body of evidence supports its use.", "A growing body of evidence supports"),
    ("Studies in mice suggest a benefit.", "Studies in mice suggest"),
    ("Research and clinical experience suggest several conditions may benefit.",
     "Research and clinical experience suggest"),
])
def test_anonymous_authority(body, phrase):
    assert found(f"# T\n\n{body}\n") == [("CL401", phrase)]


@pytest.mark.parametrize("body,phrase", [
    ("It is well known that ketamine relieves pain.", "It is well known"),
    ("This treatment is clinically proven to work.", "clinically proven"),
    ("The science is clear: it works.", "The science is clear"),
    ("It is generally accepted that all drugs pass into milk.", "It is generally accepted"),
    ("Fasting remains backed by science for weight loss.", "backed by science"),
    ("There is broad scientific consensus on this.", "There is broad scientific consensus"),
])
def test_bare_proof_or_consensus(body, phrase):
    assert found(f"# T\n\n{body}\n") == [("CL401", phrase)]


@pytest.mark.parametrize("body,phrase", [
    ("A 2018 review found that ketamine helps in CRPS.", "A 2018 review found"),
    ("A 2020 randomized controlled trial found that infusions reduce pain.",
     "A 2020 randomized controlled trial found"),
    ("A Cochrane review found moderate-quality evidence.", "A Cochrane review found"),
    ("A landmark German study using ketamine coma showed improvements.", "A landmark German study"),
    ("A landmark study changed practice.", "A landmark study"),
    ("A randomized controlled trial found lasting relief.", "A randomized controlled trial found"),
    ("Pain fell, and researchers at Stanford University found why.", "researchers at Stanford University found"),
    ("One study published in the Journal of Pain found less pain.", "One study published in the Journal"),
    ("The 2015 SPRINT results showed that tighter control saved lives.", "The 2015 SPRINT results showed"),
])
def test_named_but_uncited_study(body, phrase):
    assert found(f"# T\n\n{body}\n") == [("CL402", phrase)]


def test_seed_003_attributions():
    spans = [span for _, span in found(SEED_003_LIKE)]
    for expected in ["A 2018 review found", "A 2020 randomized controlled trial found", "A Cochrane review found",
                     "A landmark German study"]:
        assert expected in spans, spans


def test_seed_003_uncited_dated_study_is_one_finding():
    # Policy §5: the year inside "A 2020 randomized controlled trial" is not also a numeric claim.
    codes = ("CL301", "CL401", "CL402")
    on_line = [code for code, span in found(SEED_003_LIKE, codes) if "2020" in span or "fibromyalgia" in span]
    assert on_line == ["CL402"]


def test_a_figure_beside_an_uncited_study_is_still_its_own_finding():
    text = "# T\n\nA 2018 review found that 50-80% of patients improve with infusions.\n"
    assert sorted(found(text, ("CL301", "CL401", "CL402"))) == [("CL301", "50-80% of patients"),
                                                              ("CL402", "A 2018 review found")]


def test_without_the_attribution_rules_the_dated_study_is_a_numeric_claim():
    text = "# T\n\nA 2020 randomized controlled trial found that infusions reduce pain.\n"
    assert [code for code, _ in found(text, ("CL301",))] == ["CL301"]


def test_seed_000_attribution():
    text = ("Ketamine and Chronic Pain\n\nSeveral studies have shown that low-dose ketamine infusions can "
            "significantly reduce pain intensity in chronic pain sufferers.\n")
    assert found(text) == [("CL401", "Several studies have shown")]


@pytest.mark.parametrize("citation", [
    "([Orhurhu et al.](https://doi.org/10.1213/ANE.0000000000004108))",
    "(Orhurhu et al., 2019)",
    "(doi:10.1213/ANE.0000000000004108)",
    "[1]",
    "[^1]",
])
def test_cited_occurrences_are_not_flagged(citation):
    text = (f"# T\n\nSeveral studies have shown that ketamine reduces pain {citation}. "
            f"\n\nA 2018 review found that ketamine helps {citation}.\n\n"
            "## References\n\n1. Orhurhu V et al. Anesth Analg. 2019.\n\n[^1]: Orhurhu V et al. 2019.\n")
    assert found(text) == []


@pytest.mark.parametrize("body", [
    "A 2018 review (Orhurhu et al., 2019) looked at CRPS. The study found that relief lasts weeks.",
    "These researchers found the same.",
    "What does the research say about ketamine?",
    "Your doctor may recommend a second infusion.",
    "No studies have shown harm, and few trials have proven efficacy.",
    "It is more complicated than scientists have previously thought.",
    "The table helps practitioners predict onset.",
    "He received grants and research support, consulting fees and honoraria.",
    "Read [what 10 years of research tells us](/blog/ten-years).",
    "A randomized controlled trial is the strongest kind of evidence.",
    "Multiple studies have examined ketamine for CRPS.",
    "Researchers at Stanford University are testing it.",
    "Until robust trials demonstrate efficacy, it remains experimental.",
])
def test_not_flagged(body):
    assert found(f"# T\n\n{body}\n") == []


def test_headings_are_never_flagged():
    assert found("# Studies show it works\n\n## A 2018 review found benefit\n\nText.\n") == []


def test_one_finding_per_sentence():
    assert phrases("Studies show, and experts agree, that it works.") == ["Studies show"]


def test_matcher_is_built_once_per_lexicon():
    lexicon = REGISTRY.rules["CL401"].options["lexicon"]
    assert compiled(lexicon) is compiled(dict(lexicon))


def test_lexicon_words_are_all_strings():
    """YAML reads a bare `no` or `on` as a boolean; every word in the lexicon must be a string."""
    lexicon = REGISTRY.rules["CL401"].options["lexicon"]

    def walk(node):
        if isinstance(node, dict):
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield item

    assert all(isinstance(item, str) for item in walk(lexicon))


def test_summary_line_recapping_cited_trials_is_not_vague():
    from lint.article import parse_article
    from lint.rules import load_registry

    rule = load_registry().rules["CL401"]
    text = ("# Ketamine for CRPS\n\n## Controlled trials\n\nTwo randomized trials found less pain with ketamine "
            "[1].\n\n## Key Takeaways\n\n- **Controlled trials support ketamine** for CRPS.\n\n"
            "## References\n\n1. Schwartzman RJ, et al. Pain. 2009;147:107-115.\n")
    from lint.checks.attribution import run

    assert list(run(parse_article("a.md", text), rule.options)) == []
    uncited = text.replace(" [1]", "")
    flagged = [uncited[h.start:h.end] for h in run(parse_article("a.md", uncited), rule.options)]
    assert "Controlled trials support" in flagged  # nothing cited to recap: the summary line is vague too


def test_supersedes_must_be_a_list(tmp_path):
    from lint.rules import RuleError, load_rule_file

    source = (REGISTRY.rules["CL402"].source)
    text = open(source, encoding="utf-8").read().replace("supersedes: [numeric-claim]", "supersedes: numeric-claim")
    (tmp_path / "CL999.yaml").write_text(text.replace("code: CL402", "code: CL999"), encoding="utf-8")
    with pytest.raises(RuleError, match="supersedes must be a list"):
        load_rule_file(tmp_path / "CL999.yaml", REGISTRY.kinds, [tmp_path, REGISTRY_ROOT])

"""pre-commit names one file: only the siblings that may state a figure about its subjects are
analysed for the cross-article comparison, and the file's findings are those of a full run."""

from pathlib import Path

from lint.engine.config import load_settings
from lint.engine.rules import load_registry
from lint.engine.runner import run, sibling_context
from lint.engine.siblings import may_compare, prefilter, subject_words

REGISTRY = load_registry()
HEAD = '---\ntitle: "{title}"\n---\n\n'
FIBRO = "About {a}-{b}% of people with fibromyalgia respond to ketamine infusions.\n"
ARTICLES = {
    "overview.md": HEAD.format(title="Ketamine for Chronic Pain")
    + "### Fibromyalgia\n\n"
    + FIBRO.format(a=40, b=60),
    "faq.md": HEAD.format(title="Fibromyalgia FAQ") + FIBRO.format(a=75, b=90),
    "more.md": HEAD.format(title="Fibromyalgia Notes") + FIBRO.format(a=45, b=55),
    "migraine.md": HEAD.format(title="Migraine")
    + "About 12% of adults live with migraine; about 70% of people with migraine respond to"
    " triptans.\n",
    "sleep.md": HEAD.format(title="Sleep") + "Most adults need 7-9 hours of sleep a night.\n",
}


def _folder(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _settings(tmp_path: Path):
    return load_settings(tmp_path, None, {"cache": False, "jobs": 1})


def test_one_staged_file_gets_the_findings_of_a_full_run(tmp_path, monkeypatch) -> None:
    folder = _folder(tmp_path, monkeypatch)
    settings = _settings(tmp_path)
    full = {r.path: r.findings for r in run([folder], REGISTRY, settings).results}
    for name in ARTICLES:
        staged = [folder / name]
        alone = run(staged, REGISTRY, settings, context=sibling_context(staged, settings))
        (result,) = alone.results
        assert result.findings == full[result.path], name
    assert any(f.code == "CL502" for f in full["articles/faq.md"])


def test_siblings_without_the_subjects_are_not_analysed(tmp_path, monkeypatch) -> None:
    folder = _folder(tmp_path, monkeypatch)
    settings = _settings(tmp_path)
    staged = [folder / "faq.md"]
    outcome = run(staged, REGISTRY, settings, context=sibling_context(staged, settings))
    assert outcome.compared == 2  # overview.md and more.md name fibromyalgia; the others do not


def test_the_prefilter_matches_whatever_the_lexicon_would() -> None:
    subjects = {
        "conditions": {
            "chronic-pain": ["chronic pain", "chronic-pain syndrome"],
            "crps": {"names": ["complex regional pain syndrome"], "abbreviations": ["CRPS"]},
            "migraine": ["migraine"],
        }
    }
    words = subject_words(subjects, {"chronic-pain", "crps"})
    assert words == {"chronic", "syndrome", "regional", "CRPS"}
    pattern = prefilter(words)
    assert may_compare(b"# Notes\n\nChronic-pain clinics", pattern)
    assert may_compare("Pain in crps \u212a".encode(), pattern)
    assert not may_compare(b"# Notes\n\nSleep and diet.", pattern)
    # a backslash (a YAML escape could spell a title's letters): always analysed
    assert may_compare(b'---\ntitle: "\\x43RPS"\n---\nText.', pattern)
    assert not may_compare(b"Text.", prefilter([]))


def test_the_fact_kind_is_named_as_the_consistency_check_names_it() -> None:
    """siblings names the kind without importing it (a replayed run imports no check)."""
    from lint.checks.consistency import KIND
    from lint.engine.siblings import FACT_KIND

    assert KIND.name == FACT_KIND

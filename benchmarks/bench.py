"""Throughput of a full check on synthetic ~2,000-word articles, against spaCy's floor.

    python benchmarks/bench.py [-n 200] [--jobs N] [--repeat 3]

Prints articles/s, words/s and peak memory for the full `contentlint check`
(no cache), and the same texts through spaCy's bare tokenizer + sentencizer,
which is the least any spaCy-based linter must pay. The ratio is the cost of
everything we add on top.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

CONDITIONS = ["chronic pain", "CRPS", "fibromyalgia", "treatment-resistant depression", "migraine",
              "neuropathic pain", "PTSD", "bipolar depression"]
SENTENCES = [
    "Many people with {c} describe years of trying treatments that helped only a little.",
    "Up to {p}% of patients with {c} report a meaningful change after a series of infusions.",
    "A {y} review found that {a}-{b}% of people with {c} improved with ketamine [1].",
    "Effects typically last {a}-{b} weeks after a single infusion.",
    "The usual protocol is {d} mg/kg given over {m} minutes, repeated {s} times over two weeks.",
    "Clinicians monitor blood pressure and heart rate throughout each session.",
    "Studies show that combining infusions with therapy may extend the benefit.",
    "About one in {r} adults will experience {c} at some point, according to the [CDC](https://www.cdc.gov/).",
    "Side effects such as nausea and dizziness usually fade within {h} hours.",
    "Patients should arrange a ride home because driving is unsafe on the day of treatment.",
    "Researchers are still working out who benefits most, and why some people do not respond.",
    "Insurance coverage varies, and many clinics offer payment plans for a full series.",
]


def synthetic_article(i: int, rng: random.Random, words: int = 1500) -> str:
    condition = rng.choice(CONDITIONS)
    fm = (f"---\ntitle: \"Ketamine and {condition}: article {i}\"\nslug: \"ketamine-article-{i}\"\n"
          f"excerpt: \"What the research says about ketamine for {condition}, and what treatment involves.\"\n"
          f"category: \"CLINICAL_RESEARCH\"\nauthor: \"Editorial Team\"\npublishedAt: \"2026-0{1 + i % 9}-1{i % 9}\"\n"
          f"featuredImage: \"/images/articles/k{i}.jpg\"\ntags: [\"ketamine\", \"{condition}\"]\n---\n\n")
    out = [fm, f"# Ketamine and {condition}: article {i}\n\n"]
    count = 0
    section = 0
    while count < words:
        section += 1
        out.append(f"## Section {section}\n\n")
        for _ in range(rng.randint(2, 4)):
            para = []
            for _ in range(rng.randint(3, 6)):
                s = rng.choice(SENTENCES).format(c=condition, p=rng.randint(30, 85), y=rng.randint(2010, 2024),
                                                 a=rng.randint(20, 50), b=rng.randint(55, 90), d=0.5,
                                                 m=40, s=6, r=rng.randint(3, 9), h=rng.randint(1, 4))
                para.append(s)
                count += len(s.split())
            out.append(" ".join(para) + "\n\n")
        out.append("".join(f"- **Point {k}**: {rng.choice(SENTENCES).format(c=condition, p=60, y=2019, a=40, b=60, d=0.5, m=40, s=6, r=5, h=2)}\n"
                           for k in range(1, rng.randint(3, 6))) + "\n")
    out.append("## References\n\n1. Example A, et al. A review of ketamine. Pain. 2019;160(1):1-10. doi:10.1000/xyz123\n\n")
    out.append("*This article is for educational purposes only and is not medical advice. "
               "Consult a qualified healthcare provider.*\n")
    return "".join(out)


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="number of articles")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: CPU count)")
    parser.add_argument("--repeat", type=int, default=3, help="runs to take the median of")
    args = parser.parse_args()

    from lint.config import Settings
    from lint.rules import load_registry
    from lint.runner import run

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        texts = [synthetic_article(i, rng) for i in range(args.n)]
        for i, text in enumerate(texts):
            (root / f"article-{i:04d}.md").write_text(text, encoding="utf-8")
        words = sum(len(t.split()) for t in texts)

        registry = load_registry()
        settings = Settings(cache=False, jobs=args.jobs, root=tmp)
        full = []
        findings = 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            result = run([root], registry, settings)
            full.append(time.perf_counter() - start)
            findings = len(result.findings)
        full_peak = peak_mb()

        import spacy

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        floor = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            for _doc in nlp.pipe(texts, batch_size=32):
                pass
            floor.append(time.perf_counter() - start)

    med_full, med_floor = statistics.median(full), statistics.median(floor)
    print(f"articles: {args.n}  words: {words}  ({words / args.n:.0f} per article)  findings: {findings}")
    print(f"full check   (jobs={settings.jobs or 'cpu'}): median {med_full:.2f}s  "
          f"{args.n / med_full:.1f} articles/s  {words / med_full:,.0f} words/s  runs: "
          + ", ".join(f"{t:.2f}" for t in full))
    print(f"spaCy floor  (1 process, tokenizer+sentencizer): median {med_floor:.2f}s  "
          f"{args.n / med_floor:.1f} articles/s  {words / med_floor:,.0f} words/s")
    print(f"ratio full/floor: {med_full / med_floor:.2f}x   peak memory: {full_peak:.0f} MB (largest process)")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())

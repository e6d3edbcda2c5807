"""Synthetic health articles for the benchmarks: ~2,000 words, figure-dense, deterministic.

Every sentence is one of a few templates with its numbers drawn from a seeded
generator, so the same size always gives the same corpus, and the grammar,
citation and fact layers work as hard as they do on real figure-dense pages.
"""

from __future__ import annotations

import random
from pathlib import Path

CONDITIONS = [
    "chronic pain",
    "CRPS",
    "fibromyalgia",
    "treatment-resistant depression",
    "migraine",
    "neuropathic pain",
    "PTSD",
    "bipolar depression",
]
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
    fm = (
        f'---\ntitle: "Ketamine and {condition}: article {i}"\nslug: "ketamine-article-{i}"\n'
        f'excerpt: "What the research says about ketamine for {condition}, and what treatment involves."\n'
        f'category: "CLINICAL_RESEARCH"\nauthor: "Editorial Team"\npublishedAt: "2026-0{1 + i % 9}-1{i % 9}"\n'
        f'featuredImage: "/images/articles/k{i}.jpg"\ntags: ["ketamine", "{condition}"]\n---\n\n'
    )
    out = [fm, f"# Ketamine and {condition}: article {i}\n\n"]
    count = 0
    section = 0
    while count < words:
        section += 1
        out.append(f"## Section {section}\n\n")
        for _ in range(rng.randint(2, 4)):
            para = []
            for _ in range(rng.randint(3, 6)):
                s = rng.choice(SENTENCES).format(
                    c=condition,
                    p=rng.randint(30, 85),
                    y=rng.randint(2010, 2024),
                    a=rng.randint(20, 50),
                    b=rng.randint(55, 90),
                    d=0.5,
                    m=40,
                    s=6,
                    r=rng.randint(3, 9),
                    h=rng.randint(1, 4),
                )
                para.append(s)
                count += len(s.split())
            out.append(" ".join(para) + "\n\n")
        out.append(
            "".join(
                f"- **Point {k}**: {rng.choice(SENTENCES).format(c=condition, p=60, y=2019, a=40, b=60, d=0.5, m=40, s=6, r=5, h=2)}\n"
                for k in range(1, rng.randint(3, 6))
            )
            + "\n"
        )
    out.append(
        "## References\n\n1. Example A, et al. A review of ketamine. Pain. 2019;160(1):1-10. doi:10.1000/xyz123\n\n"
    )
    out.append(
        "*This article is for educational purposes only and is not medical advice. "
        "Consult a qualified healthcare provider.*\n"
    )
    return "".join(out)


def write_corpus(folder: Path, count: int, seed: int = 7) -> int:
    """Write `count` articles into `folder`; return how many words they hold."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    words = 0
    for i in range(count):
        text = synthetic_article(i, rng)
        (folder / f"article-{i:05d}.md").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words

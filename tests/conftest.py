from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

GOOD_FRONTMATTER = """---
title: "Ketamine for CRPS"
slug: "ketamine-for-crps"
excerpt: "What the evidence says about ketamine infusions for complex regional pain syndrome."
category: "CLINICAL_RESEARCH"
author: "Editorial Team"
publishedAt: "2026-03-02"
featuredImage: "/images/articles/crps.jpg"
tags: ["ketamine", "CRPS"]
---
"""

DISCLAIMER = (
    "*This article is for educational purposes only and is not medical advice. "
    "Consult a qualified healthcare provider about your own care.*\n"
)


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path, monkeypatch):
    """Every test runs in its own directory, so no repo config or cache leaks in."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    yield


@pytest.fixture
def write(tmp_path):
    def _write(name: str, content, encoding="utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding=encoding)
        return path

    return _write

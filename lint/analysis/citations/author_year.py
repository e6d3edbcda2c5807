"""Author-year citations: "(Smith et al., 2021)", "(WHO, 2020; Lee 2019)", "Berman et al. (2000)"."""

from __future__ import annotations

import re

PARENS = re.compile(r"\(([^()\n]{4,240})\)")
YEAR_IN = re.compile(r"(?<!\d)(?:19|20)\d{2}[a-z]?(?!\d)")
PAGES = re.compile(r"\bpp?\.\s*\d+(?:\s*[-–]\s*\d+)?")
CITATION_WORDS = {
    "et",
    "al",
    "and",
    "colleagues",
    "coworkers",
    "co-workers",
    "see",
    "e.g",
    "eg",
    "cf",
    "in",
    "press",
    "of",
    "the",
    "for",
    "p",
    "pp",
    "also",
    "von",
    "van",
    "de",
    "der",
    "den",
    "da",
    "di",
    "le",
    "la",
    "du",
    "y",
    "reviewed",
    "by",
    "as",
    "ed",
    "eds",
    "n.d",
    "nd",
    "accessed",
    "updated",
    "team",
    "group",
    "investigators",
    "study",
    "on",
    "behalf",
    "writing",
    "committee",
}
MONTHS_CAP = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Spring",
    "Summer",
    "Autumn",
    "Fall",
    "Winter",
}


def is_author_year(content: str) -> bool:
    """ "Smith et al., 2021", "Lincoff and colleagues, 2023", "Davis et al., JAMA Psychiatry, 2021; WHO 2020"."""
    parts = [p.strip() for p in content.split(";") if p.strip()]
    if not parts:
        return False
    for part in parts:
        if not YEAR_IN.search(part):
            return False
        if re.search(r"\d", PAGES.sub("", YEAR_IN.sub("", part))):
            return False  # "(n = 120, 2019)", "(Phase 3, 2019)": other numbers are not a citation
        words = re.findall(r"[^\W\d_][\w'’.&-]*", part)
        named = False
        for word in words:
            bare = word.rstrip(".,").lower()
            if word in MONTHS_CAP or word.rstrip(".") in MONTHS_CAP:
                return False
            if word[:1].isupper():
                named = True
            elif bare not in CITATION_WORDS:
                return False
        if not named:
            return False
    return True


NARRATIVE_YEAR = re.compile(r"\(((?:19|20)\d{2}[a-z]?)\)")
NARRATIVE_NAME = re.compile(
    r"\b([A-Z][\w'’\-]+)(?:\s+(?:et\s+al\.?|(?:and|&)\s+[A-Z][\w'’\-]+))?\s+$"
)
NARRATIVE_STOP = {
    "In",
    "The",
    "A",
    "An",
    "From",
    "Since",
    "Study",
    "Studies",
    "Update",
    "Published",
    "Updated",
    "By",
    "Of",
    "On",
    "At",
    "Until",
    "Before",
    "After",
    "During",
    "Year",
}

TITLED = re.compile(r"([A-Z][\w'’\-]*)[ \t]+$")
NAME_TITLES = {"Dr.", "Dr", "Prof.", "Prof", "Professor", "Drs.", "Mr.", "Ms.", "Mrs."}


def _title_before(prose: str, name: re.Match) -> bool:
    """ "Ketamine Guide (2025)", "Standards of Care (2022)": a capitalised title before a year is not an
    author, so the year alone cites nothing (policy §3). "Zarate et al. (2006)" and "Dr. Berman
    (2000)" name one."""
    if "et al" in name.group(0) or re.search(r"\s(?:and|&)\s", name.group(0)):
        return False
    before = TITLED.search(prose, max(0, name.start() - 40), name.start())
    if before is None or before.group(1) in NAME_TITLES:
        return False
    k = before.start() - 1
    while k >= 0 and prose[k] in " \t":
        k -= 1
    return not (k < 0 or prose[k] in ".!?\n:") or before.group(1) not in NARRATIVE_STOP


def author_year_spans(prose: str) -> list[tuple[int, int]]:
    spans = []
    for m in PARENS.finditer(prose):
        if is_author_year(m.group(1)):
            spans.append((m.start(), m.end()))
    for m in NARRATIVE_YEAR.finditer(
        prose
    ):  # "Berman et al. (2000)": find the year, then look back for the name
        name = NARRATIVE_NAME.search(prose, max(0, m.start() - 80), m.start())
        if name and name.group(1) not in NARRATIVE_STOP and not _title_before(prose, name):
            spans.append((m.start(), m.end()))
    return spans

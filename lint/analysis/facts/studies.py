"""Whether a figure is reported from one study, which study, and which arm of it.

A sentence that names a study ("a 2019 trial", "researchers found") sets the context
for the sentences after it in its paragraph; so does a paragraph's bold label or the
heading above. A study's identity is its citation when it has one.
"""

from __future__ import annotations

from typing import Any

from ...model.article import Article
from ..citations import citations_for
from .lexicon import Lexicon
from .patterns import ANAPHORIC_STUDY, NEW_STUDY, STUDY_REPORT, STUDY_SAMPLE
from .spans import LexiconSpans
from .words import word_set

# The words of "of those in the drug group" that are not the arm's name.
ARM_WORDS = frozenset({"the", "in"}) | word_set("arm_members")


class StudyFinder(LexiconSpans):
    lex: Lexicon  # set by the FactExtractor

    def __init__(self, article: Article) -> None:
        super().__init__(article)
        self._names_study: dict[tuple[int, int], bool] = {}
        self._study_spans: dict[tuple[int, int, int | None], tuple[str, Any, str]] = {}
        self._citations: Any = None

    def citations(self) -> Any:
        """The article's citations (default options), looked up once, not once per figure."""
        if self._citations is None:
            self._citations = citations_for(self.article)
        return self._citations

    def names_study(self, start: int, end: int) -> bool:
        """Whether the text names or reports one study ("a 2019 trial", "the SUSTAIN-2 trial", "found that").

        Asked of the same sentences for every figure after them: memoised per span."""
        key = (start, end)
        if key in self._names_study:
            return self._names_study[key]
        names = self.lex.study_names
        if not self.by_words:
            found = bool(
                STUDY_REPORT.search(self.prose, start, end)
                or (names is not None and names.search(self.prose, start, end))
            )
            self._names_study[key] = found
            return found
        reports, named = self.study_starts()
        found = self.matches_at(STUDY_REPORT, reports, start, end) or (
            names is not None
            and (
                names.search(self.prose, start, end) is not None
                if named is None
                else self.matches_at(names, named, start, end)
            )
        )
        self._names_study[key] = found
        return found

    def study_context(self, m, block, clause: tuple[int, int]) -> tuple[str, str, str]:
        """(how, which study, which arm) a figure is tied to, or ("", "", "") for a general claim.

        A sentence that names a study sets the context for the sentences after it in
        its paragraph ("A 2019 trial enrolled 120 adults. Response at one week was
        62%."), and so does a paragraph's bold label or the heading above; "58% of the
        drug group" is a result of one arm. "That trial" and "the same study" refer to
        the study named before; a study's identity is its citation when it has one."""
        start, end = self.sentence_span(m)
        arm = ""
        arms = self.lex.arms
        found = arms.search(self.prose, clause[0], clause[1]) if arms is not None else None
        if found is not None:
            arm = " ".join(w for w in found.group(0).lower().split()[1:] if w not in ARM_WORDS)
        # the same for every figure of the sentence: once per sentence (and block)
        key = (start, end, block.index if block is not None else None)
        memo = self._study_spans
        if key not in memo:
            how, span = self._study_span(start, end, block)
            memo[key] = how, span, (self.study_id(span) if span is not None else "")
        how, span, study = memo[key]
        if span is not None:
            return how, study, arm
        if arm or STUDY_SAMPLE.search(m.noun):
            return "arm", "", arm
        return "", "", ""

    def _study_span(self, start: int, end: int, block) -> tuple[str, tuple[int, int] | None]:
        """How the sentence start..end is tied to a study, and the span that names it."""
        how, span = "", None
        if self.names_study(start, end):
            how, span = "sentence", (start, end)
        elif block is not None and block.kind != "heading":
            lead = self.lead_in_span(block)
            heading = next(iter(self.headings(block)), None)
            if lead is not None and self.names_study(lead[0], lead[1]):
                how, span = "context", lead
            elif heading is not None and self.names_study(heading.start, heading.end):
                how, span = "heading", (heading.start, heading.end)
            elif block.kind != "table_cell":
                # the block's sentences before this one: found by bisection, not by a scan
                # from the top of the article for every figure
                # the last such sentence that names a study: looked for from the last back
                sentences = self.sentences()
                first = self.first_sentence_from(block.start)
                for i in range(self.first_sentence_from(start) - 1, first - 1, -1):
                    s_start, s_end = sentences[i]
                    if s_end <= end and self.names_study(s_start, s_end):
                        how, span = "context", (s_start, s_end)
                        break
        return how, span

    def study_id(self, span: tuple[int, int]) -> str:
        """Which study a naming sentence is about: its citation, the study named before it
        ("that trial", "the same study"), or the sentence itself."""
        cited = self.citations().citation_for(span[0], span[1])
        if cited is not None:
            return f"{cited.form}:{cited.target}"
        text = self.prose[span[0] : span[1]]
        if ANAPHORIC_STUDY.search(text) and not NEW_STUDY.search(text):
            earlier = [
                s for s in self.sentences() if s[1] <= span[0] and self.names_study(s[0], s[1])
            ]
            for prev in reversed(earlier):
                prev_text = self.prose[prev[0] : prev[1]]
                if not (ANAPHORIC_STUDY.search(prev_text) and not NEW_STUDY.search(prev_text)):
                    return self.study_id(prev)
        return f"study@{span[0]}"

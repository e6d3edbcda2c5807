"""Numeric claims: which figures state a fact (not_claims.py, context.py), and which of
them make one claim together (grouping.py). The check is lint/checks/numeric_claim.py."""

from .grouping import enumerations, one_figure, outcome_threshold, worked_example
from .not_claims import _cited_before, _refers_back, not_a_claim
from .uncited import claim_span, claim_text, label_of, summary_detail, uncited_figures
from .vocabulary import Vocabulary, vocabulary

__all__ = [
    "Vocabulary",
    "_cited_before",
    "_refers_back",
    "claim_span",
    "claim_text",
    "enumerations",
    "label_of",
    "not_a_claim",
    "one_figure",
    "outcome_threshold",
    "summary_detail",
    "uncited_figures",
    "vocabulary",
    "worked_example",
]

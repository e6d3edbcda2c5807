"""Facts: numeric mentions with what they are about, what they measure and when.

A fact is a figure from the number grammar (lint.analysis.numbers) plus its context:
  subject    the condition or treatment, looked up in the figure's clause, its
             sentence, the sentence before (for "it"/"this"), the list item's
             lead-in, the headings above it, the title, and finally the
             article's dominant subject;
  measure    response rate, prevalence, duration of effect, dose, ... from cue
             words near the figure (rules/lexicon/measures.yaml);
  qualifiers regimen, route, population, region, period (qualifiers.yaml),
             the other of condition/treatment, and a time point ("at 24 hours");
  value      a normalised interval (lint.analysis.facts.values).

Two facts are comparable when subject, measure, unit and every qualifier
both state agree. Comparing them is the consistency checks' job.

The modules:

  fact          the Fact record
  compare       comparable / agree / in_conflict
  extract       extract_facts and the FactExtractor that combines the finders:
  subjects        what a figure is about
  measures        what it measures
  qualifiers      under which regimen, route, population... it holds
  not_compared    why a placed figure is still not compared
  structure     where a figure stands: clause, sentence, list, headings, labels
  cells         where a table cell's own text sits in its row
  spans         the lexicons' phrases in one article's prose, span by span, tried
                only at the words a phrase can start at
  patterns      the patterns the finders read around a figure
  lexicon       the lexicons (rules/lexicon/) compiled into phrase matchers
  grammar       the patterns around the study and cohort vocabularies
  phrases       phrase matching: many phrases at once, longest first
  words         the figure vocabulary (rules/lexicon/figures.yaml)
  values        figures as comparable intervals, and how they are shown
"""

from .compare import agree, comparable, in_conflict
from .extract import extract_facts
from .fact import Fact
from .values import days_label

__all__ = ["Fact", "agree", "comparable", "days_label", "extract_facts", "in_conflict"]

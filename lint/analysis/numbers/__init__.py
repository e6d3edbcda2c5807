"""The number grammar: prose -> NumericMention, one per figure that states a fact.

How it works, per article:

1. The spaCy Doc gives the sentences (with boundaries at every block start).
2. Sentences with no digit and no number word are skipped outright.
3. The rest are split into small tokens by one regular expression (spaCy's own
   tokenizer keeps "50–80", "~30" and "0.5mg" whole, which a grammar cannot
   read reliably).
4. At each number a deterministic parser reads the quantity (a value or a range,
   digits or words, with its scale and percent sign), the qualifier before it
   ("up to", "nearly", "more than"), then what follows it (a unit, a noun, "in
   five", "times more likely") and the cue words around it, and decides the kind
   -- or that it is not a claim at all (a name such as COVID-19 or type 2
   diabetes, an ordinal, a date, a time, a phone number, an age limit, a label
   such as "Step 2", list numbering, money).

Values: `low` and `high` are the full values with the scale applied ("50
million" -> 5e7, scale "million"); a percentage stays in percent (85.0, unit
"%"); a ratio or fraction becomes a fraction ("one in five" -> 0.2, unit
"fraction"); a multiplier has unit "x". Durations keep their unit ("months").

Mentions are extracted from every prose block, headings included (the rules never
report headings), but never from frontmatter, code, URLs, images, footnote
definitions, citation markers, or the article's References section.

The modules, from the article down to the words:

  scan          extract_mentions: sentences, table cells, the masked prose
  tables        a table row's cells, column headers and row text
  timeline      onset timelines ("Weeks 5-8: nausea peaks") and ranks ("the 10th leading cause")
  mention       NumericMention, KINDS, QUALIFIERS
  grammar       SentenceParser.parse/classify: one figure -> a ParsedClaim or nothing,
                by READINGS, an ordered list of small readings
  reading       what a reading is: Site, and NEXT ("not mine")
  read_relative the readings of keyed statistics, percentages, fractions, ratios, multipliers
  read_amounts  the readings of timepoints, years, doses, measurements, time amounts, counts
  kinds         the readers of percentages, fractions, ratios and multipliers
  exclusions    the not-a-claim rules: names, labels, dates, ages, list numbers, money
  cues          the context words that make a time amount a protocol step or an effect
  phrases       what stands around a number: its qualifier, noun, unit, frequency
  quantities    the number itself: a value or a range, words or digits, scale, percent
  tokens        the tokenizer, and the token cursor every layer reads through
  number_words, units, nouns   the vocabulary, as Python sets and tables
  vocab         reads that vocabulary from rules/lexicon/numbers-*.yaml, once per process

Every English word the grammar knows is data in rules/lexicon/numbers-*.yaml (cues, nouns,
exclusions, units, words); only structure (digits, punctuation, the shape of a range) is
written here. The cursor the readings use is one class built in layers (tokens -> quantities
-> phrases -> cues -> kinds -> grammar, with exclusions beside them); each layer calls only
the ones below it. The readings themselves are plain functions, composed in a list.
"""

from .mention import KINDS, QUALIFIERS, NumericMention
from .scan import extract_mentions

__all__ = ["KINDS", "QUALIFIERS", "NumericMention", "extract_mentions"]

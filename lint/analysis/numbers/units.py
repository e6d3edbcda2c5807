"""Units a figure can carry: time, mass and volume, lab and body measurements, dose forms.

The words are data: rules/lexicon/numbers-units.yaml.
"""

from __future__ import annotations

from .vocab import table, words

TIME_UNITS: dict[str, str] = table("units", "time-units")
MASS_UNITS: dict[str, str] = table("units", "mass-units")
PER_TIME: dict[str, str] = table("units", "per-time")
PER_DENOMINATORS = words("units", "per-denominators")
LAB_UNITS = words("units", "lab-units")
MEASURE_UNITS: dict[str, str] = table("units", "measure-units")
LITRE_WORDS = words("units", "litre-words")
DOSE_FORMS: dict[str, str] = table("units", "dose-forms")
CONCENTRATION_FORMS = words("units", "concentration-forms")
PERIODS = words("units", "periods")
FREQUENCY_WORDS = words("units", "frequency-words")
FREQUENCY_OPENERS = words("units", "frequency-openers")
# "by week 12", "at month 3": a point in time of a result, not a label.
TIMEPOINT_UNITS: dict[str, str] = table("units", "timepoint-units")
TIMEPOINT_PREPOSITIONS = words("units", "timepoint-prepositions")

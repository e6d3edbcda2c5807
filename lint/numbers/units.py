"""Units a figure can carry: time, mass and volume, lab and body measurements, dose forms."""

TIME_UNITS = {"second": "seconds", "seconds": "seconds", "sec": "seconds", "secs": "seconds",
              "minute": "minutes", "minutes": "minutes", "min": "minutes", "mins": "minutes",
              "hour": "hours", "hours": "hours", "hr": "hours", "hrs": "hours", "h": "hours",
              "day": "days", "days": "days", "week": "weeks", "weeks": "weeks", "wk": "weeks", "wks": "weeks",
              "month": "months", "months": "months", "mo": "months", "mos": "months",
              "year": "years", "years": "years", "yr": "years", "yrs": "years", "decade": "decades",
              "decades": "decades", "night": "nights", "nights": "nights"}
MASS_UNITS = {"mg": "mg", "milligram": "mg", "milligrams": "mg", "mcg": "mcg", "µg": "mcg", "μg": "mcg",
              "ug": "mcg", "microgram": "mcg", "micrograms": "mcg", "g": "g", "gram": "g", "grams": "g",
              "gm": "g", "ng": "ng", "nanograms": "ng", "ml": "ml", "milliliter": "ml", "milliliters": "ml",
              "millilitre": "ml", "millilitres": "ml", "cc": "ml", "iu": "IU", "units": "units", "unit": "units",
              "l": "l", "liter": "l", "liters": "l", "litre": "l", "litres": "l", "mmol": "mmol", "meq": "mEq"}
PER_TIME = {"h": "hour", "hr": "hour", "hrs": "hour", "hour": "hour", "min": "min", "minute": "min",
            "d": "day", "day": "day", "wk": "week", "week": "week", "kg": "kg", "dose": "dose",
            "session": "session", "infusion": "infusion", "m2": "m2", "month": "month"}
LAB_UNITS = {"mg/dl", "mmol/l", "ng/ml", "pg/ml", "nmol/l", "pmol/l", "µg/dl", "mcg/dl", "iu/l", "miu/ml",
             "miu/l", "u/l", "mg/l", "ng/dl", "µmol/l", "umol/l", "mmhg", "mm/hg", "g/dl", "meq/l"}
MEASURE_UNITS = {"kg": "kg", "kilograms": "kg", "kilogram": "kg", "kilos": "kg", "lb": "lb", "lbs": "lb",
                 "pounds": "lb", "stone": "stone", "cm": "cm", "centimeters": "cm", "centimetres": "cm",
                 "inches": "inches", "inch": "inches", "mmhg": "mmHg", "bpm": "bpm", "calories": "kcal",
                 "kcal": "kcal", "steps": "steps", "servings": "servings", "cups": "cups", "glasses": "glasses",
                 "ounces": "oz", "oz": "oz", "points": "points", "drinks": "drinks", "cigarettes": "cigarettes"}
DOSE_FORMS = {"tablets": "tablets", "tablet": "tablets", "capsules": "capsules", "capsule": "capsules",
              "pills": "pills", "pill": "pills", "drops": "drops", "puffs": "puffs", "sprays": "sprays",
              "doses": "doses", "infusions": "infusions", "sessions": "sessions", "treatments": "treatments",
              "injections": "injections", "shots": "injections", "lozenges": "lozenges", "troches": "troches",
              "patches": "patches", "gummies": "gummies", "boosters": "boosters", "appointments": "sessions"}
CONCENTRATION_FORMS = {"cream", "gel", "patch", "solution", "ointment", "lotion", "spray", "topical",
                       "concentration", "strength", "lidocaine", "minoxidil", "shampoo", "foam",
                       "rinse", "drops", "tincture", "oil"}
PERIODS = {"day", "week", "month", "year", "night", "session", "hour", "morning", "evening", "dose"}
# "by week 12", "at month 3": a point in time of a result, not a label.
TIMEPOINT_UNITS = {"day": "days", "days": "days", "week": "weeks", "weeks": "weeks", "month": "months",
                   "months": "months", "hour": "hours", "year": "years"}
TIMEPOINT_PREPOSITIONS = {"by", "at", "after", "until", "till", "through", "before", "from", "to", "within",
                          "around", "about", "past", "beyond"}

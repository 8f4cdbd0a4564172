"""Reading a city's offer from the places providers already publish it: OpenActive feeds,
Open Referral UK directories, iCal calendars and the CSV template for small providers.

Each reader turns its source into the same plain records (``records.py``) and never touches
the database; ``badge_core/services/imports.py`` writes them. A broken item becomes a
``Skipped`` record with a reason a city team can act on, never a half-written activity.
"""

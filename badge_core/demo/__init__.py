"""Realistic, varied traffic through the real badge core, so a new city team sees a full
commissioning report in its first minute (``colbot simulate --learners 2000 --weeks 12``).

Nothing is written behind the services' backs: learners sign up with ``register_learner``,
search with ``find_activities`` (keyword matching), ask for pathways with
``suggest_pathways``, youth workers make codes with ``create_claim_code`` and learners claim
them with ``claim_badge``, each call with ``now=`` set to a simulated moment. The event log,
awards and codes are therefore exactly what real use would leave behind:

- learners join over the weeks (a launch week, then steady growth) on SMS, WhatsApp and
  Telegram, mostly aged 13-18, from every district, some skipping questions;
- they search a few times while active, for things the city offers and things it does not
  (``UNMET_INTERESTS``, each asked by at least five learners whenever there are enough
  learners, so the unmet-demand table can show it), with time words and places now and then;
- youth workers run sessions of the city's activities and hand out single-use or shared,
  capped codes for one of the activity's badges, valid for the session day; attendees claim
  them, and now and then mistype one, try too early or too late, share a single-use code,
  claim twice or guess codes until they are locked out, so every refusal shows up; under-13s'
  awards wait for a youth worker;
- some ask what they could become, and get pathways.

The whole run is planned first from one ``random.Random(seed)``, then played back in time
order, so a seed (and ``end``) gives the same event log and awards every time. What the
services make for themselves (public ids, the text of real codes, last-seen times) is the
only thing that differs between two runs.

The modules: ``mix`` (the population and its habits), ``catalogue`` (what the simulation
reads of the city), ``plan`` (the plan both planners write into), ``plan_learners`` (joining,
searches, pathways), ``plan_sessions`` (sessions, codes, claims and their mishaps) and
``play`` (``simulate``: plan, then play back through the services).
"""

from badge_core.demo.mix import ANYTHING, INTERESTS, TEMPLATES, TIME_WORDS, UNMET_INTERESTS
from badge_core.demo.plan import random_code
from badge_core.demo.play import CLAIM_OUTCOMES, SimulationSummary, simulate

__all__ = [
    "ANYTHING",
    "CLAIM_OUTCOMES",
    "INTERESTS",
    "TEMPLATES",
    "TIME_WORDS",
    "UNMET_INTERESTS",
    "SimulationSummary",
    "random_code",
    "simulate",
]

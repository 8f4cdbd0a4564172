"""The query layer: reads and writes of single rows that every service shares, always in
the caller's open unit of work, never opening one of their own.

Services compose these into use cases; matching and city packs may use them too. Nothing
here imports a service (tests/test_layers.py holds the floors).

- ``cities``: a city by slug, any row by key or NotFound;
- ``learners``: a learner by chat identity;
- ``events``: the pseudonymous analytics event;
- ``snapshot``: a city's catalogue as one frozen value per pack load.
"""

"""Use-case functions. Each takes a fresh :class:`~badge_core.db.UnitOfWork`, enters it,
commits when it changes something, and returns plain result objects (never live ORM rows),
so callers never depend on an open session.
"""

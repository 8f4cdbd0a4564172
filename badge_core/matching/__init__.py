"""Semantic matching: learners' words to spine skills, goals to pathways, interests to activities.

``embedder`` turns text into unit vectors (all-MiniLM-L6-v2, offline, loaded once per
process); ``index`` computes and caches the city's vectors when a pack is loaded; ``matcher``
ranks a learner's text against them, encoding nothing but that text.
"""

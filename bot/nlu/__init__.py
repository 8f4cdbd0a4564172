"""Custom Rasa NLU components (Rasa runtime)."""

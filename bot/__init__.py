"""The Rasa side (Python 3.10): domain, endpoints, credentials and channel connectors.

Nothing here imports the badge core, which lives in the other runtime.
"""

"""Thin rasa-sdk custom actions, one module per feature.

Each action calls one badge core service and phrases its answer; no SQL and no scoring
here. rasa-sdk registers the actions by walking this package.
"""

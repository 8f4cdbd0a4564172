"""Thin rasa-sdk custom actions, one module per feature.

Each action calls one badge core service and phrases its answer; no SQL and no scoring
here. rasa-sdk registers the actions by walking this package.
"""

import os as _os

if _os.environ.get("COLBOT_WARM_UP") == "1" and _os.environ.get("SANIC_WORKER_NAME"):
    # Set by `make run` and the end-to-end tests: the action server loads the database and
    # the embedding model as it starts (in the background), so the first young person to
    # ask something is not the one who waits for the model. Importing for tests does nothing.
    # rasa-sdk imports this package in Sanic's manager process too, which never runs an
    # action: only the worker (the process Sanic names in SANIC_WORKER_NAME) warms up, or
    # the model would be loaded twice (650 MiB more, measured).
    from actions.runtime import runtime as _runtime

    _runtime()

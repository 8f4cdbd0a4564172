"""Six hot spots of Rasa Open Source 3.6, removed without changing what Rasa does.

Profiling the Rasa server under load (py-spy, a custom action that does nothing) showed a
quarter of its CPU in ``jsonschema``: every action server response is checked with
``jsonschema.validate(response, schema)``, which first validates the schema itself against
the JSON Schema meta-schema, on every call. Here the schema is checked once and one
validator is kept, so each response is still validated against the same schema and a bad
one still raises the same ``ValidationError``. Each returned event is checked against
its own event type's part of the schema only (what the schema's ``oneOf`` comes down to,
see ``_event_validators``): a find's response with two slot events 2.3 -> 0.33 ms.

The second: loading a conversation turns each stored event back into an object, and
``Event.resolve_by_type`` finds each event's class by walking every ``Event`` subclass
(recursively, with an ``inspect.isabstract`` per class), for every event of every turn.
Here a found class is remembered by its type name; an unknown name still goes the original
way (so a subclass defined later is still found, and the same errors are raised). All of
Rasa's event classes exist once it is imported, so the first class found for a name stays
the one the original would find.

The third: every call to the action server went through ``EndpointConfig.request``, which
opens a new aiohttp ``ClientSession`` (so a new connection pool and TCP connection) and
closes it again; aiohttp's own advice is one session per application. Here each endpoint
keeps one session per event loop, made by Rasa's own ``session()`` (same headers, auth and
timeout) and left open between calls, so connections are kept alive: measured against a
rasa-sdk server on loopback, 2.0 -> 1.5 ms p50 and 6.3 -> 3.4 ms p95 per call. aiohttp
drops a kept connection the server has closed (rasa-sdk keeps idle ones 120 s, aiohttp
15 s, so the client lets go first), and one whose request failed or was cancelled.

The fourth: Python's cyclic garbage collector. With the model loaded the Rasa server holds
about 790,000 long-lived objects (TensorFlow, Rasa, the model's graph), and every full
collection walks them all: in one make bench run, 31 full collections took 380 ms on average
(618 ms at most), each stalling every conversation on the server. Once the model has
loaded, one collection and ``gc.freeze()`` move what exists then out of the collector's
sight (the objects stay alive, and are freed by reference counting as before); later
collections walk only what conversations create: 2-19 ms each in the next run.

The fifth: starting a server. Loading a DIET model (``RasaModel.load``) fits it on one
example to create its variables before reading the trained weights over them, and that fit
traces the whole training step into a TensorFlow graph: 23 of the 36 s a Rasa server took
to start here, paid again by every server started, restarted after a crash or added to the
cluster, and by every ``rasa test``. The graph is never used again (the weights are read
over it, and prediction traces its own). Here that one step runs eagerly, which creates the
same variables in a fraction of the time, and the model's own setting is restored before
its first prediction; a model loaded to be fine-tuned goes Rasa's own way.

The sixth: packing a trained model. Rasa writes the model archive with gzip's slowest
level, 27 s for this model's 82 MB (mostly numbers, which barely compress); gzip's fastest
level packs the same files in 2 s into an archive 3% larger, read back the same way.

Installed by bot/patches.py (``PATCHES``), for Rasa 3.6 only; bot.policies, which every
model loads, installs them.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from typing import Any

import tensorflow as tf
from jsonschema.validators import validator_for
from rasa.core.actions import action as rasa_action
from rasa.engine.storage import local_model_storage
from rasa.shared.core import events as rasa_events
from rasa.utils.endpoints import EndpointConfig
from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator
from rasa.utils.tensorflow.models import RasaModel

logger = logging.getLogger(__name__)

_original_validate = rasa_action.RemoteAction._validate_action_result
_original_resolve = rasa_events.Event.resolve_by_type
_original_session = EndpointConfig.session
_original_load = vars(RasaModel)["load"]  # the classmethod itself: each model class its own


def _response_validator() -> Any:
    schema = rasa_action.RemoteAction.action_response_format_spec()
    cls = validator_for(schema)  # as jsonschema.validate picks it
    cls.check_schema(schema)  # once, instead of on every response
    return cls(schema)


_VALIDATOR = _response_validator()


def _event_validators() -> tuple[Any, dict[str, Any]] | None:
    """The response schema with its events unchecked, and one validator per event name.

    Rasa checks each returned event against a ``oneOf`` of 23 branches, one per event name;
    jsonschema tries every branch, building an error for each that fails: 1 ms an event here
    (a find's two slot events, 2.3 ms; a response without events, 0.05 ms). Every branch
    pins ``event`` to its own name and an event must have one, so an event can pass no
    branch but its own, and it passes the ``oneOf`` exactly when it passes the item schema
    and its own branch. None (always the full check) if the schema is not built that way."""
    schema = rasa_action.RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    try:
        events = schema["properties"]["events"]
        items = events["items"]
        branches = items["oneOf"]
        names = [branch["properties"]["event"]["const"] for branch in branches]
    except (KeyError, TypeError):
        return None
    if "event" not in items.get("required", ()) or not all(isinstance(n, str) for n in names):
        return None
    if len(set(names)) != len(names):
        return None
    item = {key: value for key, value in items.items() if key != "oneOf"}
    outer = {
        **schema,
        "properties": {**schema["properties"], "events": {**events, "items": item}},
    }
    return cls(outer), {
        name: cls({"allOf": [item, branch]}) for name, branch in zip(names, branches, strict=True)
    }


_BY_EVENT = _event_validators()


def _valid_by_event(result: Any) -> bool:
    """True only if ``result`` passes the whole schema (see ``_event_validators``); False
    means "check it the full way", not that it is invalid."""
    if _BY_EVENT is None:
        return False
    outer, by_name = _BY_EVENT
    if not outer.is_valid(result):
        return False
    for event in result.get("events") or ():  # outer: a list of objects, each with a name
        check = by_name.get(event["event"])
        if check is None or not check.is_valid(event):
            return False
    return True


def _validate_action_result(self: rasa_action.RemoteAction, result: dict[str, Any]) -> bool:
    if _valid_by_event(result) or _VALIDATOR.is_valid(result):
        return True
    return _original_validate(self, result)  # a bad response: Rasa's own error and message


_EVENT_CLASSES: dict[str, type[rasa_events.Event]] = {}


def _resolve_by_type(
    type_name: str, default: type[rasa_events.Event] | None = None
) -> type[rasa_events.Event] | None:
    found = _EVENT_CLASSES.get(type_name)
    if found is not None:
        return found
    found = _original_resolve(type_name, default)
    if found is not None and found is not default:
        _EVENT_CLASSES[type_name] = found
    return found


class _KeptSession:
    """What ``async with endpoint.session()`` gets: the endpoint's kept session, left open."""

    def __init__(self, session: Any) -> None:
        self._session = session

    async def __aenter__(self) -> Any:
        return self._session

    async def __aexit__(self, *exc_info: object) -> None:
        return None


_KEPT = "_colbot_kept_session"  # on the endpoint: (event loop, session)


def _session(self: EndpointConfig) -> Any:
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # no loop to keep a session on: Rasa's own, closed after use
        return _original_session(self)
    kept = self.__dict__.get(_KEPT)
    if kept is None or kept[0] is not loop or kept[1].closed:
        kept = (loop, _original_session(self))
        self.__dict__[_KEPT] = kept
    return _KeptSession(kept[1])


def _load(
    cls: type[RasaModel],
    model_file_name: str,
    model_data_example: Any,
    predict_data_example: Any = None,
    finetune_mode: bool = False,
    *args: Any,
    **kwargs: Any,
) -> RasaModel:
    """``RasaModel.load``, with the one fit that creates the variables run eagerly."""
    if finetune_mode:  # to be trained further: Rasa's own load, graph and all
        return _original_load.__func__(
            cls, model_file_name, model_data_example, predict_data_example, True, *args, **kwargs
        )
    model = cls(*args, **kwargs)
    config = kwargs.get("config", {})
    model.compile(
        optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)), run_eagerly=True
    )
    model.fit(RasaBatchDataGenerator(model_data_example, batch_size=1), verbose=False)
    model.load_weights(model_file_name)
    model.run_eagerly = config.get(RUN_EAGERLY)  # as Rasa's load compiles it
    if predict_data_example:
        model.run_inference(predict_data_example)  # traces prediction now, not at a learner
    return model


class _QuickTar(local_model_storage.TarSafe):
    """The archive Rasa packs a model into, written with gzip's fastest level."""

    @classmethod
    def open(cls, name: Any = None, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if mode == "w:gz":
            kwargs.setdefault("compresslevel", 1)
        return super().open(name, mode, *args, **kwargs)


PATCHES = (
    (rasa_action.RemoteAction, "_validate_action_result", _validate_action_result),
    (rasa_events.Event, "resolve_by_type", staticmethod(_resolve_by_type)),
    (EndpointConfig, "session", _session),
    (RasaModel, "load", classmethod(_load)),
    (local_model_storage, "TarSafe", _QuickTar),
)


def freeze_loaded_objects() -> None:
    """Collect once, then keep everything alive now out of later collections."""
    gc.collect()
    gc.freeze()
    logger.info("Froze %d loaded objects out of garbage collection.", gc.get_freeze_count())


def freeze_once_loaded() -> None:
    # Rasa imports this module while it loads the model, inside the server's event loop and
    # with no await left before the model is in place: the callback runs once the loading
    # is done. Imported without a running loop (training, tests), nothing is frozen.
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    loop.call_soon(freeze_loaded_objects)

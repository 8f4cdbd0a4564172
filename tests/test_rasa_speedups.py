"""bot/speedups.py changes how fast Rasa 3.6 does six things, never what it does.

Rasa lives in its own interpreter (.venv-rasa, Python 3.10), so the checks run there: the same
action server responses are accepted and refused (with Rasa's own message), also when each
event is checked by its own type's part of the schema only, every event
type name finds the same class as Rasa's own lookup, unknown names failing as before, and
calls to an endpoint share one kept-alive connection yet get the same answers and errors,
also after the server closed the connection or on a new event loop; and what is loaded
with the model is frozen out of the garbage collector's full collections once it has loaded;
a model loaded without tracing DIET's training step answers exactly as one Rasa loads its own
way; and a model packed with gzip's fastest level is read back whole.
"""

from __future__ import annotations

import os
import subprocess

from tests.conftest import REPO

CHECK = r"""
import jsonschema
import bot.policies  # loads the patches, as every model does
from bot import speedups
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

assert RemoteAction._validate_action_result is speedups._validate_action_result
action = RemoteAction("action_find_activities", None)
good = {
    "events": [{"event": "slot", "name": "district", "value": "PL4"}],
    "responses": [{"text": "Here's what's on"}],
}
assert action._validate_action_result(good) is True
assert action._validate_action_result({}) is True
bad = [
    {"events": "not a list"},
    {"responses": [1, 2]},
    {"events": [{"event": "slot", "name": 7}]},
    {"events": [{"event": "user", "text": 5}]},
]
for response in bad:
    try:
        action._validate_action_result(response)
    except jsonschema.ValidationError as error:
        assert "Failed to validate Action server response" in error.message, error.message
    else:
        raise AssertionError(f"accepted {response!r}")
    try:  # Rasa's own check refuses the same responses
        speedups._original_validate(action, response)
    except jsonschema.ValidationError:
        pass
    else:
        raise AssertionError(f"Rasa itself accepts {response!r}")

# Events checked by their own type's part of the schema pass and fail as under the whole
# schema's oneOf: every event type, with good and bad bodies, and shapes that are no event.
assert speedups._BY_EVENT is not None  # Rasa 3.6's schema is built as the shortcut needs
validator = speedups._VALIDATOR
types = sorted(speedups._BY_EVENT[1]) + ["no_such_event"]
bodies = [{}, {"name": "x", "value": 1}, {"name": 7, "value": None}, {"text": 5},
          {"text": "hi", "parse_data": {"intent": {"name": "greet"}}}, {"name": None},
          {"entities": [{"start": "a"}]}, {"timestamp": "now"}, {"metadata": []},
          {"policy": 3}, {"value": ["a", "b"], "name": "activity_results"}]
responses = [good, {}, {"events": []}, {"events": None}, {"events": [1]}, {"events": [{}]},
             {"events": [{"event": 5}]}, [], "text", {"responses": [{"text": "x"}], "events": []}]
responses += [{"events": [{"event": kind, **body}]} for kind in types for body in bodies]
responses += [{"events": [{"event": "slot", "name": "a", "value": 1}, {"event": kind}]}
              for kind in types]
passed = 0
for response in responses:
    whole = validator.is_valid(response)
    assert speedups._valid_by_event(response) is whole, response
    passed += whole
assert 20 < passed < len(responses) - 20, passed  # both outcomes well covered

names = {cls.type_name for cls in all_subclasses(Event)}
assert len(names) > 15
for _ in range(2):  # the second pass comes from the memory
    for name in names:
        assert Event.resolve_by_type(name) is speedups._original_resolve(name), name
try:
    Event.resolve_by_type("no_such_event")
except ValueError:
    pass
else:
    raise AssertionError("an unknown event name resolved")
assert Event.resolve_by_type("no_such_event", default=Event) is Event
import gc
assert gc.get_freeze_count() == 0  # imported with no event loop (training, tests): no freeze
print("same behaviour")
"""


FROZEN = r"""
import asyncio
import gc

async def load_model():
    import bot.policies  # as Rasa imports it: while loading the model, in the server's loop
    assert gc.get_freeze_count() == 0  # not in the middle of loading
    await asyncio.sleep(0)  # the loading done, the server goes on
    return gc.get_freeze_count()

frozen = asyncio.run(load_model())
assert frozen > 100_000, frozen  # Rasa, TensorFlow and the rest: out of full collections
walked = len(gc.get_objects())  # what a full collection still walks
assert walked < frozen / 20, (walked, frozen)
print("frozen", frozen, "walked", walked)
"""


KEPT_ALIVE = r"""
import asyncio
from aiohttp import web
import bot.policies  # loads the patches, as every model does
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

peers = []

async def webhook(request):
    peers.append(request.transport.get_extra_info("peername")[1])
    body = await request.json()
    if body.get("fail"):
        return web.json_response({"error": "no"}, status=500)
    headers = {"Connection": "close"} if body.get("close") else {}
    return web.json_response({"echo": body["n"]}, headers=headers)

async def main(endpoint):
    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    endpoint.url = "http://127.0.0.1:%d/webhook" % site._server.sockets[0].getsockname()[1]
    try:
        answers = [await endpoint.request(json={"n": n}) for n in range(3)]
        assert answers == [{"echo": 0}, {"echo": 1}, {"echo": 2}], answers
        assert len(set(peers)) == 1, peers  # one connection, kept alive
        assert await endpoint.request(json={"n": 3, "close": True}) == {"echo": 3}
        assert await endpoint.request(json={"n": 4}) == {"echo": 4}  # a new one, no error
        assert len(set(peers)) == 2, peers
        try:
            await endpoint.request(json={"n": 5, "fail": True})
        except ClientResponseError as error:
            assert error.status == 500
        else:
            raise AssertionError("a 500 was not raised")
        assert await endpoint.request(json={"n": 6}) == {"echo": 6}
    finally:
        await runner.cleanup()

endpoint = EndpointConfig(url="http://unset")
asyncio.run(main(endpoint))
peers.clear()
asyncio.run(main(endpoint))  # another event loop: a session of its own, the same answers
print("kept alive")
"""


LOADED = r"""
import asyncio, sys
import bot.policies  # loads the patches, as every model does
from bot import speedups
from rasa.core.agent import Agent
from rasa.shared.nlu.training_data.loading import load_data
from rasa.utils.tensorflow.models import RasaModel

texts = [m.get("text") for m in load_data("tests/nlu/test_nlu.yml").intent_examples][::4]
assert len(texts) > 50, len(texts)

def parses(agent):
    async def parse():
        return [await agent.parse_message(text) for text in texts]
    return [(p["intent"], p["intent_ranking"], p["entities"]) for p in asyncio.run(parse())]

assert vars(RasaModel)["load"].__func__ is speedups._load
quick = parses(Agent.load(sys.argv[1]))
RasaModel.load = speedups._original_load  # Rasa's own, tracing the training step
assert parses(Agent.load(sys.argv[1])) == quick
print("the same answers to", len(texts), "messages")
"""


PACKED = r"""
import os, pathlib, tempfile
import bot.policies  # loads the patches, as every model does
from rasa.engine.graph import GraphModelConfiguration, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.data import TrainingType

folder = pathlib.Path(tempfile.mkdtemp())
weights, words = os.urandom(3_000_000), b"claim code, badge, pathway " * 50_000
(folder / "trained").mkdir()
(folder / "read").mkdir()
storage = LocalModelStorage(folder / "trained")
with storage.write_to(Resource("component")) as directory:
    (directory / "weights.bin").write_bytes(weights)
    (directory / "words.txt").write_bytes(words)
configuration = GraphModelConfiguration(
    GraphSchema({}), GraphSchema({}), TrainingType.BOTH, "test", "en", None, None
)
archive = folder / "model.tar.gz"
storage.create_model_package(archive, configuration, Domain.empty())
assert archive.read_bytes()[8] == 4  # gzip's header: packed with its fastest level
read, metadata = LocalModelStorage.from_model_archive(folder / "read", archive)
with read.read_from(Resource("component")) as directory:
    assert (directory / "weights.bin").read_bytes() == weights
    assert (directory / "words.txt").read_bytes() == words
assert metadata.assistant_id == "test"
print("read back whole:", archive.stat().st_size, "bytes")
"""


def _in_rasa_python(script: str, *args: str, stdin: str | None = None) -> str:
    """Run ``script`` in the Rasa runtime (given ``stdin``); it must succeed. Its output."""
    python = REPO / ".venv-rasa" / "bin" / "python"
    done = subprocess.run(
        [str(python), "-c", script, *args],
        input=stdin,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        env={
            "PATH": "/usr/bin:/bin",
            "TF_CPP_MIN_LOG_LEVEL": "3",
            "RASA_TELEMETRY_ENABLED": "false",
        },
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_the_rasa_speedups_accept_and_refuse_exactly_what_rasa_does() -> None:
    assert "same behaviour" in _in_rasa_python(CHECK)


def test_calls_to_the_action_server_share_a_kept_alive_connection_with_the_same_answers() -> None:
    assert "kept alive" in _in_rasa_python(KEPT_ALIVE)


def test_what_loads_with_the_model_is_frozen_out_of_full_collections() -> None:
    assert "frozen" in _in_rasa_python(FROZEN)


def test_a_model_loaded_quickly_answers_exactly_as_one_loaded_by_rasas_own_load() -> None:
    """A Rasa server starts without tracing DIET's training step (bot/speedups.py), and the
    model it loads gives every message the same intent, ranking and entities, to the last
    digit, as the model Rasa's own load gives."""
    from tests.servers import rasa_paths

    model = rasa_paths(os.environ)[1]
    assert model.exists(), f"need {model}: run 'make test', which trains it"
    assert "the same answers to" in _in_rasa_python(LOADED, str(model))


def test_a_model_packed_quickly_is_read_back_whole() -> None:
    assert "read back whole" in _in_rasa_python(PACKED)

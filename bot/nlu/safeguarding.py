"""Rasa NLU component: a message that discloses or signals risk is recognised before anything
else reads it.

Last in the pipeline, after the intent classifier, the claim-code rule and the fallback, so
its word is final: a message the detector (bot/nlu/risk_model.py) flags gets the intent
``safeguarding`` alone, with entities ``risk_category`` and ``risk_level``. Whatever the
conversation was doing (a form, a claim, a reflection, after STOP), the SafeguardingPolicy
(bot/policies.py) then answers it with help. Button payloads ("/affirm") never reach the
pipeline, so only a learner's own words are read.

A safeguarding lead's "concerns" is recognised here too, by rule (intent ``list_concerns``).

The classifier trains with the model: its examples are files outside the NLU data, so their
contents are part of this component's fingerprint, and a changed example retrains it.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import joblib
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.claim_codes import decide_intent
from bot.nlu.risk_model import RiskModel, example_files, training_examples
from colbot_shared import minilm

SAFEGUARDING_INTENT = "safeguarding"
LIST_CONCERNS_INTENT = "list_concerns"
RISK_CATEGORY = "risk_category"
RISK_LEVEL = "risk_level"
MODEL_FILE = "risk_model.joblib"
_CONCERNS = re.compile(r"^\W*(?:show |list |open |new |any )?(?:safeguarding )?concerns\W*$", re.I)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class RiskDetector(GraphComponent):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RiskDetector:
        return cls(RiskModel(None), model_storage, resource)

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        digest = hashlib.sha256()
        digest.update(Path(__file__).read_bytes())  # what it keeps of the trained detector
        for path in example_files():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        digest.update(Path(__file__).with_name("risk.py").read_bytes())
        digest.update(Path(__file__).with_name("risk_model.py").read_bytes())
        digest.update(Path(minilm.__file__).read_bytes())  # the sentence vectors it reads
        return digest.hexdigest()

    def __init__(self, model: RiskModel, model_storage: ModelStorage, resource: Resource) -> None:
        self.model = model
        self._storage = model_storage
        self._resource = resource

    def train(self, training_data: TrainingData) -> Resource:
        # Every example of the bot's own intents is an ordinary message as well.
        ordinary = [m.get(TEXT) for m in training_data.intent_examples if m.get(TEXT)]
        self.model = RiskModel.train(training_examples(), ordinary)
        with self._storage.write_to(self._resource) as directory:
            joblib.dump(
                {
                    "pipeline": self.model.pipeline,
                    "meaning": self.model.meaning,
                    "machine": self.model.machine,
                },
                directory / MODEL_FILE,
            )
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> RiskDetector:
        trained: dict[str, Any] = {}
        try:
            with model_storage.read_from(resource) as directory:
                trained = joblib.load(directory / MODEL_FILE)
        except ValueError:  # not trained (a pipeline without training): the lexicon alone
            pass
        model = RiskModel(trained.get("pipeline"), trained.get("meaning"), trained.get("machine"))
        if model.meaning is not None:
            model.warm()  # the sentence model's weights, read now rather than at a disclosure
        return cls(model, model_storage, resource)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._process(message)
        return messages

    def _process(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        if _CONCERNS.match(text):
            decide_intent(message, LIST_CONCERNS_INTENT)
            return
        risk = self.model.assess(text)
        if risk is None:
            return
        decide_intent(message, SAFEGUARDING_INTENT)
        # The claim code or place a message also held is not acted on: help comes first.
        message.set(
            ENTITIES,
            [_entity(RISK_CATEGORY, risk.category, text), _entity(RISK_LEVEL, risk.level, text)],
            add_to_output=True,
        )


def _entity(kind: str, value: str, text: str) -> dict[str, Any]:
    return {
        ENTITY_ATTRIBUTE_TYPE: kind,
        ENTITY_ATTRIBUTE_START: 0,
        ENTITY_ATTRIBUTE_END: len(text),
        ENTITY_ATTRIBUTE_VALUE: value,
        EXTRACTOR: RiskDetector.__name__,
    }

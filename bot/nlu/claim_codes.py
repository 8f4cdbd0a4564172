"""Rasa NLU component: claim codes (and link codes, email addresses and email codes) are
found by rule, never by guess.

Runs after the intent classifier. It drops any ``claim_code`` entity the statistical model
proposed, adds the codes that :mod:`colbot_shared.codes` finds, and when a message holds a
code, makes ``claim_badge`` its intent: a code anywhere in a message claims it.
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    INTENT,
    INTENT_NAME_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from colbot_shared.codes import (
    find_codes,
    find_email,
    find_email_code,
    find_link_code,
    has_staff_invite,
)

CLAIM_CODE = "claim_code"
CLAIM_INTENT = "claim_badge"
LINK_CODE = "link_code"
LINK_INTENT = "link_account"
CLOSE_INTENT = "close_code"
STAFF_JOIN_INTENT = "staff_join"
EMAIL = "email"
EMAIL_INTENT = "give_email"
EMAIL_CODE = "email_code"
EMAIL_CODE_INTENT = "email_code"
# A youth worker closing a code ("close K7QX2-M9PTW") and a staff invite ("STAFF 7KQX-M2PT")
_CLOSE = re.compile(r"^\W*close\b", re.IGNORECASE)
INTENT_RANKING = "intent_ranking"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class ClaimCodeExtractor(GraphComponent, EntityExtractorMixin):
    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ClaimCodeExtractor:
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._process(message)
        return messages

    def _process(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        kept = [
            e
            for e in message.get(ENTITIES, [])
            if e.get(ENTITY_ATTRIBUTE_TYPE) not in (CLAIM_CODE, LINK_CODE, EMAIL, EMAIL_CODE)
        ]
        codes = [
            {
                ENTITY_ATTRIBUTE_TYPE: CLAIM_CODE,
                ENTITY_ATTRIBUTE_START: found.start,
                ENTITY_ATTRIBUTE_END: found.end,
                ENTITY_ATTRIBUTE_VALUE: found.value,
            }
            for found in find_codes(text)
        ]
        message.set(ENTITIES, kept + self.add_extractor_name(codes), add_to_output=True)
        if codes:
            # A code decides the intent outright. The ranking holds it alone: a runner-up left
            # from the statistical model could trip the fallback's ambiguity check.
            decide_intent(message, CLOSE_INTENT if _CLOSE.match(text) else CLAIM_INTENT)
            return
        if has_staff_invite(text):
            decide_intent(message, STAFF_JOIN_INTENT)
            return
        # the same for a code that links a second app ("LINK 4821 9375"), an email address
        # (to put on the learner's badges) and the code emailed to it ("482 913")
        for find, entity_type, intent in (
            (find_link_code, LINK_CODE, LINK_INTENT),
            (find_email, EMAIL, EMAIL_INTENT),
            (find_email_code, EMAIL_CODE, EMAIL_CODE_INTENT),
        ):
            found = find(text)
            if found is not None:
                entity = {
                    ENTITY_ATTRIBUTE_TYPE: entity_type,
                    ENTITY_ATTRIBUTE_START: found.start,
                    ENTITY_ATTRIBUTE_END: found.end,
                    ENTITY_ATTRIBUTE_VALUE: found.value,
                }
                entities = kept + self.add_extractor_name([entity])
                message.set(ENTITIES, entities, add_to_output=True)
                decide_intent(message, intent)
                return


def decide_intent(message: Message, intent_name: str) -> None:
    """Make ``intent_name`` the message's intent outright, alone in the ranking: a runner-up
    left from the statistical model could trip the fallback's ambiguity check."""
    intent = {INTENT_NAME_KEY: intent_name, PREDICTED_CONFIDENCE_KEY: 1.0}
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING, [intent], add_to_output=True)

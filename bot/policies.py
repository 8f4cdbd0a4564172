"""Dialogue policies: a learner at risk gets help first, whatever the conversation was doing;
and after STOP, the bot says nothing until START.

SafeguardingPolicy (priority 8, above everything): when the NLU pipeline marks a message
``safeguarding`` (bot/nlu/safeguarding.py) it runs ``action_safeguarding``, in any state: in
the middle of a form, after a claim, after STOP. Its prediction is marked as not resting on
the user's intent, as the RulePolicy marks an active form's, so that an active form cannot
outrank it. After the help it listens; the learner's yes or no to "do you want a youth worker
to get in touch?" goes to ``action_safeguarding_contact``, and a safeguarding lead's
"concerns" to ``action_list_concerns``.

OptOutPolicy:

While the ``opted_out`` slot is set, every user message is answered with silence
(``action_listen``), except ``start`` and a request to delete their data (with its yes/no):
erasure is a right that an opt-out must not block. On SMS, only Twilio's own opt-in words
(START, UNSTOP, YES) resume, which the connector passes on as ``/start`` (it reads Twilio's
``OptOutType``): Twilio blocks every reply to an opted-out number until one of them, so "hi
again" read as ``start`` would get a "You're back!" nobody receives. Safeguarding replies go first
whatever the state (SafeguardingPolicy, higher priority). As a policy with a priority above the
RulePolicy it needs no rule per intent, and it cannot lose a tie to a rule written for
another condition.
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot import patches

patches.install()  # Rasa 3.6 only: see bot/patches.py

SAFEGUARDING_INTENT = "safeguarding"
SAFEGUARDING_ACTION = "action_safeguarding"
CONTACT_ACTION = "action_safeguarding_contact"
LIST_CONCERNS_INTENT = "list_concerns"
LIST_CONCERNS_ACTION = "action_list_concerns"
ANSWERS = {"affirm", "deny"}
OPTED_OUT_SLOT = "opted_out"
ALWAYS_HEARD = {"start", "delete_my_data"}
DELETE_QUESTION = "utter_confirm_delete"
START_INTENT = "start"
SMS_OPT_IN = "/start"  # what bot/channels/twilio_channel.py sends for Twilio's opt-in words


class _DecidingPolicy(Policy):
    """A policy that learns nothing: it names the next action by rule, or abstains."""

    priority = 0
    # True: the prediction does not rest on the user's intent (as an active form's does),
    # so that it is weighed against a form's prediction at all
    not_from_user_intent = False

    @classmethod
    def get_default_config(cls) -> dict[str, Any]:
        return {"priority": cls.priority}

    def train(self, training_trackers: list, domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    def next_action(self, tracker: DialogueStateTracker) -> str | None:
        raise NotImplementedError

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        action = self.next_action(tracker)
        if action is None:
            return self._prediction(probabilities)
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities, is_no_user_prediction=self.not_from_user_intent)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class SafeguardingPolicy(_DecidingPolicy):
    priority = 8
    not_from_user_intent = True  # or an active form would win

    def next_action(self, tracker: DialogueStateTracker) -> str | None:
        latest = tracker.latest_action_name
        if latest in (SAFEGUARDING_ACTION, CONTACT_ACTION, LIST_CONCERNS_ACTION):
            return ACTION_LISTEN_NAME  # the help has been given: wait for the learner
        if latest != ACTION_LISTEN_NAME or not tracker.latest_message:
            return None
        intent = (tracker.latest_message.intent or {}).get("name")
        if intent == SAFEGUARDING_INTENT:
            return SAFEGUARDING_ACTION
        if intent == LIST_CONCERNS_INTENT:
            return LIST_CONCERNS_ACTION
        if intent in ANSWERS and _last_bot_action(tracker) == SAFEGUARDING_ACTION:
            return CONTACT_ACTION
        return None


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False
)
class OptOutPolicy(_DecidingPolicy):
    priority = 7

    def next_action(self, tracker: DialogueStateTracker) -> str | None:
        message = tracker.latest_message
        intent = (message.intent or {}).get("name") if message else None
        if not tracker.get_slot(OPTED_OUT_SLOT) or tracker.latest_action_name != ACTION_LISTEN_NAME:
            return None
        if _last_bot_action(tracker) == DELETE_QUESTION:
            return None  # the yes/no to deleting their data
        if (
            intent == START_INTENT
            and tracker.get_latest_input_channel() == "sms"
            and (message.text if message else "") != SMS_OPT_IN
        ):
            return ACTION_LISTEN_NAME  # Twilio would not deliver the reply
        return None if intent in ALWAYS_HEARD else ACTION_LISTEN_NAME


def _last_bot_action(tracker: DialogueStateTracker) -> str | None:
    for event in reversed(tracker.events):
        name = getattr(event, "action_name", None)
        if name and name != ACTION_LISTEN_NAME:
            return name
    return None

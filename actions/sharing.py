"""A learner's badges together: "share my badges" / "my skills" (a link to their skills
passport, with a button per badge to take it off the page or put it back), "stop sharing",
and "my skills story" (sentences for a CV)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.runtime import GuardedAction, asker, call, latest_entity, latest_intent, runtime
from badge_core.errors import NotFound
from badge_core.services.sharing import (
    Sharing,
    my_skills_story,
    share_badges,
    show_on_share_page,
    stop_sharing,
)

MAX_BUTTONS = 8  # a chat shows no more usefully; the newest badges come last and are kept


def _choice_buttons(sharing: Sharing) -> list[dict[str, str]]:
    """One button per badge: "Hide X" takes it off the page, "Show X" puts it back (words,
    not marks: on SMS the buttons become "Reply 1 for Hide Beat Maker")."""
    buttons = []
    for badge in sharing.badges[-MAX_BUTTONS:]:
        intent, verb = ("hide_from_page", "Hide") if badge.shown else ("show_on_page", "Show")
        payload = f'/{intent}{{"award_ref":"{badge.award_public_id}"}}'
        buttons.append({"title": f"{verb} {badge.name}", "payload": payload})
    return buttons


def _say_link(dispatcher: CollectingDispatcher, sharing: Sharing, response: str) -> None:
    page = sharing.page(runtime().settings)
    dispatcher.utter_message(
        response=response,
        share_page=page,
        share_pdf=f"{page}.pdf",
        shown_count=sharing.shown,
        badge_count=len(sharing.badges),
        buttons=_choice_buttons(sharing),
    )


class ActionShareBadges(GuardedAction):
    def name(self) -> str:
        return "action_share_badges"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), asker(tracker)
        sharing = await call(
            share_badges, rt.uow(), None, identity=who.identity, channel=who.channel
        )
        if sharing is None:
            dispatcher.utter_message(response="utter_share_no_badges")
            return []
        _say_link(dispatcher, sharing, "utter_share_link")
        return []


class ActionChooseSharedBadge(GuardedAction):
    """A tap on a badge's button under the share link."""

    def name(self) -> str:
        return "action_choose_shared_badge"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        shown = latest_intent(tracker) == "show_on_page"
        award = latest_entity(tracker, "award_ref") or ""
        rt, who = runtime(), asker(tracker)
        try:
            sharing = await call(
                show_on_share_page,
                rt.uow(),
                None,
                award,
                shown,
                identity=who.identity,
                channel=who.channel,
            )
        except NotFound:  # not their badge, or revoked meanwhile
            sharing = None
        if sharing is None:
            dispatcher.utter_message(response="utter_share_not_open")
            return []
        _say_link(dispatcher, sharing, "utter_share_changed")
        return []


class ActionStopSharing(GuardedAction):
    def name(self) -> str:
        return "action_stop_sharing"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), asker(tracker)
        stopped = await call(
            stop_sharing, rt.uow(), None, identity=who.identity, channel=who.channel
        )
        dispatcher.utter_message(
            response="utter_sharing_stopped" if stopped else "utter_sharing_was_off"
        )
        return []


class ActionSkillsStory(GuardedAction):
    def name(self) -> str:
        return "action_skills_story"

    async def act(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        rt, who = runtime(), asker(tracker)
        story = await call(
            my_skills_story,
            rt.uow(),
            rt.settings,
            None,
            identity=who.identity,
            channel=who.channel,
        )
        if not story:
            dispatcher.utter_message(response="utter_skills_story_none")
            return []
        dispatcher.utter_message(response="utter_skills_story", story="\n".join(story))
        return []

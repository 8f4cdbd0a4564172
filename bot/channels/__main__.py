"""Channel chores, run in the Rasa runtime:

python -m bot.channels status             which channels are on (make run prints it)
python -m bot.channels telegram-webhook   register the webhook with Telegram
"""

from __future__ import annotations

import asyncio
import sys

from telegram import Bot

from bot.settings import connector_settings, load_bot_settings
from colbot_shared.keys import InsecureKey


async def register_telegram_webhook() -> int:
    try:
        s = connector_settings()
    except InsecureKey as error:
        print(error)
        return 1
    if not s.telegram_on or not s.public_url.startswith("https://"):
        print(
            "Set TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET and COLBOT_PUBLIC_URL (https://...) first."
        )
        return 1
    bot = Bot(s.telegram_token, base_url=f"{s.telegram_api_url}/bot")
    async with bot:
        await bot.set_webhook(
            url=s.public_url + "/webhooks/telegram/webhook",
            secret_token=s.telegram_secret,
            allowed_updates=["message", "callback_query"],
            drop_pending_updates=False,
        )
        print(
            f"Telegram now sends @{bot.username}'s messages to {s.public_url}/webhooks/telegram/webhook"
        )
    return 0


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "status"
    if command == "status":
        for line in load_bot_settings().status():
            print("  " + line)
        return 0
    if command == "telegram-webhook":
        return asyncio.run(register_telegram_webhook())
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

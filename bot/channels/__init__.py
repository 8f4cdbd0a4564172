"""Channel connectors (Telegram, Twilio SMS and WhatsApp) and per-channel rendering."""

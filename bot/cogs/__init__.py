"""Discord cogs, loaded as extensions by the bot's setup_hook."""

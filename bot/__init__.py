"""DeepSeek R1 fact bot: cited answers about one news story, on Discord and the command line."""

"""chatbot: slash commands for the team chat."""

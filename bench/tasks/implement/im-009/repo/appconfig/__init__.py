"""Loading the application's settings from INI-style files and the environment."""

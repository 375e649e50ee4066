"""audio-edition: a newspaper's articles as audio, a podcast feed and a player."""

__version__ = "0.1.0"

"""Checks of the built site as a reader gets it: accessibility, search, privacy and weight."""

"""Rules over the whole plan; problems as values."""

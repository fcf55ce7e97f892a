"""Facts computed once from a loaded plan, read by both the rules and the outputs."""

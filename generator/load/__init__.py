"""content/ → a Plan, or every problem with its file, line and column."""

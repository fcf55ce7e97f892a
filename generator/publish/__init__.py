"""Generated files → the docs folder → the engine (MkDocs) → site/ swapped in."""

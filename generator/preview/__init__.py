"""bvpp serve: partial rebuilds, re-indexing for search, live reload."""

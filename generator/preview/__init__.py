"""bvpp serve: partial rebuilds, the search-index merge, live reload."""

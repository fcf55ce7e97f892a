"""What a plan is: the typed models and every page's and file's address; no I/O."""

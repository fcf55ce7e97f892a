"""``python -m generator`` runs the bvpp command line."""

from generator.cli import main

main()

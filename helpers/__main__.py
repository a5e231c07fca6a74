"""``python -m helpers``: the command line (its commands live in :mod:`helpers.cli`)."""
import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())

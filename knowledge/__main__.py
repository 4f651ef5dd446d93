"""`python -m knowledge ...`: the counselor CLI."""
import sys

from .cli import main

sys.exit(main())

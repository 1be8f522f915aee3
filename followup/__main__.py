"""`python -m followup`: the same entry point as the `followup` command."""

import sys

from followup.cli import main

sys.exit(main())

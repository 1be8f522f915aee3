"""`python -m followup.store.migrate`: bring $FOLLOWUP_DATABASE_URL's schema to head, exit.

The daemon runs this as a child on a database not at head yet, so alembic (about 10 MB
that would stay in its memory for months) is never imported in the long-running process.
"""

from __future__ import annotations

import os
import sys

from followup.store.base import StoreError
from followup.store.session import Store


def main() -> int:
    url = os.environ.get("FOLLOWUP_DATABASE_URL", "")
    if not url:
        print("FOLLOWUP_DATABASE_URL is not set", file=sys.stderr)
        return 2
    try:
        Store.open(url).close()
    except StoreError as exc:
        print(exc, file=sys.stderr)
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())

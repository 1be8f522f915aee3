"""The forwarded message's date on the note, so an inline forward (which shows no
Message-ID) is threaded to the right one of several mails with the same sender and subject.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain add_column: batch mode would rebuild `notes` (see 0002 on batch mode)
    op.add_column("notes", sa.Column("forwarded_at", sa.DateTime(timezone=True),
                                     nullable=True))


def downgrade() -> None:
    op.drop_column("notes", "forwarded_at")

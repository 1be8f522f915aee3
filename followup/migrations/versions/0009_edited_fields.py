"""Which of a contact's corrected fields the owner set by hand (`contacts edit`, `#fix`):
a later labelled note corrects the others, never these.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain add_column: batch mode would rebuild `contacts` (see 0002 on batch mode)
    op.add_column("contacts", sa.Column("edited_fields", sa.JSON(), nullable=False,
                                        server_default=sa.text("'[]'")))


def downgrade() -> None:
    op.drop_column("contacts", "edited_fields")

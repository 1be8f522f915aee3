"""Reply tracking: a high-water mark per folder read for replies and sent mail, the keys of
the messages already read in folders without ordered UIDs (Maildir), and when a drafted
follow-up's draft was first missing from Drafts.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# New tables and a plain ADD COLUMN only: never batch mode (see 0002).


def upgrade() -> None:
    op.create_table(
        "reply_marks",
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("folder", sa.String(length=500), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("last_uid", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("account", "folder", name=op.f("pk_reply_marks")),
    )
    op.create_table(
        "reply_seen",
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("folder", sa.String(length=500), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("account", "folder", "uidvalidity", "uid",
                                name=op.f("pk_reply_seen")),
    )
    op.add_column("followups", sa.Column("draft_missing_at", sa.DateTime(timezone=True),
                                         nullable=True))


def downgrade() -> None:
    op.drop_column("followups", "draft_missing_at")
    op.drop_table("reply_seen")
    op.drop_table("reply_marks")

"""Follow-ups know how they ended and which sequence they belong to; contacts remember the
last mail with them and which fields the owner corrected; notes keep the forwarded Message-ID,
their language and what a command by mail did.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# Plain ADD/DROP COLUMN, never batch mode: on SQLite batch mode rebuilds a table by DROP TABLE,
# and dropping `contacts` with foreign keys on cascades into every follow-up and link row.
# SQLite (3.35+) adds and drops such columns in place.


def upgrade() -> None:
    op.add_column("followups", sa.Column("sequence", sa.String(length=100), nullable=False,
                                         server_default="default"))
    op.add_column("followups", sa.Column("channel", sa.String(length=20), nullable=False,
                                         server_default="draft"))
    op.add_column("followups", sa.Column("reason", sa.Text(), nullable=True))
    op.add_column("followups", sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("followups", sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("followups", sa.Column("thread_message_id", sa.Text(), nullable=True))
    op.add_column("contacts", sa.Column("last_contact_at", sa.DateTime(timezone=True),
                                        nullable=True))
    op.add_column("contacts", sa.Column("owner_fields", sa.JSON(), nullable=False,
                                        server_default=sa.text("'[]'")))
    op.add_column("notes", sa.Column("forwarded_message_id", sa.Text(), nullable=True))
    op.add_column("notes", sa.Column("language", sa.String(length=16), nullable=True))
    op.add_column("notes", sa.Column("action", sa.Text(), nullable=True))


def downgrade() -> None:
    for table, names in (
        ("notes", ("action", "language", "forwarded_message_id")),
        ("contacts", ("owner_fields", "last_contact_at")),
        ("followups", ("thread_message_id", "sent_at", "closed_at", "reason", "channel",
                       "sequence")),
    ):
        for name in names:
            op.drop_column(table, name)

"""The note's own date (its Date header) for "dated after the note"; one-time lookbacks for
mail from a newly noted address; and what a draft threads to beyond its parent's Message-ID
(the parent's subject, References chain and date).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


# New tables and a plain ADD COLUMN only: never batch mode (see 0002).
def upgrade() -> None:
    op.add_column("notes", sa.Column("note_date", sa.DateTime(timezone=True), nullable=True))
    op.add_column("followups", sa.Column("thread_subject", sa.Text(), nullable=True))
    op.add_column("followups", sa.Column("thread_references", sa.Text(), nullable=True))
    op.add_column("followups", sa.Column("thread_at", sa.DateTime(timezone=True),
                                         nullable=True))
    op.create_table(
        "lookbacks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("account", sa.String(length=200), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lookbacks")),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("lookbacks")
    op.drop_column("followups", "thread_at")
    op.drop_column("followups", "thread_references")
    op.drop_column("followups", "thread_subject")
    op.drop_column("notes", "note_date")

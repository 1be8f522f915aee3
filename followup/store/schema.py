"""The tables (SQLAlchemy Core) and the UTC timestamp type every datetime column uses.

Changing a table here needs an alembic revision: see followup/migrations/env.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

UTC = dt.UTC


class UTCDateTime(sa.TypeDecorator[dt.datetime]):
    """A timestamp stored as UTC; SQLite keeps no zone, so it comes back aware all the same."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r}: followup stores tz-aware UTC only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# sqlite_autoincrement: ids of forgotten people are never handed to someone else.
notes = sa.Table(
    "notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("account", sa.String(200), nullable=False),
    sa.Column("folder", sa.String(500), nullable=False),
    # UIDVALIDITY is an unsigned 32-bit number: it overflows a signed INTEGER.
    sa.Column("uidvalidity", sa.BigInteger, nullable=False),
    sa.Column("uid", sa.String(200), nullable=False),
    sa.Column("content_hash", sa.String(128), nullable=False),
    sa.Column("message_id", sa.Text),
    sa.Column("subject", sa.Text),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("received_at", UTCDateTime, nullable=False),
    sa.Column("kind", sa.String(20)),
    sa.Column("note_text", sa.Text),
    sa.Column("met_at", sa.Text),
    sa.Column("met_on", sa.Date),
    sa.Column("follow_up_on", sa.Date),
    sa.Column("tags", sa.JSON, nullable=False),
    sa.Column("forwarded_message_id", sa.Text),
    # the forwarded message's Date (an inline forward's only link to it besides From/Subject)
    sa.Column("forwarded_at", UTCDateTime),
    # the note's own Date (the owner's message; its arrival when missing or absurd): mail
    # "after the note" is mail dated after this, not after followup read it (revision 0010)
    sa.Column("note_date", UTCDateTime),
    sa.Column("language", sa.String(16)),
    sa.Column("action", sa.Text),
    sa.UniqueConstraint("account", "folder", "uidvalidity", "uid"),
    sa.Index(None, "account", "content_hash"),
    sa.Index(None, "status"),
    sqlite_autoincrement=True,
)

folders = sa.Table(
    "folders",
    metadata,
    sa.Column("account", sa.String(200), primary_key=True),
    sa.Column("folder", sa.String(500), primary_key=True),
    sa.Column("uidvalidity", sa.BigInteger, nullable=False),
)

contacts = sa.Table(
    "contacts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("full_name", sa.Text),
    sa.Column("name_key", sa.Text),
    sa.Column("company", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("website", sa.Text),
    sa.Column("linkedin", sa.Text),
    sa.Column("address", sa.Text),
    sa.Column("met_at", sa.Text),
    sa.Column("met_on", sa.Date),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("last_contact_at", UTCDateTime),
    sa.Column("owner_fields", sa.JSON, nullable=False, server_default=sa.text("'[]'")),
    # those of owner_fields set by hand (`contacts edit`, `#fix`; revision 0009): a later
    # labelled note corrects the other fields, never these
    sa.Column("edited_fields", sa.JSON, nullable=False, server_default=sa.text("'[]'")),
    sa.Index(None, "name_key"),
    sqlite_autoincrement=True,
)

contact_emails = sa.Table(
    "contact_emails",
    metadata,
    sa.Column("email", sa.String(320), primary_key=True),
    sa.Column(
        "contact_id",
        sa.Integer,
        sa.ForeignKey("contacts.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("position", sa.Integer, nullable=False),
)

contact_phones = sa.Table(
    "contact_phones",
    metadata,
    sa.Column(
        "contact_id", sa.Integer, sa.ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("phone", sa.String(64), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Index(None, "phone"),
)

note_contacts = sa.Table(
    "note_contacts",
    metadata,
    sa.Column(
        "note_id", sa.Integer, sa.ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "contact_id",
        sa.Integer,
        sa.ForeignKey("contacts.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

followups = sa.Table(
    "followups",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "contact_id",
        sa.Integer,
        sa.ForeignKey("contacts.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("note_id", sa.Integer, sa.ForeignKey("notes.id"), nullable=False, index=True),
    sa.Column("step", sa.Integer, nullable=False),
    sa.Column("template", sa.String(200), nullable=False),
    sa.Column("due_at", UTCDateTime, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("draft_key", sa.String(200), nullable=False, unique=True),
    sa.Column("drafted_at", UTCDateTime),
    sa.Column("draft_to", sa.Text),
    sa.Column("draft_subject", sa.Text),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("sequence", sa.String(100), nullable=False, server_default="default"),
    sa.Column("channel", sa.String(20), nullable=False, server_default="draft"),
    sa.Column("reason", sa.Text),
    sa.Column("closed_at", UTCDateTime),
    sa.Column("sent_at", UTCDateTime),
    sa.Column("thread_message_id", sa.Text),
    # the parent's Subject, References chain and Date when it is not the forwarded message
    # (the owner's sent follow-up, the contact's later mail in the thread): revision 0010
    sa.Column("thread_subject", sa.Text),
    sa.Column("thread_references", sa.Text),
    sa.Column("thread_at", UTCDateTime),
    # when the draft was first found missing from Drafts (and not in Sent): discarded once
    # it stays missing for the grace period
    sa.Column("draft_missing_at", UTCDateTime),
    sa.Index(None, "status", "due_at"),
    sqlite_autoincrement=True,
)

# The highest UID read for replies and sent mail in each folder (under its UIDVALIDITY): an
# incremental pass asks the server only for what came after it.
reply_marks = sa.Table(
    "reply_marks",
    metadata,
    sa.Column("account", sa.String(200), primary_key=True),
    sa.Column("folder", sa.String(500), primary_key=True),
    sa.Column("uidvalidity", sa.BigInteger, nullable=False),
    sa.Column("last_uid", sa.BigInteger, nullable=False),
)

# Messages already read for replies in folders whose keys are not ordered (Maildir, where a
# moved message keeps its old name): keyed as notes are.
reply_seen = sa.Table(
    "reply_seen",
    metadata,
    sa.Column("account", sa.String(200), primary_key=True),
    sa.Column("folder", sa.String(500), primary_key=True),
    sa.Column("uidvalidity", sa.BigInteger, primary_key=True),
    sa.Column("uid", sa.String(200), primary_key=True),
)

# Addresses a note just made someone's (revision 0010): the next tracking pass looks once,
# with a server-side search, for mail from (and to) them dated since the note, which the
# incremental pass may have read before they were a contact. Deleted in the transaction
# that applies what was found, so a kill repeats the look, never loses it.
lookbacks = sa.Table(
    "lookbacks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("account", sa.String(200), nullable=False),
    sa.Column("contact_id", sa.Integer, nullable=False),
    sa.Column("email", sa.String(320), nullable=False),
    sa.Column("since", UTCDateTime, nullable=False),
    sqlite_autoincrement=True,
)

# One row per day the digest was considered (revision 0007). Written before the APPEND: the
# day's key makes a second process (or a restart) find it instead of writing another digest.
# message_id and raw are None on a day with nothing to say; appended_at is set once the
# digest is in the watched folder.
digests = sa.Table(
    "digests",
    metadata,
    sa.Column("day", sa.Date, primary_key=True),
    sa.Column("account", sa.String(200), nullable=False),
    sa.Column("message_id", sa.String(300), unique=True),
    sa.Column("raw", sa.LargeBinary),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("appended_at", UTCDateTime),
)

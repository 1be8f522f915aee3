"""The store against real databases: every test runs on SQLite (a file) and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from postgres import postgres_server, postgres_url  # noqa: F401
from sqlalchemy.exc import IntegrityError

from followup import store as store_module
from followup.model import Contact, FollowUpStatus, NoteStatus, ParsedContact
from followup.store import Store, StoreError, Unit, migrations_dir
from followup.store.engine import SCHEMA_HEAD

UTC = dt.UTC
NOW = dt.datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/db/followup.sqlite"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = Store.open(db_url)
    yield opened
    opened.close()


def note_fields(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "account": "me",
        "folder": "INBOX/followup",
        "uidvalidity": 3_000_000_001,  # above 2**31: must not overflow
        "uid": "17",
        "content_hash": "sha256:aaa",
        "message_id": "<n1@example.org>",
        "subject": "Fwd: met Ann at PyCon",
        "status": NoteStatus.PENDING,
        "reason": None,
        "received_at": NOW,
        "kind": "note",
        "note_text": "Ann wants the slides",
        "met_at": "PyCon",
        "met_on": dt.date(2026, 3, 1),
        "follow_up_on": None,
        "tags": ("conf", "python"),
    }
    values.update(overrides)
    return values


def upsert(
    u: Unit, met_at: str | None = None, met_on: dt.date | None = None, **fields: Any
) -> Contact:
    return u.upsert_contact(ParsedContact(**fields), met_at=met_at, met_on=met_on, now=NOW)


# ---------------------------------------------------------------------------- schema


def test_open_migrates_an_empty_database_to_head(store: Store) -> None:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    head = ScriptDirectory.from_config(config).get_current_head()
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn)
        assert context.get_current_revision() == head == SCHEMA_HEAD
        # The migration creates exactly the tables the code uses: nothing missing or extra.
        assert compare_metadata(context, store_module.metadata) == []


def test_reopen_keeps_data_and_runs_no_migration(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Store.open(db_url)
    with first.unit() as u:
        u.add_note(**note_fields())
    first.close()

    def no_upgrade(*args: object, **kwargs: object) -> None:
        raise AssertionError("upgrade ran on a database already at head")

    monkeypatch.setattr("alembic.command.upgrade", no_upgrade)
    again = Store.open(db_url)
    with again.unit() as u:
        assert [n.uid for n in u.list_notes()] == ["17"]
    again.close()


def test_two_processes_opening_a_fresh_database_at_once_both_succeed(db_url: str) -> None:
    barrier = threading.Barrier(3)
    opened: list[Store] = []
    errors: list[BaseException] = []

    def open_store() -> None:
        try:
            barrier.wait(10)
            opened.append(Store.open(db_url))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=open_store) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for s in opened:
        s.close()
    assert not errors, errors
    assert len(opened) == 3


def from_the_future(db_url: str) -> None:
    """A database whose schema a newer followup made."""
    Store.open(db_url).close()
    engine = sa.create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()


def test_a_schema_newer_than_the_code_is_refused(db_url: str) -> None:
    from_the_future(db_url)
    with pytest.raises(StoreError, match="9999_future"):
        Store.open(db_url)


def test_sqlite_expands_home_creates_parents_and_sets_pragmas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    opened = Store.open("sqlite:///~/state/deep/followup.sqlite")
    try:
        assert (tmp_path / "state" / "deep" / "followup.sqlite").is_file()
        with opened.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    finally:
        opened.close()


# ---------------------------------------------------------------------------- notes


def test_note_keys_are_unique_and_a_second_add_returns_the_first(store: Store) -> None:
    with store.unit() as u:
        first = u.add_note(**note_fields())
        again = u.add_note(**note_fields(subject="other", status=NoteStatus.IGNORED))
        other_uid = u.add_note(**note_fields(uid="18"))
    assert again == first
    assert first.subject == "Fwd: met Ann at PyCon" and first.status is NoteStatus.PENDING
    assert first.uidvalidity == 3_000_000_001
    assert first.tags == ("conf", "python") and first.met_on == dt.date(2026, 3, 1)
    assert first.received_at == NOW and first.received_at.tzinfo == UTC
    assert other_uid.id != first.id
    with store.unit() as u:
        assert u.find_note("me", "INBOX/followup", 3_000_000_001, "17") == first
        assert u.find_note("me", "INBOX/followup", 3_000_000_002, "17") is None
        assert u.find_note("you", "INBOX/followup", 3_000_000_001, "17") is None
        assert u.known_uids("me", "INBOX/followup", 3_000_000_001) == {"17", "18"}
        assert u.known_uids("me", "INBOX/followup", 1) == set()
        assert u.get_note(first.id) == first
        assert u.get_note(first.id + 100) is None


def test_the_database_itself_refuses_a_duplicate_note_key(store: Store) -> None:
    values = {k: v for k, v in note_fields().items() if k != "tags"}
    values.update(status="pending", tags=[])
    with store.unit() as u:
        u.conn.execute(store_module.notes.insert().values(**values))
    with pytest.raises(IntegrityError), store.unit() as u:
        u.conn.execute(store_module.notes.insert().values(**values))


def test_find_note_by_hash_is_per_account_and_returns_the_oldest(store: Store) -> None:
    with store.unit() as u:
        first = u.add_note(**note_fields(content_hash="h1"))
        u.add_note(**note_fields(uid="99", content_hash="h1"))
    with store.unit() as u:
        assert u.find_note_by_hash("me", "h1") == first
        assert u.find_note_by_hash("someone-else", "h1") is None
        assert u.find_note_by_hash("me", "h2") is None


def test_update_note_rekeys_after_a_move_and_changes_status(store: Store) -> None:
    with store.unit() as u:
        note = u.add_note(**note_fields())
        u.add_note(**note_fields(folder="Archive", uidvalidity=7, uid="1", content_hash="x"))
    with store.unit() as u:
        u.update_note(
            note.id, status=NoteStatus.PROCESSED, reason="ok", folder="Done", uidvalidity=9, uid="3"
        )
    with store.unit() as u:
        assert u.find_note("me", "INBOX/followup", 3_000_000_001, "17") is None
        moved = u.find_note("me", "Done", 9, "3")
        assert moved is not None and moved.id == note.id
        assert moved.status is NoteStatus.PROCESSED and moved.reason == "ok"
        assert moved.content_hash == note.content_hash
        assert [n.id for n in u.list_notes(NoteStatus.PROCESSED)] == [note.id]
        assert len(u.list_notes()) == 2
    # Re-keying onto a key already taken fails, and the whole unit rolls back.
    with pytest.raises(IntegrityError), store.unit() as u:
        u.update_note(note.id, status=NoteStatus.IGNORED)
        u.update_note(note.id, folder="Archive", uidvalidity=7, uid="1")
    with store.unit() as u:
        unchanged = u.get_note(note.id)
        assert unchanged is not None and unchanged.status is NoteStatus.PROCESSED
        with pytest.raises(LookupError):
            u.update_note(note.id + 100, status=NoteStatus.IGNORED)


def test_folder_uidvalidity_is_remembered_and_updated(store: Store) -> None:
    with store.unit() as u:
        assert u.folder_uidvalidity("me", "INBOX") is None
        u.set_folder_uidvalidity("me", "INBOX", 4_000_000_000)
        u.set_folder_uidvalidity("me", "Other", 5)
    with store.unit() as u:
        assert u.folder_uidvalidity("me", "INBOX") == 4_000_000_000
        u.set_folder_uidvalidity("me", "INBOX", 12)
    with store.unit() as u:
        assert u.folder_uidvalidity("me", "INBOX") == 12
        assert u.folder_uidvalidity("me", "Other") == 5
        assert u.folder_uidvalidity("you", "INBOX") is None


# ---------------------------------------------------------------------------- contacts


def test_same_email_in_any_case_is_the_same_person_and_merging_fills_gaps(store: Store) -> None:
    with store.unit() as u:
        ann = upsert(
            u, full_name="Ann  Lee", emails=("Ann.Lee@Example.COM",), phones=("+15550001111",),
            company="Acme", met_at="PyCon", met_on=dt.date(2026, 3, 1),
        )  # fmt: skip
        merged = upsert(
            u, full_name="Annie Lee", emails=("ann@home.example", "ANN.LEE@example.com"),
            phones=("+4930123456", "+15550001111"), company="Other Corp", title="CTO",
            website="https://ann.example", met_at="Meetup", met_on=dt.date(2026, 3, 5),
        )  # fmt: skip
    assert ann.emails == ("ann.lee@example.com",)
    assert ann.full_name == "Ann Lee"
    assert merged.id == ann.id
    assert merged.full_name == "Ann Lee" and merged.company == "Acme"  # the owner's record wins
    assert merged.title == "CTO" and merged.website == "https://ann.example"  # gaps filled
    assert merged.emails == ("ann.lee@example.com", "ann@home.example")
    assert merged.phones == ("+15550001111", "+4930123456")
    assert (merged.met_at, merged.met_on) == ("PyCon", dt.date(2026, 3, 1))  # first meeting
    assert merged.created_at == NOW and merged.created_at.tzinfo == UTC
    with store.unit() as u:
        assert [c.id for c in u.list_contacts()] == [ann.id]
        assert u.get_contact(ann.id) == merged


def test_a_shared_phone_matches_when_no_email_does(store: Store) -> None:
    with store.unit() as u:
        bob = upsert(u, full_name="Bob Ray", emails=("bob@a.example",), phones=("+15550002222",))
        same = upsert(
            u, full_name="Robert Ray", emails=("bob@b.example",), phones=("+15550002222",)
        )
        other = upsert(u, full_name="Bob Ray", emails=("bob@c.example",), phones=("+15550003333",))
    assert same.id == bob.id and same.full_name == "Bob Ray"
    assert same.emails == ("bob@a.example", "bob@b.example")
    # A different email and phone: a namesake is another person, whatever the name.
    assert other.id != bob.id


def test_the_same_name_matches_only_without_email_and_without_a_company_conflict(
    store: Store,
) -> None:
    with store.unit() as u:
        cara = upsert(u, full_name="Cara Diaz", emails=("cara@x.example",), company="Acme Inc")
        same = upsert(u, full_name="  CARA   diaz ", title="VP Sales")
        same_company = upsert(u, full_name="cara diaz", company="acme  inc", phones=("+3312",))
        conflict = upsert(u, full_name="Cara Diaz", company="Globex")
        with_email = upsert(u, full_name="Cara Diaz", emails=("cara@other.example",))
    assert same.id == cara.id == same_company.id
    assert same_company.title == "VP Sales" and same_company.phones == ("+3312",)
    assert conflict.id != cara.id and conflict.company == "Globex"
    assert with_email.id not in (cara.id, conflict.id)
    with store.unit() as u:
        assert len(u.list_contacts()) == 3
        # A later no-company note about the Globex one goes to the oldest match.
        assert upsert(u, full_name="Cara Diaz").id == cara.id


def test_a_name_match_without_company_on_either_side_merges(store: Store) -> None:
    with store.unit() as u:
        dan = upsert(u, full_name="Dan Wu")
        later = upsert(u, full_name="dan wu", company="Initech")
    assert later.id == dan.id and later.company == "Initech"


def test_emails_of_two_contacts_never_move_between_them(store: Store) -> None:
    with store.unit() as u:
        a = upsert(u, full_name="Eve A", emails=("eve@a.example",))
        b = upsert(u, full_name="Eve B", emails=("eve@b.example",))
        both = upsert(u, emails=("EVE@b.example", "eve@a.example", "eve@new.example"))
    assert both.id == b.id  # its first known address decides
    assert both.emails == ("eve@b.example", "eve@new.example")
    with store.unit() as u:
        kept = u.get_contact(a.id)
        assert kept is not None and kept.emails == ("eve@a.example",)


def test_the_database_refuses_one_email_on_two_contacts(store: Store) -> None:
    with store.unit() as u:
        a = upsert(u, full_name="F One", emails=("f@x.example",))
        b = upsert(u, full_name="F Two", emails=("g@x.example",))
    with pytest.raises(IntegrityError), store.unit() as u:
        u.conn.execute(
            store_module.contact_emails.insert().values(
                email="f@x.example", contact_id=b.id, position=5
            )
        )
    with store.unit() as u:
        assert [c.emails for c in u.list_contacts()] == [("f@x.example",), ("g@x.example",)]
        assert a.id != b.id


def test_the_first_meeting_is_kept_and_an_earlier_one_replaces_it(store: Store) -> None:
    with store.unit() as u:
        c = upsert(u, emails=("m@x.example",), met_on=dt.date(2026, 5, 1))
        c = upsert(u, emails=("m@x.example",), met_at="Berlin", met_on=dt.date(2026, 5, 1))
        assert (c.met_at, c.met_on) == ("Berlin", dt.date(2026, 5, 1))  # same meeting, place added
        c = upsert(u, emails=("m@x.example",), met_at="Paris", met_on=dt.date(2026, 6, 1))
        assert (c.met_at, c.met_on) == ("Berlin", dt.date(2026, 5, 1))
        c = upsert(u, emails=("m@x.example",), met_at="Rome", met_on=dt.date(2026, 4, 1))
        assert (c.met_at, c.met_on) == ("Rome", dt.date(2026, 4, 1))  # an older note read late
        n = upsert(u, emails=("n@x.example",))
        n = upsert(u, emails=("n@x.example",), met_at="Oslo")
        assert (n.met_at, n.met_on) == ("Oslo", None)


def test_find_contacts_by_id_email_or_name(store: Store) -> None:
    with store.unit() as u:
        gail = upsert(u, full_name="Gail Ng", emails=("gail@acme.example",))
        hank = upsert(u, full_name="Hank 100%_Ng 7", emails=("hank@globex.example",))
    with store.unit() as u:
        assert u.find_contacts(str(gail.id)) == [gail]
        assert u.find_contacts("GAIL@ACME.example") == [gail]
        assert u.find_contacts("acme") == [gail]
        assert u.find_contacts("  ng ") == [gail, hank]
        assert u.find_contacts("100%_") == [hank]  # LIKE wildcards are taken literally
        assert u.find_contacts("%") == [hank]
        assert u.find_contacts("g_il") == []
        assert u.find_contacts("nobody") == []
        assert u.find_contacts("7") == []  # a number is an id, never a substring
        assert u.find_contacts("") == []


# ---------------------------------------------------------------------------- concurrency


def wait_until_blocked(store: Store, thread: threading.Thread) -> None:
    """Return once the other writer waits on a lock (it must not finish meanwhile)."""
    if store.engine.dialect.name == "postgresql":
        # B waits on A's uncommitted unique key: it has read, inserted, and will lose the race.
        query = sa.text(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        deadline = time.monotonic() + 20
        with store.engine.connect() as conn:
            while conn.execute(query).scalar_one() == 0:
                assert thread.is_alive(), "the second writer did not wait for the first"
                assert time.monotonic() < deadline, "the second writer never blocked"
                time.sleep(0.02)
    else:
        thread.join(0.3)  # B is in SQLite's busy handler, waiting for BEGIN IMMEDIATE
    assert thread.is_alive(), "the second writer did not wait for the first"


def race(store_a: Store, store_b: Store, work: Callable[[Unit], int]) -> tuple[int, int]:
    """Run `work` in two transactions that overlap: A writes but has not committed when B
    starts; B blocks on A's lock (SQLite) or on A's unique key (PostgreSQL) until A commits."""
    results: dict[str, int] = {}
    errors: list[BaseException] = []

    def second() -> None:
        try:
            with store_b.unit() as u:
                results["b"] = work(u)
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=second)
    with store_a.unit() as u:
        results["a"] = work(u)
        thread.start()
        wait_until_blocked(store_a, thread)
    thread.join(30)
    assert not errors, errors
    return results["a"], results["b"]


def test_concurrent_upserts_of_one_email_make_one_contact(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    inserts: list[int] = []
    insert_contact = Unit._insert_contact

    def counting(self: Unit, *args: Any) -> int:
        inserts.append(1)
        return insert_contact(self, *args)

    monkeypatch.setattr(Unit, "_insert_contact", counting)
    store_a, store_b = Store.open(db_url), Store.open(db_url)  # like two daemons
    try:

        def work(u: Unit) -> int:
            contact = upsert(u, full_name="Ivy Lo", emails=("IVY@x.example",), title="CEO")
            return contact.id

        a, b = race(store_a, store_b, work)
        assert a == b
        with store_a.unit() as u:
            contacts = u.list_contacts()
        assert [(c.id, c.emails) for c in contacts] == [(a, ("ivy@x.example",))]
        # PostgreSQL: B inserted its own contact, lost on the unique email, and merged instead.
        # SQLite: B only began once A had committed, so it merged at once.
        assert len(inserts) == (2 if store_a.engine.dialect.name == "postgresql" else 1)
    finally:
        store_a.close()
        store_b.close()


def test_many_threads_upserting_one_email_never_duplicate(store: Store) -> None:
    barrier = threading.Barrier(6)
    ids: list[int] = []
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            barrier.wait(10)
            with store.unit() as u:
                contact = upsert(u, full_name=f"Jo {n}", emails=("jo@x.example", f"jo{n}@x.ex"))
                ids.append(contact.id)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    with store.unit() as u:
        contacts = u.list_contacts()
    assert len(contacts) == 1 and set(ids) == {contacts[0].id}, (contacts, ids)
    assert sorted(contacts[0].emails) == sorted(
        ["jo@x.example"] + [f"jo{n}@x.ex" for n in range(6)]
    )


def test_concurrent_adds_of_one_note_key_and_draft_key_keep_one_each(db_url: str) -> None:
    store_a, store_b = Store.open(db_url), Store.open(db_url)
    try:
        a, b = race(store_a, store_b, lambda u: u.add_note(**note_fields()).id)
        assert a == b
        with store_a.unit() as u:
            contact = upsert(u, emails=("k@x.example",))

        def plan(u: Unit) -> int:
            followup = u.add_followup(
                contact_id=contact.id, note_id=a, step=1, template="first",
                due_at=NOW, draft_key="fu-1", now=NOW,
            )  # fmt: skip
            return followup.id

        fa, fb = race(store_a, store_b, plan)
        assert fa == fb
        with store_a.unit() as u:
            assert len(u.list_notes()) == 1 and len(u.list_followups()) == 1
    finally:
        store_a.close()
        store_b.close()


# ---------------------------------------------------------------------------- follow-ups


def add_followups(u: Unit, contact_id: int, note_id: int, dues: list[dt.datetime]) -> list[int]:
    return [
        u.add_followup(
            contact_id=contact_id, note_id=note_id, step=i, template=f"t{i}",
            due_at=due, draft_key=f"key-{i}", now=NOW,
        ).id
        for i, due in enumerate(dues)
    ]  # fmt: skip


def test_due_followups_are_planned_due_and_oldest_first_in_utc(store: Store) -> None:
    plus2 = dt.timezone(dt.timedelta(hours=2))
    dues = [
        NOW + dt.timedelta(hours=1),  # not due yet
        dt.datetime(2026, 3, 2, 11, 0, tzinfo=plus2),  # 09:00 UTC, due
        NOW - dt.timedelta(days=2),  # due, oldest
        NOW,  # due exactly now
        NOW - dt.timedelta(days=1),  # due, but drafted below
    ]
    with store.unit() as u:
        note = u.add_note(**note_fields())
        contact = upsert(u, emails=("l@x.example",))
        ids = add_followups(u, contact.id, note.id, dues)
        u.mark_drafted(ids[4], at=NOW, to="l@x.example", subject="Re: hello")
    with store.unit() as u:
        due = u.due_followups(NOW)
    assert [f.id for f in due] == [ids[2], ids[1], ids[3]]
    assert all(f.due_at.tzinfo == UTC and f.status is FollowUpStatus.PLANNED for f in due)
    assert due[1].due_at == dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with store.unit() as u:
        assert [f.id for f in u.due_followups(NOW.astimezone(plus2))] == [ids[2], ids[1], ids[3]]
        assert u.due_followups(NOW - dt.timedelta(days=3)) == []


def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises((ValueError, sa.exc.StatementError)), store.unit() as u:
        u.add_note(**note_fields(received_at=dt.datetime(2026, 1, 1, 12, 0)))
    with pytest.raises((ValueError, sa.exc.StatementError)), store.unit() as u:
        u.due_followups(dt.datetime(2026, 1, 1, 12, 0))


def test_adding_an_existing_draft_key_returns_the_stored_followup(store: Store) -> None:
    with store.unit() as u:
        note = u.add_note(**note_fields())
        contact = upsert(u, emails=("m@x.example",))
        first = u.add_followup(
            contact_id=contact.id, note_id=note.id, step=1, template="first",
            due_at=NOW, draft_key="fu-k", now=NOW,
        )  # fmt: skip
        again = u.add_followup(
            contact_id=contact.id, note_id=note.id, step=2, template="second",
            due_at=NOW + dt.timedelta(days=9), draft_key="fu-k", now=NOW,
        )  # fmt: skip
    assert again == first and again.template == "first" and again.created_at == NOW
    with store.unit() as u:
        assert u.list_followups() == [first]
        assert u.get_followup(first.id) == first


def test_adding_a_followup_for_an_unknown_contact_fails(store: Store) -> None:
    with store.unit() as u:
        note = u.add_note(**note_fields())
    with pytest.raises(IntegrityError), store.unit() as u:
        u.add_followup(
            contact_id=999, note_id=note.id, step=1, template="t",
            due_at=NOW, draft_key="orphan", now=NOW,
        )  # fmt: skip


def test_cancel_planned_and_mark_drafted(store: Store) -> None:
    with store.unit() as u:
        note = u.add_note(**note_fields())
        nina = upsert(u, emails=("nina@x.example",))
        omar = upsert(u, emails=("omar@x.example",))
        ids = add_followups(u, nina.id, note.id, [NOW, NOW, NOW])
        other = u.add_followup(
            contact_id=omar.id, note_id=note.id, step=1, template="t",
            due_at=NOW, draft_key="omar-1", now=NOW,
        )  # fmt: skip
        u.mark_drafted(ids[0], at=NOW, to="Nina <nina@x.example>", subject="Re: PyCon")
        assert u.cancel_planned(nina.id) == 2
        assert u.cancel_planned(nina.id) == 0
        with pytest.raises(LookupError):
            u.mark_drafted(12345, at=NOW, to="x", subject="y")
    with store.unit() as u:
        drafted = u.list_followups(FollowUpStatus.DRAFTED)
        cancelled = u.list_followups(FollowUpStatus.CANCELLED)
        planned = u.list_followups(FollowUpStatus.PLANNED)
    assert [f.id for f in drafted] == [ids[0]]
    assert drafted[0].drafted_at == NOW and drafted[0].drafted_at.tzinfo == UTC
    assert (drafted[0].draft_to, drafted[0].draft_subject) == ("Nina <nina@x.example>", "Re: PyCon")
    assert [f.id for f in cancelled] == ids[1:]
    assert [f.id for f in planned] == [other.id]


# ---------------------------------------------------------------------------- privacy


def test_forget_removes_the_person_but_keeps_note_keys(store: Store) -> None:
    with store.unit() as u:
        note = u.add_note(**note_fields())
        quiet = u.add_note(**note_fields(uid="20", content_hash="h20", note_text="about Pat"))
        other_note = u.add_note(**note_fields(uid="21", content_hash="h21", note_text="Ray"))
        pat = u.upsert_contact(
            ParsedContact(full_name="Pat Kim", emails=("pat@x.example",), phones=("+1555",)),
            met_at="PyCon", met_on=None, now=NOW, note_id=quiet.id,
        )  # fmt: skip
        ray = upsert(u, full_name="Ray", emails=("ray@x.example",))
        add_followups(u, pat.id, note.id, [NOW, NOW])
        u.add_followup(
            contact_id=ray.id, note_id=other_note.id, step=1, template="t",
            due_at=NOW, draft_key="ray-1", now=NOW,
        )  # fmt: skip
    with store.unit() as u:
        assert u.forget_contact(pat.id) is True
        assert u.forget_contact(pat.id) is False
    with store.unit() as u:
        assert u.get_contact(pat.id) is None
        assert u.find_contacts("pat") == [] and u.find_contacts("+1555") == []
        assert [f.draft_key for f in u.list_followups()] == ["ray-1"]
        for forgotten in (note, quiet):
            kept = u.find_note(
                forgotten.account, forgotten.folder, forgotten.uidvalidity, forgotten.uid
            )
            assert kept is not None and kept.content_hash == forgotten.content_hash
            assert (kept.note_text, kept.subject, kept.met_at, kept.message_id) == (None,) * 4
            assert kept.tags == () and kept.met_on is None
            assert u.find_note_by_hash("me", forgotten.content_hash) == kept
        untouched = u.get_note(other_note.id)
        assert untouched is not None and untouched.note_text == "Ray"
        # The address is free again, and the forgotten id is never handed to someone else.
        again = upsert(u, emails=("pat@x.example",))
        assert again.id > ray.id
        for table in (store_module.contact_emails, store_module.contact_phones):
            owners = u.conn.execute(sa.select(table.c.contact_id)).scalars().all()
            assert pat.id not in owners


def test_export_is_json_ready_and_holds_the_notes_text(store: Store) -> None:
    with store.unit() as u:
        note = u.add_note(**note_fields())
        linked = u.add_note(**note_fields(uid="30", content_hash="h30", note_text="card"))
        u.add_note(**note_fields(uid="31", content_hash="h31", note_text="someone else"))
        quinn = u.upsert_contact(
            ParsedContact(full_name="Quinn", emails=("q@x.example",)),
            met_at="PyCon", met_on=dt.date(2026, 3, 1), now=NOW, note_id=linked.id,
        )  # fmt: skip
        [fid] = add_followups(u, quinn.id, note.id, [NOW])
        u.mark_drafted(fid, at=NOW, to="q@x.example", subject="Re: hi")
    with store.unit() as u:
        exported = u.export_contact(quinn.id)
        with pytest.raises(LookupError):
            u.export_contact(quinn.id + 50)
    decoded = json.loads(json.dumps(exported))
    assert decoded == exported
    assert decoded["contact"]["emails"] == ["q@x.example"]
    assert decoded["contact"]["met_on"] == "2026-03-01"
    assert [f["id"] for f in decoded["followups"]] == [fid]
    assert decoded["followups"][0]["drafted_at"] == "2026-03-02T09:30:00+00:00"
    assert [n["id"] for n in decoded["notes"]] == [note.id, linked.id]
    assert [n["note_text"] for n in decoded["notes"]] == ["Ann wants the slides", "card"]


def test_find_notes_by_hash_lists_every_copy(store: Store) -> None:
    now = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
    with store.unit() as u:
        for uid in ("7", "9"):
            u.add_note(account="a", folder="INBOX", uidvalidity=1, uid=uid, content_hash="h",
                       message_id=None, subject=None, status=NoteStatus.IGNORED, reason="x",
                       received_at=now)
        u.add_note(account="b", folder="INBOX", uidvalidity=1, uid="7", content_hash="h",
                   message_id=None, subject=None, status=NoteStatus.IGNORED, reason="x",
                   received_at=now)
    with store.unit() as u:
        assert [n.uid for n in u.find_notes_by_hash("a", "h")] == ["7", "9"]
        assert u.find_notes_by_hash("a", "other") == []


def test_schema_head_constant_matches_the_migrations() -> None:
    from followup.store.engine import SCHEMA_HEAD

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_HEAD


def test_opening_a_current_database_does_not_import_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'f.db'}"
    Store.open(url).close()
    code = ("import sys; from followup.store import Store; "
            f"Store.open({url!r}).close(); print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_exclusive_holds_other_holders_off_until_it_is_released(store: Store) -> None:
    """The drafting lock: a second holder (another thread here, another process in use)
    waits until the first lets go."""
    order: list[str] = []
    inside = threading.Event()

    def second() -> None:
        inside.wait(10)
        with store.exclusive("drafting"):
            order.append("second in")

    thread = threading.Thread(target=second)
    thread.start()
    with store.exclusive("drafting"):
        inside.set()
        thread.join(0.5)
        assert thread.is_alive(), "the second holder did not wait"
        order.append("first out")
    thread.join(10)
    assert order == ["first out", "second in"]
    with store.exclusive("other"), store.exclusive("drafting"):
        pass  # different names do not block each other, and it is free again


def test_a_schema_upgrade_apart_leaves_alembic_out_of_this_process(db_url: str) -> None:
    """The daemon's first start: the child process creates the schema; the daemon opens a
    database already at head and never imports alembic (its idle memory stays low)."""
    import subprocess
    import sys

    code = ("import sys; from followup.store import Store, upgrade_schema_apart; "
            "upgrade_schema_apart(sys.argv[1]); s = Store.open(sys.argv[1]); "
            "print('alembic' in sys.modules, s.engine.url.get_backend_name()); s.close()")
    out = subprocess.run([sys.executable, "-c", code, db_url], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[0] == "False", out.stderr
    engine = sa.create_engine(db_url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == \
            SCHEMA_HEAD
    engine.dispose()


def test_a_schema_upgrade_apart_reports_the_childs_refusal(db_url: str) -> None:
    from followup.store import upgrade_schema_apart

    from_the_future(db_url)
    with pytest.raises(StoreError, match="9999_future"):
        upgrade_schema_apart(db_url)


def test_a_database_other_than_sqlite_or_postgresql_is_refused_at_open() -> None:
    with pytest.raises(StoreError, match="SQLite or PostgreSQL, not mysql"):
        Store.open("mysql://user@localhost/followup")


def test_a_database_at_the_first_revision_upgrades_keeping_its_rows(db_url: str) -> None:
    """A user's database from the first release (0001) opens under today's code: every later
    revision runs, existing contacts and follow-ups keep their values and get the defaults."""
    from alembic import command

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    from followup.store.engine import create_engine

    engine = create_engine(db_url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(sa.text(
            "INSERT INTO contacts (id, full_name, created_at, updated_at) "
            "VALUES (7, 'Ada Old', :t, :t)"), {"t": NOW})
        conn.execute(sa.text(
            "INSERT INTO notes (id, account, folder, uidvalidity, uid, content_hash, status, "
            "received_at, tags) VALUES (3, 'a', 'INBOX', 1, '1', 'h', 'processed', :t, '[]')"),
            {"t": NOW})
        conn.execute(sa.text(
            "INSERT INTO followups (contact_id, note_id, step, template, due_at, status, "
            "draft_key, created_at) VALUES (7, 3, 0, 't', :t, 'planned', 'k1', :t)"),
            {"t": NOW})
    engine.dispose()
    store = Store.open(db_url)
    try:
        with store.unit() as u:
            contact = u.get_contact(7)
            assert contact is not None and contact.full_name == "Ada Old"
            assert contact.owner_fields == () and contact.last_contact_at is None
            followup = u.list_followups()[0]
            assert followup.status == FollowUpStatus.PLANNED
            assert followup.sequence == "default" and str(followup.channel) == "draft"
            # 0003: reply tracking starts with no marks; the follow-up's draft is not missing
            assert u.reply_mark("a", "INBOX") is None
            assert u.conn.execute(sa.text(
                "SELECT draft_missing_at FROM followups")).scalar_one() is None
            # 0007: the digests table, empty, usable
            assert u.digest_for(NOW.date()) is None
            assert u.claim_digest(day=NOW.date(), account="a", message_id="<d@followup>",
                                  raw=b"x", now=NOW)
            assert not u.claim_digest(day=NOW.date(), account="a", message_id="<e@followup>",
                                      raw=b"y", now=NOW)
            assert u.is_digest("<d@followup>") and not u.is_digest("<e@followup>")
            # 0008: the old note has no forwarded date; a new one keeps its date
            (old,) = u.list_notes()
            assert old.id == 3 and old.forwarded_at is None
            sent = dt.datetime(2026, 2, 27, 16, 0, tzinfo=dt.UTC)
            u.add_note(account="a", folder="INBOX", uidvalidity=1, uid="2", content_hash="h2",
                       message_id=None, subject="Fwd: x", status=NoteStatus.PROCESSED,
                       reason=None, received_at=NOW, kind="forward", forwarded_at=sent)
        with store.unit() as u:
            assert [n.forwarded_at for n in u.list_notes() if n.uid == "2"] == [sent]
    finally:
        store.close()

"""The owner's use cases on fakes (no servers): a note moved back from needs review is read
again, commands by mail inside the ingest transaction, Control's drafts removal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import FakeMailbox
from postgres import postgres_server, postgres_url  # noqa: F401
from test_service import JANE, World, note

from followup.control import Control, ControlError
from followup.model import FollowUpStatus, NoteStatus
from followup.ports import MessageRef
from followup.store import Store

REVIEW = "Followup/Needs review"


def move_back(mailbox: FakeMailbox, folder: str = REVIEW) -> None:
    """What the owner does in the mail client: drag the note back into the inbox."""
    for uid, message in list(mailbox.folders.get(folder, {}).items()):
        mailbox.move(MessageRef(folder, mailbox.uidvalidity, str(uid), len(message.raw)),
                     "INBOX")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    """The service's world on SQLite, and on the suite's real PostgreSQL."""
    made = World(tmp_path)
    if request.param == "postgres":
        made.store.close()
        made.store = Store.open(request.getfixturevalue("postgres_url"))
        made.ingestor.store = made.drafter.store = made.store
    yield made
    made.store.close()


def control(world: World) -> Control:
    return Control(world.store, world.clock, world.policy, lambda _a: world.mailbox,
                   world.drafter)


def test_a_note_moved_back_from_needs_review_is_read_again(world: World) -> None:
    world.mailbox.deliver(JANE)
    world.mailbox.deliver(note("met Jane Doe, jane.doe@other.example, at JSConf"))
    skip = note("#skip Jane Doe")
    world.mailbox.deliver(skip)
    world.run()
    with world.store.unit() as u:
        (review,) = u.list_notes(NoteStatus.NEEDS_REVIEW)
    assert "2 contacts are named 'Jane Doe'" in (review.reason or "")
    # unchanged and still unclear: back to review, same record, nothing twice
    move_back(world.mailbox)
    world.run()
    with world.store.unit() as u:
        assert [n.id for n in u.list_notes(NoteStatus.NEEDS_REVIEW)] == [review.id]
    assert len(world.mailbox.messages(REVIEW)) == 1
    # the owner forgets the second Jane, then moves the command back: now it applies
    with world.store.unit() as u:
        other = u.find_contacts("jane.doe@other.example")[0]
    control(world).forget(other.id)
    move_back(world.mailbox)
    world.run()
    with world.store.unit() as u:
        again = u.get_note(review.id)
        assert again is not None and again.status is NoteStatus.PROCESSED
        assert again.action and again.action.startswith("skipped follow-up")
        assert len(u.list_notes()) == 3
    assert world.mailbox.messages(REVIEW) == []
    # moving a processed note back changes nothing: it is re-keyed, never read twice
    move_back(world.mailbox, "Followup/Processed")
    world.run()
    with world.store.unit() as u:
        assert len(u.list_notes()) == 3 and len(u.list_contacts()) == 1


def test_snooze_of_a_drafted_follow_up_removes_then_redrafts_it(world: World) -> None:
    world.clock.set(dt.datetime(2026, 1, 12, 9, 0, tzinfo=dt.UTC))  # Monday, in the window
    world.mailbox.deliver(JANE)
    world.run()
    world.clock.advance(dt.timedelta(days=1))
    world.run()
    with world.store.unit() as u:
        first = u.list_followups(FollowUpStatus.DRAFTED)[0]
    assert len(world.mailbox.messages("Drafts")) == 1
    change = control(world).snooze(first.id, "3d")
    assert "removed from Drafts" in change.message
    assert world.mailbox.messages("Drafts") == []
    world.run()
    assert world.mailbox.messages("Drafts") == []  # not due yet
    world.clock.advance(dt.timedelta(days=3))
    world.run()
    assert len(world.mailbox.messages("Drafts")) == 1  # written again when due, once
    world.run()
    assert len(world.mailbox.messages("Drafts")) == 1


def test_a_failing_drafts_removal_changes_nothing(world: World) -> None:
    world.clock.set(dt.datetime(2026, 1, 13, 9, 0, tzinfo=dt.UTC))
    world.mailbox.deliver(JANE)
    world.run()
    world.clock.advance(dt.timedelta(days=1))
    world.run()
    with world.store.unit() as u:
        first = u.list_followups(FollowUpStatus.DRAFTED)[0]
    # the merge of two records of one person leaves one plan
    world.mailbox.deliver(note("met J. Doe, jdoe@gmail.example, at PyCon"))
    world.ingestor.ingest(world.mailbox)
    with world.store.unit() as u:
        (jane, other) = u.list_contacts()
    assert "the second plan was cancelled" in control(world).merge(jane.id, other.id).message
    with world.store.unit() as u:
        (merged,) = u.list_contacts()
        assert merged.emails == ("jane@acme.example", "jdoe@gmail.example")
        assert len({f.note_id for f in u.followups_of(merged.id, open_only=True)}) == 1
    world.mailbox.fail_next("delete_drafts")
    with pytest.raises(Exception, match="delete_drafts failed"):
        control(world).cancel(first.id)
    with world.store.unit() as u:
        assert u.get_followup(first.id).status is FollowUpStatus.DRAFTED  # type: ignore[union-attr]
    with pytest.raises(ControlError, match="in the past"):
        control(world).reschedule(first.id, "2025-01-01")


def test_a_maildir_style_move_back_keeps_its_key_and_is_read_again(world: World) -> None:
    """A Maildir message keeps its key when moved: a known needs-review key back in the
    watched folder, even edited in place, is read again into its own record."""
    world.mailbox.deliver(JANE)
    ref = world.mailbox.deliver(note("#skip nobody@nowhere.example"))
    world.ingestor.ingest(world.mailbox)
    with world.store.unit() as u:
        (review,) = u.list_notes(NoteStatus.NEEDS_REVIEW)
    # the record's key is the fake's UID; put the (edited) message back under that key
    (uid,) = world.mailbox.folders[REVIEW]
    del world.mailbox.folders[REVIEW][uid]
    from fakes import FakeMessage

    world.mailbox.folders["INBOX"][int(ref.uid)] = FakeMessage(note("#skip jane@acme.example"))
    report = world.ingestor.ingest(world.mailbox)
    assert report.processed == 1 and report.repeated_moves == 0
    with world.store.unit() as u:
        again = u.get_note(review.id)
        assert again is not None and again.status is NoteStatus.PROCESSED
        assert len(u.list_notes()) == 2

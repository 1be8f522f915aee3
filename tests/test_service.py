"""The use cases with an in-memory mailbox, a fixed clock and a real SQLite store: no servers."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fakes import FakeMailbox, FixedClock

from followup.drafting import make_environment
from followup.model import FollowUpStatus, NoteStatus
from followup.planning import SequenceStep, parse_interval, parse_window
from followup.ports import MailboxUnavailable
from followup.service import AccountSetup, Drafter, Ingestor, Policy
from followup.store import Store

BERLIN = ZoneInfo("Europe/Berlin")
OWNER = "sam@owner.example"
# Friday 2026-01-09, 20:00 in Berlin: after the window, before a weekend.
FRIDAY_EVENING = dt.datetime(2026, 1, 9, 19, 0, tzinfo=dt.UTC)


def note(body: str, sender: str = f"Sam Owner <{OWNER}>", extra: str = "") -> bytes:
    return (f"From: {sender}\r\nTo: notes@owner.example\r\nSubject: note\r\n"
            f"Date: Fri, 09 Jan 2026 19:55:00 +0100\r\nMessage-ID: <{abs(hash(body))}@x>\r\n"
            f"{extra}\r\n{body}\r\n").encode()


JANE = note("met Jane Doe, VP Eng at Acme, jane@acme.example, at PyCon; talked about robots")


class World:
    """One account wired like bootstrap does, on fakes."""

    def __init__(self, tmp: Path, *, max_bytes: int = 1_000_000) -> None:
        self.clock = FixedClock(FRIDAY_EVENING)
        self.store = Store.open(f"sqlite:///{tmp / 'f.db'}")
        self.mailbox = FakeMailbox()
        self.policy = Policy(
            sequence=(SequenceStep(parse_interval("1d"), "nice-to-meet-you"),
                      SequenceStep(parse_interval("2w"), "check-in")),
            window=parse_window("09:00-17:00", weekdays_only=True), timezone=BERLIN)
        self.account = AccountSetup(
            name="default", folder="INBOX", owner_addresses=(OWNER,), authserv_id=None,
            processed_folder="Followup/Processed", review_folder="Followup/Needs review",
            ignored_folder=None, owner_name="Sam Owner", max_message_bytes=max_bytes)
        self.ingestor = Ingestor(self.store, self.clock, self.account, self.policy)
        self.drafter = Drafter(self.store, self.clock, self.policy, make_environment(),
                               {"default": ("Sam Owner", OWNER)})

    def run(self) -> None:
        self.ingestor.ingest(self.mailbox)
        self.drafter.draft_due({"default": self.mailbox})

    def followups(self) -> list[tuple[str, FollowUpStatus, dt.datetime]]:
        with self.store.unit() as u:
            return [(f.template, f.status, f.due_at) for f in u.list_followups()]

    def contacts(self) -> list[tuple[str | None, tuple[str, ...]]]:
        with self.store.unit() as u:
            return [(c.full_name, c.emails) for c in u.list_contacts()]

    def notes(self) -> list[tuple[NoteStatus, str | None]]:
        with self.store.unit() as u:
            return [(n.status, n.reason) for n in u.list_notes()]


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def test_note_becomes_contact_and_drafts_wait_for_the_window(world: World) -> None:
    world.mailbox.deliver(JANE)
    world.run()
    assert world.contacts() == [("Jane Doe", ("jane@acme.example",))]
    assert world.mailbox.messages("INBOX") == []
    assert world.mailbox.messages("Followup/Processed") == [JANE]
    # 1d after Friday evening is Saturday: moved to Monday 09:00 Berlin (weekdays only).
    (first, second) = world.followups()
    assert first[:2] == ("nice-to-meet-you", FollowUpStatus.PLANNED)
    assert first[2] == dt.datetime(2026, 1, 12, 8, 0, tzinfo=dt.UTC)
    # 2w after Friday 20:00 is Friday 20:00, after the window: the next weekday's start.
    assert second[2].astimezone(BERLIN) == dt.datetime(2026, 1, 26, 9, 0, tzinfo=BERLIN)
    assert world.mailbox.messages("Drafts") == []

    world.clock.set(dt.datetime(2026, 1, 12, 7, 59, tzinfo=dt.UTC))
    world.run()
    assert world.mailbox.messages("Drafts") == []
    world.clock.set(dt.datetime(2026, 1, 12, 8, 0, tzinfo=dt.UTC))
    world.run()
    world.run()
    (draft,) = world.mailbox.messages("Drafts")
    msg = email.message_from_bytes(draft, policy=email.policy.default)
    assert str(msg["To"]) == "Jane Doe <jane@acme.example>"
    assert world.mailbox.flags("Drafts") == [{"\\Draft", "\\Seen"}]
    assert [s for _t, s, _d in world.followups()] == [FollowUpStatus.DRAFTED,
                                                      FollowUpStatus.PLANNED]


def test_a_note_with_its_own_date_sets_the_first_step(world: World) -> None:
    world.mailbox.deliver(note("met Jane Doe, jane@acme.example, at PyCon. follow up in 2 weeks"))
    world.run()
    (first, second) = world.followups()
    assert first[:2] == ("follow-up", FollowUpStatus.PLANNED)
    assert first[2].astimezone(BERLIN) == dt.datetime(2026, 1, 23, 9, 0, tzinfo=BERLIN)
    # later steps keep their distance to the first (2w - 1d after it)
    assert second[0] == "check-in"
    assert second[2].astimezone(BERLIN) == dt.datetime(2026, 2, 5, 9, 0, tzinfo=BERLIN)


def test_nothing_twice_across_runs(world: World) -> None:
    world.mailbox.deliver(JANE)
    world.run()
    world.clock.set(dt.datetime(2026, 1, 12, 10, 0, tzinfo=dt.UTC))
    for _ in range(3):
        world.run()
    assert len(world.contacts()) == 1 and len(world.followups()) == 2
    assert len(world.mailbox.messages("Drafts")) == 1


def test_a_failed_move_is_repeated_not_reingested(world: World) -> None:
    world.mailbox.deliver(JANE)
    world.mailbox.fail_next("move")
    with pytest.raises(MailboxUnavailable):
        world.ingestor.ingest(world.mailbox)
    assert world.mailbox.messages("INBOX") == [JANE]  # committed, not yet moved
    report = world.ingestor.ingest(world.mailbox)
    assert report.repeated_moves == 1 and report.processed == 0
    assert world.mailbox.messages("Followup/Processed") == [JANE]
    assert len(world.contacts()) == 1 and len(world.followups()) == 2


def test_a_failed_append_is_retried_once(world: World) -> None:
    world.mailbox.deliver(JANE)
    world.ingestor.ingest(world.mailbox)
    world.clock.set(dt.datetime(2026, 1, 12, 10, 0, tzinfo=dt.UTC))
    world.mailbox.fail_next("append_draft")
    with pytest.raises(MailboxUnavailable):
        world.drafter.draft_due({"default": world.mailbox})
    world.drafter.draft_due({"default": world.mailbox})
    world.drafter.draft_due({"default": world.mailbox})
    assert len(world.mailbox.messages("Drafts")) == 1


def test_a_copy_of_the_same_message_is_not_ingested_twice(world: World) -> None:
    world.mailbox.deliver(JANE)
    world.run()
    world.mailbox.deliver(JANE)  # the same bytes again (a re-sync, a second copy)
    report = world.ingestor.ingest(world.mailbox)
    assert report.rekeyed == 1 and report.processed == 0
    assert len(world.contacts()) == 1 and len(world.notes()) == 1
    assert world.mailbox.messages("INBOX") == []


def test_new_uidvalidity_rekeys_by_content(world: World) -> None:
    world.mailbox.deliver(JANE)
    world.mailbox.fail_next("move")  # leave it in the inbox, as after a crash
    with pytest.raises(MailboxUnavailable):
        world.ingestor.ingest(world.mailbox)
    world.mailbox.change_uidvalidity(99)
    other = note("met Bob Roe, bob@roe.example, at the meetup")
    world.mailbox.deliver(other)
    report = world.ingestor.ingest(world.mailbox)
    assert (report.rekeyed, report.processed) == (1, 1)
    assert sorted(e for _n, (e,) in world.contacts()) == ["bob@roe.example", "jane@acme.example"]
    assert world.mailbox.messages("INBOX") == []


def test_strangers_and_automatic_mail_are_never_read(world: World) -> None:
    stranger = note("met Mallory, mallory@evil.example", sender="Mallory <mallory@evil.example>")
    spoof = note("met Mallory, mallory@evil.example",
                 sender=f"Sam Owner <{OWNER}>, Mallory <mallory@evil.example>")
    bounce = note("met Jane Doe, jane@acme.example", extra="Auto-Submitted: auto-replied\r\n")
    for raw in (stranger, spoof, bounce):
        world.mailbox.deliver(raw)
    world.run()
    assert world.contacts() == []
    assert [s for s, _r in world.notes()] == [NoteStatus.IGNORED] * 3
    assert world.mailbox.messages("INBOX") == [stranger, spoof, bounce]
    assert world.mailbox.flags("INBOX") == [set(), set(), set()]
    assert world.mailbox.calls.count("fetch") == 1  # only for the (empty) owner batch
    with world.store.unit() as u:  # nothing of a stranger's message is kept, not its Subject
        assert {(n.subject, n.message_id) for n in u.list_notes()} == {(None, None)}
    world.run()
    assert len(world.notes()) == 3


def test_a_note_without_a_person_goes_to_review_with_its_reason(world: World) -> None:
    raw = note("remember to buy milk")
    world.mailbox.deliver(raw)
    world.run()
    ((status, reason),) = world.notes()
    assert status is NoteStatus.NEEDS_REVIEW and "no contact" in (reason or "")
    assert world.mailbox.messages("Followup/Needs review") == [raw]


def test_an_oversized_note_is_not_downloaded(tmp_path: Path) -> None:
    world = World(tmp_path, max_bytes=100)
    world.mailbox.deliver(JANE)
    world.run()
    ((status, reason),) = world.notes()
    assert status is NoteStatus.NEEDS_REVIEW and "not downloaded" in (reason or "")
    assert "fetch" not in world.mailbox.calls or world.mailbox.calls.count("fetch") == 1
    assert world.mailbox.messages("Followup/Needs review") == [JANE]
    with world.store.unit() as u:
        assert [n.subject for n in u.list_notes()] == ["note"]  # named in the review list


def test_a_second_note_about_someone_known_keeps_their_plan(world: World) -> None:
    world.mailbox.deliver(JANE)
    world.run()
    plan = world.followups()
    world.mailbox.deliver(note("Jane Doe (jane@acme.example) again at the Acme party, "
                               "+1 415 555 0100"))
    world.run()
    assert len(world.contacts()) == 1
    assert world.followups() == plan  # no second "nice to meet you"


def test_a_new_date_for_someone_known_replaces_their_plan(world: World) -> None:
    world.mailbox.deliver(JANE)
    world.run()
    world.mailbox.deliver(note("coffee with Jane Doe jane@acme.example, she's in for the "
                               "pilot. follow up in 3 days"))
    world.run()
    planned = sorted((d, t) for t, s, d in world.followups() if s is FollowUpStatus.PLANNED)
    cancelled = [t for t, s, _d in world.followups() if s is FollowUpStatus.CANCELLED]
    assert sorted(cancelled) == ["check-in", "nice-to-meet-you"]
    assert [t for _d, t in planned] == ["follow-up", "check-in"]
    assert planned[0][0].astimezone(BERLIN) == dt.datetime(2026, 1, 12, 9, 0, tzinfo=BERLIN)


def test_forget_removes_the_person(world: World) -> None:
    world.mailbox.deliver(JANE)
    world.run()
    with world.store.unit() as u:
        (contact,) = u.list_contacts()
        exported = u.export_contact(contact.id)
        assert "jane@acme.example" in str(exported)
        assert u.forget_contact(contact.id)
    assert world.contacts() == [] and world.followups() == []
    world.mailbox.deliver(JANE)  # the same message again: still known, not re-ingested
    assert world.ingestor.ingest(world.mailbox).processed == 0


def test_a_business_card_photo_becomes_a_contact(world: World) -> None:
    import shutil
    from email.message import EmailMessage

    from followup.cardimage import read_card_image

    if shutil.which("tesseract") is None:
        pytest.skip("tesseract-ocr is not installed")
    world.ingestor.card_reader = read_card_image
    msg = EmailMessage()
    msg["From"] = f"Sam Owner <{OWNER}>"
    msg["Subject"] = "card"
    msg["Date"] = "Fri, 09 Jan 2026 19:55:00 +0100"
    msg.set_content("from the robotics mixer")
    card = Path(__file__).parent / "fixtures" / "cards" / "card-classic.png"
    msg.add_attachment(card.read_bytes(), maintype="image", subtype="png", filename="c.png")
    world.mailbox.deliver(bytes(msg))
    world.run()
    assert world.contacts() == [("Priya Raman", ("priya.raman@lumenfold.example",))]
    assert [s for s, _r in world.notes()] == [NoteStatus.PROCESSED]


def test_drafting_works_through_pages(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Due follow-ups are read a page at a time (a first start may have thousands); every
    one is drafted once, and a second pass adds nothing."""
    from followup import service

    monkeypatch.setattr(service, "DRAFT_PAGE", 2)
    for i in range(5):
        world.mailbox.deliver(note(f"met Pat {i} Lee, pat{i}@lee.example, at the fair"))
    world.ingestor.ingest(world.mailbox)
    world.clock.set(dt.datetime(2026, 1, 12, 10, 0, tzinfo=dt.UTC))  # Monday, in the window
    calls: list[int] = []
    real = world.store.unit

    def counting() -> Any:
        calls.append(1)
        return real()

    monkeypatch.setattr(world.store, "unit", counting)
    report = world.drafter.draft_due({"default": world.mailbox})
    assert report.drafted == 5
    # one read of the keys, then pages of 2, 2, 1 and an empty one, and one transaction
    # marking each page's drafts (APPEND_BATCH is larger than a page here)
    assert len(calls) == 1 + 4 + 3
    assert len(world.mailbox.messages("Drafts")) == 5
    assert world.drafter.draft_due({"default": world.mailbox}).drafted == 0
    assert len(world.mailbox.messages("Drafts")) == 5

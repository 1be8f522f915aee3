"""The daily digest: its content and schedule with a fixed clock on fakes; the once-a-day
rule, its place in the inbox and two racing processes against the suite's real Dovecot.
Also: reminders for people without email, notes without a person, \\Seen on Processed."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from daemon_harness import (
    DIGEST_OFF,
    Daemons,
    ImapBox,
    followup,
    listing,
    run_once,
    wait_until,
    write_config,
)
from dovecot import Dovecot
from fakes import FakeMailbox
from postgres import postgres_server, postgres_url  # noqa: F401
from test_service import BERLIN, OWNER, World, note

from followup.digest import DigestSchedule, due_day, entry_anchor, entry_contacts
from followup.digesting import DigestSetup, DigestWriter
from followup.model import FollowUpChannel, NoteStatus

# Monday 2026-01-12, 09:30 in Berlin (inside the drafting window)
MONDAY_MORNING = dt.datetime(2026, 1, 12, 8, 30, tzinfo=dt.UTC)
KARL = note("met Karl Brandt at the Hannover fair, mobile +49 170 1234567, call him about "
            "the pilot")


def writer(world: World, schedule: DigestSchedule | None = None) -> DigestWriter:
    return DigestWriter(world.store, world.clock, DigestSetup(
        schedule=schedule or DigestSchedule(), timezone=BERLIN, account="default",
        owner_name="Sam Owner", owner_address=OWNER))


def digest_in(mailbox: FakeMailbox) -> list[email.message.EmailMessage]:
    out = []
    for raw in mailbox.messages("INBOX"):
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        if msg["X-Followup-Digest"]:
            out.append(msg)
    return out


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def test_due_on_weekdays_from_its_hour_in_the_owners_zone() -> None:
    schedule = DigestSchedule()
    assert due_day(MONDAY_MORNING, schedule, BERLIN) == dt.date(2026, 1, 12)
    # 07:59 Berlin is 06:59 UTC: not yet; 14:00 Berlin: past the grace period
    assert due_day(dt.datetime(2026, 1, 12, 6, 59, tzinfo=dt.UTC), schedule, BERLIN) is None
    assert due_day(dt.datetime(2026, 1, 12, 13, 0, tzinfo=dt.UTC), schedule, BERLIN) is None
    saturday = dt.datetime(2026, 1, 10, 9, 0, tzinfo=dt.UTC)
    assert due_day(saturday, schedule, BERLIN) is None
    assert due_day(MONDAY_MORNING, DigestSchedule(enabled=False), BERLIN) is None


def test_digest_content_reminders_and_review(world: World) -> None:
    world.mailbox.deliver(note("met Jane Doe, VP Eng at Acme, jane@acme.example, at PyCon"))
    world.mailbox.deliver(KARL)
    world.mailbox.deliver(note("lunch was nice, nothing else to say"))
    world.run()
    with world.store.unit() as u:
        karl = next(c for c in u.list_contacts() if c.full_name == "Karl Brandt")
        plans = [f for f in u.list_followups() if f.contact_id == karl.id]
    assert karl.emails == () and karl.phones == ("+491701234567",)
    assert plans and {f.channel for f in plans} == {FollowUpChannel.REMINDER}
    world.clock.set(MONDAY_MORNING)
    world.drafter.draft_due({"default": world.mailbox})
    with world.store.unit() as u:  # a reminder is never drafted
        assert all(f.status == "planned" for f in u.list_followups()
                   if f.contact_id == karl.id)
    assert writer(world).write_due(world.mailbox) is not None
    [digest] = digest_in(world.mailbox)
    body = digest.get_content()
    assert "Jane Doe, VP Eng at Acme" in body and "met at PyCon" in body
    assert "call Karl Brandt, +49 170 1234567" in body
    assert "NOTES THAT NEED YOUR REVIEW (1)" in body and "no contact found" in body
    assert "DRAFTS WAITING IN YOUR DRAFTS FOLDER" in body
    # numbered entries, each with a mailto: link (RFC 6068) that starts a note about it
    assert "[2] Karl Brandt" in body and "[4] Mon 12 Jan: call Karl Brandt" in body
    links = [line.strip()[1:-1] for line in body.splitlines() if "<mailto:" in line]
    assert len(links) == 4
    url = urllib.parse.urlsplit(links[1])
    assert (url.scheme, url.path) == ("mailto", OWNER)
    fields = urllib.parse.parse_qs(url.query)
    assert fields["In-Reply-To"] == [entry_anchor(dt.date(2026, 1, 12), karl.id)]
    assert fields["subject"] == ["followup digest 2026-01-12 entry 2: Karl Brandt"]
    with world.store.unit() as u:
        jane = next(c for c in u.list_contacts() if c.full_name == "Jane Doe")
    raw = digest.as_bytes()
    assert entry_contacts(raw) == {1: jane.id, 2: karl.id, 3: jane.id, 4: karl.id}
    # a phone screen (a link is one word: clients make it tappable whole)
    assert max(len(line) for line in body.splitlines() if "<mailto:" not in line) <= 78
    assert digest["From"].addresses[0].addr_spec == OWNER
    assert digest["Message-ID"].startswith("<digest.2026-01-12.")


def test_once_a_day_and_never_read_as_a_note(world: World) -> None:
    world.mailbox.deliver(note("met Jane Doe, jane@acme.example, at PyCon"))
    world.run()
    world.clock.set(MONDAY_MORNING)
    digests = writer(world)
    first = digests.write_due(world.mailbox)
    assert first and digests.write_due(world.mailbox) is None  # a restart: same row
    world.clock.advance(dt.timedelta(hours=5))
    assert writer(world).write_due(world.mailbox) is None
    before = world.notes()
    world.ingestor.ingest(world.mailbox)
    world.ingestor.ingest(world.mailbox)
    assert world.notes() == before  # the digest is no note ...
    assert len(digest_in(world.mailbox)) == 1  # ... and stays in the inbox
    # the next weekday: the people of the first digest are not news any more
    world.clock.set(MONDAY_MORNING + dt.timedelta(days=1))
    second = writer(world).write_due(world.mailbox)
    assert second and second != first
    body = digest_in(world.mailbox)[-1].get_content()
    assert "MET SINCE THE LAST DIGEST" not in body and "DUE IN THE NEXT" in body


def test_nothing_to_say_writes_nothing_until_there_is_news(world: World) -> None:
    world.clock.set(MONDAY_MORNING)
    assert writer(world).write_due(world.mailbox) is None
    assert digest_in(world.mailbox) == []
    world.mailbox.deliver(note("met Jane Doe, jane@acme.example, at PyCon"))
    world.ingestor.ingest(world.mailbox)
    world.clock.advance(dt.timedelta(hours=1))  # the same morning: news now
    assert writer(world).write_due(world.mailbox) is not None
    world.clock.advance(dt.timedelta(days=1, hours=6))  # Tuesday 16:30: past the grace
    assert writer(world).write_due(world.mailbox) is None


def test_a_forged_digest_header_is_read_like_any_mail(world: World) -> None:
    forged = note("met Jane Doe, jane@acme.example, at PyCon",
                  extra="X-Followup-Digest: 2026-01-09\r\n")
    world.mailbox.deliver(forged)
    world.run()
    assert [s for s, _ in world.notes()] == [NoteStatus.PROCESSED]


def test_a_note_without_a_person_goes_to_review(world: World) -> None:
    world.mailbox.deliver(note("remember to book the flight to Lisbon"))
    world.run()
    [(status, reason)] = world.notes()
    assert status == NoteStatus.NEEDS_REVIEW and reason and "no contact" in reason
    assert world.contacts() == []


def test_processed_notes_are_seen_review_notes_are_not(world: World) -> None:
    world.mailbox.deliver(note("met Jane Doe, jane@acme.example, at PyCon"))
    world.mailbox.deliver(note("remember to book the flight"))
    world.run()
    assert world.mailbox.flags("Followup/Processed") == [{"\\Seen"}]
    assert world.mailbox.flags("Followup/Needs review") == [set()]


# --- against the real Dovecot, through the real entry point -------------------------------

def dovecot_config(tmp_path: Path, dovecot: Dovecot, user: str) -> Path:
    """The harness's config (Europe/Berlin) with a digest due since a minute ago, every day."""
    local = dt.datetime.now(BERLIN) - dt.timedelta(minutes=1)
    at = "00:00" if local.date() != dt.datetime.now(BERLIN).date() else f"{local:%H:%M}"
    config = write_config(tmp_path, dovecot, user)
    # [digest] last, so that a test can add keys to it
    config.write_text(config.read_text().replace(DIGEST_OFF, "") + f'\n[digest]\nat = "{at}"\n'
                      'days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n')
    return config


def digests_in(box: ImapBox) -> list[tuple[set[bytes], email.message.EmailMessage]]:
    return [(flags, msg) for flags, msg in box.messages("INBOX") if msg["X-Followup-Digest"]]


def test_run_once_appends_one_digest_a_day_to_the_real_inbox(
        tmp_path: Path, dovecot: Dovecot, dovecot_user: str, box: ImapBox) -> None:
    config = dovecot_config(tmp_path, dovecot, dovecot_user)
    # links and replies go to the owner's second address ([digest] is the config's last table)
    config.write_text(config.read_text().replace(
        f'addresses = ["{OWNER}"]', f'addresses = ["{OWNER}", "sam@phone.example"]')
        + 'reply_to = "sam@phone.example"\n')
    box.append(note("met Jane Doe, VP Eng at Acme, jane@acme.example, at PyCon"))
    box.append(KARL)
    assert run_once(config).returncode == 0
    [(flags, digest)] = digests_in(box)
    assert b"\\Seen" not in flags  # news for the owner
    assert digest["Reply-To"] == "sam@phone.example"
    assert digest["From"].addresses[0].addr_spec == OWNER  # the first owner address
    links = [line.strip()[1:-1] for line in digest.get_content().splitlines()
             if "<mailto:" in line]
    assert links and all(urllib.parse.urlsplit(u).path == "sam@phone.example" for u in links)
    code, out, _err = in_process(config, "digest")  # the preview links the same address
    assert code == 0 and "<mailto:sam@phone.example?" in out
    body = digest.get_content()
    assert "Jane Doe" in body and "call Karl Brandt, +49 170 1234567" in body
    assert "DRAFTS WAITING" in body  # Jane's first draft was written in the same run
    for _ in range(2):  # again, as after a restart: no second digest, the digest no note
        assert run_once(config).returncode == 0
    assert len(digests_in(box)) == 1
    notes = listing(config, "notes", "list")
    assert len(notes) == 2 and all(n["subject"] != digest["Subject"] for n in notes)
    processed = box.messages("Followup/Processed")
    assert len(processed) == 2 and all(b"\\Seen" in flags for flags, _ in processed)


def test_a_reply_to_not_of_the_owner_is_a_config_error(
        tmp_path: Path, dovecot: Dovecot, dovecot_user: str) -> None:
    config = dovecot_config(tmp_path, dovecot, dovecot_user)
    config.write_text(config.read_text() + 'reply_to = "someone@else.example"\n')
    code, _out, err = in_process(config, "digest")
    assert code == 2 and "'digest.reply_to'" in err and "someone@else.example" in err, err


def in_process(config: Path, *args: str) -> tuple[int, str, str]:
    """`followup --config CONFIG ARGS` through `followup.cli.main` in this process."""
    import contextlib
    import io

    from followup.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--config", str(config), *args])
    return code, out.getvalue(), err.getvalue()


def test_two_processes_racing_write_one_digest(
        tmp_path: Path, dovecot: Dovecot, dovecot_user: str, box: ImapBox) -> None:
    config = dovecot_config(tmp_path, dovecot, dovecot_user)
    box.append(note("met Jane Doe, jane@acme.example, at PyCon"))
    followup(config, "check")  # the schema exists before the race
    racers = [subprocess.Popen([sys.executable, "-m", "followup", "--config", str(config),
                                "run", "--once"], stderr=subprocess.PIPE)
              for _ in range(3)]
    for racer in racers:
        racer.communicate(timeout=120)
    assert len(digests_in(box)) == 1
    people = json.loads(followup(config, "contacts", "list", "--json").stdout)
    assert len(people) == 1


def test_forget_one_of_two_keeps_the_others_meeting(world: World) -> None:
    world.mailbox.deliver(note("met Jane Doe (jane@acme.example) and Ravi Patel "
                               "(ravi@northwind.example) at PyCon"))
    world.run()
    with world.store.unit() as u:
        jane, ravi = u.find_contacts("jane@acme.example")[0], u.find_contacts("ravi@")[0]
        u.forget_contact(jane.id)
    with world.store.unit() as u:
        [record] = u.list_notes()
        assert record.note_text is None and record.subject is None
        assert record.met_at == "PyCon"
        assert u.get_contact(ravi.id) is not None and u.get_contact(jane.id) is None
        ravi_plan = [f for f in u.list_followups() if f.contact_id == ravi.id]
    assert ravi_plan
    draft = world.drafter.preview(ravi_plan[0].id)
    assert "PyCon" in draft.raw.decode()


def test_the_daemon_writes_the_digest_and_a_restart_writes_no_second(
        tmp_path: Path, dovecot: Dovecot, dovecot_user: str, box: ImapBox,
        procs: Daemons) -> None:
    config = dovecot_config(tmp_path, dovecot, dovecot_user)
    box.append(note("met Jane Doe, jane@acme.example, at PyCon"))
    for _ in range(2):  # a start, then a restart on the same day
        daemon = procs.start(config)
        assert wait_until(lambda: len(digests_in(box)) >= 1), daemon.log()
        # running (signals handled, the digest job scheduled), not still importing on a busy box
        assert wait_until(lambda d=daemon: "followup running" in d.log(), timeout=60), daemon.log()
        time.sleep(2)  # a restart's digest job has run and found today's row
        code, log = daemon.stop()
        assert code == 0 and "Traceback" not in log, log
    assert len(digests_in(box)) == 1
    assert len(listing(config, "notes", "list")) == 1  # the digest is no note


def test_racing_writers_on_postgresql_write_one_digest(postgres_url: str,  # noqa: F811
                                                       tmp_path: Path) -> None:
    """Four writers, each with its own connection pool (as four processes would have),
    race for one day's digest on PostgreSQL: the advisory lock and the day's key leave
    exactly one digest in the folder."""
    import threading

    from followup.service import Ingestor
    from followup.store import Store

    setup = World(tmp_path)  # its mailbox, clock and settings; the database is PostgreSQL
    setup.mailbox.deliver(note("met Jane Doe, jane@acme.example, at PyCon"))
    stores = [Store.open(postgres_url) for _ in range(4)]
    try:
        Ingestor(stores[0], setup.clock, setup.account, setup.policy).ingest(setup.mailbox)
        setup.clock.set(MONDAY_MORNING)
        writers = [DigestWriter(s, setup.clock, DigestSetup(
            schedule=DigestSchedule(), timezone=BERLIN, account="default",
            owner_name="Sam Owner", owner_address=OWNER)) for s in stores]
        results: list[str | None] = []
        threads = [threading.Thread(target=lambda w=w: results.append(
            w.write_due(setup.mailbox))) for w in writers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert len([r for r in results if r]) == 1
        assert len(digest_in(setup.mailbox)) == 1
    finally:
        for store in stores:
            store.close()


def test_the_daemon_schedules_the_digest_as_a_cron_job_in_the_owners_zone(
        tmp_path: Path) -> None:
    from apscheduler.schedulers.background import BackgroundScheduler

    from followup.bootstrap import build_app
    from followup.config import load_config
    from followup.daemon import Daemon

    config = tmp_path / "config.toml"
    config.write_text(f'[maildir]\npath = "{tmp_path / "Mail"}"\n[owner]\naddresses = '
                      f'["{OWNER}"]\ntimezone = "Europe/Berlin"\n[database]\nurl = '
                      f'"sqlite:///{tmp_path / "f.db"}"\n[digest]\nat = "07:45"\n'
                      'days = ["mon", "wed"]\n')
    app = build_app(load_config(config))
    try:
        scheduler = BackgroundScheduler(timezone="UTC")
        Daemon(app)._schedule_digest(scheduler)
        trigger = scheduler.get_job("digest").trigger
        saturday = dt.datetime(2026, 1, 10, 12, 0, tzinfo=dt.UTC)
        fire = trigger.get_next_fire_time(None, saturday)
        assert fire.astimezone(BERLIN).replace(tzinfo=None) == dt.datetime(2026, 1, 12, 7, 45)
        after = trigger.get_next_fire_time(fire, fire + dt.timedelta(minutes=1))
        assert after.astimezone(BERLIN).weekday() == 2
    finally:
        app.close()


def _digest_config(path: Path, tmp_path: Path, digest: str) -> Path:
    path.write_text(f'[maildir]\npath = "{tmp_path / "Mail"}"\n[owner]\naddresses = '
                    f'["{OWNER}"]\ntimezone = "Europe/Berlin"\n[database]\nurl = '
                    f'"sqlite:///{tmp_path / "f.db"}"\n[digest]\n{digest}\n')
    return path


def test_a_reload_reschedules_the_digest_job(tmp_path: Path) -> None:
    """What SIGHUP does to the cron job, with the scheduler in hand and a fixed 'now'."""
    from apscheduler.schedulers.background import BackgroundScheduler

    from followup.bootstrap import build_app
    from followup.config import load_config
    from followup.daemon import Daemon

    config = _digest_config(tmp_path / "config.toml", tmp_path,
                            'at = "07:45"\ndays = ["mon", "wed"]')
    app = build_app(load_config(config))
    wednesday = dt.datetime(2026, 1, 14, 12, 0, tzinfo=dt.UTC)  # past 07:45 in Berlin

    def next_fire() -> dt.datetime | None:
        job = daemon._scheduler.get_job("digest")
        return None if job is None else job.trigger.get_next_fire_time(None, wednesday)

    try:
        daemon = Daemon(app)
        daemon._scheduler = BackgroundScheduler(timezone="UTC")
        daemon._scheduler.start(paused=True)
        daemon._schedule_digest(daemon._scheduler)
        assert next_fire() == dt.datetime(2026, 1, 19, 7, 45, tzinfo=BERLIN)
        job = daemon._scheduler.get_job("digest")
        for digest, expected in (
                ('at = "07:45"\ndays = ["mon", "wed"]\nreply_to = ""', "same"),
                ('at = "21:30"\ndays = ["sat"]', dt.datetime(2026, 1, 17, 21, 30, tzinfo=BERLIN)),
                ('at = "21:30"\ndays = ["sat"]\nenabled = false', None),
                ('at = "06:00"\ndays = ["thu"]', dt.datetime(2026, 1, 15, 6, 0, tzinfo=BERLIN))):
            old = daemon.app
            daemon.app = build_app(load_config(_digest_config(config, tmp_path, digest)),
                                   store=app.store)
            daemon._reschedule_digest(old)
            if expected == "same":  # nothing of the schedule changed: the job stays
                assert daemon._scheduler.get_job("digest") is not None
                assert daemon._scheduler.get_job("digest").trigger is job.trigger
            else:
                assert next_fire() == expected
        daemon._scheduler.shutdown(wait=False)
    finally:
        app.close()

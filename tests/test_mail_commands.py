"""Commands by mail, corrections by note and "no follow-up needed", end to end through
`followup run --once` on the suite's real Dovecot; the command reader on its own."""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.parse
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from daemon_harness import DIGEST_OFF
from test_control_cli import OWNER, drafts_to, env, listing, note, ok, people  # noqa: F401
from test_e2e import ImapBox, imap_env  # noqa: F401

from followup.ownerwords import (
    digest_references,
    labelled_fields,
    read_command,
    resolve_day,
    says_no_follow_up,
)
from followup.parsing.timing import find_follow_up_on


def notes(config: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(ok(config, "notes", "list", "--json"))
    return data


def command(box: ImapBox, text: str, tag: str, extra: str = "") -> None:
    raw = note(text, tag, subject="cmd")
    if extra:
        raw = raw.replace(b"\r\n\r\n", f"\r\n{extra}\r\n\r\n".encode(), 1)
    box.append(raw)


def test_snooze_skip_cancel_by_mail(env: tuple[Path, ImapBox]) -> None:  # noqa: F811
    config, box = env
    command(box, "#snooze 2w jane@acme.example", "c1")
    command(box, "#cancel\r\nKarl Brandt", "c2")  # the body's first line is the command
    ok(config, "run", "--once")
    jane = [f for f in listing(config) if f["to"] == "jane@acme.example"]
    assert [f["status"] for f in jane] == ["planned", "planned"]
    assert jane[0]["reason"].startswith("snoozed by the owner (by mail) to ")
    assert drafts_to(box, "jane@acme.example") == []
    # "#cancel" alone names nobody: needs review, with the reason; Karl keeps his plan
    listed = notes(config)
    (snoozed,) = [n for n in listed if n["action"] and "snoozed" in n["action"]]
    assert snoozed["status"] == "processed"
    (unclear,) = [n for n in listed if n["status"] == "needs-review"]
    assert "names no contact" in unclear["reason"]
    assert len(drafts_to(box, "karl@brandt.example")) == 1
    assert [c["emails"] for c in people(config)] == [["jane@acme.example"],
                                                     ["karl@brandt.example"]]
    command(box, "#cancel Karl Brandt", "c3")
    command(box, "#skip jane@acme.example", "c4")
    ok(config, "run", "--once")
    assert drafts_to(box, "karl@brandt.example") == []
    assert {f["status"] for f in listing(config, "--all")
            if f["to"] == "karl@brandt.example"} == {"cancelled"}
    jane = [f for f in listing(config, "--all") if f["to"] == "jane@acme.example"]
    assert [f["status"] for f in jane] == ["skipped", "planned"]
    text = ok(config, "notes", "list")
    assert "cancelled 2 follow-up(s) of Karl Brandt" in text
    assert len(box.messages("Followup/Processed")) == 5  # 2 notes + 3 applied commands
    assert len(box.messages("Followup/Needs review")) == 1


def test_ambiguous_name_goes_to_review_and_fix_by_digest_reply(
        env: tuple[Path, ImapBox]) -> None:  # noqa: F811
    config, box = env
    box.append(note("met Jane Doe, jane.doe@other.example, at JSConf", "jane-b"))
    ok(config, "run", "--once")
    command(box, "#skip Jane Doe", "c5")
    karl_id = next(p["id"] for p in people(config) if "karl@brandt.example" in p["emails"])
    command(box, "#fix title Chief Scientist", "c6",
            extra=f"In-Reply-To: <digest.2026-05-20.contact-{karl_id}@followup>")
    command(box, "#fix email jane@new.example jane@acme.example", "c7")
    command(box, "#fix phone 12 for karl@brandt.example", "c8")
    ok(config, "run", "--once")
    review = [n["reason"] for n in notes(config) if n["status"] == "needs-review"]
    assert any("2 contacts are named 'Jane Doe'" in r for r in review)
    assert any("is not a phone number" in r for r in review)
    by_id = {p["id"]: p for p in people(config)}
    assert by_id[karl_id]["title"] == "Chief Scientist"
    assert "title" in by_id[karl_id]["owner_fields"]
    jane = next(p for p in by_id.values() if "jane@new.example" in p["emails"])
    assert jane["emails"] == ["jane@new.example"] and "emails" in jane["owner_fields"]
    # her stale draft (to the old address) left Drafts and is written again to the new one
    assert drafts_to(box, "jane@acme.example") == []
    assert len(drafts_to(box, "jane@new.example")) == 1


BERLIN = ZoneInfo("Europe/Berlin")


def with_digest_now(config: Path) -> None:
    """The digest due since a minute ago, every day (the config's zone is Berlin's)."""
    local = dt.datetime.now(BERLIN) - dt.timedelta(minutes=1)
    at = "00:00" if local.date() != dt.datetime.now(BERLIN).date() else f"{local:%H:%M}"
    config.write_text(config.read_text().replace(
        DIGEST_OFF, f'[digest]\nat = "{at}"\ndays = ["mon", "tue", "wed", "thu", "fri", "sat", '
        '"sun"]\n'))


def reply(digest: Any, body: str, tag: str) -> bytes:
    """A reply to the digest as a mail client writes it: Re: Subject, In-Reply-To and
    References of the digest, the owner's line on top of the quoted digest."""
    quoted = "\r\n".join("> " + line for line in digest.get_content().splitlines())
    return (f"From: Sam Owner <{OWNER}>\r\nTo: {digest['From']}\r\n"
            f"Subject: Re: {digest['Subject']}\r\nMessage-ID: <r-{tag}@owner.example>\r\n"
            f"In-Reply-To: {digest['Message-ID']}\r\nReferences: {digest['Message-ID']}\r\n"
            f"Date: Thu, 14 May 2026 18:02:00 -0700\r\n\r\n{body}\r\n\r\n{quoted}\r\n"
            ).encode()


def tapped(link: str, body: str, tag: str, *, keep_in_reply_to: bool = True) -> bytes:
    """What a phone's mail app sends after the owner tapped an entry's mailto: link (RFC
    6068); some apps keep only its Subject."""
    url = urllib.parse.urlsplit(link)
    fields = {k: v[0] for k, v in urllib.parse.parse_qs(url.query).items()}
    header = f"In-Reply-To: {fields['In-Reply-To']}\r\n" if keep_in_reply_to else ""
    return (f"From: Sam Owner <{OWNER}>\r\nTo: {url.path}\r\n"
            f"Subject: {fields['subject']}\r\nMessage-ID: <t-{tag}@owner.example>\r\n"
            f"{header}Date: Thu, 14 May 2026 18:02:00 -0700\r\n\r\n{body}\r\n").encode()


def entries(body: str) -> list[tuple[int, str, str]]:
    """(number, first line, link) of each numbered entry of a digest's text."""
    found, current = [], None
    for line in body.splitlines():
        if m := re.match(r"^\[(\d+)\] (.*)$", line):
            current = (int(m.group(1)), m.group(2))
        elif current and line.strip().startswith("<mailto:"):
            found.append((*current, line.strip()[1:-1]))
            current = None
    return found


def test_commands_answer_digest_entries(env: tuple[Path, ImapBox]) -> None:  # noqa: F811
    config, box = env
    with_digest_now(config)
    ok(config, "run", "--once")
    [digest] = [m for _f, m in box.messages("INBOX") if m["X-Followup-Digest"]]
    listed = entries(digest.get_content())
    karl = next(n for n, first, _ in listed if first.startswith("Karl Brandt"))
    jane_link = next(link for _, first, link in listed if first.startswith("Jane Doe"))
    # Karl's other entry (his draft): its link's Subject names him too
    karl_draft_link = next(link for n, _, link in listed if "Karl%20Brandt" in link and n != karl)
    assert drafts_to(box, "karl@brandt.example") and drafts_to(box, "jane@acme.example")
    box.append(reply(digest, f"#snooze 2w {karl}", "snooze"))  # a plain reply, by number
    box.append(reply(digest, "#cancel 99", "nosuch"))
    box.append(reply(digest, "#skip", "noone"))
    box.append(tapped(jane_link, "#skip", "skip"))
    box.append(tapped(karl_draft_link, "#fix title Chief Pilot", "fix",
                      keep_in_reply_to=False))
    ok(config, "run", "--once")
    first = next(f for f in listing(config, "--all") if f["to"] == "karl@brandt.example")
    assert first["status"] == "planned"
    assert first["reason"].startswith("snoozed by the owner (by mail) to ")
    assert drafts_to(box, "karl@brandt.example") == []
    jane = [f for f in listing(config, "--all") if f["to"] == "jane@acme.example"]
    assert [f["status"] for f in jane] == ["skipped", "planned"]
    assert drafts_to(box, "jane@acme.example") == []
    assert {p["title"] for p in people(config)} == {"VP Eng", "Chief Pilot"}
    review = sorted(n["reason"] for n in notes(config) if n["status"] == "needs-review")
    assert len(review) == 2
    assert f"has no entry 99 (it has entries 1-{len(listed)})" in review[0]
    assert "names no contact" in review[1] and "'#cancel 2'" in review[1]
    # the digest stays in the inbox, never read as a note
    assert len([m for _f, m in box.messages("INBOX") if m["X-Followup-Digest"]]) == 1


def test_forget_by_mail(env: tuple[Path, ImapBox]) -> None:  # noqa: F811
    config, box = env
    command(box, "#forget karl@brandt.example", "c9")
    ok(config, "run", "--once")
    assert [p["emails"] for p in people(config)] == [["jane@acme.example"]]
    assert drafts_to(box, "karl@brandt.example") == []
    (done,) = [n for n in notes(config) if n["action"]]
    assert done["action"].startswith("forgot contact") and done["subject"] is None


def test_correction_and_no_follow_up_by_note(env: tuple[Path, ImapBox]) -> None:  # noqa: F811
    config, box = env
    box.append(note("Name: Jane Roe\r\nEmail: jane@acme.example\r\nMet at: EuroPython", "fix"))
    box.append(note("Karl Brandt, karl@brandt.example: already replied, no follow-up needed",
                    "nofu"))
    ok(config, "run", "--once")
    jane = next(p for p in people(config) if "jane@acme.example" in p["emails"])
    assert jane["full_name"] == "Jane Roe" and jane["met_at"] == "EuroPython"
    assert {"full_name", "met_at"} <= set(jane["owner_fields"])
    karl = [f for f in listing(config, "--all") if f["to"] == "karl@brandt.example"]
    assert {f["status"] for f in karl} == {"cancelled"}
    assert "already replied" in karl[0]["reason"]
    assert drafts_to(box, "karl@brandt.example") == []
    # a later parsed note cannot undo the owner's correction
    box.append(note("met Jane Doe, jane@acme.example, at PyCon", "again"))
    ok(config, "run", "--once")
    jane = next(p for p in people(config) if "jane@acme.example" in p["emails"])
    assert jane["full_name"] == "Jane Roe" and jane["met_at"] == "EuroPython"


def test_labelled_email_corrects_the_address(env: tuple[Path, ImapBox]) -> None:  # noqa: F811
    config, box = env
    plans = len(listing(config, "--all"))
    assert len(drafts_to(box, "jane@acme.example")) == 1
    # known by name only (her stored address is the wrong one): the labelled one replaces it
    box.append(note("Name: Jane Doe\r\nEmail: jane.doe@acme-robotics.example", "mail1"))
    # known by another address of the note: the labelled one becomes the primary
    box.append(note("Karl Brandt <karl@brandt.example>\r\nEmail: k.brandt@brandt.example\r\n"
                    "Title: CTO and founder", "mail2"))
    ok(config, "run", "--once")
    jane = next(p for p in people(config) if p["full_name"] == "Jane Doe")
    assert jane["emails"] == ["jane.doe@acme-robotics.example"]
    karl = next(p for p in people(config) if p["full_name"] == "Karl Brandt")
    assert karl["emails"] == ["k.brandt@brandt.example"] and karl["title"] == "CTO and founder"
    assert len(people(config)) == 2 and len(listing(config, "--all")) == plans  # no new plan
    # the drafts to the wrong addresses left Drafts and were written to the right ones
    assert drafts_to(box, "jane@acme.example") == []
    assert len(drafts_to(box, "jane.doe@acme-robotics.example")) == 1
    assert drafts_to(box, "karl@brandt.example") == []
    assert len(drafts_to(box, "k.brandt@brandt.example")) == 1
    text = ok(config, "notes", "list")
    assert "email jane@acme.example -> jane.doe@acme-robotics.example" in text, text
    assert "title CTO -> CTO and founder" in text


def test_owner_edits_win_over_a_later_labelled_note(env: tuple[Path, ImapBox],  # noqa: F811
                                                    tmp_path: Path) -> None:
    from test_control_cli import fake_editor

    config, box = env
    ok(config, "contacts", "edit", "jane@acme.example",  # sets her title to CTO by hand
       env=fake_editor(tmp_path, '"+49 30 1234567"'))
    box.append(note("Name: Jane Q. Doe\r\nTitle: Intern\r\nEmail: jane@acme.example",
                    "mail3"))
    ok(config, "run", "--once")
    jane = next(p for p in people(config) if "jane@acme.example" in p["emails"])
    assert jane["title"] == "CTO"  # the owner's edit stands
    assert jane["full_name"] == "Jane Q. Doe"  # the note corrects what was not edited
    assert "title" in jane["edited_fields"] and "full_name" not in jane["edited_fields"]
    # a second labelled note corrects the name again: a note's correction is no edit
    box.append(note("Name: Jane Roe\r\nEmail: jane@acme.example", "mail4"))
    ok(config, "run", "--once")
    jane = next(p for p in people(config) if "jane@acme.example" in p["emails"])
    assert jane["full_name"] == "Jane Roe"


def test_a_labelled_note_about_someone_new_is_no_correction(
        env: tuple[Path, ImapBox]) -> None:  # noqa: F811
    config, box = env
    box.append(note("met Jane Doe, CFO at Globex, jd@globex.example", "other-jane"))
    ok(config, "run", "--once")
    # two Jane Does now: a labelled note with a new address names neither of them
    box.append(note("Name: Jane Doe\r\nEmail: jane@initech.example", "third-jane"))
    ok(config, "run", "--once")
    emails = sorted(e for p in people(config) for e in p["emails"])
    assert emails == ["jane@acme.example", "jane@initech.example", "jd@globex.example",
                      "karl@brandt.example"]


# -- the reader on its own -------------------------------------------------------------------
@pytest.mark.parametrize(("text", "verb", "email", "name", "when"), [
    ("#snooze 2w jane@acme.example", "snooze", "jane@acme.example", None, "2w"),
    ("#snooze next monday <jane@acme.example>", "snooze", "jane@acme.example", None,
     "next monday"),
    ("#snooze 1w Jane Doe", "snooze", None, "Jane Doe", "1w"),
    ("#Cancel: Karl Brandt", "cancel", None, "Karl Brandt", None),
    ("#skip", "skip", None, None, None),
    ("#forget jane@acme.example", "forget", "jane@acme.example", None, None),
])
def test_read_command(text: str, verb: str, email: str | None, name: str | None,
                      when: str | None) -> None:
    found = read_command(text, "x")
    assert found is not None
    assert (found.verb, found.email, found.name, found.when) == (verb, email, name, when)


def test_read_command_fix_subject_and_digest_reply() -> None:
    fix = read_command("#fix title CTO for jane@acme.example", None)
    assert fix is not None and (fix.field, fix.value, fix.email) == ("title", "CTO",
                                                                     "jane@acme.example")
    bad = read_command("#fix colour blue", None)
    assert bad is not None and bad.problem and "needs a field" in bad.problem
    by_subject = read_command("", "Re: #cancel jane@acme.example")
    assert by_subject is not None and by_subject.email == "jane@acme.example"
    assert read_command("met Jane, talked about #cancel culture", "hi") is None
    header = (b"Subject: Re: your digest\r\nIn-Reply-To:\r\n "
              b"<digest.2026-05-20.contact-7@followup>\r\n\r\n")
    refs = digest_references(header)
    assert refs == ("<digest.2026-05-20.contact-7@followup>",)
    reply = read_command("#skip", "Re: digest", refs)
    assert reply is not None and reply.digest_contact == 7


DIGEST = "<digest.2026-05-20.0123456789abcdef@followup>"


@pytest.mark.parametrize(("text", "subject", "verb", "entry", "when", "value"), [
    ("#snooze 2w 3", "Re: followup digest: 4 met", "snooze", 3, "2w", None),
    ("#snooze next monday #3", "Re: followup digest", "snooze", 3, "next monday", None),
    ("#snooze in 2 weeks no. 12", "Re: x", "snooze", 12, "in 2 weeks", None),
    ("#cancel 4", "Re: x", "cancel", 4, None, None),
    ("#fix title CTO for 2", "Re: x", "fix", 2, None, "CTO"),
    # an entry's link: the Subject names the entry, the body holds the command alone
    ("#snooze 2w", "followup digest 2026-05-20 entry 5: Jane Doe", "snooze", 5, "2w", None),
    ("#fix title Chief Pilot", "Re: followup digest 2026-05-20 entry 1: Karl", "fix", 1,
     None, "Chief Pilot"),
])
def test_read_command_names_a_digest_entry(text: str, subject: str, verb: str, entry: int,
                                           when: str | None, value: str | None) -> None:
    found = read_command(text, subject, (DIGEST,))
    assert found is not None and found.problem is None
    assert (found.verb, found.entry, found.when, found.value, found.name) == (
        verb, entry, when, value, None)
    assert found.digest_ids == (DIGEST,)


def test_digest_references_and_entry_conflicts() -> None:
    header = (f"Subject: Re: followup digest\r\nReferences: <a@x> {DIGEST}\r\n"
              "In-Reply-To: <digest.2026-05-20.contact-3@followup>\r\n\r\n").encode()
    assert digest_references(header) == ("<digest.2026-05-20.contact-3@followup>", DIGEST)
    # the line and the Subject name two different entries: never guessed
    both = read_command("#cancel 2", "followup digest 2026-05-20 entry 5: Jane", ())
    assert both is not None and both.problem and "which one" in both.problem
    # "2 weeks" is timing, "june 2" a day: no entry numbers there
    plain = read_command("#snooze june 2", "Re: x", (DIGEST,))
    assert plain is not None and (plain.entry, plain.when) == (None, "june 2")


def test_timing_phrases_and_owner_phrases() -> None:
    tz = ZoneInfo("Europe/Berlin")
    base = dt.datetime(2026, 5, 14, 10, 0, tzinfo=dt.UTC)  # a Thursday
    assert resolve_day("1w", base, tz) == dt.date(2026, 5, 21)
    assert resolve_day("3 days", base, tz) == dt.date(2026, 5, 17)
    assert resolve_day("next monday", base, tz) == dt.date(2026, 5, 18)
    assert resolve_day("2026-07-01", base, tz) == dt.date(2026, 7, 1)
    with pytest.raises(ValueError, match="cannot read a day"):
        resolve_day("whenever", base, tz)
    assert labelled_fields("Name: Jane Roe\nmet at: PyCon\nrandom: x") == {
        "full_name": "Jane Roe", "met_at": "PyCon"}


NO_FOLLOW_UP_NEEDED = [
    "already replied", "No follow-up needed.", "no need to follow up", "don't follow up",
    "do not chase him", "no need for a follow-up", "follow-up not needed", "I won't follow up",
    "not necessary to follow up", "doesn't need a follow-up", "nothing to follow up on",
    "no further follow-up", "she has already answered",
    "Met Jane at PyCon. She already replied, so no follow-up needed.",
    "Karl Brandt, karl@brandt.example: already replied, no follow-up needed",
    "kein Follow-up nötig", "nicht nachfassen", "hat schon geantwortet",
    "Nachfassen ist nicht nötig", "pas besoin de relancer", "ne pas relancer",
    "il a déjà répondu", "no hace falta seguimiento", "sin seguimiento", "ya respondió",
    "nessun follow-up", "ha già risposto", "geen follow-up nodig", "heeft al geantwoord",
    "sem follow-up", "já respondeu", "não precisa de follow-up",
]
# a negation of the act, a "not yet", a condition or a question: the plan stays
FOLLOW_UP_STILL_WANTED = [
    "did not follow up yet", "I still need to follow up", "haven't replied yet",
    "didn't follow up with her", "she hasn't replied yet, follow up in 2 weeks",
    "not followed up so far", "no follow-up yet from Acme", "need to follow up next week",
    "if he already replied, skip the intro", "has she already replied?",
    "hasn't already replied", "no follow-up from them since May",
    "noch kein Follow-up", "hat noch nicht geantwortet", "noch nicht nachgefasst",
    "wenn er schon geantwortet hat, gut", "pas encore relancé", "n'a pas encore répondu",
    "si ya respondió, mejor", "sin seguimiento todavía", "todavía no ha respondido",
    "nessun follow-up finora", "se ha già risposto, bene", "nog geen follow-up",
    "heeft nog niet geantwoord", "ainda sem follow-up", "ainda não respondeu",
    "follow up in 2 weeks", "met at the no-code meetup", "replied to all",
]


@pytest.mark.parametrize("text", NO_FOLLOW_UP_NEEDED)
def test_says_no_follow_up(text: str) -> None:
    assert says_no_follow_up(text), text


@pytest.mark.parametrize("text", FOLLOW_UP_STILL_WANTED)
def test_a_follow_up_still_wanted_is_no_cancel(text: str) -> None:
    assert says_no_follow_up(text) is None, text


def test_a_not_yet_keeps_the_day_of_the_note(env: tuple[Path, ImapBox]) -> None:  # noqa: F811
    """End to end: "did not follow up yet" neither cancels nor loses the asked day."""
    config, box = env
    box.append(note("Karl Brandt, karl@brandt.example: did not follow up yet, follow up "
                    "in 3 weeks", "notyet"))
    ok(config, "run", "--once")
    karl = [f for f in listing(config, "--all") if f["to"] == "karl@brandt.example"]
    # the old plan gives way to the note's (as any newer note's day does); none is
    # cancelled as "not needed", and the asked day is read (3 weeks after the note's Date)
    assert not [f for f in karl if "the owner wrote" in (f["reason"] or "")], karl
    assert {f["status"] for f in karl} == {"drafted", "planned", "cancelled"}
    base = dt.datetime(2026, 5, 15, 1, 2, tzinfo=dt.UTC)
    for text in ("did not follow up yet, follow up in 3 weeks",
                 "Did not follow up yet. Follow up in 3 weeks."):
        assert find_follow_up_on(text, base) == dt.date(2026, 6, 5), text


def test_notes_retry_reads_a_needs_review_note_again(env: tuple[Path, ImapBox]) -> None:  # noqa: F811
    config, box = env
    box.append(note("met Jane Doe, jane.doe@other.example, at JSConf", "jane-b"))
    command(box, "#skip Jane Doe", "c10")
    ok(config, "run", "--once")
    (review,) = [n for n in notes(config) if n["status"] == "needs-review"]
    done = ok(config, "notes", "retry", str(review["id"]))  # still two Janes: still unclear
    assert f"note {review['id']}: needs-review" in done
    assert len(box.messages("Followup/Needs review")) == 1
    ok(config, "contacts", "forget", "jane.doe@other.example", "--yes")
    followup_retry = ok(config, "notes", "retry", str(review["id"]))
    assert f"note {review['id']}: processed -> skipped follow-up" in followup_retry
    assert box.messages("Followup/Needs review") == []
    processed = box.messages("Followup/Processed")
    assert any("#skip Jane Doe" in str(m.get_body(("plain",)).get_content())  # type: ignore[union-attr]
               for _f, m in processed)
    refused = run_retry(config, review["id"])
    assert refused.returncode == 1 and "not in needs review" in refused.stderr


def run_retry(config: Path, note_id: int) -> Any:
    from test_control_cli import followup

    return followup(config, "notes", "retry", str(note_id))


def test_notes_retry_finds_a_note_the_owner_edited_in_needs_review(
        env: tuple[Path, ImapBox]) -> None:  # noqa: F811
    """A mail client saves an edited message as a new one (new UID, new bytes, same
    Message-ID): retry finds it by its Message-ID and reads the edited text."""
    config, box = env
    command(box, "#skip jane@typo.example", "c11")
    ok(config, "run", "--once")
    (review,) = [n for n in notes(config) if n["status"] == "needs-review"]
    assert "no contact has the address jane@typo.example" in review["reason"]
    client = box.client
    client.select_folder("Followup/Needs review")
    old = client.search("ALL")
    client.append("Followup/Needs review", note("#skip jane@acme.example", "c11", "cmd"))
    client.add_flags(old, [b"\\Deleted"])
    client.expunge()
    client.unselect_folder()
    done = ok(config, "notes", "retry", str(review["id"]))
    assert ": processed -> skipped follow-up" in done
    listed = {n["id"]: n for n in notes(config)}
    assert listed[review["id"]]["status"] == "ignored"
    assert "replaced by the edited copy" in listed[review["id"]]["reason"]
    assert box.messages("Followup/Needs review") == []

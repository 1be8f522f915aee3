"""The owner check and automatic-mail detection, against crafted and corpus messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.sender import aligned, is_automatic, not_a_note, owner_verdict

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "hostile"
OWNERS = ["olivia@owner.example", "o.owner@work.example"]
MX = "mx.assistant.example"


def head(*lines: str) -> bytes:
    base = ["To: inbox@assistant.example", "Subject: note", "Date: Thu, 14 May 2026 18:30:00 -0700"]
    return ("\r\n".join([*lines, *base]) + "\r\n\r\nbody\r\n").encode("utf-8")


def ar(results: str, server: str = MX) -> str:
    return f"Authentication-Results: {server}; {results}"


# -- From --------------------------------------------------------------------------------------

@pytest.mark.parametrize("from_", [
    "From: Olivia Owner <olivia@owner.example>",
    "From: olivia@owner.example",
    "From: Olivia@OWNER.Example",
    'From: "Owner, Olivia" <olivia@owner.example>',
    "From: =?utf-8?q?Olivia_=C3=96wner?= <olivia@owner.example>",
    "From: olivia@owner.example (Olivia Owner)",
    "From: Olivia (work) <o.owner@work.example>",
    "From: Olivia Owner\r\n <olivia@owner.example>",
])
def test_owner_mail_is_accepted(from_: str) -> None:
    v = owner_verdict(head(from_), OWNERS, None)
    assert v.accepted, v.reason
    assert v.address in OWNERS


@pytest.mark.parametrize(("from_", "reason"), [
    ("From: Mallory <mallory@evil.example>", "not from an owner address: mallory@evil.example"),
    ('From: "olivia@owner.example" <mallory@evil.example>',
     "not from an owner address: mallory@evil.example"),
    ("From: olivia@owner.example <mallory@evil.example>", "malformed From field"),
    ("From: olivia@owner.example.evil.example", "not from an owner address"),
    ("From: xolivia@owner.example", "not from an owner address"),
    ("From: olivia=40owner.example@evil.example", "not from an owner address"),
    ('From: "olivia"@owner.example', "not from an owner address"),
    ("From: olivia@owner.example, mallory@evil.example", "two From mailboxes"),
    ("From: Mallory <mallory@evil.example>, olivia@owner.example", "two From mailboxes"),
    ("From: owners: olivia@owner.example;", "malformed From field: group syntax"),
    ("From: Olivia <olivia@owner.example> <mallory@evil.example>", "malformed From field"),
    ("From: <olivia@owner.example><mallory@evil.example>", "malformed From field"),
    ("From: Olivia <=?utf-8?q?olivia?=@owner.example>", "encoded-word inside an addr-spec"),
    ("From: =?utf-8?q?olivia=40owner=2Eexample?=", "malformed From field"),
    ("From: olivia@owner.example(<mallory@evil.example>", "unbalanced parenthesis"),
    ("From: olivia@owner.example@<mallory@evil.example>", "malformed From field"),
    ('From: "Olivia <olivia@owner.example>', "malformed From field"),
    ("From: Olivia <olivia@owner.example", "malformed From field"),
    ("From: Olivia olivia@owner.example>", "malformed From field"),
    ("From: olivia@[192.0.2.1]", "domain literals"),
    ("From: <@relay.example:olivia@owner.example>", "malformed From field"),
    ("From:", "no mailbox in the From field"),
])
def test_crafted_from_fields_are_refused(from_: str, reason: str) -> None:
    v = owner_verdict(head(from_), OWNERS, None)
    assert not v.accepted
    assert reason in v.reason


def test_two_from_fields_and_none() -> None:
    two = head("From: olivia@owner.example", "From: olivia@owner.example")
    assert owner_verdict(two, OWNERS, None).reason == "2 From fields"
    assert owner_verdict(head("Sender: olivia@owner.example"), OWNERS, None).reason == \
        "no From field"


def test_control_and_8bit_bytes_in_from_are_refused() -> None:
    nul = b"From: olivia@owner.example\x00\r\n\r\nx"
    assert "control characters" in owner_verdict(nul, OWNERS, None).reason
    latin1 = b"From: Ren\xe9 <olivia@owner.example>\r\n\r\nx"
    assert "not valid UTF-8" in owner_verdict(latin1, OWNERS, None).reason


def test_a_from_line_hidden_after_a_non_header_line_still_counts() -> None:
    raw = b"From: olivia@owner.example\r\nnot a header\r\nFrom: mallory@evil.example\r\n\r\nx"
    assert owner_verdict(raw, OWNERS, None).reason == "2 From fields"


def test_empty_owner_list_accepts_nobody() -> None:
    assert not owner_verdict(head("From: olivia@owner.example"), [], None).accepted


# -- Authentication-Results --------------------------------------------------------------------

FROM = "From: Olivia <olivia@owner.example>"


@pytest.mark.parametrize("lines", [
    [ar("spf=pass smtp.mailfrom=owner.example; dkim=pass header.d=owner.example; "
        "dmarc=pass header.from=owner.example")],
    [ar("dmarc=pass (p=reject) header.from=owner.example")],
    [ar("dkim=pass header.d=owner.example header.s=sel")],
    [ar("dkim=pass header.d=mail.owner.example; dmarc=none")],
    [ar("dkim=pass header.i=@owner.example")],
    [ar("dkim=fail header.d=owner.example; dkim=pass header.d=owner.example")],
    ["Authentication-Results: MX.Assistant.Example 1; dmarc=pass header.from=owner.example"],
    [ar("dmarc = pass header.from = owner.example")],
    # a sender-written failing result below ours does not matter
    [ar("dmarc=pass header.from=owner.example"), ar("dmarc=fail header.from=owner.example")],
    # another server's claims are ignored, in either direction
    [ar("dmarc=fail", "mx.other.example"), ar("dmarc=pass header.from=owner.example")],
])
def test_authenticated_owner_mail_is_accepted(lines: list[str]) -> None:
    v = owner_verdict(head(*lines, FROM), OWNERS, MX)
    assert v.accepted, v.reason


@pytest.mark.parametrize(("lines", "reason"), [
    ([], f"no Authentication-Results from {MX}"),
    ([ar("dmarc=fail header.from=owner.example")],
     f"Authentication-Results from {MX} says dmarc=fail"),
    ([ar("dmarc=fail (dmarc=pass) header.from=owner.example")], "says dmarc=fail"),
    ([ar("dkim=pass header.d=owner.example; dmarc=fail")], "says dmarc=fail"),
    ([ar("spf=pass smtp.mailfrom=owner.example")], "neither dmarc=pass nor a dkim=pass"),
    ([ar("dkim=pass header.d=evil.example")], "neither dmarc=pass"),
    ([ar("dkim=pass header.d=example")], "neither dmarc=pass"),
    ([ar("dkim=pass header.d=owner.example.evil.example")], "neither dmarc=pass"),
    ([ar("dmarc=pass header.from=evil.example")], "neither dmarc=pass"),
    ([ar("none")], "neither dmarc=pass"),
    # forged pass below the real failing result (RFC 8601 section 5)
    ([ar("dmarc=fail header.from=owner.example"), ar("dmarc=pass header.from=owner.example")],
     "says dmarc=fail"),
    # a pass from another authserv-id on top does not count
    ([ar("dmarc=pass header.from=owner.example", "mx.evil.example"),
      ar("dmarc=fail header.from=owner.example")], "says dmarc=fail"),
    (["ARC-Authentication-Results: i=1; mx.assistant.example; dmarc=pass"],
     f"no Authentication-Results from {MX}"),
    ([ar("dmarc=pass (unbalanced comment header.from=owner.example")],
     f"no Authentication-Results from {MX}"),
    (["Authentication-Results: mx.assistant.example.evil.example; dmarc=pass"],
     f"no Authentication-Results from {MX}"),
])
def test_unauthenticated_owner_mail_is_refused(lines: list[str], reason: str) -> None:
    v = owner_verdict(head(*lines, FROM), OWNERS, MX)
    assert not v.accepted
    assert reason in v.reason


@pytest.mark.parametrize(("signer", "domain", "expected"), [
    ("owner.example", "owner.example", True),
    ("Owner.Example.", "owner.example", True),
    ("mail.owner.example", "owner.example", True),
    ("owner.example", "eu.owner.example", True),
    ("example", "owner.example", False),
    ("evil.example", "owner.example", False),
    ("notowner.example", "owner.example", False),
    ("", "owner.example", False),
])
def test_alignment(signer: str, domain: str, expected: bool) -> None:
    assert aligned(signer, domain) is expected


# -- corpus own-03 .. own-07 (README rows H03-H07) -----------------------------------------------

@pytest.mark.parametrize(("name", "with_auth", "reason"), [
    ("own-03-spoofed-owner-auth-fail.eml", True, "says dmarc=fail"),
    ("own-04-forged-authentication-results.eml", True, "says dmarc=fail"),
    ("own-05-from-multiple-mailboxes.eml", False, "2 From fields"),
    ("own-06-encoded-word-in-addr-spec.eml", False, "encoded-word inside an addr-spec"),
    ("own-07-parseaddr-confusion-cve-2023-27043.eml", False, "unbalanced parenthesis"),
])
def test_hostile_corpus_is_not_the_owner(name: str, with_auth: bool, reason: str) -> None:
    raw = (FIXTURES / "own" / name).read_bytes()
    v = owner_verdict(raw, ["olivia@owner.example"], MX if with_auth else None)
    assert not v.accepted
    assert reason in v.reason
    assert not owner_verdict(raw, ["olivia@owner.example"], MX).accepted


def test_own05_first_from_alone_is_two_mailboxes() -> None:
    raw = (FIXTURES / "own" / "own-05-from-multiple-mailboxes.eml").read_bytes()
    first = b"\r\n".join(line for line in raw.split(b"\r\n")
                         if line != b"From: Mallory <mallory@evil.example>")
    assert owner_verdict(first, ["olivia@owner.example"], None).reason == "two From mailboxes"


# -- automatic mail --------------------------------------------------------------------------------

@pytest.mark.parametrize(("lines", "reason"), [
    (["X-Followup-Id: 42"], "one of our own drafts"),
    (["Auto-Submitted: auto-replied"], "Auto-Submitted: auto-replied"),
    (["Auto-Submitted: auto-generated; owner-email=x@y.example"], "Auto-Submitted: auto-generated"),
    (["Precedence: bulk"], "Precedence: bulk"),
    (["Precedence: JUNK"], "Precedence: junk"),
    (["Content-Type: multipart/report; report-type=delivery-status; boundary=x"],
     "multipart/report"),
    (["Return-Path: <>"], "null Return-Path"),
    (["Sender: MAILER-DAEMON@mx.example"], None),
    (["X-Autoreply: yes"], "X-Autoreply"),
    (["X-Autorespond: vacation"], "X-Autorespond"),
    (["X-Failed-Recipients: a@b.example"], "X-Failed-Recipients"),
    (["Auto-Submitted: no"], None),
    (["Precedence: first-class"], None),
    (["Return-Path: <olivia@owner.example>"], None),
])
def test_automatic_headers(lines: list[str], reason: str | None) -> None:
    got = is_automatic(head("From: olivia@owner.example", *lines), OWNERS)
    if reason is None:
        assert got is None
    else:
        assert got is not None and reason in got


def test_mailer_daemon_from() -> None:
    got = is_automatic(head("From: Mail Delivery System <MAILER-DAEMON@mx.example>"))
    assert got == "from a mail system (mailer-daemon)"


def test_list_mail_counts_unless_from_the_owner() -> None:
    lines = ("List-Id: <friends.lists.example>",)
    assert is_automatic(head("From: bob@lists.example", *lines), OWNERS) == \
        "mailing-list mail (List-Id) not from the owner"
    assert is_automatic(head("From: olivia@owner.example", *lines), OWNERS) is None
    assert is_automatic(head("From: olivia@owner.example", *lines)) is not None


def _corpus(*folders: str) -> list[Path]:
    return sorted(p for f in folders for p in (FIXTURES / f).rglob("*")
                  if p.is_file() and not p.name.startswith(("LICENSE", "NOTICE")))


@pytest.mark.parametrize("path", _corpus("flanker/bounce", "flanker/complaints", "enmime/dsn"),
                         ids=lambda p: p.name)
def test_bounces_and_complaints_are_automatic(path: Path) -> None:
    assert is_automatic(path.read_bytes(), ["olivia@owner.example"])


@pytest.mark.parametrize("path", _corpus("own"), ids=lambda p: p.name)
def test_owner_notes_are_not_automatic(path: Path) -> None:
    assert is_automatic(path.read_bytes(), ["olivia@owner.example"]) is None


@pytest.mark.parametrize("header", [
    b"From: Olivia <olivia@owner.example>\r\nSubject: met Ann\r\n\r\n",
    b"From: Mallory <mallory@evil.example>\r\nSubject: hi\r\n\r\n",
    b"From: olivia@owner.example\r\nAuto-Submitted: auto-replied\r\n\r\n",
    b"From: olivia@owner.example\r\nList-Id: <notes.owner.example>\r\n\r\n",
    b"From: olivia@owner.example\r\nX-Followup-Id: k1@followup\r\n\r\n",
    b"From: a@x.example, olivia@owner.example\r\n\r\n",
    b"Subject: no sender at all\r\n\r\n",
])
def test_not_a_note_is_the_owner_check_then_the_automatic_check(header: bytes) -> None:
    verdict = owner_verdict(header, OWNERS, None)
    expected = verdict.reason if not verdict.accepted else is_automatic(header)
    assert not_a_note(header, OWNERS, None) == expected

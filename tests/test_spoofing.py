"""Mail that only pretends to be the owner's, delivered to a real Dovecot and read by the real
`followup run --once`: it is never taken as a note. It stays in INBOX untouched (no \\Seen,
not moved), no contact is made, and `notes list` shows it ignored with the reason."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from daemon_harness import (
    OWNER,
    ImapBox,
    contacts,
    notes,
    owner_note,
    person,
    run_once,
    write_config,
)
from dovecot import Dovecot

MX = "mx.owner.example"


def spoof(tag: str, from_field: str, extra: str = "") -> bytes:
    return (
        f"From: {from_field}\r\n"
        f"{extra}"
        "To: notes@owner.example\r\n"
        f"Subject: spoof {tag}\r\n"
        "Date: Thu, 14 May 2026 18:02:00 -0700\r\n"
        f"Message-ID: <spoof-{tag}@evil.example>\r\n"
        "\r\n"
        f"met Eve Attacker, eve-{tag}@evil.example, at PyCon; follow up tomorrow\r\n"
    ).encode()


FORGED_FROM = {
    "stranger": "Sam Owner <mallory@evil.example>",
    "two-mailboxes": f"Sam Owner <{OWNER}>, Mallory <mallory@evil.example>",
    "two-mailboxes-attacker-first": f"mallory@evil.example, {OWNER}",
    "encoded-word-local-part": "=?utf-8?q?sam?=@owner.example",
    "encoded-word-whole-address": "=?utf-8?q?sam=40owner.example?=",
    "encoded-at-in-name": "=?utf-8?q?sam=40owner.example?= <mallory@evil.example>",
    "q-40-in-local-part": "sam=40owner.example@evil.example",
    "owner-as-display-name": f'"{OWNER}" <mallory@evil.example>',
    "owner-as-bare-display-name": f"{OWNER} <mallory@evil.example>",
    "owner-comment-attacker": f"{OWNER}(<mallory@evil.example>",
    "owner-paren-attacker": f"{OWNER})<mallory@evil.example>",
    "attacker-comment-owner": f"mallory@evil.example(<{OWNER}>)",
    "quoted-owner-local-part": '"sam"@owner.example',
    "quoted-owner-with-at": f'"{OWNER}"@evil.example',
    "owner-subdomain": "sam@owner.example.evil.example",
    "trailing-dot": "sam@owner.example.",
    "angle-inside-quotes": f'"<{OWNER}>" <mallory@evil.example>',
    "group-syntax": f"owners: {OWNER}, mallory@evil.example;",
    "nul-in-field": f"Sam <{OWNER}>\x00<mallory@evil.example>",
}

TWO_FROM_FIELDS = f"Sam Owner <{OWNER}>\r\nFrom: Mallory <mallory@evil.example>"


@pytest.fixture
def box(dovecot: Dovecot, dovecot_user: str) -> Iterator[ImapBox]:
    view = ImapBox(dovecot, dovecot_user)
    yield view
    view.close()


def assert_untouched(config: Path, box: ImapBox, spoofs: dict[str, bytes],
                     genuine: list[int]) -> None:
    inbox = box.messages("INBOX")
    left = {str(m["Message-ID"]): flags for flags, m in inbox}
    assert set(left) == {f"<spoof-{tag}@evil.example>" for tag in spoofs}, sorted(left)
    assert all(b"\\Seen" not in flags for flags in left.values()), left
    emails = sorted(e for c in contacts(config) for e in c["emails"])
    assert emails == sorted(person(i)[1] for i in genuine), emails
    assert not any("evil" in e for e in emails)
    listed = notes(config)
    ignored = [n for n in listed if n["status"] == "ignored"]
    assert len(ignored) == len(spoofs), [(n["status"], n["reason"]) for n in listed]
    assert all(n["reason"] for n in ignored)
    assert all(n["message_id"] is None and n["subject"] is None for n in ignored)


def test_forged_from_is_never_the_owner(tmp_path: Path, dovecot: Dovecot, dovecot_user: str,
                                        box: ImapBox) -> None:
    config = write_config(tmp_path, dovecot, dovecot_user)
    spoofs = {tag: spoof(tag, value) for tag, value in FORGED_FROM.items()}
    spoofs["two-from-fields"] = spoof("two-from-fields", TWO_FROM_FIELDS)
    # a genuine note in the same batch: the owner check is not just refusing everything
    dovecot.fill_maildir([owner_note(0), *spoofs.values()], user=dovecot_user)
    result = run_once(config)
    assert result.returncode == 0, result.stderr
    assert f"1 note(s) processed, 0 need review, {len(spoofs)} ignored" in result.stderr
    assert "Traceback" not in result.stderr
    assert_untouched(config, box, spoofs, [0])
    # and a second pass leaves them where they are
    again = run_once(config)
    assert "0 note(s) processed, 0 need review, 0 ignored" in again.stderr, again.stderr
    assert_untouched(config, box, spoofs, [0])


def authentication_results(*fields: str) -> str:
    return "".join(f"Authentication-Results: {f}\r\n" for f in fields)


FORGED_AUTH = {
    "no-results": "",
    "other-server-pass": authentication_results(
        "mx.evil.example; dmarc=pass header.from=owner.example"),
    "lookalike-server-pass": authentication_results(
        f"{MX}.evil.example; dmarc=pass header.from=owner.example"),
    # our MX adds its verdict on top; the sender's forged pass below it does not count
    "forged-below-ours": authentication_results(
        f"{MX}; dmarc=fail header.from=owner.example",
        f"{MX}; dmarc=pass header.from=owner.example"),
    "dkim-pass-unaligned": authentication_results(
        f"{MX}; dkim=pass header.d=evil.example; dmarc=none"),
    "arc-not-ar": "ARC-Authentication-Results: i=1; " + MX
    + "; dmarc=pass header.from=owner.example\r\n",
    "pass-for-other-domain": authentication_results(
        f"{MX}; dmarc=pass header.from=evil.example"),
    "comment-hides-id": authentication_results(
        "(mx.owner.example) mx.evil.example; dmarc=pass header.from=owner.example"),
}


def test_forged_authentication_results_are_not_trusted(tmp_path: Path, dovecot: Dovecot,
                                                       dovecot_user: str, box: ImapBox) -> None:
    config = write_config(tmp_path, dovecot, dovecot_user, owner_extra=f'authserv_id = "{MX}"')
    genuine = owner_note(0).replace(
        b"From:", authentication_results(f"{MX}; dkim=pass header.d=owner.example; "
                                         "dmarc=pass header.from=owner.example").encode()
        + b"From:", 1)
    spoofs = {tag: spoof(tag, f"Sam Owner <{OWNER}>", extra)
              for tag, extra in FORGED_AUTH.items()}
    dovecot.fill_maildir([genuine, *spoofs.values()], user=dovecot_user)
    result = run_once(config)
    assert result.returncode == 0, result.stderr
    assert f"1 note(s) processed, 0 need review, {len(spoofs)} ignored" in result.stderr
    assert_untouched(config, box, spoofs, [0])
    reasons = {n["reason"] for n in notes(config) if n["status"] == "ignored"}
    assert f"no Authentication-Results from {MX}" in reasons
    assert f"Authentication-Results from {MX} says dmarc=fail" in reasons

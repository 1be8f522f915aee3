"""MaildirMailbox beyond the contract: layouts, names, flags, draft index, concurrent writers."""

from __future__ import annotations

import multiprocessing
import os
import threading
from pathlib import Path

import pytest
from dovecot import Dovecot
from imapclient import IMAPClient

from followup.mailbox import maildir as maildir_module
from followup.mailbox.maildir import MaildirMailbox, MaildirSettings, draft_marker, folder_path
from followup.ports import MailboxUnavailable


def note(n: int = 0) -> bytes:
    return f"From: owner@example.test\r\nSubject: note {n}\r\n\r\nmet Ada {n}\r\n".encode()


def draft(key: str) -> bytes:
    return f"Subject: follow up\r\nX-Followup-Id: {key}\r\n\r\nHi\r\n".encode()


def put(folder: Path, name: str, raw: bytes, sub: str = "new") -> Path:
    for d in ("cur", "new", "tmp"):
        (folder / d).mkdir(parents=True, exist_ok=True)
    path = folder / sub / name
    path.write_bytes(raw)
    return path


def files(folder: Path) -> list[str]:
    return sorted(p.name for sub in ("new", "cur") if (folder / sub).is_dir()
                  for p in (folder / sub).iterdir())


@pytest.mark.parametrize(("layout", "name", "expected"), [
    ("verbatim", "INBOX", "."),
    ("verbatim", "Drafts", "Drafts"),
    ("verbatim", "Followup/Processed", "Followup/Processed"),
    ("maildir++", "inbox", "."),
    ("maildir++", "Drafts", ".Drafts"),
    ("maildir++", "Followup/Processed", ".Followup.Processed"),
])
def test_folder_paths(tmp_path: Path, layout: str, name: str, expected: str) -> None:
    assert folder_path(tmp_path, name, layout) == tmp_path / expected  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["../x", "a/../b", "a//b", "/abs", "cur", "a/new", ".hidden",
                                  "a\\b", "a/"])
def test_names_that_would_escape_or_clash_are_refused(tmp_path: Path, name: str) -> None:
    for layout in ("verbatim", "maildir++"):
        with pytest.raises(ValueError, match="folder name"):
            folder_path(tmp_path, name, layout)


def test_maildirpp_refuses_dots_in_names(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot contain"):
        folder_path(tmp_path, "Notes.2026", "maildir++")
    assert folder_path(tmp_path, "Notes.2026", "verbatim") == tmp_path / "Notes.2026"


def test_settings_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="layout"):
        MaildirSettings(str(tmp_path), layout="mh")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="folder name"):
        MaildirSettings(str(tmp_path), drafts_folder="../Drafts")
    with pytest.raises(ValueError, match="poll_interval"):
        MaildirSettings(str(tmp_path), poll_interval=0)


@pytest.mark.parametrize(("layout", "processed", "drafts"), [
    ("verbatim", "Followup/Processed", "Drafts"),
    ("maildir++", ".Followup.Processed", ".Drafts"),
])
def test_layouts_on_disk(tmp_path: Path, layout: str, processed: str, drafts: str) -> None:
    root = tmp_path / "mail"  # missing: created on first use
    mb = MaildirMailbox(MaildirSettings(str(root), layout=layout))  # type: ignore[arg-type]
    assert mb.scan().refs == []
    assert all((root / d).is_dir() for d in ("cur", "new", "tmp"))
    put(root, "1700000000.M1P1.host", note())
    ref = mb.scan().refs[0]
    assert ref.uid == "1700000000.M1P1.host" and ref.uidvalidity == 0 and ref.folder == "INBOX"
    mb.move(ref, "Followup/Processed")
    assert files(root / processed) == ["1700000000.M1P1.host:2,"]  # new/ -> cur/ gets info
    assert all((root / processed / d).is_dir() for d in ("cur", "new", "tmp"))
    mb.append_draft(draft("k"), "k")
    [name] = files(root / drafts)
    assert name.endswith(":2,DS") and draft_marker("k") in name
    assert (root / drafts / "cur" / name).read_bytes() == draft("k")
    assert os.listdir(root / drafts / "tmp") == []
    if layout == "maildir++":
        assert not (root / ".Followup").exists()


def test_move_keeps_flags_and_key(tmp_path: Path) -> None:
    mb = MaildirMailbox(MaildirSettings(str(tmp_path)))
    put(tmp_path, "1700000001.M2P1.host:2,FS", note(1), sub="cur")
    ref = mb.scan().refs[0]
    assert ref.uid == "1700000001.M2P1.host"
    mb.move(ref, "Archive")
    assert files(tmp_path / "Archive") == ["1700000001.M2P1.host:2,FS"]


def test_a_flag_change_by_another_client_does_not_lose_the_message(tmp_path: Path) -> None:
    mb = MaildirMailbox(MaildirSettings(str(tmp_path)))
    old = put(tmp_path, "1700000002.M3P1.host", note(2))
    ref = mb.scan().refs[0]
    old.rename(tmp_path / "cur" / (old.name + ":2,S"))  # a MUA read it after our scan
    assert [raw for _, raw in mb.fetch([ref])] == [note(2)]
    mb.move(ref, "Processed")
    assert files(tmp_path / "Processed") == ["1700000002.M3P1.host:2,S"]


def test_dot_files_and_tmp_are_not_messages(tmp_path: Path) -> None:
    put(tmp_path, ".hidden", note())
    put(tmp_path, "1.M1P1.host", note(), sub="tmp")
    assert MaildirMailbox(MaildirSettings(str(tmp_path))).scan().refs == []


def test_headers_stop_at_the_empty_line(tmp_path: Path) -> None:
    mb = MaildirMailbox(MaildirSettings(str(tmp_path)))
    lf = b"Subject: lf\n" + b"X-Pad: " + b"p" * 9000 + b"\n\nbody\n\nmore\n"
    put(tmp_path, "1.M1P1.a", lf)
    put(tmp_path, "1.M2P1.a", b"Subject: no body\r\n")
    mixed = b"Subject: mixed\n\nbody\r\n\r\nmore\r\n"
    put(tmp_path, "1.M3P1.a", mixed)
    got = {ref.uid: raw for ref, raw in mb.fetch_headers(mb.scan().refs)}
    assert got == {"1.M1P1.a": lf[: lf.index(b"\n\n") + 2],
                   "1.M2P1.a": b"Subject: no body\r\n",
                   "1.M3P1.a": b"Subject: mixed\n\n"}


def test_draft_check_lists_instead_of_reading(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    mb = MaildirMailbox(MaildirSettings(str(tmp_path)))
    for i in range(30):
        mb.append_draft(draft(f"k{i}"), f"k{i}")
    # a draft someone else wrote (another followup, a sync tool renaming files)
    put(tmp_path / "Drafts", "1700000003.M9P9.other:2,DS", draft("k-foreign"), sub="cur")
    reads: list[Path] = []
    real = maildir_module._header_block

    def counting(path: Path) -> bytes:
        reads.append(path)
        return real(path)

    monkeypatch.setattr(maildir_module, "_header_block", counting)
    mb.append_draft(draft("k7"), "k7")
    mb.append_draft(draft("k-foreign"), "k-foreign")
    mb.append_draft(draft("k31"), "k31")
    assert [p.name for p in reads] == ["1700000003.M9P9.other:2,DS"]  # read once, then cached
    assert len(files(tmp_path / "Drafts")) == 32


def _append_same_draft(path: str) -> None:
    MaildirMailbox(MaildirSettings(path)).append_draft(draft("race"), "race")


def test_same_draft_from_many_threads_and_processes_is_written_once(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_append_same_draft, args=(str(tmp_path),)) for _ in range(4)]
    threads = [threading.Thread(target=_append_same_draft, args=(str(tmp_path),))
               for _ in range(8)]
    for p in procs:
        p.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for p in procs:
        p.join(10)
        assert p.exitcode == 0
    assert len(files(tmp_path / "Drafts")) == 1


def test_concurrent_different_drafts_all_land_complete(tmp_path: Path) -> None:
    mb = MaildirMailbox(MaildirSettings(str(tmp_path)))
    big = b"x" * 200_000

    def write(i: int) -> None:
        mb.append_draft(draft(f"d{i}") + big, f"d{i}")

    threads = [threading.Thread(target=write, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    names = files(tmp_path / "Drafts")
    assert len(set(names)) == 20
    contents = sorted((tmp_path / "Drafts" / "cur" / n).read_bytes() for n in names)
    assert contents == sorted(draft(f"d{i}") + big for i in range(20))
    assert os.listdir(tmp_path / "Drafts" / "tmp") == []


def test_unreadable_store_is_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    mb = MaildirMailbox(MaildirSettings(str(blocker / "mail")))
    with pytest.raises(MailboxUnavailable, match="maildir"):
        mb.scan()


def test_wait_ignores_our_own_moves(tmp_path: Path) -> None:
    mb = MaildirMailbox(MaildirSettings(str(tmp_path), poll_interval=0.05))
    put(tmp_path, "1.M1P1.a", note())
    mb.move(mb.scan().refs[0], "Processed")
    assert mb.wait(0.3) is False


def _as_nobody(server_uid: int, server_gid: int, path: str) -> None:
    """In a forked child running as the mail user: move one note, write one draft."""
    code = 1
    try:
        os.setgid(server_gid)
        os.setuid(server_uid)
        mb = MaildirMailbox(MaildirSettings(path, layout="maildir++"))
        refs = mb.scan().refs
        mb.move(refs[0], "Followup/Processed")
        mb.append_draft(draft("shared"), "shared")
        mb.append_draft(draft("shared"), "shared")
        code = 0
    finally:
        os._exit(code)


@pytest.mark.imap
def test_dovecot_reads_what_the_maildirpp_layout_writes(dovecot: Dovecot,
                                                         dovecot_user: str) -> None:
    """The same maildir served by Dovecot: folders, flags and moves must mean the same."""
    c = IMAPClient(dovecot.host, port=dovecot.port, ssl=False, timeout=10)
    c.login(dovecot_user, dovecot.password)
    c.append("INBOX", note(1))
    c.append("INBOX", note(2))
    c.logout()
    pid = os.fork()
    if pid == 0:
        _as_nobody(dovecot.uid, dovecot.gid, str(dovecot.maildir(dovecot_user)))
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    c = IMAPClient(dovecot.host, port=dovecot.port, ssl=False, timeout=10)
    c.login(dovecot_user, dovecot.password)
    assert c.select_folder("INBOX", readonly=True)[b"EXISTS"] == 1
    assert c.select_folder("Followup/Processed", readonly=True)[b"EXISTS"] == 1
    c.select_folder("Drafts", readonly=True)
    [(_, data)] = c.fetch(c.search("ALL"), ["FLAGS", "BODY.PEEK[]"]).items()
    assert set(data[b"FLAGS"]) - {b"\\Recent"} == {b"\\Draft", b"\\Seen"}
    assert data[b"BODY[]"] == draft("shared")
    c.logout()

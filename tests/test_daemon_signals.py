"""The daemon's signals against the suite's Dovecot: SIGTERM under a backlog (the chunk in
hand finished, LOGOUT, exit 0 within 10 s, nothing lost or doubled after a restart) and
SIGHUP (config and templates reloaded; unchanged accounts keep their connection; the
digest's job follows a changed [digest]; a config that no longer loads is reported and the
old one kept)."""

from __future__ import annotations

import datetime as dt
import re
import signal
import time
from pathlib import Path

from daemon_harness import (
    COMMON,
    DIGEST_OFF,
    Daemons,
    ImapBox,
    assert_exactly_once,
    imap_table,
    notes,
    owner_note,
    run_once,
    wait_until,
    write_config,
)
from dovecot import Dovecot


def sessions(dovecot: Dovecot, user: str) -> tuple[int, int, int]:
    """(logins, sessions ended by LOGOUT, sessions dropped) of `user` in Dovecot's log."""
    text = dovecot.log.read_text(errors="replace")
    logins = len(re.findall(rf"Login: user=<{user}>", text))
    mine = [line for line in text.splitlines() if f"imap({user})" in line]
    # Dovecot says "Disconnected: Logged out" after LOGOUT, "Disconnected: <why>" otherwise
    return (logins, sum("Logged out" in line for line in mine),
            sum("Disconnected" in line and "Logged out" not in line for line in mine))


def test_sigterm_mid_backlog_finishes_the_chunk_logs_out_and_loses_nothing(
        dovecot: Dovecot, dovecot_user: str, box: ImapBox, tmp_path: Path,
        procs: Daemons) -> None:
    config = write_config(tmp_path, dovecot, dovecot_user)
    dovecot.fill_maildir([owner_note(i) for i in range(300)], user=dovecot_user)
    daemon = procs.start(config)
    assert wait_until(lambda: " uid " in daemon.log(), timeout=90), daemon.log()
    started = time.monotonic()
    daemon.proc.send_signal(signal.SIGTERM)
    code = daemon.proc.wait(timeout=30)
    elapsed = time.monotonic() - started
    log = daemon.log()
    assert code == 0, log
    assert elapsed < 10, f"SIGTERM to exit took {elapsed:.1f} s"
    assert "stopping after" in log, log  # it stopped inside the backlog, between chunks
    stored = len(notes(config))
    print(f"SIGTERM to exit: {elapsed:.2f} s, {stored} of 300 notes stored before it")
    assert stored < 300
    # every session of this user ended with LOGOUT, none was just dropped
    assert wait_until(lambda: sessions(dovecot, dovecot_user)[1] >= 1, timeout=5)
    logins, logged_out, dropped = sessions(dovecot, dovecot_user)
    assert dropped == 0 and logged_out == logins, dovecot.logs()

    done = run_once(config)
    assert done.returncode == 0, done.stderr
    assert_exactly_once(config, box, range(300))


def _two_accounts(tmp_path: Path, dovecot: Dovecot, users: tuple[str, str],
                  b_extra: str = "", drafting_extra: str = "") -> Path:
    password_file = tmp_path / "password"
    password_file.write_text(dovecot.password + "\n")
    password_file.chmod(0o600)
    tables = "".join(
        imap_table(dovecot, user, password_file,
                   header=f'[[accounts]]\nname = "{name}"\n[accounts.imap]',
                   extra=b_extra if name == "b" else "")
        for name, user in zip(("a", "b"), users, strict=True))
    # drafting passes every 2 s: the test waits for the first one's sessions
    common = COMMON.format(db=tmp_path / "f.db", daemon_extra="draft_interval = 2",
                           owner_extra="")
    common = common.replace("[drafting]\n", f"[drafting]\n{drafting_extra}\n")
    common = common.replace(DIGEST_OFF, "")  # the default digest: the SIGHUP test moves its job
    config = tmp_path / "config.toml"
    config.write_text(common + tables)
    return config


def test_sighup_reloads_config_and_templates_keeping_unchanged_connections(
        dovecot: Dovecot, tmp_path: Path, procs: Daemons) -> None:
    users = (dovecot.add_user(), dovecot.add_user())
    boxes = [ImapBox(dovecot, u) for u in users]
    config = _two_accounts(tmp_path, dovecot, users)
    daemon = procs.start(config)
    try:
        assert wait_until(lambda: "followup running" in daemon.log(), timeout=30), daemon.log()
        # each account has two sessions once the first drafting pass ran: its watcher's and
        # the drafting pass's (which reads replies and Sent before drafting)
        assert wait_until(lambda: all(sessions(dovecot, u)[0] == 2 for u in users),
                          timeout=60), [sessions(dovecot, u) for u in users]
        before = [sessions(dovecot, u) for u in users]

        # account b changes, account a does not; the templates come from a new folder
        templates = tmp_path / "templates"
        templates.mkdir()
        (templates / "nice-to-meet-you.txt.j2").write_text(
            "Subject: Reloaded template for {{ name }}\n\nHi {{ name }}, reloaded.\n")
        assert "digest: mon,tue,wed,thu,fri at 08:00 Europe/Berlin, next 20" in daemon.log()
        _two_accounts(tmp_path, dovecot, users, b_extra="poll_interval = 30",
                      drafting_extra=f'templates_dir = "{templates}"')
        # ... and the digest moves to Saturday evenings: its job follows without a restart
        config.write_text(config.read_text() + '\n[digest]\nat = "21:30"\ndays = ["sat"]\n')
        daemon.proc.send_signal(signal.SIGHUP)
        assert wait_until(lambda: "reloaded: 1 account(s) kept their connection, 1 restarted"
                          in daemon.log(), timeout=30), daemon.log()
        line = next(x for x in daemon.log().splitlines() if "digest: sat at 21:30" in x)
        nxt = dt.datetime.fromisoformat(line.rsplit("next ", 1)[1].strip())
        assert nxt.weekday() == 5 and (nxt.hour, nxt.minute) == (21, 30)
        assert nxt.utcoffset() in (dt.timedelta(hours=1), dt.timedelta(hours=2))  # Berlin
        # b's two sessions (its watcher's, and the drafting pass's, which reads replies and
        # Sent) logged out and in again; a: the same connections, no new login
        assert wait_until(lambda: sessions(dovecot, users[1])[0] == before[1][0] + 2)
        assert sessions(dovecot, users[0]) == before[0]
        assert sessions(dovecot, users[1])[1] == before[1][1] + 2

        boxes[0].append(owner_note(1))
        assert wait_until(lambda: boxes[0].count("Drafts") == 1, timeout=30), daemon.log()
        (_flags, draft), = boxes[0].messages("Drafts")
        assert draft["Subject"].startswith("Reloaded template for")

        # a config that no longer loads: reported, the running one kept
        config.write_text(config.read_text() + "\n[drafting]\nwindow = 'never'\n")
        daemon.proc.send_signal(signal.SIGHUP)
        assert wait_until(lambda: "reload refused, the running config stays in use"
                          in daemon.log(), timeout=30), daemon.log()
        boxes[1].append(owner_note(2))
        assert wait_until(lambda: boxes[1].count("Drafts") == 1, timeout=30), daemon.log()
        assert daemon.proc.poll() is None
        code, log = daemon.stop()
        assert code == 0, log
    finally:
        for view in boxes:
            view.close()

"""Several daemons on one PostgreSQL: each account watched by one process at a time, a
killed daemon's accounts taken over within a minute, nothing ingested or drafted twice; and
the schema upgrade policy (`followup db upgrade`, an older schema refused at start)."""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from daemon_harness import (
    COMMON,
    Daemon,
    Daemons,
    ImapBox,
    followup,
    imap_table,
    notes,
    owner_note,
    person,
    wait_until,
)
from dovecot import Dovecot
from postgres import postgres_server, postgres_url  # noqa: F401

from followup.lease import AccountLeases
from followup.store import Store

pytestmark = pytest.mark.postgres
NAMES = ("a", "b", "c")
PER_ACCOUNT = 40


def _config(tmp_path: Path, dovecot: Dovecot, users: dict[str, str], url: str,
            order: tuple[str, ...], file: str) -> Path:
    password_file = tmp_path / "password"
    password_file.write_text(dovecot.password + "\n")
    password_file.chmod(0o600)
    tables = "".join(imap_table(dovecot, users[name], password_file,
                                header=f'[[accounts]]\nname = "{name}"\n[accounts.imap]')
                     for name in order)
    common = COMMON.format(db="", daemon_extra="", owner_extra="").replace(
        'url = "sqlite:///"', f'url = "{url}"')
    config = tmp_path / file
    config.write_text(common + tables)
    return config


def _note_ids(name: str, count: int, start: int = 0) -> list[int]:
    """Distinct people per account: account a gets 0.., b 1000.., c 2000.."""
    return [NAMES.index(name) * 1000 + i for i in range(start, start + count)]


def _held(daemon: Daemon) -> int:
    found = re.findall(r"followup running: (\d+) of \d+", daemon.log())
    return int(found[0]) if found else -1


# 27 s: behind -m slow; the lease's own tests above run in the default suite
@pytest.mark.slow
def test_two_daemons_three_accounts_and_a_sigkill(
        dovecot: Dovecot, postgres_url: str, tmp_path: Path,  # noqa: F811
        procs: Daemons) -> None:
    users = {name: dovecot.add_user() for name in NAMES}
    boxes = {name: ImapBox(dovecot, user) for name, user in users.items()}
    # the first daemon is set up for a and b only, so that the second one, set up for all
    # three, starts with c alone: both work at once, then one takes over from the other
    first = _config(tmp_path, dovecot, users, postgres_url, ("a", "b"), "one.toml")
    full = _config(tmp_path, dovecot, users, postgres_url, NAMES, "two.toml")
    followup(full, "db", "upgrade")
    for name, user in users.items():
        dovecot.fill_maildir([owner_note(i) for i in _note_ids(name, PER_ACCOUNT)], user=user)
    victim = procs.start(first)
    try:
        assert wait_until(lambda: _held(victim) == 2, timeout=60), victim.log()
        survivor = procs.start(full)
        assert wait_until(lambda: _held(survivor) == 1, timeout=60), survivor.log()
        assert "held by another process, watched here when it stops: a, b" in survivor.log()
        assert wait_until(lambda: " uid " in victim.log(), timeout=60), victim.log()
        victim.proc.kill()  # SIGKILL: mid-backlog, no chance to release anything
        killed_at = time.monotonic()
        victim.proc.wait()
        assert wait_until(lambda: survivor.log().count("claimed (this process watches it")
                          == 2, timeout=60), survivor.log()
        takeover = time.monotonic() - killed_at
        print(f"takeover of 2 accounts after SIGKILL in {takeover:.1f} s")
        assert takeover < 60

        for name in NAMES:  # the survivor watches all three now
            boxes[name].append(owner_note(_note_ids(name, 1, start=PER_ACCOUNT)[0]))
        expected = {name: _note_ids(name, PER_ACCOUNT + 1) for name in NAMES}
        assert wait_until(lambda: all(boxes[n].count("Drafts") >= PER_ACCOUNT + 1
                                      for n in NAMES), timeout=120), survivor.log()
        code, log = survivor.stop()
        assert code == 0, log
        _assert_each_once(full, boxes, expected)
    finally:
        for view in boxes.values():
            view.close()


def _assert_each_once(config: Path, boxes: dict[str, ImapBox],
                      expected: dict[str, list[int]]) -> None:
    listed = notes(config)
    assert Counter(n["message_id"] for n in listed) == Counter(
        f"<note-{i}@owner.example>" for ids in expected.values() for i in ids)
    assert all(n["status"] == "processed" for n in listed)
    people = followup(config, "contacts", "list", "--json").stdout
    for name, ids in expected.items():
        drafts = boxes[name].messages("Drafts")
        keys = Counter(str(m["X-Followup-Id"]) for _f, m in drafts)
        assert len(keys) == len(ids) and set(keys.values()) == {1}, f"{name}: {keys}"
        assert sorted(m["To"].addresses[0].addr_spec for _f, m in drafts) == sorted(
            str(person(i)[1]) for i in ids)
        processed = Counter(str(m["Message-ID"]) for _f, m in boxes[name].messages(
            "Followup/Processed"))
        assert processed == Counter(f"<note-{i}@owner.example>" for i in ids)
        assert all(people.count(f'"{person(i)[1]}"') == 1 for i in ids)


def test_leases_are_exclusive_and_freed_with_the_session(
        postgres_url: str) -> None:  # noqa: F811
    store_a, store_b = Store.open(postgres_url), Store.open(postgres_url)
    a, b = AccountLeases(store_a), AccountLeases(store_b)
    try:
        assert a.claim(["x", "y"]) == {"x", "y"}
        assert b.claim(["y", "x", "z"]) == {"z"}
        # a's session dies (as when its process is killed): its leases go with it. With a
        # timeout (PostgreSQL 14+) the call waits until the backend is gone: without one it
        # only signals, and on a busy machine b's next claim could come first
        with store_b.engine.connect() as admin:
            admin.execute(sa.text(
                "SELECT pg_terminate_backend(pid, 10000) FROM pg_locks WHERE locktype = 'advisory' "
                "AND pid <> pg_backend_pid() AND pid NOT IN (SELECT pid FROM pg_locks "
                "WHERE locktype = 'advisory' AND objid = :z)"), {"z": _objid("z")})
            admin.commit()
        assert b.claim(["x", "y", "z"]) == {"x", "y", "z"}
        assert a.claim(["x", "y"]) == set()  # it notices the lost session, holds nothing
        b.release("x")
        assert a.claim(["x", "y"]) == {"x"}
    finally:
        a.close()
        b.close()
        store_a.close()
        store_b.close()


def _objid(name: str) -> int:
    from followup.lease import _key

    return _key(name) & 0xFFFFFFFF


def test_sqlite_leases_use_a_lock_file_per_account(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'f.db'}"
    store_a, store_b = Store.open(url), Store.open(url)
    a, b = AccountLeases(store_a), AccountLeases(store_b)
    try:
        assert a.claim(["x"]) == {"x"}
        assert b.claim(["x", "y"]) == {"y"}
        a.close()
        assert b.claim(["x", "y"]) == {"x", "y"}
    finally:
        b.close()
        store_a.close()
        store_b.close()


def test_an_older_postgresql_schema_is_refused_until_db_upgrade(
        dovecot: Dovecot, postgres_url: str, tmp_path: Path) -> None:  # noqa: F811
    users = {"a": dovecot.add_user()}
    config = _config(tmp_path, dovecot, users, postgres_url, ("a",), "config.toml")
    first = followup(config, "db", "upgrade")
    assert "upgraded from revision (empty) to" in first.stdout
    again = followup(config, "db", "upgrade")
    assert "already" in again.stdout
    # pretend the schema is one revision behind: every command but `db upgrade` refuses
    from followup.store.engine import SCHEMA_HEAD, known_revisions

    older = sorted(known_revisions() - {SCHEMA_HEAD})
    if not older:
        pytest.skip("only one schema revision exists: nothing older to refuse")
    engine = sa.create_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = :v"), {"v": older[-1]})
    engine.dispose()
    refused = followup(config, "run", check=False, timeout=60)
    assert refused.returncode == 4, refused.stderr
    assert "followup db upgrade" in refused.stderr


def test_open_store_refuses_an_older_postgresql_schema_naming_the_command(
        postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    from followup import bootstrap
    from followup.config import load_config
    from followup.store import StoreError, engine

    Store.open(postgres_url).close()  # at this version's head
    config = tmp_path / "config.toml"
    config.write_text(f'[maildir]\npath = "{tmp_path / "mail"}"\n[owner]\n'
                      f'addresses = ["sam@owner.example"]\n[database]\nurl = "{postgres_url}"\n')
    # as if this followup were one revision newer than the database
    head = engine.SCHEMA_HEAD
    monkeypatch.setattr(engine, "SCHEMA_HEAD", "9999")
    monkeypatch.setattr(engine, "known_revisions", lambda: {head, "9999"})
    with pytest.raises(StoreError, match="run `followup db upgrade`"):
        bootstrap.open_store(load_config(config), schema_apart=True)
    engine.refuse_older_schema(f"sqlite:///{tmp_path / 'f.db'}")  # SQLite upgrades itself

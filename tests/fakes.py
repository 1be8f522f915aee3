"""Test doubles of the ports: FakeMailbox (in memory) and FixedClock."""

from __future__ import annotations

import datetime as dt
import email.parser
import email.policy
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from followup.mailbox.common import check_draft_key, first_text_piece, names_since
from followup.ports import FolderState, MailboxUnavailable, MessageRef, TextPiece

DRAFT_ID_HEADER = "X-Followup-Id"


@dataclass
class FakeMessage:
    raw: bytes
    flags: set[str] = field(default_factory=set)


class FakeMailbox:
    """An in-memory Mailbox that behaves like the real adapters (same contract tests).

    Test hooks: `deliver()` puts mail in a folder, `messages()`/`flags()` look inside,
    `fail_next(method)` makes the next call of a method raise (MailboxUnavailable by
    default), `calls` records every port call by name."""

    def __init__(self, folder: str = "INBOX", drafts_folder: str = "Drafts",
                 uidvalidity: int = 1) -> None:
        self.folder = folder
        self.drafts_folder = drafts_folder
        self.uidvalidity = uidvalidity
        self.arrival = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # every message's, for `arrived`
        self.folders: dict[str, dict[int, FakeMessage]] = {folder: {}, drafts_folder: {}}
        self.calls: list[str] = []
        self.closed = False
        self._next_uid = 1
        self._failures: dict[str, list[BaseException]] = {}
        self._snapshot: set[int] | None = None
        self._changed = threading.Condition()
        self.interrupted = False

    # --- test hooks ----------------------------------------------------------------------

    def deliver(self, raw: bytes, folder: str | None = None,
                flags: Iterable[str] = ()) -> MessageRef:
        folder = folder or self.folder
        with self._changed:
            uid = self._next_uid
            self._next_uid += 1
            self.folders.setdefault(folder, {})[uid] = FakeMessage(raw, set(flags))
            self._changed.notify_all()
        return MessageRef(folder, self.uidvalidity, str(uid), len(raw))

    def messages(self, folder: str | None = None) -> list[bytes]:
        return [m.raw for m in self.folders.get(folder or self.folder, {}).values()]

    def flags(self, folder: str | None = None) -> list[set[str]]:
        return [set(m.flags) for m in self.folders.get(folder or self.folder, {}).values()]

    def fail_next(self, method: str, error: BaseException | None = None, times: int = 1) -> None:
        """Make the next `times` calls of `method` raise `error` (a connection drop)."""
        exc = error or MailboxUnavailable(f"fake: {method} failed")
        self._failures.setdefault(method, []).extend([exc] * times)

    def change_uidvalidity(self, value: int) -> None:
        """Like a server that renumbered the folder: old refs go stale."""
        with self._changed:
            self.uidvalidity = value
            self._changed.notify_all()

    def _call(self, method: str) -> None:
        self.calls.append(method)
        pending = self._failures.get(method)
        if pending:
            raise pending.pop(0)

    def _current(self, ref: MessageRef) -> FakeMessage | None:
        if ref.uidvalidity != self.uidvalidity:
            return None
        return self.folders.get(ref.folder, {}).get(int(ref.uid))

    # --- the port ------------------------------------------------------------------------

    def scan(self) -> FolderState:
        self._call("scan")
        with self._changed:
            inbox = self.folders.setdefault(self.folder, {})
            refs = [MessageRef(self.folder, self.uidvalidity, str(uid), len(m.raw))
                    for uid, m in sorted(inbox.items()) if "\\Deleted" not in m.flags]
            self._snapshot = {*inbox, -self.uidvalidity}
        return FolderState(self.uidvalidity, refs)

    def list_folder(self, folder: str) -> FolderState:
        self._call("list_folder")
        with self._changed:
            found = self.folders.get(folder, {})
            refs = [MessageRef(folder, self.uidvalidity, str(uid), len(m.raw))
                    for uid, m in sorted(found.items()) if "\\Deleted" not in m.flags]
        return FolderState(self.uidvalidity, refs)

    def fetch_headers(self, refs: Sequence[MessageRef]) -> Iterator[tuple[MessageRef, bytes]]:
        self._call("fetch_headers")
        for ref, raw in self._fetch(refs):
            end = raw.find(b"\r\n\r\n")
            end = end + 4 if end >= 0 else (raw.find(b"\n\n") + 2 if b"\n\n" in raw else len(raw))
            yield ref, raw[:end]

    def fetch(self, refs: Sequence[MessageRef]) -> Iterator[tuple[MessageRef, bytes]]:
        self._call("fetch")
        yield from self._fetch(refs)

    def _fetch(self, refs: Sequence[MessageRef]) -> Iterator[tuple[MessageRef, bytes]]:
        for ref in refs:
            message = self._current(ref)
            if message is not None:
                yield ref, message.raw

    def arrived(self, refs: Sequence[MessageRef]) -> dict[str, dt.datetime]:
        self._call("arrived")
        return {ref.uid: self.arrival for ref, _raw in self._fetch(refs)}

    def move(self, ref: MessageRef, folder: str, *, seen: bool = False) -> None:
        self._call("move")
        with self._changed:
            message = self._current(ref)
            if message is None or ref.folder == folder:
                return
            if seen:
                message.flags.add("\\Seen")
            del self.folders[ref.folder][int(ref.uid)]
            uid = self._next_uid
            self._next_uid += 1
            self.folders.setdefault(folder, {})[uid] = message
            if self._snapshot is not None and ref.folder == self.folder:
                self._snapshot.discard(int(ref.uid))

    def move_many(self, refs: Sequence[MessageRef], folder: str, *, seen: bool = False) -> None:
        for ref in refs:
            self.move(ref, folder, seen=seen)

    def append_digest(self, raw: bytes, message_id: str) -> None:
        self._call("append_digest")
        with self._changed:
            inbox = self.folders.setdefault(self.folder, {})
            if any(f"Message-ID: {message_id}".encode() in m.raw for m in inbox.values()):
                return
            inbox[self._next_uid] = FakeMessage(raw, set())
            self._next_uid += 1
            self._changed.notify_all()

    def drafts_present(self, draft_keys: Sequence[str]) -> set[str]:
        self._call("drafts_present")
        for key in draft_keys:
            check_draft_key(key)
        with self._changed:
            return set(draft_keys) & self._draft_ids()

    def _draft_ids(self) -> set[str]:
        parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
        return {str(v).strip()
                for m in self.folders.get(self.drafts_folder, {}).values()
                for v in parser.parsebytes(m.raw).get_all(DRAFT_ID_HEADER, [])}

    def delete_drafts(self, draft_keys: Sequence[str]) -> int:
        self._call("delete_drafts")
        for key in draft_keys:
            check_draft_key(key)
        wanted = set(draft_keys)
        parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
        with self._changed:
            drafts = self.folders.setdefault(self.drafts_folder, {})
            gone = [uid for uid, m in drafts.items()
                    if {str(v).strip() for v in parser.parsebytes(m.raw).get_all(
                        DRAFT_ID_HEADER, [])} & wanted]
            for uid in gone:
                del drafts[uid]
        return len(gone)

    def append_draft(self, raw: bytes, draft_key: str, *, looked: bool = False) -> None:
        self._call("append_draft")
        check_draft_key(draft_key)
        with self._changed:
            drafts = self.folders.setdefault(self.drafts_folder, {})
            if not looked and draft_key in self._draft_ids():
                return
            drafts[self._next_uid] = FakeMessage(raw, {"\\Draft", "\\Seen"})
            self._next_uid += 1

    def append_drafts(self, drafts: Sequence[tuple[bytes, str]]) -> None:
        for raw, draft_key in drafts:  # one by one: failures injected per append_draft
            self.append_draft(raw, draft_key, looked=True)

    # --- reply tracking ------------------------------------------------------------------

    def special_folder(self, role: str) -> str | None:
        self._call("special_folder")
        names = {"\\Sent": ("Sent",), "\\Archive": ("Archive",), "\\All": ("All Mail",),
                 "\\Drafts": (self.drafts_folder,)}
        return next((n for n in names.get(role, ()) if n in self.folders), None)

    def folder_since(self, folder: str, after_uid: int) -> FolderState | None:
        self._call("folder_since")
        with self._changed:
            if folder not in self.folders:
                return None
            return FolderState(self.uidvalidity, [
                MessageRef(folder, self.uidvalidity, str(uid), 0)
                for uid in sorted(self.folders[folder]) if uid > after_uid])

    def fetch_fields(self, refs: Sequence[MessageRef], fields: Sequence[str]
                     ) -> Iterator[tuple[MessageRef, bytes]]:
        self._call("fetch_fields")
        wanted = {f.lower() for f in fields}
        parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
        for ref, raw in self._fetch(refs):
            msg = parser.parsebytes(raw)
            lines = [f"{k}: {v}\r\n" for k, v in msg.items() if k.lower() in wanted]
            yield ref, ("".join(lines) + "\r\n").encode("utf-8", "surrogateescape")

    def find_messages(self, folder: str, sender: str, subject: str,
                      on: dt.date | None) -> list[MessageRef]:
        self._call("find_messages")
        parser = email.parser.BytesHeaderParser(policy=email.policy.default)
        found = []
        for uid, m in sorted(self.folders.get(folder, {}).items()):
            msg = parser.parsebytes(m.raw)
            if sender.lower() not in str(msg.get("From", "")).lower() \
                    or subject.lower() not in str(msg.get("Subject", "")).lower():
                continue
            sent = msg.get("Date")
            if on is not None and (sent is None or abs((sent.datetime.date() - on).days) > 1):
                continue
            found.append(MessageRef(folder, self.uidvalidity, str(uid), len(m.raw)))
        return found

    def find_since(self, folder: str, field: str, addresses: Sequence[str], since: dt.date
                   ) -> list[MessageRef]:
        self._call("find_since")
        names = ("From",) if field.lower() == "from" else ("To", "Cc")
        return [MessageRef(folder, self.uidvalidity, str(uid), len(m.raw))
                for uid, m in sorted(self.folders.get(folder, {}).items())
                if names_since(m.raw, names, addresses, since)]

    def fetch_text(self, ref: MessageRef, limit: int) -> TextPiece | None:
        self._call("fetch_text")
        for _ref, raw in self._fetch([ref]):
            return first_text_piece(raw, limit)
        return None

    def delete(self, folder: str, raw_contains: bytes) -> int:
        """Test hook: remove the messages of `folder` containing `raw_contains`."""
        with self._changed:
            box = self.folders.get(folder, {})
            gone = [uid for uid, m in box.items() if raw_contains in m.raw]
            for uid in gone:
                del box[uid]
        return len(gone)

    def _state(self) -> set[int]:
        return {*self.folders.get(self.folder, {}), -self.uidvalidity}

    def wait(self, timeout: float) -> bool:
        """Blocks for real (a Condition), so a thread may deliver while another waits."""
        self._call("wait")
        with self._changed:
            baseline = self._snapshot if self._snapshot is not None else self._state()
            return self._changed.wait_for(
                lambda: self.interrupted or self._state() != baseline, timeout=timeout
            ) and not self.interrupted

    def interrupt(self) -> None:
        with self._changed:
            self.interrupted = True
            self._changed.notify_all()

    def close(self) -> None:
        self.calls.append("close")
        self.closed = True


class FixedClock:
    """A Clock that only moves when told to."""

    def __init__(self, now: dt.datetime | None = None) -> None:
        start = now or dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
        if start.tzinfo is None:
            raise ValueError("FixedClock needs a tz-aware datetime")
        self._now = start.astimezone(dt.UTC)

    def now(self) -> dt.datetime:
        return self._now

    def advance(self, delta: dt.timedelta) -> dt.datetime:
        self._now += delta
        return self._now

    def set(self, now: dt.datetime) -> None:
        if now.tzinfo is None:
            raise ValueError("FixedClock needs a tz-aware datetime")
        self._now = now.astimezone(dt.UTC)

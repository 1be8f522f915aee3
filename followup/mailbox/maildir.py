"""Maildir adapter of the Mailbox port: a local maildir tree (mbsync, offlineimap, Dovecot).

Folder names use '/' (as in the IMAP adapter); "INBOX" is the maildir at `path` itself.
- layout "verbatim" (mbsync `SubFolders Verbatim`): `Followup/Processed` is
  `path/Followup/Processed`; the parent `path/Followup` is created as a plain directory.
- layout "maildir++" (Dovecot, Courier, mbsync `SubFolders Maildir++`): `Followup/Processed`
  is `path/.Followup.Processed` and no `.Followup` is made (Dovecot lists it as \\NoSelect).
  A '.' inside a name is refused there, because Maildir++ reads it as a level separator.
"""

from __future__ import annotations

import datetime as dt
import email.parser
import email.policy
import email.utils
import fcntl
import hashlib
import itertools
import logging
import os
import re
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from followup.mailbox.common import (
    check_draft_key,
    checked_keys,
    draft_ids,
    first_text_piece,
    names_since,
    poll_until,
)
from followup.ports import FolderState, MailboxUnavailable, MessageRef, TextPiece

log = logging.getLogger(__name__)

Layout = Literal["verbatim", "maildir++"]
LAYOUTS: tuple[Layout, ...] = ("verbatim", "maildir++")
INBOX = "INBOX"
# Our drafts carry a hash of their draft key in the file name (maildir allows any unique
# name), so "is this draft there already?" is a directory listing, not a read of every draft
_MARKER_RE = re.compile(r"F(fu[0-9a-f]{20})\.")
_RESERVED = frozenset({"", ".", "..", "cur", "new", "tmp"})
_HEADER_CHUNK = 8192
# Where mail clients and mbsync put these folders when no SPECIAL-USE flag says so
_USUAL_NAMES = {
    "\\Sent": ("Sent", "Sent Items", "Sent Messages", "[Gmail]/Sent Mail", "INBOX/Sent"),
    "\\Archive": ("Archive", "Archives", "INBOX/Archive"),
    "\\All": ("[Gmail]/All Mail", "All Mail"),
}
_counter = itertools.count()


@dataclass(frozen=True)
class MaildirSettings:
    """Where the maildir tree lives and how its subfolders are named."""

    path: str
    drafts_folder: str = "Drafts"
    layout: Layout = "verbatim"
    poll_interval: float = 1.0

    def __post_init__(self) -> None:
        if self.layout not in LAYOUTS:
            raise ValueError(f"maildir layout must be one of {', '.join(LAYOUTS)}, "
                             f"not {self.layout!r}")
        if self.poll_interval <= 0:
            raise ValueError("maildir poll_interval must be positive")
        folder_path(Path(self.path), self.drafts_folder, self.layout)  # refuse bad names early


def folder_path(root: Path, folder: str, layout: Layout) -> Path:
    """The directory of a folder; raises ValueError for names that would escape the tree."""
    if folder.upper() == INBOX:
        return root
    parts = folder.split("/")
    for part in parts:
        if part in _RESERVED or part.startswith(".") or "\\" in part or "\0" in part:
            raise ValueError(f"invalid maildir folder name {folder!r}")
        if layout == "maildir++" and "." in part:
            raise ValueError(f"maildir++ folder names cannot contain '.': {folder!r}")
    if layout == "maildir++":
        return root / ("." + ".".join(parts))
    return root.joinpath(*parts)


def draft_marker(draft_key: str) -> str:
    return "fu" + hashlib.sha256(draft_key.encode()).hexdigest()[:20]


def _host() -> str:
    # the maildir spec's escapes for '/' and ':' in the host part of a name
    return socket.gethostname().replace("/", r"\057").replace(":", r"\072")


def _key(name: str) -> str:
    return name.split(":", 1)[0]


def _flags(name: str) -> str:
    """The flag letters of a name in cur/ ("key:2,DS" -> "DS")."""
    _, _, info = name.partition(":2,")
    return info


def _header_block(path: Path) -> bytes:
    """The header block up to and including the empty line, like IMAP BODY[HEADER]."""
    data = b""
    with open(path, "rb") as f:
        while chunk := f.read(_HEADER_CHUNK):
            data += chunk
            # search from just before the new chunk: the separator may straddle two reads
            start = max(0, len(data) - len(chunk) - 3)
            found = [(at, len(sep)) for sep in (b"\r\n\r\n", b"\n\n")
                     if (at := data.find(sep, start)) >= 0]
            if found:
                at, width = min(found)
                return data[: at + width]
    return data


def _only_fields(header: bytes, wanted: set[str]) -> bytes:
    """The fields of a header block named in `wanted` (lower case), as IMAP's
    HEADER.FIELDS returns them: whole folded lines, then an empty line."""
    kept: list[bytes] = []
    keep = False
    for line in header.splitlines(keepends=True):
        if line[:1] in (b" ", b"\t"):
            if keep:
                kept.append(line)
            continue
        name = line.split(b":", 1)[0].strip().decode("ascii", "replace").lower()
        keep = b":" in line and name in wanted
        if keep:
            kept.append(line)
    return b"".join(kept) + b"\r\n"


def _matches(header: bytes, sender: str, subject: str, on: dt.date | None) -> bool:
    """What an IMAP SEARCH FROM/HEADER Subject/SENTSINCE/SENTBEFORE would match."""
    msg = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(header)
    try:
        if sender.lower() not in str(msg.get("From", "")).lower() \
                or subject.lower() not in str(msg.get("Subject", "")).lower():
            return False
        if on is None:
            return True
        sent = email.utils.parsedate_to_datetime(str(msg.get("Date", "")))
    except (ValueError, TypeError, IndexError):
        return False
    return abs((sent.date() - on).days) <= 1


class MaildirMailbox:
    """The Mailbox port over a local maildir tree (stdlib only)."""

    def __init__(self, settings: MaildirSettings) -> None:
        self.settings = settings
        self.root = Path(settings.path)
        # keys of the watched folder at the last scan: wait() reports any difference
        self._snapshot: set[str] | None = None
        self._scan_listing: dict[str, Path] | None = None
        # key -> X-Followup-Id values of drafts we did not write, each read once
        self._foreign_drafts: dict[str, set[str]] = {}
        self._interrupted = threading.Event()

    # --- paths ---------------------------------------------------------------------------

    def _dir(self, folder: str) -> Path:
        return folder_path(self.root, folder, self.settings.layout)

    def _ensure(self, folder: str) -> Path:
        path = self._dir(folder)
        for sub in ("cur", "new", "tmp"):
            (path / sub).mkdir(mode=0o700, parents=True, exist_ok=True)
        return path

    @contextmanager
    def _guard(self, what: str) -> Iterator[None]:
        try:
            yield
        except OSError as e:
            raise MailboxUnavailable(f"maildir {self.root}, {what}: {e}") from e

    @staticmethod
    def _listing(path: Path) -> dict[str, Path]:
        """key -> file, over new/ and cur/ (dot files are not messages)."""
        files: dict[str, Path] = {}
        for sub in ("new", "cur"):
            try:
                names = os.listdir(path / sub)
            except FileNotFoundError:
                continue
            for name in names:
                if not name.startswith("."):
                    files[_key(name)] = path / sub / name
        return files

    def _open_ref(self, ref: MessageRef, cache: dict[str, dict[str, Path]]) -> Path | None:
        """The file of `ref` now; a flag change by another client renames it, so look again."""
        for attempt in range(2):
            if attempt or ref.folder not in cache:
                cache[ref.folder] = self._listing(self._dir(ref.folder))
            found = cache[ref.folder].get(ref.uid)
            if found is not None and found.exists():
                return found
        return None

    # --- the port ------------------------------------------------------------------------

    def scan(self) -> FolderState:
        with self._guard("scan"):
            inbox = self._ensure(INBOX)
            listing = self._listing(inbox)
            refs = []
            for key, path in sorted(listing.items()):
                if "T" in _flags(path.name):  # trashed (\Deleted), as the IMAP scan skips
                    continue
                try:
                    size = path.stat().st_size
                except FileNotFoundError:  # renamed or moved since the listing
                    continue
                refs.append(MessageRef(INBOX, 0, key, size))
        self._snapshot = set(listing)
        # where each file was at the scan: fetches and moves of this pass start from it
        # instead of listing a folder of thousands once per chunk (a stale entry, after
        # another client renamed the file, is looked up again)
        self._scan_listing = listing
        return FolderState(0, refs)

    def list_folder(self, folder: str) -> FolderState:
        with self._guard("list_folder"):
            refs = []
            for key, path in sorted(self._listing(self._dir(folder)).items()):
                if "T" in _flags(path.name):
                    continue
                try:
                    refs.append(MessageRef(folder, 0, key, path.stat().st_size))
                except FileNotFoundError:
                    continue
        return FolderState(0, refs)

    def _listings(self) -> dict[str, dict[str, Path]]:
        return {INBOX: self._scan_listing} if self._scan_listing is not None else {}

    def _read(self, refs: Sequence[MessageRef],
              headers_only: bool) -> Iterator[tuple[MessageRef, bytes]]:
        cache = self._listings()
        for ref in refs:
            with self._guard("fetch"):
                path = self._open_ref(ref, cache)
                if path is None:
                    continue
                try:
                    data = _header_block(path) if headers_only else path.read_bytes()
                except FileNotFoundError:  # moved between the listing and the read
                    continue
            yield ref, data

    def fetch_headers(self, refs: Sequence[MessageRef]) -> Iterator[tuple[MessageRef, bytes]]:
        return self._read(refs, headers_only=True)

    def fetch(self, refs: Sequence[MessageRef]) -> Iterator[tuple[MessageRef, bytes]]:
        return self._read(refs, headers_only=False)

    def arrived(self, refs: Sequence[MessageRef]) -> dict[str, dt.datetime]:
        cache = self._listings()
        found: dict[str, dt.datetime] = {}
        for ref in refs:
            with self._guard("arrived"):
                path = self._open_ref(ref, cache)
                if path is None:
                    continue
                # "1700000000.M1P2.host": delivery agents start the name with the time
                stamp = re.match(r"(\d{9,10})\.", path.name)
                try:
                    seconds = int(stamp.group(1)) if stamp else path.stat().st_mtime
                except FileNotFoundError:
                    continue
            found[ref.uid] = dt.datetime.fromtimestamp(seconds, dt.UTC)
        return found

    def move(self, ref: MessageRef, folder: str) -> None:
        self.move_many([ref], folder)

    def move_many(self, refs: Sequence[MessageRef], folder: str, *, seen: bool = False) -> None:
        cache = self._listings()  # one listing per source folder, not per move
        for ref in refs:
            if self._dir(ref.folder) == self._dir(folder):
                continue
            with self._guard("move"):
                target = self._ensure(folder) / "cur"
                for attempt in range(2):  # a concurrent flag change renames the file under us
                    if attempt or ref.folder not in cache:
                        cache[ref.folder] = self._listing(self._dir(ref.folder))
                    src = cache[ref.folder].get(ref.uid)
                    if src is None:
                        break  # already moved (a retry after a crash) or deleted
                    # a file in new/ has no info part yet; cur/ needs one (maildir spec)
                    name = src.name if src.parent.name == "cur" else src.name + ":2,"
                    if seen and "S" not in _flags(name):  # flag letters stay sorted
                        name = _key(name) + ":2," + "".join(sorted(_flags(name) + "S"))
                    try:
                        os.rename(src, target / name)
                    except FileNotFoundError:
                        continue
                    cache[ref.folder].pop(ref.uid, None)
                    break
            if self._snapshot is not None and ref.folder.upper() == INBOX:
                self._snapshot.discard(ref.uid)

    def _draft_ids(self, drafts: Path) -> tuple[set[str], set[str]]:
        """The markers in our drafts' file names, and the X-Followup-Id values of drafts
        without one (a mail client may copy or rename a draft)."""
        markers: set[str] = set()
        ids: set[str] = set()
        for key, path in self._listing(drafts).items():
            match = _MARKER_RE.search(key)
            if match:
                markers.add(match.group(1))
                continue
            if key not in self._foreign_drafts:
                try:
                    self._foreign_drafts[key] = draft_ids(_header_block(path))
                except FileNotFoundError:
                    continue
            ids |= self._foreign_drafts[key]
        return markers, ids

    def drafts_present(self, draft_keys: Sequence[str]) -> set[str]:
        for key in draft_keys:
            check_draft_key(key)
        if not draft_keys:
            return set()
        with self._guard("drafts_present"):
            markers, ids = self._draft_ids(self._ensure(self.settings.drafts_folder))
        return {k for k in draft_keys if k in ids or draft_marker(k) in markers}

    def delete_drafts(self, draft_keys: Sequence[str]) -> int:
        wanted = checked_keys(draft_keys)
        if not wanted:
            return 0
        markers = {draft_marker(k) for k in wanted}
        removed = 0
        with self._guard("delete_drafts"):
            drafts = self._ensure(self.settings.drafts_folder)
            lock = os.open(drafts, os.O_RDONLY)  # the lock append_draft takes
            try:
                fcntl.flock(lock, fcntl.LOCK_EX)
                for key, path in self._listing(drafts).items():
                    if not self._is_wanted_draft(key, path, markers, wanted):
                        continue
                    try:
                        path.unlink()
                    except FileNotFoundError:  # removed by a mail client meanwhile
                        continue
                    self._foreign_drafts.pop(key, None)
                    removed += 1
            finally:
                os.close(lock)
        return removed

    def _is_wanted_draft(self, key: str, path: Path, markers: set[str],
                         wanted: set[str]) -> bool:
        match = _MARKER_RE.search(key)
        if match:
            return match.group(1) in markers
        if key not in self._foreign_drafts:
            try:
                self._foreign_drafts[key] = draft_ids(_header_block(path))
            except FileNotFoundError:
                return False
        return bool(self._foreign_drafts[key] & wanted)

    def append_drafts(self, drafts: Sequence[tuple[bytes, str]]) -> None:
        for raw, draft_key in drafts:  # a file each: nothing to gain from one call
            self.append_draft(raw, draft_key, looked=True)

    def append_draft(self, raw: bytes, draft_key: str, *, looked: bool = False) -> None:
        check_draft_key(draft_key)
        with self._guard("append_draft"):
            drafts = self._ensure(self.settings.drafts_folder)
            marker = draft_marker(draft_key)
            # flock on the folder makes check-then-write atomic across threads and processes
            lock = os.open(drafts, os.O_RDONLY)
            try:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if not looked:
                    markers, ids = self._draft_ids(drafts)
                    if marker in markers or draft_key in ids:
                        log.debug("draft %s already in %s", draft_key, drafts)
                        return
                name = self._write_tmp(drafts, raw, marker)
                os.rename(drafts / "tmp" / name, drafts / "cur" / (name + ":2,DS"))
                log.debug("draft %s written to %s as %s", draft_key, drafts, name)
            finally:
                os.close(lock)

    def append_digest(self, raw: bytes, message_id: str) -> None:
        with self._guard("append_digest"):
            inbox = self._ensure(INBOX)
            marker = draft_marker(message_id)
            lock = os.open(inbox, os.O_RDONLY)
            try:
                fcntl.flock(lock, fcntl.LOCK_EX)
                if any(f"F{marker}." in key for key in self._listing(inbox)):
                    return
                name = self._write_tmp(inbox, raw, marker)
                os.rename(inbox / "tmp" / name, inbox / "new" / name)  # new/: unread
            finally:
                os.close(lock)

    @staticmethod
    def _write_tmp(folder: Path, raw: bytes, marker: str) -> str:
        """Write into tmp/ under a new unique name (maildir spec: time.unique.host)."""
        now = time.time()
        while True:
            name = (f"{int(now)}.M{int(now * 1e6) % 1_000_000}P{os.getpid()}"
                    f"Q{next(_counter)}F{marker}.{_host()},S={len(raw)}")
            try:
                fd = os.open(folder / "tmp" / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue
            break
        try:
            view = memoryview(raw)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)  # the rename must never publish a half-written file after a crash
        except BaseException:
            os.unlink(folder / "tmp" / name)  # no half-written file left in tmp/
            raise
        finally:
            os.close(fd)
        return name

    # --- reply tracking: read-only looks at other folders -----------------------------

    def _existing(self, folder: str) -> Path | None:
        try:
            path = self._dir(folder)
        except ValueError:
            return None
        return path if (path / "cur").is_dir() or (path / "new").is_dir() else None

    def special_folder(self, role: str) -> str | None:
        if role == "\\Drafts":
            return self.settings.drafts_folder
        # a maildir has no SPECIAL-USE flags: the usual names, in the order clients use them
        return next((f for f in _USUAL_NAMES.get(role, ()) if self._existing(f) is not None),
                    None)

    def folder_since(self, folder: str, after_uid: int) -> FolderState | None:
        with self._guard("folder_since"):
            path = self._existing(folder)
            if path is None:
                return None
            listing = self._listing(path)
        refs = [MessageRef(folder, 0, key, 0) for key in sorted(listing)
                if "T" not in _flags(listing[key].name)]
        return FolderState(0, refs, ordered=False)

    def fetch_fields(self, refs: Sequence[MessageRef], fields: Sequence[str]
                     ) -> Iterator[tuple[MessageRef, bytes]]:
        wanted = {f.lower() for f in fields}
        for ref, header in self._read(refs, headers_only=True):
            yield ref, _only_fields(header, wanted)

    def find_messages(self, folder: str, sender: str, subject: str,
                      on: dt.date | None) -> list[MessageRef]:
        state = self.folder_since(folder, 0)
        if state is None:
            return []
        found = []
        fields = ("From", "Subject", "Date")
        for ref, header in self.fetch_fields(state.refs, fields):
            if _matches(header, sender, subject, on):
                found.append(ref)
        return found

    def find_since(self, folder: str, field: str, addresses: Sequence[str], since: dt.date
                   ) -> list[MessageRef]:
        # no server to search: the header fields of the folder, read from local files
        state = self.folder_since(folder, 0)
        if state is None:
            return []
        names = ("From",) if field.lower() == "from" else ("To", "Cc")
        return [ref for ref, header in self.fetch_fields(state.refs, (*names, "Date"))
                if names_since(header, names, addresses, since)]

    def fetch_text(self, ref: MessageRef, limit: int) -> TextPiece | None:
        for _ref, raw in self._read([ref], headers_only=False):
            return first_text_piece(raw, limit)
        return None

    def wait(self, timeout: float) -> bool:
        with self._guard("wait"):
            inbox = self._ensure(INBOX)
            baseline = self._snapshot
            if baseline is None:
                baseline = set(self._listing(inbox))
            return poll_until(lambda: set(self._listing(inbox)) != baseline, timeout,
                              self.settings.poll_interval, self._interrupted)

    def interrupt(self) -> None:
        self._interrupted.set()

    def close(self) -> None:
        """Nothing is held open between calls."""

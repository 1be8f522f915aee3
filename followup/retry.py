"""`notes retry`: find a needs-review note in its folder and move it back into the watched
folder, where the next ingest pass reads it again (see `Ingestor._moved_back`).

The note is found by the hash of its bytes (unchanged, e.g. after a parser upgrade), by the
hash of its header and size (a note over the size limit), or, after the owner edited it in
the folder (a mail client saves an edited message as a new one), by its Message-ID."""

from __future__ import annotations

import email.parser
import email.policy
from collections.abc import Sequence

from followup.model import NoteRecord, NoteStatus
from followup.ports import Mailbox, MessageRef
from followup.service import AccountSetup, _header_key, content_hash
from followup.store import Store


class RetryError(Exception):
    """The note cannot be retried; the message says why (nothing changed)."""


def note_to_retry(store: Store, note_id: int) -> NoteRecord:
    with store.unit() as u:
        found = u.get_note(note_id)
    if found is None:
        raise RetryError(f"no note {note_id} (see 'followup notes list')")
    if found.status is not NoteStatus.NEEDS_REVIEW:
        raise RetryError(f"note {note_id} is {found.status}, not in needs review: "
                         "nothing to retry")
    return found


def find_in_review(mailbox: Mailbox, account: AccountSetup, note: NoteRecord) -> MessageRef:
    """The message of `note` in the account's review folder; RetryError when it is gone."""
    refs = mailbox.list_folder(account.review_folder).refs
    if note.content_hash.startswith("h:"):
        for ref, header in mailbox.fetch_headers(refs):
            if _header_key(header, ref) == note.content_hash:
                return ref
    else:
        match = _by_bytes(mailbox, refs, note)
        if match is not None:
            return match
    raise RetryError(f"note {note_id_text(note)} is no longer in '{account.review_folder}' "
                     "(moved or deleted there?): move it into the watched folder yourself "
                     "and it is read again")


def _by_bytes(mailbox: Mailbox, refs: Sequence[MessageRef], note: NoteRecord
              ) -> MessageRef | None:
    by_id = None
    parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
    for ref, raw in mailbox.fetch(refs):
        if content_hash(raw) == note.content_hash:
            return ref
        message_id = str(parser.parsebytes(raw).get("Message-ID", "")).strip()
        if note.message_id and message_id == note.message_id and by_id is None:
            by_id = ref  # an edited copy keeps the Message-ID in most clients
    return by_id


def note_id_text(note: NoteRecord) -> str:
    return f"{note.id} ({note.subject!r})" if note.subject else str(note.id)


def move_back(mailbox: Mailbox, account: AccountSetup, note: NoteRecord) -> MessageRef:
    """Move the note's message into the watched folder; returns where it was."""
    ref = find_in_review(mailbox, account, note)
    mailbox.move(ref, account.folder)
    return ref

"""The address book in and out: contacts as vCard 4.0, JSON and CSV, and cards read back.

Pure: values in, text out (and text in, values out); the store and the CLI do the I/O.

Writing
    vCard 4.0 (RFC 6350) through vobject. Where and when the owner met the person, and the
    text of the notes about them, go into `NOTE` so any address book shows them; the same
    facts also go into `X-FOLLOWUP-*` properties, so that importing our own export back
    restores every field exactly: each note as recorded (`X-FOLLOWUP-NOTE`, its record in
    parameters), each open follow-up (`X-FOLLOWUP-DUE;STEP=..;SEQUENCE=..:due time`), the
    contact's own dates and corrections. Free text in a parameter is written with RFC 6868's
    caret escapes (^' for a double quote, ^n for a line break, ^^ for a caret).
    JSON: `contacts list --json` per contact, plus its follow-ups (every one, closed ones
    too) and its notes as `notes list --json` shows them with their text and hash.
    CSV with the column names of Outlook's export, which both Outlook and Google Contacts
    import; several values in one cell are joined with " ::: " as Google does. CSV carries
    contacts only (no follow-ups, no note records): it is for other address books.

Reading
    vCard 2.1/3.0/4.0 from any client: each card goes through the parser's own tolerant
    reader (`followup.parsing.vcard.read_vcards`: quoted-printable, Apple groups, folded
    lines); vobject adds what that reader does not keep (NOTE and our X-FOLLOWUP-* fields)
    when it can read the card. CSV by its header: Outlook's and Google's column names.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from followup.model import Contact, FollowUp, NoteRecord, ParsedContact

PRODID = "-//followup//followup address book//EN"
MULTI = " ::: "  # Google's separator for several values in one CSV cell

CSV_COLUMNS = (
    "Name", "First Name", "Middle Name", "Last Name", "E-mail Address", "E-mail 2 Address",
    "E-mail 3 Address", "Mobile Phone", "Business Phone", "Home Phone", "Other Phone",
    "Company", "Job Title", "Web Page", "Business Street", "Notes", "LinkedIn", "Met At",
    "Met On",
)
_PHONE_COLUMNS = ("Mobile Phone", "Business Phone", "Home Phone", "Other Phone")
_EMAIL_COLUMNS = ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")


@dataclass(frozen=True)
class AddressCard:
    """One person with what followup knows about them: the export's unit."""

    contact: Contact
    notes: tuple[str, ...] = ()  # the text of each note that mentions them, oldest first
    followups: tuple[FollowUp, ...] = ()
    records: tuple[NoteRecord, ...] = ()  # the notes that mention them, as recorded


@dataclass(frozen=True)
class Restore:
    """What our own export (JSON, or a vCard followup wrote) carries beyond the person:
    their notes as recorded and their follow-ups, values typed and ready to store (each
    keeps its exported id, `id` / `note_id`, to link follow-ups to notes), and the contact's
    own dates and the fields the owner corrected."""

    notes: tuple[dict[str, Any], ...] = ()
    followups: tuple[dict[str, Any], ...] = ()
    created_at: dt.datetime | None = None
    last_contact_at: dt.datetime | None = None
    owner_fields: tuple[str, ...] = ()
    edited_fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportedCard:
    """One person read from an address-book file, with the meeting and notes it carries."""

    person: ParsedContact
    met_at: str | None = None
    met_on: dt.date | None = None
    notes: tuple[str, ...] = ()
    source: str = ""  # the card's own text (or CSV row): its key against a second import
    restore: Restore | None = None  # our own export: restored as it was


@dataclass
class ReadResult:
    """The cards of one file, and what could not be read (one line each, for the owner)."""

    cards: list[ImportedCard] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


# --- the meeting as a sentence -----------------------------------------------------------

def meeting_line(met_at: str | None, met_on: dt.date | None) -> str | None:
    """'Met at PyCon on 2026-05-14.' (or either half), None when nothing is known."""
    if not met_at and not met_on:
        return None
    where = f" at {met_at}" if met_at else ""
    when = f" on {met_on.isoformat()}" if met_on else ""
    return f"Met{where}{when}."


def note_text(card: AddressCard) -> str | None:
    """What `NOTE` (vCard) and `Notes` (CSV) say: the meeting, then each note's text."""
    parts = [p for p in (meeting_line(card.contact.met_at, card.contact.met_on),
                         *card.notes) if p]
    return "\n\n".join(parts) or None


# --- writing -------------------------------------------------------------------------

def to_vcard(cards: Iterable[AddressCard]) -> str:
    """Every card as vCard 4.0, one after the other (CRLF line ends, folded at 75 octets)."""
    return "".join(_vcard(card) for card in cards)


def _vcard(card: AddressCard) -> str:
    import vobject

    c = card.contact
    v = vobject.vCard()
    v.add("version").value = "4.0"
    v.add("prodid").value = PRODID
    # FN is required; a person known only by address gets it as FN, and a marker
    v.add("fn").value = c.full_name or (c.emails[0] if c.emails else c.company or "?")
    if not c.full_name:
        v.add("x-followup-no-name").value = "1"
    family, given, middle = split_name(c.full_name)
    v.add("n").value = vobject.vcard.Name(family=family, given=given, additional=middle)
    for email in c.emails:
        v.add("email").value = email
    for phone in c.phones:
        v.add("tel").value = phone
    _add_text(v, "org", [c.company] if c.company else None)
    _add_text(v, "title", c.title)
    _add_text(v, "url", c.website)
    if c.linkedin:
        v.add("url").value = c.linkedin
        v.add("x-socialprofile").value = c.linkedin
        v.contents["x-socialprofile"][-1].params["TYPE"] = ["linkedin"]
    if c.address:
        v.add("adr").value = vobject.vcard.Address(street=c.address)
    _add_text(v, "note", note_text(card))
    _add_text(v, "x-followup-met-at", c.met_at)
    _add_text(v, "x-followup-met-on", c.met_on.isoformat() if c.met_on else None)
    _add_text(v, "x-followup-created", c.created_at.isoformat())
    _add_text(v, "x-followup-last-contact",
              c.last_contact_at.isoformat() if c.last_contact_at else None)
    _add_text(v, "x-followup-owner-fields", ",".join(c.owner_fields))
    _add_text(v, "x-followup-edited-fields", ",".join(c.edited_fields))
    if card.records:
        for record in card.records:
            line = v.add("x-followup-note")
            line.value = record.note_text or ""
            _set_params(line, note_json(record), NOTE_PARAMS)
    else:
        for text in card.notes:
            v.add("x-followup-note").value = text
    for f in card.followups:
        if f.status.is_open:  # the plan ahead; closed steps are history (JSON keeps them)
            line = v.add("x-followup-due")
            line.value = f.due_at.isoformat()
            _set_params(line, f.to_json(), FOLLOWUP_PARAMS)
    v.add("uid").value = f"urn:followup:contact:{c.id}"
    return str(v.serialize())


# The record fields written as parameters of X-FOLLOWUP-NOTE and X-FOLLOWUP-DUE (JSON names;
# the parameter is the name upper-cased with "-" for "_"), and those that are numbers.
NOTE_PARAMS = ("id", "account", "folder", "uidvalidity", "uid", "content_hash", "message_id",
               "subject", "status", "reason", "received_at", "kind", "met_at", "met_on",
               "follow_up_on", "tags", "forwarded_message_id", "forwarded_at", "language",
               "action")
FOLLOWUP_PARAMS = ("note_id", "step", "template", "status", "draft_key", "drafted_at", "to",
                   "subject", "created_at", "sequence", "channel", "reason", "closed_at",
                   "sent_at", "thread_message_id")
_NUMBERS = frozenset({"id", "note_id", "uidvalidity", "step"})


def note_json(record: NoteRecord) -> dict[str, Any]:
    """A note as `notes list --json` shows it, with its content hash and its text."""
    return {**record.to_json(), "content_hash": record.content_hash,
            "text": record.note_text}


def _param_name(key: str) -> str:
    return key.upper().replace("_", "-")


def _caret(text: str) -> str:
    """RFC 6868: a parameter value may hold any text once ^, line breaks and " are escaped."""
    return (text.replace("^", "^^").replace("\r\n", "\n").replace("\n", "^n")
            .replace('"', "^'"))


def _uncaret(text: str) -> str:
    return re.sub(r"\^([\^n'])", lambda m: {"^": "^", "n": "\n", "'": '"'}[m.group(1)], text)


def _set_params(line: Any, record: dict[str, Any], keys: Sequence[str]) -> None:
    for key in keys:
        value = record.get(key)
        if value is None or value == "" or value == []:
            continue
        values = value if isinstance(value, list) else [value]
        line.params[_param_name(key)] = [_caret(str(v)) for v in values]


def _get_params(params: dict[str, list[str]], keys: Sequence[str]) -> dict[str, Any]:
    """The record `_set_params` wrote (JSON names and values; a missing one is None)."""
    record: dict[str, Any] = {}
    for key in keys:
        values = [_uncaret(v) for v in params.get(_param_name(key), []) if v != ""]
        if key == "tags":
            record[key] = values
        elif not values:
            record[key] = None
        else:
            record[key] = int(values[0]) if key in _NUMBERS else values[0]
    return record


def _add_text(v: Any, name: str, value: Any) -> None:
    if value:
        v.add(name).value = value


def split_name(full_name: str | None) -> tuple[str, str, str]:
    """(family, given, middle) of a full name, by nameparser; empty strings when unknown."""
    if not full_name:
        return "", "", ""
    from nameparser import HumanName

    name = HumanName(full_name)
    return str(name.last), str(name.first), str(name.middle)


def to_csv(cards: Iterable[AddressCard]) -> str:
    """A CSV file with a header row that Outlook and Google Contacts import."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for card in cards:
        writer.writerow(_csv_row(card))
    return out.getvalue()


def _spread(values: Sequence[str], columns: Sequence[str]) -> dict[str, str]:
    """One value per column; what is left over joins the last column with MULTI."""
    row = dict(zip(columns, values, strict=False))
    if len(values) > len(columns):
        row[columns[-1]] = MULTI.join(values[len(columns) - 1:])
    return row


def _csv_row(card: AddressCard) -> dict[str, str]:
    c = card.contact
    family, given, middle = split_name(c.full_name)
    return {
        "Name": c.full_name or "", "First Name": given, "Middle Name": middle,
        "Last Name": family, **_spread(c.emails, _EMAIL_COLUMNS),
        **_spread(c.phones, _PHONE_COLUMNS), "Company": c.company or "",
        "Job Title": c.title or "", "Web Page": c.website or "",
        "Business Street": c.address or "", "Notes": note_text(card) or "",
        "LinkedIn": c.linkedin or "", "Met At": c.met_at or "",
        "Met On": c.met_on.isoformat() if c.met_on else "",
    }


def to_json(cards: Iterable[AddressCard]) -> list[dict[str, Any]]:
    """As `contacts list --json`, each contact with its follow-ups (all of them) and its
    notes (as `notes list --json`, plus `content_hash` and `text`)."""
    return [{**card.contact.to_json(), "followups": [f.to_json() for f in card.followups],
             "notes": [note_json(r) for r in card.records]} for card in cards]


# --- reading -------------------------------------------------------------------------

_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE | re.MULTILINE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE | re.MULTILINE)


def split_vcards(text: str) -> list[str]:
    """The text of each BEGIN:VCARD ... END:VCARD block (a nested AGENT card stays inside)."""
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    blocks, depth, start = [], 0, 0
    for m in re.finditer(r"^(BEGIN|END):VCARD[ \t]*$", text, re.IGNORECASE | re.MULTILINE):
        if m.group(1).upper() == "BEGIN":
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                blocks.append(text[start:m.end()] + "\n")
    return blocks


def read_vcard_file(text: str, region: str = "US") -> ReadResult:
    """Every card of a .vcf file (any version, any number of cards). Never raises."""
    from followup.parsing.vcard import read_vcards

    result = ReadResult()
    blocks = split_vcards(text)
    if not blocks:
        result.skipped.append("no BEGIN:VCARD ... END:VCARD block found")
    for index, block in enumerate(blocks, start=1):
        people, warnings = read_vcards(block, region)
        if not people:
            why = "; ".join(warnings) or "no name, email or phone"
            result.skipped.append(f"card {index}: {why}")
            continue
        try:
            result.cards.append(_with_extras(ImportedCard(people[0], source=block), block))
        except (ValueError, KeyError, TypeError) as exc:  # our own card, edited badly
            result.skipped.append(f"card {index}: {exc}")
    return result


def _with_extras(card: ImportedCard, block: str) -> ImportedCard:
    """Add the NOTE and X-FOLLOWUP-* fields vobject reads; a card written by followup
    gives back its exact stored values, its notes as recorded and its open follow-ups."""
    component = _vobject_card(block)
    if component is None:
        return card
    extras = {name: [_as_text(line.value) for line in lines]
              for name, lines in component.contents.items()}
    met_at = _first(extras, "x-followup-met-at")
    met_on = _date(_first(extras, "x-followup-met-on"))
    notes = tuple(extras.get("x-followup-note", ()))
    if not notes and "x-followup-met-at" not in extras and "x-followup-met-on" not in extras:
        notes = tuple(n.replace("\r\n", "\n").strip() for n in extras.get("note", ())
                      if n.strip())
    if _first(extras, "prodid") == PRODID:
        card = replace(card, person=_exact_person(card.person, extras),
                       restore=_vcard_restore(component, extras))
    return replace(card, met_at=met_at, met_on=met_on,
                   notes=tuple(n for n in notes if n.strip()))


def _vcard_restore(component: Any, extras: dict[str, list[str]]) -> Restore | None:
    """Our own card's records: each X-FOLLOWUP-NOTE with its record in parameters (an older
    export has none: None), each X-FOLLOWUP-DUE an open follow-up."""
    notes = []
    for line in component.contents.get("x-followup-note", []):
        if _param_name("account") not in line.params:
            return None
        notes.append({**_get_params(line.params, NOTE_PARAMS), "text": line.value or None})
    followups = [{**_get_params(line.params, FOLLOWUP_PARAMS), "due_at": line.value}
                 for line in component.contents.get("x-followup-due", [])]
    owned = (_first(extras, "x-followup-owner-fields") or "").split(",")
    edited = (_first(extras, "x-followup-edited-fields") or "").split(",")
    return restore_of({"created_at": _first(extras, "x-followup-created"),
                       "last_contact_at": _first(extras, "x-followup-last-contact"),
                       "owner_fields": [f for f in owned if f],
                       "edited_fields": [f for f in edited if f]}, notes, followups)


def _vobject_card(block: str) -> Any:
    """The card as vobject reads it; None when it cannot."""
    import logging

    import vobject

    # vobject logs each line it skips (a 2.1 soft line break) as an ERROR: our own
    # reader has read those lines already, so its complaint is no news to the owner
    logging.getLogger("vobject.base").setLevel(logging.CRITICAL)
    try:
        return vobject.readOne(block, ignoreUnreadable=True)
    except Exception:  # a client's odd card: the tolerant reader's fields stand alone
        return None


# --- our own records, typed for the store ---------------------------------------------

def _when(text: Any) -> dt.datetime | None:
    if text in (None, ""):
        return None
    value = dt.datetime.fromisoformat(str(text))
    if value.tzinfo is None:
        raise ValueError(f"time without a zone: {text}")
    return value.astimezone(dt.UTC)


def _day(text: Any) -> dt.date | None:
    return dt.date.fromisoformat(str(text)) if text not in (None, "") else None


def _opt(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


# The longest value each keyed or short column holds (followup/store/schema.py).
_KEY_LIMITS = {"account": 200, "folder": 500, "uid": 200, "content_hash": 128, "kind": 20,
               "language": 16, "template": 200, "draft_key": 200, "sequence": 100}


def restore_of(contact: dict[str, Any], notes: Iterable[dict[str, Any]],
               followups: Iterable[dict[str, Any]]) -> Restore:
    """The records of our own export (JSON names, as written), typed; ValueError (or
    KeyError, TypeError) when one cannot be read: the card is then skipped, not guessed."""
    from followup.model import FollowUpChannel, FollowUpStatus, NoteStatus

    typed_notes = tuple({
        "id": int(n["id"]), "account": str(n["account"]), "folder": str(n["folder"]),
        "uidvalidity": int(n["uidvalidity"]), "uid": str(n["uid"]),
        "content_hash": str(n.get("content_hash") or f"restored:{n['uid']}"),
        "message_id": _opt(n.get("message_id")), "subject": _opt(n.get("subject")),
        "status": str(NoteStatus(n["status"])), "reason": _opt(n.get("reason")),
        "received_at": _when(n["received_at"]), "kind": _opt(n.get("kind")),
        "note_text": _opt(n.get("text")), "met_at": _opt(n.get("met_at")),
        "met_on": _day(n.get("met_on")), "follow_up_on": _day(n.get("follow_up_on")),
        "tags": [str(t) for t in n.get("tags") or ()],
        "forwarded_message_id": _opt(n.get("forwarded_message_id")),
        "forwarded_at": _when(n.get("forwarded_at")), "language": _opt(n.get("language")),
        "action": _opt(n.get("action")),
    } for n in notes)
    typed_followups = tuple({
        "note_id": int(f["note_id"]), "step": int(f["step"]), "template": str(f["template"]),
        "due_at": _when(f["due_at"]), "status": str(FollowUpStatus(f["status"])),
        "draft_key": str(f["draft_key"]), "drafted_at": _when(f.get("drafted_at")),
        "draft_to": _opt(f.get("to")), "draft_subject": _opt(f.get("subject")),
        "created_at": _when(f.get("created_at")) or _when(f["due_at"]),
        "sequence": str(f.get("sequence") or "default"),
        "channel": str(FollowUpChannel(f.get("channel") or "draft")),
        "reason": _opt(f.get("reason")), "closed_at": _when(f.get("closed_at")),
        "sent_at": _when(f.get("sent_at")),
        "thread_message_id": _opt(f.get("thread_message_id")),
    } for f in followups)
    if any(n["received_at"] is None for n in typed_notes) or any(
            f["due_at"] is None for f in typed_followups):
        raise ValueError("a note without its received time or a follow-up without its due time")
    records: list[dict[str, Any]] = [*typed_notes, *typed_followups]
    for record in records:
        for key, limit in _KEY_LIMITS.items():
            if len(str(record.get(key) or "")) > limit:  # a key cut short is another key
                raise ValueError(f"{key} longer than {limit} characters")
    return Restore(typed_notes, typed_followups, _when(contact.get("created_at")),
                   _when(contact.get("last_contact_at")),
                   tuple(str(f) for f in contact.get("owner_fields") or ()),
                   tuple(str(f) for f in contact.get("edited_fields") or ()))


def _as_text(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    street = getattr(value, "street", None)
    if street is not None:  # vobject's Address: we write the one-line address as street
        return ", ".join(street) if isinstance(street, list) else str(street)
    return str(value)


def _exact_person(parsed: ParsedContact, f: dict[str, list[str]]) -> ParsedContact:
    """Our own card: the stored values as written (no cleaning of names or addresses)."""
    urls = f.get("url", [])
    linkedin = _first(f, "x-socialprofile")
    website = next((u for u in urls if u != linkedin), None)
    return replace(
        parsed, full_name=None if "x-followup-no-name" in f else _first(f, "fn"),
        emails=tuple(f.get("email", parsed.emails)), phones=tuple(f.get("tel", parsed.phones)),
        company=_first(f, "org"), title=_first(f, "title"), website=website,
        linkedin=linkedin, address=_first(f, "adr"))


def _first(fields: dict[str, list[str]], name: str) -> str | None:
    values = fields.get(name)
    return values[0] if values and values[0] else None


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def read_csv_file(text: str, region: str = "US") -> ReadResult:
    """Every row of an Outlook or Google Contacts CSV (or ours) as a card. Never raises."""
    result = ReadResult()
    try:
        rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error as exc:
        result.skipped.append(f"not a CSV file: {exc}")
        return result
    for number, row in enumerate(rows, start=2):  # line 1 is the header
        card = _csv_card(row, region)
        if card is None:
            result.skipped.append(f"row {number}: no name, email or phone")
        else:
            result.cards.append(card)
    return result


def _cells(row: dict[str, Any], test: re.Pattern[str]) -> list[str]:
    """Every value (split at MULTI) of the columns whose name matches `test`, in order."""
    values: list[str] = []
    for name, cell in row.items():
        if name and isinstance(cell, str) and cell.strip() and test.search(name):
            values.extend(v.strip() for v in cell.split(":::") if v.strip())
    return values


_EMAIL_COL = re.compile(r"e-?mail.*(address|value)|^e-?mail$", re.IGNORECASE)
_PHONE_COL = re.compile(r"(phone|mobile|tel).*(value)?$|^phone \d+ - value$", re.IGNORECASE)
_NOT_PHONE = re.compile(r"type|label|fax|pager|telex", re.IGNORECASE)


def _csv_card(row: dict[str, Any], region: str) -> ImportedCard | None:
    from followup.parsing.phones import normalize_phone

    def one(*names: str) -> str | None:
        for name in names:
            cell = row.get(name)
            if isinstance(cell, str) and cell.strip():
                return cell.strip()
        return None

    name = one("Name", "Display Name", "Full Name") or " ".join(
        p for p in (one("First Name", "Given Name"), one("Middle Name", "Additional Name"),
                    one("Last Name", "Family Name")) if p) or None
    emails = tuple(dict.fromkeys(e.lower() for e in _cells(row, _EMAIL_COL) if "@" in e))
    raw_phones = [v for k, v in row.items() if k and isinstance(v, str) and v.strip()
                  and _PHONE_COL.search(k) and not _NOT_PHONE.search(k)]
    phones = tuple(dict.fromkeys(
        p for cell in raw_phones for v in cell.split(":::")
        if (p := normalize_phone(v.strip(), region))))
    if not (name or emails or phones):
        return None
    met_at, met_on = one("Met At"), _date(one("Met On"))
    notes_cell = one("Notes") or ""
    ours = "Met At" in row or "Met On" in row
    person = ParsedContact(
        full_name=name, emails=emails, phones=phones,
        company=one("Company", "Organization 1 - Name", "Organization Name"),
        title=one("Job Title", "Organization 1 - Title", "Organization Title"),
        website=one("Web Page", "Website 1 - Value"), linkedin=one("LinkedIn"),
        address=one("Business Street", "Address 1 - Formatted", "Home Street"))
    notes = _strip_meeting(notes_cell, met_at, met_on) if ours else notes_cell
    source = "\x1f".join(f"{k}={v}" for k, v in row.items())
    return ImportedCard(person, met_at, met_on, (notes,) if notes.strip() else (), source)


def _strip_meeting(text: str, met_at: str | None, met_on: dt.date | None) -> str:
    line = meeting_line(met_at, met_on)
    if line and text.startswith(line):
        return text[len(line):].lstrip("\n")
    return text


def read_json_file(text: str) -> ReadResult:
    """The cards of our own JSON export (`followup export --format json`)."""
    import json

    result = ReadResult()
    try:
        rows = json.loads(text)
    except ValueError as exc:
        result.skipped.append(f"not JSON: {exc}")
        return result
    for number, row in enumerate(rows if isinstance(rows, list) else [], start=1):
        try:
            result.cards.append(_json_card(row))
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            result.skipped.append(f"entry {number}: {exc}")
    return result


def _json_card(row: dict[str, Any]) -> ImportedCard:
    import json

    person = ParsedContact(
        full_name=row.get("full_name"), emails=tuple(row.get("emails") or ()),
        phones=tuple(row.get("phones") or ()), company=row.get("company"),
        title=row.get("title"), website=row.get("website"), linkedin=row.get("linkedin"),
        address=row.get("address"))
    if not (person.full_name or person.emails or person.phones):
        raise ValueError("no name, email or phone")
    source = json.dumps({k: v for k, v in row.items() if k not in ("id", "created_at")},
                        sort_keys=True)
    entries = list(row.get("notes") or ())
    records = [n for n in entries if isinstance(n, dict)]
    # an export before follow-ups were restored kept only each note's text
    texts = tuple(n for n in entries if isinstance(n, str) and n) or tuple(
        str(n["text"]) for n in records if n.get("text"))
    restore = restore_of(row, records, row.get("followups") or ()) if records else None
    return ImportedCard(person, row.get("met_at"), _date(row.get("met_on")),
                        tuple(dict.fromkeys(texts)), source, restore)

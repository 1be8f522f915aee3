"""The owner's instructions, read from text: timing for snooze/reschedule, commands by mail
(`#cancel`, `#snooze 2w`, `#skip`, `#forget`, `#fix FIELD VALUE`), labelled corrections and
"no follow-up needed". Pure: no store, no mailbox, `now` comes in as an argument.

Commands by mail
    The first line of the note's own text (or, when the body has none, its Subject without
    "Re:"/"Fwd:") that starts with `#cancel`, `#snooze`, `#skip`, `#forget` or `#fix` is a
    command. Its target is, in this order: an email address in the line; a digest entry
    by its number (`#snooze 2w 3`, `#cancel 3`, `#fix title CTO for 3` in a reply to the
    digest, whose Message-ID is in In-Reply-To/References; or the Subject
    `followup digest YYYY-MM-DD entry 3: ...` an entry's link writes); the contact of a
    digest entry the note replies to (a Message-ID `<digest.YYYY-MM-DD.contact-ID@HOST>`
    in In-Reply-To or References, as an entry's link writes it); the rest of the line as
    a full name (exact match only). The decision about which contact that is belongs to
    the caller (`control.resolve_target`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from followup.parsing.addresses import AddressError, parse_mailbox_list
from followup.parsing.phones import normalize_phone
from followup.parsing.timing import find_follow_up_on
from followup.planning import DraftingWindow, window_start_on_or_after

VERBS = ("cancel", "snooze", "skip", "forget", "fix")
# what `#fix FIELD VALUE` may correct, by the words the owner may use for it
FIX_FIELDS = {
    "email": "email", "mail": "email", "e-mail": "email",
    "name": "full_name", "title": "title", "role": "title", "company": "company",
    "org": "company", "phone": "phone", "tel": "phone", "mobile": "phone",
    "website": "website", "web": "website", "linkedin": "linkedin", "address": "address",
    "met": "met_at", "met_at": "met_at", "where": "met_at",
}
_COMMAND = re.compile(r"^\s*#(cancel|snooze|skip|forget|fix)\b[:\s]*(.*)$", re.I)
_EMAIL = re.compile(r"<?([A-Za-z0-9._%+\-']+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})>?")
# The Message-ID a digest entry carries, documented for the digest's author (issue 9)
DIGEST_ENTRY_ID = re.compile(r"<digest\.\d{4}-\d{2}-\d{2}\.contact-(\d+)@[^<>\s]+>", re.I)
# A digest's own Message-ID (digest.new_message_id): a plain reply to the whole digest
DIGEST_ID = re.compile(r"<digest\.\d{4}-\d{2}-\d{2}\.[0-9a-f]{16}@[^<>\s]+>", re.I)
_ANY_DIGEST_ID = re.compile(r"<digest\.\d{4}-\d{2}-\d{2}\.[\w-]+@[^<>\s]+>", re.I)
# The Subject an entry's mailto: link writes (digest.entry_link), kept by every client
_SUBJECT_ENTRY = re.compile(r"\bfollowup digest (\d{4}-\d{2}-\d{2}) entry (\d{1,4})\b", re.I)
# an entry named by its number in the command line: "3", "#3", "no. 3", "nr 3"
_ENTRY_NUMBER = re.compile(r"^(?:#|(?:no|nr|entry)\.?\s*)?(\d{1,4})$", re.I)
_DURATION = re.compile(r"^\s*(\d{1,3})\s*(d|w|m|y|days?|weeks?|wks?|months?|mos?|years?)\s*$",
                       re.I)
_PREFIX = re.compile(r"^\s*(?:(?:re|fwd?|aw|wg|tr)\s*:\s*)+", re.I)


class WhenError(ValueError):
    """A snooze or reschedule text that names no day."""


@dataclass(frozen=True)
class MailCommand:
    """A command by mail, as written: what to do, to whom, and its arguments."""

    verb: str  # one of VERBS
    text: str  # the rest of the line after the verb
    email: str | None = None  # a target named by address
    digest_contact: int | None = None  # a target named by a replied-to digest entry
    entry: int | None = None  # a target named by its number in a digest
    digest_ids: tuple[str, ...] = ()  # the digests (Message-IDs) the note replies to
    digest_day: dt.date | None = None  # the digest an entry link's Subject names
    name: str | None = None  # a target named by full name (exact)
    when: str | None = None  # #snooze: the timing text
    field: str | None = None  # #fix: the field (a contact column, or "email"/"phone")
    value: str | None = None  # #fix: the new value
    problem: str | None = None  # set when the command itself cannot be understood

    def describe(self) -> str:
        return f"#{self.verb} {self.text}".strip()


def resolve_day(text: str, base: dt.datetime, tz: ZoneInfo) -> dt.date:
    """The day `text` names, counted from `base` in the owner's time zone: the timing
    syntax of notes ("1w", "2 weeks", "next monday", "in 3 days", "June 2", "2026-07-01")."""
    spec = " ".join(text.split())
    if not spec:
        raise WhenError("say when, e.g. 1w, 3d, 'next monday' or 2026-07-01")
    local = base.astimezone(tz)
    phrase = f"#followup {spec}" if _DURATION.match(spec) else f"follow up {spec}"
    day = find_follow_up_on(phrase, local)
    if day is None:
        raise WhenError(f"cannot read a day from {text!r}: write e.g. 1w, 3d, "
                        "'next monday', 'in 2 weeks' or 2026-07-01")
    return day


def due_moment(day: dt.date, now: dt.datetime, window: DraftingWindow,
               tz: ZoneInfo) -> dt.datetime:
    """When a follow-up moved to local `day` falls due: the window's opening that day, or
    now when that is already past (a day in the past is refused by the caller)."""
    return max(window_start_on_or_after(day, window, tz), now)


def read_command(text: str | None, subject: str | None,
                 references: Sequence[str] = ()) -> MailCommand | None:
    """The command in a note (module docstring), or None when the note is no command."""
    line = _command_line(text) or _command_line(_PREFIX.sub("", subject or ""))
    if line is None:
        return None
    match = _COMMAND.match(line)
    assert match is not None
    verb, rest = match.group(1).lower(), " ".join(match.group(2).split())
    digest = next((int(m.group(1)) for r in references
                   for m in DIGEST_ENTRY_ID.finditer(r)), None)
    command = _fix_command(rest, digest) if verb == "fix" else _plain_command(verb, rest, digest)
    return _with_entry(command, subject, references)


def _plain_command(verb: str, rest: str, digest: int | None) -> MailCommand:
    email_match = _EMAIL.search(rest)
    email = email_match.group(1).lower() if email_match else None
    left = _EMAIL.sub(" ", rest).strip(" ,;") if email else rest
    when, name = None, None
    if verb == "snooze":
        when, name = _split_when(left, named=bool(email or digest))
    elif not (email or digest):
        name = left or None
    return MailCommand(verb, rest, email=email, digest_contact=digest, name=name, when=when)


def _with_entry(command: MailCommand, subject: str | None,
                references: Sequence[str]) -> MailCommand:
    """The digest entry a command names: its number in the line (then the "name"), or the
    Subject of an entry's link; the digests replied to, to look the number up in."""
    digest_ids = tuple(r for r in references if DIGEST_ID.fullmatch(r))
    number = _ENTRY_NUMBER.match(command.name or "")
    entry = int(number.group(1)) if number else None
    by_subject = _SUBJECT_ENTRY.search(subject or "")
    day = None
    if by_subject:
        try:
            day = dt.date.fromisoformat(by_subject.group(1))
        except ValueError:
            by_subject = None
    problem = command.problem
    if by_subject and entry is not None and entry != int(by_subject.group(2)):
        problem = problem or (f"the line names entry {entry}, the Subject entry "
                              f"{by_subject.group(2)}: which one?")
    if by_subject and entry is None and not command.name:
        entry = int(by_subject.group(2))
    if entry is None:
        return replace(command, digest_ids=digest_ids)
    return replace(command, name=None, entry=entry, digest_ids=digest_ids,
                   digest_day=day if by_subject else None, problem=problem)


def _command_line(text: str | None) -> str | None:
    for line in (text or "").splitlines():
        if line.strip():
            return line if _COMMAND.match(line) else None
    return None


def _split_when(text: str, *, named: bool) -> tuple[str | None, str | None]:
    """`#snooze 2w Jane Doe`: the timing comes first. With the person named otherwise, all
    of it is timing ("next monday"); else a duration token, then the name."""
    if named or not text:
        return (text or None), None
    words = text.split(" ")
    # "2w Jane", "next monday Jane", "in 2 weeks Jane": how many words the timing takes
    width = {"next": 2, "in": 3}.get(words[0].lower(), 1 if _DURATION.match(words[0]) else 0)
    if not width or len(words) <= width:
        return text, None
    return " ".join(words[:width]), " ".join(words[width:])


def _fix_command(rest: str, digest: int | None) -> MailCommand:
    """`#fix FIELD VALUE [for TARGET]`, the target also as an address after the value."""
    word, _, tail = rest.partition(" ")
    field = FIX_FIELDS.get(word.lower().rstrip(":"))
    if field is None:
        return MailCommand("fix", rest, digest_contact=digest, problem=(
            f"#fix needs a field first ({', '.join(sorted(set(FIX_FIELDS)))}), "
            f"not {word or 'nothing'!r}"))
    tail = tail.strip()
    target_email: str | None = None
    value = tail
    # "#fix title CTO for jane@acme.example" or "#fix email new@x jane@old.example"
    m = re.match(r"^(.*?)\s+(?:for|of|für|pour|para)\s+(.+)$", tail, re.I)
    target_text = m.group(2) if m else None
    if m:
        value = m.group(1)
    emails = [e.lower() for e in _EMAIL.findall(tail)]
    if field == "email":
        value = emails[0] if emails else value
        target_email = emails[1] if len(emails) > 1 else None
    elif target_text is None and emails:
        target_email = emails[-1]
        value = _EMAIL.sub(" ", value).strip()
    if target_text is not None and _EMAIL.search(target_text):
        target_email = _EMAIL.search(target_text).group(1).lower()  # type: ignore[union-attr]
        target_text = None
    value = value.strip(" ,;")
    problem = None if value else f"#fix {word} needs the new value"
    return MailCommand("fix", rest, email=target_email, digest_contact=digest,
                       name=target_text, field=field, value=value or None, problem=problem)


def check_email(value: str) -> str:
    """`value` as a plain lower-cased address; ValueError says what is wrong with it."""
    text = value.strip()
    try:
        found = parse_mailbox_list(text, strict=True)
    except AddressError as exc:
        raise ValueError(f"{text!r} is not an email address ({exc})") from None
    if len(found) != 1 or found[0].name or "." not in found[0].domain \
            or found[0].addr_spec != text:
        raise ValueError(f"{text!r} is not an email address (write it as name@example.org)")
    return text.lower()


def check_phone(value: str, region: str) -> str:
    """`value` in E.164 after normalising (national numbers take `region`)."""
    e164 = normalize_phone(value, region)
    if e164 is None:
        raise ValueError(f"{value.strip()!r} is not a phone number followup can read; write "
                         "it with its country code, e.g. +49 30 1234567")
    return e164


# "No follow-up needed", in the languages the notes come in; the sentence says the plan
# should stop, so it cancels instead of drafting (timing.py only stops it from giving a day).
# Each phrase negates the NEED (or says the person already answered); a bare negation of
# the act is a fact, not a wish: "did not follow up yet", "haven't replied yet".
_NO_FOLLOW_UP = re.compile(
    r"(?<![\w#])(?:"
    r"no\s+(?:further\s+)?(?:f/u|fu|fup|follow[\s-]*ups?|followup)"
    r"(?:\s+(?:needed|necessary|required))?|"
    r"no\s+need\s+(?:to|for)\s+(?:a\s+)?(?:f/u|follow[\s-]*up|followup|chase|ping|reach\s+out)|"
    r"(?:don'?t|do\s+not|won'?t|will\s+not)\s+(?:f/u|follow[\s-]*up|chase|ping)|"
    r"(?:(?:does|do)(?:n'?t|\s+not)\s+need|needn'?t|need\s+not)\s+(?:to\s+|a\s+)?"
    r"(?:f/u|follow[\s-]*up|chase|ping)|"
    r"(?:f/u|follow[\s-]*up|chasing)\s+(?:is\s+)?(?:not|un)\s*(?:needed|necessary|required)|"
    r"not\s+necessary\s+to\s+(?:f/u|follow[\s-]*up|chase)|nothing\s+to\s+follow\s+up|"
    r"already\s+(?:replied|answered|responded|wrote\s+back|followed\s+up|in\s+touch)|"
    r"(?:she|he|they)\s+(?:has|have)\s+already\s+(?:replied|answered|responded)|"
    r"kein(?:e|en)?\s+(?:follow[\s-]*up|nachfassen|wiedervorlage)(?:\s+nötig)?|"
    r"(?:nachfassen|follow[\s-]*up)\s+(?:ist\s+)?(?:nicht|un)\s*(?:nötig|notwendig|erforderlich)|"
    r"nicht\s+nachfassen|hat\s+(?:schon|bereits)\s+geantwortet|bereits\s+geantwortet|"
    r"pas\s+(?:de|besoin\s+de)\s+(?:relance|relancer|suivi)|ne\s+pas\s+relancer|"
    r"a\s+déjà\s+répondu|déjà\s+répondu|"
    r"sin\s+seguimiento|no\s+hace\s+falta\s+(?:hacer\s+(?:el\s+)?)?seguimiento|"
    r"ya\s+(?:ha\s+)?respondi[óo]|ya\s+contest[óo]|"
    r"nessun\s+follow[\s-]*up|non\s+(?:serve\s+)?ricontattare|ha\s+già\s+risposto|"
    r"geen\s+follow[\s-]*up(?:\s+nodig)?|niet\s+opvolgen|heeft\s+al\s+geantwoord|"
    r"sem\s+(?:follow[\s-]*up|acompanhamento)|já\s+respondeu|"
    r"não\s+(?:precisa|é\s+preciso)\s+(?:de\s+)?(?:follow[\s-]*up|acompanhamento)"
    r")", re.I)
# Words in the same clause that turn the phrase into a condition, a question or a "not
# yet": "if he already replied", "noch kein Follow-up", "no follow-up yet", "sin
# seguimiento todavía", "nog geen follow-up", "se ha già risposto".
_CUE_BEFORE = re.compile(
    r"(?:\b(?:if|whether|unless|not|never|still|wenn|ob|falls|nicht|noch|nie|si|encore|"
    r"jamais|todavía|aún|nunca|ancora|se|nog|niet|nooit|ainda|não)\b|n't\b)", re.I)
_CUE_AFTER = re.compile(
    r"(?:\b(?:yet|so\s+far|until\s+now|as\s+of\s+now|from\s+(?:them|him|her)|if|unless|"
    r"bisher|noch\s+nicht|wenn|falls|encore|pour\s+l'instant|todavía|aún|finora|ancora|"
    r"nog|ainda|ainda\s+não)\b|\?)", re.I)
_CLAUSE = re.compile(r"[.;:!?\n,()]|\s(?:but|aber|mais|pero|ma|maar|mas)\s", re.I)


def says_no_follow_up(text: str | None) -> str | None:
    """The phrase of the owner saying no follow-up is needed, or None (also when its
    clause makes it a condition, a question or a "not yet")."""
    flat = " ".join((text or "").split())
    for match in _NO_FOLLOW_UP.finditer(flat):
        before = _CLAUSE.split(flat[:match.start()])[-1]
        after_text = flat[match.end():]
        end = _CLAUSE.search(after_text)
        after = after_text[:end.end() if end else len(after_text)]
        if not (_CUE_BEFORE.search(before) or _CUE_AFTER.search(after)):
            return match.group(0)
    return None


# Labelled lines of the owner's own note: "Name: Jane Roe", "Met at: PyCon".
_LABELS = {
    "name": "full_name", "full name": "full_name", "name correct": "full_name",
    "title": "title", "role": "title", "position": "title", "company": "company",
    "organisation": "company", "organization": "company", "met at": "met_at",
    "where": "met_at", "event": "met_at", "email": "email", "e-mail": "email",
    "mail": "email", "email address": "email", "e-mail address": "email",
}
_LABEL_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z -]{1,20}?)\s*:\s*(\S.*?)\s*$")
_ADDRESS = re.compile(r"[^\s<>@,;:\"]+@[^\s<>@,;:\"]+\.[^\s<>@,;:\"]+")


def labelled_fields(text: str | None) -> dict[str, str]:
    """field -> value of the labelled lines in the owner's text (the first of each)."""
    found: dict[str, str] = {}
    for line in (text or "").splitlines():
        match = _LABEL_LINE.match(line)
        if match:
            field = _LABELS.get(match.group(1).strip().lower())
            value = " ".join(match.group(2).split())
            if field == "email":  # "Email: Jane <jane@x.example>": the address alone
                address = _ADDRESS.search(value)
                if address is None:
                    continue
                value = address.group(0).lower()
            if field and field not in found:
                found[field] = value
    return found


_REPLY_HEADERS = re.compile(rb"(?im)^(in-reply-to|references)[ \t]*:(.*(?:\r?\n[ \t].*)*)")


def digest_references(header: bytes) -> tuple[str, ...]:
    """The digest and digest-entry Message-IDs a message's In-Reply-To/References name (a
    reply to the digest or to one of its entries), from its raw header block; those of
    In-Reply-To first (the message replied to), then References newest first."""
    if b"digest." not in header:
        return ()
    direct: list[str] = []
    thread: list[str] = []
    for match in _REPLY_HEADERS.finditer(header):
        text = match.group(2).decode("ascii", "replace")
        ids = [m.group(0) for m in _ANY_DIGEST_ID.finditer(text)]
        if match.group(1).lower() == b"in-reply-to":
            direct.extend(ids)
        else:
            thread.extend(reversed(ids))
    return tuple(dict.fromkeys(direct + thread))

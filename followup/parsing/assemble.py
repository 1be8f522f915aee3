"""Putting the parsing pieces together: LoadedMessage -> ParsedNote, as the contract says."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol, runtime_checkable

from followup.model import ForwardedInfo, NoteKind, ParsedContact, ParsedNote
from followup.parsing import cards, forwards, mime, phonelib, phones, rx, timing, vcard
from followup.parsing.freetext import (
    NoteContext,
    Person,
    read_people,
    to_contact_name,
    without_hanging_link,
)
from followup.parsing.geoplaces import geo_regions
from followup.parsing.language import detect_language, guess_language, language_region
from followup.parsing.lexicon import restore
from followup.parsing.mime import Limits, LoadedMessage
from followup.parsing.names import (
    clean_name,
    decode_words,
    fold,
    letters,
    name_tokens,
    visible,
)
from followup.parsing.own_words import introduced_details, text_phones
from followup.parsing.ownertext import find_met_at, find_sequence, find_tags, split_owner_text
from followup.parsing.people import (
    Owner,
    combine,
    is_colleague,
    is_list_address,
    order_by_mention,
    same_person,
)
from followup.parsing.signature import (
    fuller_signed_name,
    parse_signature,
    signature_lines,
)
from followup.parsing.urls import html_links, linkedin_url, unmark

CARD_IMAGE_WARNING = "card image: no text could be read (no OCR)"
_MAX_NESTING = 8


class CardReading(Protocol):
    """What a card reader returns for one image."""

    @property
    def text(self) -> str | None: ...

    @property
    def warnings(self) -> Sequence[str]: ...


@runtime_checkable
class ManyCardReader(Protocol):
    """A card reader that can also read all the images of a note at once, one reading each
    in order (cardimage.read_card_image: one OCR run for a card's front and back)."""

    def __call__(self, data: bytes, /) -> CardReading: ...

    def read_many(self, images: Sequence[bytes], /) -> Sequence[CardReading]: ...


@dataclass(frozen=True)
class ParseOptions:
    """What the parser needs to know besides the message itself."""

    owner_addresses: Sequence[str] = ()  # empty: the outer From is the owner
    region: str = "US"  # default country for national phone numbers
    limits: Limits = Limits()  # noqa: RUF009 - Limits is frozen, sharing it is safe
    # OCR for card photos, injected by the caller (e.g. cardimage.read_card_image): image
    # bytes -> an object with `text` (str | None) and `warnings`. None: no OCR, and
    # parse_message stays pure.
    card_reader: Callable[[bytes], CardReading] | None = None


@dataclass
class _Found:
    """Contacts by source, before they are merged and ordered."""

    forward: list[ParsedContact] = field(default_factory=list)
    note: list[ParsedContact] = field(default_factory=list)
    vcard: list[ParsedContact] = field(default_factory=list)


def parse_message(raw: bytes, options: ParseOptions | None = None) -> ParsedNote:
    """Parse one raw message. Pure: never reads the clock, the network or the disk."""
    options = options or ParseOptions()
    try:
        return _parse(raw, options)
    except Exception as exc:
        return ParsedNote(warnings=(f"this message could not be parsed ({type(exc).__name__}: "
                                    f"{str(exc)[:200]}); no contacts were read",))


def _owner_of(loaded: LoadedMessage, options: ParseOptions) -> Owner:
    owner = Owner()
    if options.owner_addresses:
        owner.emails.update(a.strip().lower() for a in options.owner_addresses if a.strip())
    else:
        owner.emails.update(addr.lower() for _, addr in loaded.from_mailboxes if addr)
    owner.names = [name for name, addr in loaded.from_mailboxes
                   if name and (addr.lower() in owner.emails)]
    if not owner.names:
        owner.names = [name for name, _ in loaded.from_mailboxes if name]
    if not owner.names:  # no display name: "dan.okafor@..." still signs "Dan"
        owner.names = [re.sub(r"[._-]+", " ", addr.split("@")[0]).title()
                       for _, addr in loaded.from_mailboxes if addr]
    return owner


_DIGITS = rx.compile(r"\d")


def _valid(e164: str) -> bool:
    """Read in the default region only because nothing better was known: keep it only when
    it is a real number there ("06 12 34 56 78" is no US number)."""
    phonenumbers = phonelib.phonenumbers()  # lazy: big metadata, patterns kept by rx

    try:
        return bool(phonenumbers.is_valid_number(phonenumbers.parse(e164, None)))
    except phonenumbers.NumberParseException:
        return False


_Spans = Callable[[str], list[tuple[str, int, int]]]


def _phone_finder(hint_text: str, default: str, lang_text: str | None = None
                  ) -> tuple[_Spans, Callable[[str], list[str]]]:
    """Phone readers: numbers read in the country that `hint_text` makes plain, and where
    that reading finds nothing, in the `--region` default. The hint is only worked out
    when a text holds enough digits to be a phone number (region_hint is not cheap).
    `lang_text` (a signature's whole mail) gives the language when `hint_text` is short."""
    region: list[str] = []
    lang_text = lang_text or hint_text
    # a finder can be asked about the same text more than once; its reading depends only
    # on the text (and the region fixed at the first reading), so it is kept
    read: dict[str, list[tuple[str, int, int]]] = {}

    def spans(text: str) -> list[tuple[str, int, int]]:
        if len(_DIGITS.findall(text)) < 6:
            return []
        if text not in read:
            read[text] = _spans(text)
        return list(read[text])

    def _spans(text: str) -> list[tuple[str, int, int]]:
        if not region:
            # a lower-case note ("met at the berlin ai meetup") names places too
            region.append(phones.region_hint(hint_text) or
                          phones.region_hint(string.capwords(hint_text)) or default)
        found = [(e164, start, end) for e164, _raw, start, end in
                 phones.find_phones(text, region[0])]
        if default != region[0]:
            for e164, _raw, start, end in phones.find_phones(text, default):
                if not any(s < end and start < e for _p, s, e in found):
                    found.append((e164, start, end))
            # "Piazza di Spagna 31, 00187 Roma": the next country the text names reads
            # the numbers the first one cannot
            for other in phones.hinted_regions(hint_text)[1:3]:
                found += _valid_in(text, other, found)
        if region[0] == default:
            found = [f for f in found if _valid(f[0])]
            found += _in_language_region(text, lang_text, default, found)
            # nothing stronger: "Sydney", a city that is also a given name, says where
            found += _valid_in(text, phones.name_like_city_region(hint_text), found)
            # a town or district the geocoder knows ("(Zwettl)", "S2000 Rosario"), where the
            # number is written as that country writes it
            # (p-sig12: or a state or region, "Pune, Maharashtra", as weak as a town)
            for town in (*geo_regions(hint_text)[:2], *phones.region_names(hint_text)[:1],
                         *phones.lower_town_regions(hint_text)[:2]):
                found += [f for f in _valid_in(text, town, found)
                          if phones.fitting_regions(text[f[1]:f[2]], (town,))]
            # and last a city named in a declined form ("w Krakowie"), a phone label only one
            # language writes ("Tél :", "Handy") or a firm's legal form ("Wawel Sp. z o.o.")
            for other in (*phones.inflected_city_regions(hint_text)[:2],
                          *phones.label_regions(hint_text)[:4],
                          *phones.legal_form_regions(hint_text)[:3],
                          # (sig10) or the script it is written in (Greek, Hebrew, Hangul)
                          *phones.script_regions(hint_text)[:2],
                          # (p-people3) or a country said as an adjective ("argentinos")
                          *phones.demonym_regions(hint_text)[:2]):
                found += _valid_in(text, other, found)
            # and only then the way the number is written ("07823 456789": the UK)
            found += _written_in(text, lang_text, default, found, hint_text)
        return _national_by_line(text, hint_text, found, lang_text, default)

    def only(text: str) -> list[str]:
        return [e164 for e164, _s, _e in spans(text)]

    return spans, only


def _national_by_line(text: str, hint_text: str, found: list[tuple[str, int, int]],
                      lang_text: str, default: str) -> list[tuple[str, int, int]]:
    """Each number written without a country code, read again in the country its own line,
    the note's shared lines, the note's language or (last) anything else the note names
    makes likely, where it is valid there (phones.national_regions)."""
    lang = language_region(lang_text)
    out: list[tuple[str, int, int]] = []
    unplaced: list[int] = []
    for e164, start, end in found:
        raw = text[start:end]
        if not raw.lstrip().startswith(("+", "00")):
            regions = phones.national_regions(text, start, end, hint_text, lang)
            placed = phones.read_national(raw, regions)
            # (a number the hints' country reads, valid or not, is placed: fictional
            # ranges such as "06 39 ..." are kept as their own country's)
            # (and so is one an earlier step read in another country than the default, by a
            # declined city's name or a label: "Vilniuje, 8 612 34567")
            now = phones.region_of(e164)
            # (p-sig11: a reading in the default's own numbering plan, "+1 343 ..." Canadian
            # for a US default, is the default's reading, not an earlier step's)
            unplaced += [] if placed or now in regions or (
                now and not phones.same_plan(now, default)) else [len(out)]
            e164 = placed or e164
        out.append((e164, start, end))
    return sorted(_place_by_others(text, out, unplaced, lang_text), key=lambda f: f[1])


def _place_by_others(text: str, read: list[tuple[str, int, int]], unplaced: list[int],
                     lang_text: str) -> list[tuple[str, int, int]]:
    """National numbers that nothing in the note placed: read in the country the note's
    other national numbers were placed in (one note's numbers are one country's, "cel.
    341 15 555-2210" makes "fijo 341 555-7788" Argentine too), else in the one country of
    the note's language whose way of writing them they follow ("98450 12345": India)."""
    if not unplaced:
        return read
    placed = [phones.region_of(e164) for i, (e164, s, _e) in enumerate(read)
              if i not in unplaced and not text[s:].lstrip().startswith(("+", "00"))]
    language = guess_language(lang_text)
    out: list[tuple[str, int, int]] = list(read)
    for i in unplaced:
        e164, start, end = read[i]
        raw, default = text[start:end], phones.region_of(e164)
        regions = [r for r in dict.fromkeys(placed) if r and r != default]
        written = phones.written_region(raw, language, default or "US")
        again = phones.read_national(raw, [*regions, *([written] if written else [])])
        out[i] = (again or e164, start, end)
    return out


def _in_language_region(text: str, hint_text: str, default: str,
                        found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """National numbers that are no number in the default region, read in the country of the
    note's language ("Tél : 06 12 34 56 78" in a French note), when valid there."""
    lang_region = language_region(hint_text)
    if lang_region == default:
        return []
    return _valid_in(text, lang_region, found)


_DIGIT_RUN = rx.compile(r"\d[\d ().-]{5,}\d")


def _written_in(text: str, lang_text: str, default: str, found: list[tuple[str, int, int]],
                hint_text: str = "") -> list[tuple[str, int, int]]:
    """National numbers that are no number in the default region, read in the one country
    of the note's language whose way of writing them they follow ("07823 456789" in an
    English note: the UK), or (sig10) whose way of writing fits all the numbers of
    `hint_text` (a signature's) together, when nothing else in the note placed them."""
    language = guess_language(lang_text)
    out: list[tuple[str, int, int]] = []
    joint: list[str | None] = []
    for m in _DIGIT_RUN.finditer(text):
        if any(s < m.end() and m.start() < e for _p, s, e in [*found, *out]):
            continue
        region = phones.written_region(m.group(0).strip(" ().-"), language, default)
        if region is None and not joint:
            runs = [r.group(0).strip(" ().-") for r in _DIGIT_RUN.finditer(hint_text or text)]
            joint.append(phones.written_region_jointly(runs[:4], language, default))
        region = region or (joint[0] if joint else None)
        out += [f for f in _valid_in(text, region, [*found, *out])
                if f[1] < m.end() and m.start() < f[2]]
    return out


def _valid_in(text: str, region: str | None, found: list[tuple[str, int, int]]
              ) -> list[tuple[str, int, int]]:
    """Numbers valid in `region` where `found` has none."""
    if not region or all(any(s <= m.start() and m.end() <= e for _p, s, e in found)
                         for m in _DIGIT_RUN.finditer(text)):
        return []  # (every run of digits is read already: the matcher is slow)
    return [(e164, start, end) for e164, _raw, start, end in phones.find_phones(text, region)
            if _valid(e164) and not any(s < end and start < e for _p, s, e in found)]


def _parse(raw: bytes, options: ParseOptions) -> ParsedNote:
    loaded = mime.load_message(raw, options.limits)
    if loaded.limit_hit:
        return ParsedNote(message_id=loaded.message_id, warnings=tuple(loaded.warnings),
                          limit_hit=loaded.limit_hit, subject=loaded.subject)
    owner = _owner_of(loaded, options)
    warnings = list(loaded.warnings)
    found = _Found()
    fwd, note = _owner_note(loaded, owner, options)
    links = html_links(loaded.html)
    extra_li = tuple(li for li in (linkedin_url(link.href) for link in links
                                   if "linkedin." in link.href.lower()) if li)
    forwarded = _read_forwarded(loaded, fwd, note, owner, options, found, warnings)
    _add_linkedins(found.forward, extra_li)
    for card in loaded.vcards:
        found.vcard.extend(_read_cards(card, options.region, warnings, note))
    has_other = bool(found.forward or found.vcard or forwarded)
    found.note = _note_people(loaded, note, owner, options, links, extra_li, has_other,
                              [*found.forward, *found.vcard])
    contacts, kind = _combine(found, owner, note, forwarded is not None)
    if loaded.images and not has_other and not any(c.emails or c.phones for c in contacts):
        # the details are on the card photo
        kind = NoteKind.CARD_IMAGE
        cards = _read_card_images(loaded.images, options, owner, warnings)
        contacts = order_by_mention(combine([cards, contacts], owner), note) if cards \
            else contacts
    return _assemble(loaded, note, contacts, kind, forwarded, warnings, fwd)


def _owner_note(loaded: LoadedMessage, owner: Owner, options: ParseOptions
                ) -> tuple[forwards.ForwardSplit | None, str]:
    """The forwarded block (None in a reply) and the owner's own words above it, her
    signature cut off and read for her own numbers."""
    fwd = (forwards.split_forward(loaded.text, loaded.date, loaded.subject)
           if loaded.text else None)
    if fwd is not None and fwd.is_reply:
        owner_raw, fwd = fwd.above, None
    else:
        owner_raw = fwd.above if fwd is not None else loaded.text
    owner_text = split_owner_text(unmark(owner_raw), owner.names, frozenset(owner.emails))
    _spans, only = _phone_finder(owner_text.signature, options.region)
    owner.add_signature(owner_text.signature, only(owner_text.signature))
    return fwd, owner_text.note


def _read_forwarded(loaded: LoadedMessage, fwd: forwards.ForwardSplit | None, note: str,
                    owner: Owner, options: ParseOptions, found: _Found, warnings: list[str]
                    ) -> ForwardedInfo | None:
    """The forwarded message (inline, or attached as message/rfc822) and its people."""
    if fwd is not None:
        found.forward = _forward_people(fwd.from_name, fwd.from_addr, fwd.body, loaded.date,
                                        owner, options.region, 0, fwd.to, note)
        found.forward += _mentioned_recipients([*fwd.to, *fwd.cc], note, owner,
                                               unmark(fwd.body), options.region)
        return ForwardedInfo(from_=_from_text(fwd.from_name, fwd.from_addr),
                             subject=fwd.subject, date=fwd.date)
    if not loaded.attached_messages:
        return None
    first = loaded.attached_messages[0]
    name, addr = first.from_mailboxes[0] if first.from_mailboxes else ("", "")
    # several attached messages: each one's writer (forwarded names the first)
    for att in loaded.attached_messages[:10]:
        name_i, addr_i = att.from_mailboxes[0] if att.from_mailboxes else ("", "")
        found.forward += _forward_people(name_i or None, addr_i or None, att.text,
                                         att.date or loaded.date, owner, options.region, 0,
                                         att.to, note)
        found.forward += _mentioned_recipients([*att.to, *att.cc], note, owner)
        for card in att.vcards:
            found.vcard.extend(_read_cards(card, options.region, warnings, note))
    return ForwardedInfo(from_=_from_text(name or None, addr or None), subject=first.subject,
                         date=first.date.isoformat() if first.date else None)


def _note_people(loaded: LoadedMessage, note: str, owner: Owner, options: ParseOptions,
                 links: Sequence[object], extra_li: tuple[str, ...], has_other: bool,
                 known: Sequence[ParsedContact] = ()) -> list[ParsedContact]:
    """The people the owner typed in her own words. Beside a forward or a vCard only those
    with an address or a phone, and (sig10) those the note describes who are the forward's
    or the card's person ("Maya Tremblay, ops mgr at Borealis Freight - her reply below")."""
    spans, _only = _phone_finder(note, options.region)
    link_names, extra_emails = _mailto_hints(links, loaded.text, has_other)
    ctx = NoteContext(
        phone_spans=spans,
        owner_emails=frozenset(owner.emails),
        owner_phones=frozenset(owner.phones),
        owner_hosts=frozenset(owner.hosts | owner.domains),
        owner_names=tuple(owner.names),
        link_names=link_names,
        extra_emails=extra_emails,
        extra_linkedins=extra_li,
    )
    typed = [_person_contact(p, note) for p in read_people(visible(note), ctx)]
    if not has_other:
        return typed
    return [c for c in typed if c.emails or c.phones or (
        (c.title or c.company) and len(name_tokens(c.full_name or "")) > 1 and
        any(same_person(c, k) for k in known))]


def _assemble(loaded: LoadedMessage, note: str, contacts: list[ParsedContact], kind: NoteKind,
              forwarded: ForwardedInfo | None, warnings: list[str],
              fwd: forwards.ForwardSplit | None) -> ParsedNote:
    """The result: contacts plus where, when and what the owner's own words say."""
    accents = _accented_words(loaded.html) if loaded.html else {}
    if accents:
        contacts = [_with_accents(c, accents) for c in contacts]
    ref = loaded.date
    # the owner's own Subject counts as her words where the body says nothing
    said = _own_subject(loaded.subject, forwarded is not None or bool(loaded.attached_messages))
    met_on = (timing.find_met_on(note, ref) or timing.find_met_on(said, ref)) if ref else None
    follow = (_address_follow_up(loaded, contacts, ref) or timing.find_follow_up_on(note, ref)
              or timing.find_follow_up_on(said, ref)) if ref else None
    places = [c.company for c in contacts if c.company]
    names = [c.full_name for c in contacts if c.full_name]
    return ParsedNote(
        message_id=loaded.message_id,
        kind=kind,
        note=note or None,
        contacts=tuple(contacts),
        met_at=_restore(find_met_at(note, places, names) or find_met_at(said, places, names),
                        accents),
        met_on=met_on or (ref.date() if ref else None),
        follow_up_on=follow,
        tags=tuple(dict.fromkeys([*find_tags(note), *find_tags(said)])),
        sequence=find_sequence(note) or find_sequence(said),
        language=_language(fwd.body if fwd else None, loaded.attached_messages, note),
        forwarded=forwarded,
        warnings=tuple(dict.fromkeys(warnings)),
        subject=loaded.subject,
        forwarded_message_id=(loaded.attached_messages[0].message_id
                              if fwd is None and loaded.attached_messages else None),
    )


def _accented_words(html: str) -> dict[str, str]:
    """Words of the HTML body written with letters beyond ASCII, by their folded form: the
    text conversion may have spelled "Jim&eacute;nez" as "Jimenez"."""
    plain = htmllib.unescape(re.sub(r"<[^>]{0,2000}>", " ", html[:300_000]))
    return {fold(w): w for w in re.findall(r"[^\W\d_][\w'’-]*", plain)
            if not w.isascii() and fold(w).isascii()}


def _restore(value: str | None, accents: dict[str, str]) -> str | None:
    if not value or not value.isascii():
        return value
    return re.sub(r"[A-Za-z][\w'-]*", lambda m: accents.get(fold(m.group(0)), m.group(0)), value)


def _with_accents(c: ParsedContact, accents: dict[str, str]) -> ParsedContact:
    return ParsedContact(
        full_name=_restore(c.full_name, accents), emails=c.emails, phones=c.phones,
        company=_restore(c.company, accents), title=_restore(c.title, accents),
        website=c.website, linkedin=c.linkedin, address=_restore(c.address, accents),
    )


def _read_card_images(images: Sequence[bytes], options: ParseOptions, owner: Owner,
                      warnings: list[str]) -> list[ParsedContact]:
    """Contacts from card photos, through the injected OCR; without one, a warning."""
    if options.card_reader is None:
        warnings.append(CARD_IMAGE_WARNING)
        return []
    reader, readings = options.card_reader, []
    many = images[:5]
    for reading in (reader.read_many(many) if isinstance(reader, ManyCardReader) and
                    len(many) > 1 else [reader(data) for data in many]):
        warnings.extend(reading.warnings)
        # a reader that knows each card of the photo says so; a plain one gives its text
        faces = getattr(reading, "faces", None) or ([cards.Face(reading.text)]
                                                     if reading.text else [])
        readings.append([cards.Face(f.text, tuple(f.codes)) for f in faces])
    out = cards.read_faces(readings, options.region,
                           lambda text: _phone_finder(text, options.region)[1])
    if not any(c.emails or c.phones or c.full_name for c in out) and \
            CARD_IMAGE_WARNING not in warnings:
        warnings.append(CARD_IMAGE_WARNING.replace(" (no OCR)", ""))
    return out


_REPLY_PREFIX = rx.compile(r"^\s*(?:\[[^\]]{0,40}\]\s*)?(?:re|fwd?|fw|wg|tr|rv|aw|sv|vs|enc|"
                           r"rif|i|doorst|vl|antw|odp|ynt)\s*:", re.IGNORECASE)


def _language(forwarded: str | None, attached: Sequence[LoadedMessage], note: str
              ) -> str | None:
    """The person's language: their forwarded mail's, else the owner's note's."""
    theirs = forwarded if forwarded is not None else (attached[0].text if attached else None)
    return detect_language(theirs) or detect_language(note)


def _address_follow_up(loaded: LoadedMessage, contacts: Sequence[ParsedContact],
                       ref: dt.datetime) -> dt.date | None:
    """FollowUpThen-style timing in the address the note was sent to ("followup+3d@..."):
    a command, so it comes before the words of the note. The address it came in by
    (Delivered-To, X-Original-To) when the server says so, else To; never a contact's
    (the owner who writes to Jane and Bcc's followup has Jane in To)."""
    if loaded.delivered_to:
        return timing.find_follow_up_in_addresses([a for _, a in loaded.delivered_to], ref)
    theirs = {e.lower() for c in contacts for e in c.emails}
    names = {fold(c.full_name) for c in contacts if c.full_name}
    addresses = [a for name, a in loaded.to
                 if a.lower() not in theirs and not (name and fold(name) in names)]
    return timing.find_follow_up_in_addresses(addresses, ref)


def _own_subject(subject: str | None, forwarding: bool) -> str:
    """The Subject when the owner wrote it (not "Fwd: <their subject>", not a reply)."""
    if not subject or forwarding or _REPLY_PREFIX.match(subject):
        return ""
    return subject


def _from_text(name: str | None, addr: str | None) -> str | None:
    """The forwarded From as written, made safe: encoded words decoded, one line."""
    if name:
        name = " ".join(visible(decode_words(name) if "=?" in name else name).split()) or None
    if addr:
        return f"{name} <{addr}>" if name else f"<{addr}>"
    return name or None


# Which of combine()'s groups are vCards (one record per person).
_CARDS_FIRST = frozenset({0})
_CARDS_SECOND = frozenset({1})


def _combine(found: _Found, owner: Owner, note: str, forwarded: bool
             ) -> tuple[list[ParsedContact], NoteKind]:
    base = combine([found.forward, found.vcard], owner, _CARDS_SECOND)
    typed = [_attach_to_base(c, base) for c in combine([found.note], owner)]
    extra = [c for c in typed if not any(same_person(c, b) for b in base)]
    sources = {name for name, group in (("forward", found.forward), ("vcard", found.vcard))
               if combine([group], owner, _CARDS_FIRST)}
    if extra and base:
        sources.add("note")
    merged = combine([found.forward, found.vcard, typed], owner, _CARDS_SECOND)
    contacts = order_by_mention([_as_carded(c, found.vcard) for c in merged], note)
    if len(sources) >= 2:
        kind = NoteKind.MIXED
    elif "forward" in sources or (forwarded and not sources):
        kind = NoteKind.FORWARD
    elif "vcard" in sources:
        kind = NoteKind.VCARD
    else:
        kind = NoteKind.NOTE
    return contacts, kind


def _as_carded(c: ParsedContact, cards: Sequence[ParsedContact]) -> ParsedContact:
    """sig10: the contract reads a person's name from a vCard's FN and the firm from its ORG: a
    card the person exported of herself wins where her signature or the note spell them
    otherwise ("Dima Volkov" signing, "Dmitri Volkov" on the card; "Acme" and "Acme LLC")."""
    card = next((v for v in cards if set(v.emails) & set(c.emails)), None)
    if card is None:
        return c
    return replace(c, full_name=card.full_name or c.full_name,
                   company=card.company or c.company, title=card.title or c.title)


def _attach_to_base(c: ParsedContact, base: list[ParsedContact]) -> ParsedContact:
    """Details the note gives without a full name ("Ray's cell: ...", "her cell ...") belong to
    the forwarded or carded person it names by first name, or to the only one there is."""
    if not base:
        return c
    toks = name_tokens(c.full_name or "")
    if len(toks) > 1:
        return c
    for b in base:
        named = bool(toks) and name_tokens(b.full_name or "")[:1] == toks
        if named or (not toks and len(base) == 1):
            return replace(c, full_name=b.full_name)
    return c


def _read_cards(text: str, region: str, warnings: list[str], note: str = ""
                ) -> list[ParsedContact]:
    # (p-sig11) the places the note names say where a card's national number is
    near = (*phones.hinted_regions(note), *geo_regions(note), *phones.lower_town_regions(note),
            *([lang] if (lang := language_region(note)) else [])) if note else ()
    cards, warns = vcard.read_vcards(text, region, tuple(dict.fromkeys(near)))
    warnings.extend(warns)
    return list(cards)


def _person_contact(p: Person, note: str = "") -> ParsedContact:
    return ParsedContact(
        full_name=restore(to_contact_name(p)),
        emails=tuple(p.emails),
        phones=tuple(p.phones),
        company=_with_form_dot(restore(p.company), note),
        title=restore(without_hanging_link(p.title)),
        website=p.website,
        linkedin=p.linkedin,
        address=restore(p.address),
    )


# sig9: legal forms written with a dot ("Rainier Timber Co.", "Nordlys Software inc.")
_DOTTED_FORM_END = rx.compile(r"\b(?:Co|Inc|inc|Corp|Bros|Cia|Ltée|ltée)$")


def _with_form_dot(company: str | None, note: str) -> str | None:
    """sig9: "lead at Rainier Timber Co. ben@x.example", "chez Nordlys Software inc. Ouverte":
    the dot after a firm's legal form, read as a full stop, is the form's too where no new
    sentence plainly starts after it (an address, a number, a lower-case word follows) or
    where the form is written as Québec writes it, in lower case ("inc.", "ltée")."""
    form = _DOTTED_FORM_END.search(company or "")
    if not company or not form:
        return company
    for m in re.finditer(re.escape(company) + r"\.", note):
        nxt = note[m.end():m.end() + 3].lstrip()
        if form.group(0).islower() or not nxt[:1].isupper():
            return company + "."
    return company


def _mailto_hints(links: Sequence[object], text: str, has_other: bool
                  ) -> tuple[dict[str, str], tuple[str, ...]]:
    names: dict[str, str] = {}
    extra: list[str] = []
    low = text.lower()
    for link in links:
        href = getattr(link, "href", "")
        shown = getattr(link, "text", "")
        if not href.lower().startswith("mailto:"):
            continue
        addr = href[7:].split("?")[0].strip().lower()
        if "@" not in addr:
            continue
        if shown and "@" not in shown and re.search(r"[^\W\d_]{2}", shown) and \
                len(shown.split()) <= 5:
            names.setdefault(addr, shown)
        if addr not in low and not has_other and addr not in extra:
            extra.append(addr)
    return names, tuple(extra)


def _add_linkedins(contacts: list[ParsedContact], profiles: Sequence[str]) -> None:
    for i, c in enumerate(contacts):
        if c.linkedin:
            continue
        for li in profiles:
            slug = letters(li.rsplit("/in/", 1)[-1])
            toks = [t for t in name_tokens(c.full_name or "") if len(t) >= 3]
            if toks and sum(t in slug for t in toks) >= min(2, len(toks)):
                contacts[i] = replace(c, linkedin=li)
                break


def _mentioned_recipients(people: Sequence[tuple[str, str]], note: str, owner: Owner,
                          body: str = "", region: str = "US") -> list[ParsedContact]:
    """Recipients of the forwarded message whom the owner's note names ("add Tom too"):
    contacts, with (sig10) the number and title the message's `body` gives beside their
    address. Those the note does not name were only copied."""
    _spans, only = _phone_finder(body, region)
    out: list[ParsedContact] = []
    folded = fold(note)
    for name, addr in people:
        if not addr or addr.lower() in owner.emails or is_list_address(addr):
            continue
        clean = clean_name(name)
        if _names(folded, clean):
            found, title = introduced_details(body, clean, addr, only) if body else ([], None)
            out.append(ParsedContact(full_name=clean, emails=(addr.lower(),),
                                     phones=tuple(found), title=title))
    return out


def _recipients(to: Sequence[tuple[str, str]], owner: Owner) -> list[ParsedContact]:
    """The owner forwarded a message she sent: the people she wrote to."""
    return [ParsedContact(full_name=clean_name(name), emails=(addr.lower(),))
            for name, addr in to
            if addr and addr.lower() not in owner.emails and not is_list_address(addr)]


def _forward_people(name: str | None, addr: str | None, body: str, ref: dt.datetime | None,
                    owner: Owner, region: str, depth: int,
                    to: Sequence[tuple[str, str]] = (), context: str = "") -> list[ParsedContact]:
    """The people a forwarded message is about: its writer, or whoever it passes on.
    `context` is the owner's note above it: where she met the writer ("la feria en
    Medellín") says where his numbers are when his signature does not."""
    addr = addr.lower() if addr else None
    body = unmark(body)
    inner = forwards.split_forward(body, ref) if body and depth < _MAX_NESTING else None
    passer = addr is None or addr in owner.emails or is_colleague(addr, owner) or \
        is_list_address(addr or "")
    # (sig9: a writer's answer above the owner's own message, quoted under an Outlook
    # header block, is his reply: he is the person, not the owner's recipients)
    own_quoted = inner is not None and not passer and \
        (inner.from_addr or "").lower() in owner.emails
    if inner is not None and not inner.is_reply and not own_quoted and \
            (passer or (len(inner.above.strip()) < 400 and
                        not _note_names_only(context, name, inner.from_name))):
        return _forward_people(inner.from_name, inner.from_addr, inner.body, ref, owner, region,
                               depth + 1, inner.to, context)
    if addr is not None and addr in owner.emails:
        if _answers_recipient(inner, to, owner) and inner is not None:
            # sig10: the owner's own reply, the person's message quoted under it
            return [*_forward_people(inner.from_name, inner.from_addr, inner.body, ref, owner,
                                     region, depth + 1, inner.to, context),
                    *_recipients(to, owner)]
        return _recipients(to, owner)
    if addr is not None and is_list_address(addr):
        return []
    if is_colleague(addr, owner):
        return _people_in_body(body, owner, region)
    name = clean_name(name)
    sig_lines = signature_lines(body, name)
    sig_text = "\n".join(sig_lines)
    hints = "\n".join(t for t in (sig_text, addr or "", context) if t)
    if sig_text and geo_regions(sig_text) and not phones.region_hint(sig_text):
        # (sig9: a town in the signature's own address places its numbers; the owner's note
        # may name another country's city: "Palermo" in Buenos Aires, a sig in Mendoza)
        hints = "\n".join(t for t in (sig_text, addr or "") if t)
    _spans, only = _phone_finder(hints, region, body)
    sig = parse_signature(body, name, addr, only)
    emails = [e for e in ([addr] if addr else []) + sig.emails if not is_list_address(e)]
    contact = ParsedContact(
        full_name=clean_name(fuller_signed_name(sig_lines, name)) or name or clean_name(sig.name),
        emails=tuple(dict.fromkeys(emails)),
        phones=tuple(dict.fromkeys([*sig.phones, *text_phones(body, name, only)])),
        company=sig.company,
        title=sig.title,
        website=sig.website,
        linkedin=sig.linkedin,
        address=sig.address,
    )
    earlier = forwards.quoted_message_by(inner, ref, addr) \
        if addr and depth < _MAX_NESTING \
        and not (sig.phones or sig.company or sig.title) else None
    if earlier is not None:
        # sig10: a short reply from her phone; her signature is on her earlier message
        return [contact, *_forward_people(name, addr, earlier.body, ref, owner, region,
                                          depth + 1, to, context)]
    return [contact]


def _note_names_only(note: str, writer: str | None, other: str | None) -> bool:
    """sig10: the owner's note names the writer ("Agnė's reply, the whole thread below") and
    not the sender of a message she passes on inside hers: the writer is the person."""
    folded = fold(note)
    return bool(note) and _names(folded, clean_name(writer)) and \
        not _names(folded, clean_name(other))


def _names(folded: str, name: str | None) -> bool:
    """The (folded) note names the person `name` (a clean name) by a word of three letters or
    more of it ("add Tom too")."""
    return any(re.search(rf"\b{re.escape(t)}\b", folded)
               for t in name_tokens(name or "") if len(t) >= 3)


def _answers_recipient(inner: forwards.ForwardSplit | None, to: Sequence[tuple[str, str]],
                       owner: Owner) -> bool:
    """The owner's message quotes one by a person she wrote to ("On Mon, Tomasz ... wrote:")."""
    quoted = (inner.from_addr or "").lower() if inner is not None and inner.is_reply else ""
    return bool(quoted) and quoted not in owner.emails and not is_list_address(quoted) and \
        (not to or quoted in {a.lower() for _n, a in to})


def _people_in_body(body: str, owner: Owner, region: str) -> list[ParsedContact]:
    """A colleague passed the message on: the people her own text names with details."""
    spans, _only = _phone_finder(body, region)
    ctx = NoteContext(phone_spans=spans,
                      owner_emails=frozenset(owner.emails), owner_phones=frozenset(owner.phones),
                      require_details=True)
    return [_person_contact(p) for p in read_people(body, ctx)]

"""Safe loading of untrusted RFC 5322 bytes: limits, outer headers, text, attachments.

Owned by the MIME layer. Everything above it sees a LoadedMessage and never the raw
`email` objects, so limits and charset quirks are handled in one place.

Why not `policy.default`: on CPython 3.11 its structured-header parser raises on tiny
inputs (IndexError, ValueError on NUL), recurses without bound on deep nesting and is
quadratic on long address lists (gh-136063). We pre-scan the raw bytes to enforce size,
header and MIME-structure limits, parse with a `compat32` policy that hands header
values back untouched, and decode headers and addresses with our own small parsers
(`charsets`, `addresses`; HTML bodies go through `html`).
"""

from __future__ import annotations

import datetime as dt
import email
import email.message
import email.utils
import re
from dataclasses import dataclass, field
from email.policy import Compat32
from typing import Any

from followup.parsing import rx
from followup.parsing.addresses import AddressError, Mailbox, parse_mailbox_list
from followup.parsing.charsets import clean_text, decode_bytes, decode_words, raw_header_text
from followup.parsing.headers import HeaderScan, header_values, scan_headers
from followup.parsing.html import html_to_text

# Re-exported: these lived here before the header, address, charset and HTML parts moved out.
__all__ = [
    "AddressError",
    "Attachment",
    "HeaderScan",
    "Limits",
    "LoadedMessage",
    "Mailbox",
    "clean_text",
    "decode_bytes",
    "decode_words",
    "header_values",
    "html_to_text",
    "load_message",
    "parse_date",
    "parse_mailbox_list",
    "raw_header_text",
    "scan_headers",
]


@dataclass(frozen=True)
class Limits:
    """Caps applied before and while parsing, so hostile mail ends quickly and safely."""

    max_bytes: int = 25 * 1024 * 1024
    max_headers: int = 1000
    max_header_bytes: int = 256 * 1024
    max_depth: int = 20
    max_parts: int = 500
    max_text_chars: int = 100_000  # the contact extractors are not linear in text size
    max_lines: int = 500_000  # email's parser keeps one str per line: 12M lines is 1 GB
    max_field_chars: int = 16 * 1024  # one unfolded header field, decoded
    max_addresses: int = 100  # mailboxes kept per address field
    max_messages: int = 50  # message/rfc822 parts in the whole message
    max_html_chars: int = 100_000  # HTML handed to html2text (pure Python, ~300 KB/s)
    max_vcards: int = 50
    max_vcard_bytes: int = 1024 * 1024
    max_images: int = 10
    max_image_bytes: int = 15 * 1024 * 1024


@dataclass(frozen=True)
class Attachment:
    """What we know of one attachment, for display and sniffing; never used as a path."""

    filename: str | None
    content_type: str
    size: int


@dataclass
class LoadedMessage:
    """The parts of a message the parser reads, decoded and capped."""

    from_mailboxes: list[tuple[str, str]] = field(default_factory=list)  # (display name, addr)
    to: list[tuple[str, str]] = field(default_factory=list)
    cc: list[tuple[str, str]] = field(default_factory=list)
    subject: str | None = None
    date: dt.datetime | None = None  # tz-aware, in the header's own offset
    message_id: str | None = None
    text: str = ""  # best text body; HTML converted to text (links kept as text)
    html: str | None = None  # original HTML body when there was one
    vcards: list[str] = field(default_factory=list)
    attached_messages: list[LoadedMessage] = field(default_factory=list)  # message/rfc822
    images: list[bytes] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    limit_hit: str | None = None  # why the message needs review (also in warnings)
    attachments: list[Attachment] = field(default_factory=list)
    reply_to: list[tuple[str, str]] = field(default_factory=list)
    # Delivered-To and X-Original-To: the address the note came in by ("followup+3d@...")
    delivered_to: list[tuple[str, str]] = field(default_factory=list)


# --------------------------------------------------------------------------------------
# Header fields
# --------------------------------------------------------------------------------------


def _address_field(values: list[bytes], limits: Limits, warnings: list[str],
                   what: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for raw in values:
        text = _field_text(raw, limits, warnings, what)
        try:
            boxes = parse_mailbox_list(text, strict=False, warnings=warnings, what=what,
                                       max_count=limits.max_addresses - len(out))
        except AddressError as exc:
            warnings.append(f"{what}: unreadable address field ({exc})")
            continue
        out.extend((b.name, b.addr_spec.lower()) for b in boxes)
    return out


def _field_text(raw: bytes, limits: Limits, warnings: list[str], what: str) -> str:
    if len(raw) > limits.max_field_chars:
        warnings.append(f"{what}: field longer than {limits.max_field_chars} bytes; truncated")
        raw = raw[: limits.max_field_chars]
    return raw_header_text(raw, warnings, what)


# --------------------------------------------------------------------------------------
# MIME structure pre-scan
# --------------------------------------------------------------------------------------

_BOUNDARY_PARAM_RE = re.compile(
    rb"""boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))""", re.I)
_DELIM_LINE_RE = re.compile(rb"^--([^\r\n]{1,260})", re.M)
# email's parser nests a message inside every message/* part (not only rfc822), and
# the field may be folded right after the colon.
_RFC822_RE = re.compile(rb"^content-type:\s*message/", re.I | re.M)


@dataclass
class _Cut:
    at: int
    reason: str
    is_limit: bool  # True: the message goes to review; False: a warning is enough


def _scan_structure(raw: bytes, start: int, limits: Limits) -> _Cut | None:
    """Find where the MIME structure first exceeds the depth or part limits.

    Delimiter lines are matched against the boundaries declared anywhere in the message;
    a boundary seen for the first time opens a nested multipart (it can only appear
    inside its parent), so a stack of open boundaries gives the nesting depth without
    parsing. The count of message/rfc822 headers bounds forward-of-forward chains.
    """
    declared = {(m.group(1) or m.group(2)).rstrip(b" \t")
                for m in _BOUNDARY_PARAM_RE.finditer(raw, start)}
    cuts: list[_Cut] = []
    if declared:
        cut = _scan_delimiters(raw, start, declared, limits)
        if cut:
            cuts.append(cut)
    rfc = [m.start() for m in _RFC822_RE.finditer(raw, start)]
    if len(rfc) > limits.max_messages:
        cuts.append(_Cut(rfc[limits.max_messages],
                         f"more than {limits.max_messages} attached messages (message/*);"
                         " the rest were not read", False))
    return min(cuts, key=lambda c: c.at) if cuts else None


def _scan_delimiters(raw: bytes, start: int, declared: set[bytes], limits: Limits) -> _Cut | None:
    stack: list[bytes] = []
    parts = 0
    for m in _DELIM_LINE_RE.finditer(raw, start):
        line = m.group(1).rstrip(b" \t")
        closing = False
        if line in declared:
            b = line
        elif line.endswith(b"--") and line[:-2] in declared:
            b, closing = line[:-2], True
        else:
            continue
        if b in stack:
            del stack[stack.index(b) + 1:]
            if closing:
                stack.pop()
            else:
                parts += 1
        elif not closing:
            stack.append(b)
            parts += 1
            if len(stack) > limits.max_depth:
                return _Cut(m.start(), f"MIME nesting deeper than {limits.max_depth} levels",
                            True)
        if parts > limits.max_parts:
            return _Cut(m.start(), f"more than {limits.max_parts} MIME parts", True)
    return None


# --------------------------------------------------------------------------------------
# Parsing with compat32, header values untouched
# --------------------------------------------------------------------------------------


class _RawPolicy(Compat32):
    """compat32 that returns header values as stored (str, 8-bit as surrogates)."""

    def header_fetch_parse(self, name: str, value: str) -> Any:
        return value


_POLICY = _RawPolicy()


def load_message(raw: bytes, limits: Limits | None = None) -> LoadedMessage:
    """Decode `raw` into a LoadedMessage. Never raises on bad input: it warns instead."""
    return _load_raw(raw, limits or Limits(), depth=0)


def _load_raw(raw: bytes, limits: Limits, depth: int) -> LoadedMessage:
    out = LoadedMessage()
    try:
        _fill(out, raw, limits, depth)
    except RecursionError:
        _hit(out, "message structure too deep to parse (RecursionError)")
    except MemoryError:
        _hit(out, "message too large to parse (MemoryError)")
    except Exception as exc:  # hostile input must never crash the daemon (H27)
        _hit(out, f"message could not be parsed ({type(exc).__name__})")
    # Warnings quote header and parameter text: make them printable, valid UTF-8 lines.
    out.warnings = [_printable_line(w) for w in out.warnings]
    out.limit_hit = _printable_line(out.limit_hit) if out.limit_hit else None
    return out


def _printable_line(text: str) -> str:
    return clean_text(text.encode("utf-8", "replace").decode("utf-8"), 500)


def _hit(out: LoadedMessage, reason: str) -> None:
    # Also a warning, so any consumer that only prints warnings still says what was wrong.
    out.warnings.append(reason)
    if out.limit_hit is None:
        out.limit_hit = reason


def _fill(out: LoadedMessage, raw: bytes, limits: Limits, depth: int) -> None:
    if not raw.strip():
        _hit(out, "not a message: empty input")
        return
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        _hit(out, "not a message: an Outlook .msg (OLE) file")
        return
    scan = scan_headers(raw, limits.max_headers, limits.max_header_bytes)
    if not scan.fields:
        _hit(out, "not a message: no header fields")
    _fill_headers(out, scan.fields, limits)
    if scan.problem:
        _hit(out, scan.problem)
        return
    if scan.bad_spans:
        # email's parser would start the body at such a line; we skip it instead, so
        # the fields seen here and by the owner check are the ones the body parse sees.
        out.warnings.append(f"{len(scan.bad_spans)} header line(s) without a colon ignored")
        raw = _drop_spans(raw, scan.bad_spans)
    if len(raw) > limits.max_bytes:
        _hit(out, f"message is {len(raw)} bytes, over the {limits.max_bytes}-byte limit")
        return
    lines = max(raw.count(b"\n"), raw.count(b"\r"))
    if lines > limits.max_lines:
        _hit(out, f"message has {lines} lines, over the {limits.max_lines}-line limit")
        return
    cut = _scan_structure(raw, 0, limits)
    if cut is not None:
        raw = raw[: cut.at]
        if cut.is_limit:
            _hit(out, cut.reason)
        else:
            out.warnings.append(cut.reason)
    msg = email.message_from_bytes(raw, policy=_POLICY)
    _Walker(out, limits, depth).walk(msg)


def _drop_spans(raw: bytes, spans: list[tuple[int, int]]) -> bytes:
    pieces, pos = [], 0
    for start, end in spans:
        pieces.append(raw[pos:start])
        pos = end
    pieces.append(raw[pos:])
    return b"".join(pieces)


def _fill_headers(out: LoadedMessage, fields: list[tuple[str, bytes]], limits: Limits) -> None:
    w = out.warnings
    out.from_mailboxes = _address_field(header_values(fields, "From"), limits, w, "From")
    out.to = _address_field(header_values(fields, "To"), limits, w, "To")
    out.cc = _address_field(header_values(fields, "Cc"), limits, w, "Cc")
    out.reply_to = _address_field(header_values(fields, "Reply-To"), limits, w, "Reply-To")
    out.delivered_to = [a for name in ("Delivered-To", "X-Original-To")
                        for a in _address_field(header_values(fields, name), limits, [], name)]
    subjects = header_values(fields, "Subject")
    if len(subjects) > 1:
        w.append(f"{len(subjects)} Subject fields; the first is used")
    if subjects:
        text = decode_words(_field_text(subjects[0], limits, w, "Subject"), w, "Subject")
        out.subject = clean_text(text, 998) or None
    ids = header_values(fields, "Message-ID")
    if len(ids) > 1:
        w.append(f"{len(ids)} Message-ID fields; the first is used")
    if ids:
        out.message_id = clean_text(raw_header_text(ids[0][:998], w, "Message-ID")) or None
    dates = header_values(fields, "Date")
    if len(dates) > 1:
        w.append(f"{len(dates)} Date fields; the first is used")
    if not dates:
        w.append("no Date field")
    else:
        out.date = parse_date(raw_header_text(dates[0][:200], w, "Date"), w)


def parse_date(value: str, warnings: list[str]) -> dt.datetime | None:
    """An RFC 5322 date as a tz-aware datetime in its own offset; None with a warning."""
    shown = clean_text(value, 60)
    try:
        t = email.utils.parsedate_tz(value)
        if t is None:
            raise ValueError("unparseable")
        offset = t[9]
        if offset is None:
            warnings.append(f"Date {shown!r} has no usable zone; read as UTC")
            offset = 0
        tz = dt.timezone(dt.timedelta(seconds=offset))
        when = dt.datetime(*t[:6], tzinfo=tz)
    except (ValueError, TypeError, OverflowError, IndexError):
        warnings.append(f"Date {shown!r} is not a valid date; ignored")
        return None
    if not 1970 <= when.year <= 2200:
        warnings.append(f"Date {shown!r} is outside 1970-2200; ignored")
        return None
    return when


# --------------------------------------------------------------------------------------
# Walking the parts
# --------------------------------------------------------------------------------------

_VCARD_TYPES = {"text/vcard", "text/x-vcard", "text/directory"}


class _Walker:
    """Collects text, HTML, vCards, images and attached messages from one message."""

    def __init__(self, out: LoadedMessage, limits: Limits, depth: int) -> None:
        self.out, self.limits, self.depth = out, limits, depth
        self.plain: list[str] = []
        self.html: list[str] = []

    def walk(self, msg: email.message.Message) -> None:
        self._part(msg)
        self._finish_text()

    def _part(self, part: email.message.Message) -> None:
        ctype = _content_type(part)
        if part.is_multipart() and ctype.startswith("multipart/"):
            kids = part.get_payload()
            if isinstance(kids, list):
                for kid in kids:
                    if isinstance(kid, email.message.Message):
                        self._part(kid)
            return
        if ctype in ("message/rfc822", "message/global") and part.is_multipart():
            self._attached(part)
            return
        filename = _filename(part, self.out.warnings)
        try:
            data = _payload_bytes(part, ctype, self.out.warnings)
        except Exception:
            self.out.warnings.append(f"undecodable {ctype} part skipped")
            return
        payload = data
        disposition = (part.get("Content-Disposition") or "").split(";", 1)[0].strip().lower()
        is_attachment = disposition == "attachment" or filename is not None
        if is_attachment or not ctype.startswith("text/"):
            self.out.attachments.append(Attachment(filename, ctype, len(payload)))
        self._leaf(part, ctype, payload, filename, is_attachment)

    def _leaf(self, part: email.message.Message, ctype: str, payload: bytes,
              filename: str | None, is_attachment: bool) -> None:
        name = (filename or "").lower()
        if ctype in _VCARD_TYPES or name.endswith(".vcf"):
            self._vcard(part, payload)
        elif ctype.startswith("image/"):
            self._image(payload)
        elif ctype in ("message/rfc822", "message/global") or name.endswith(".eml"):
            self._attached_raw(payload)
        elif ctype == "text/plain" and not is_attachment:
            self.plain.append(self._text(part, payload, "text/plain part"))
        elif ctype == "text/html" and not is_attachment:
            self.html.append(self._text(part, payload, "text/html part"))
        elif ctype.startswith("multipart/") and not is_attachment:
            self.out.warnings.append(f"{ctype} without a usable boundary; read as text")
            self.plain.append(self._text(part, payload, ctype))

    def _text(self, part: email.message.Message, payload: bytes, what: str) -> str:
        charset = _param(part, "charset")
        text = decode_bytes(payload, charset, self.out.warnings, what)
        if len(text) > self.limits.max_text_chars:
            self.out.warnings.append(f"{what} longer than {self.limits.max_text_chars} "
                                     "characters; truncated")
            text = text[: self.limits.max_text_chars]
        text = _TEXT_CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
        return _CID_PLACEHOLDER_RE.sub("", text) if "cid:" in text else text

    def _vcard(self, part: email.message.Message, payload: bytes) -> None:
        if len(self.out.vcards) >= self.limits.max_vcards:
            self.out.warnings.append(f"more than {self.limits.max_vcards} vCards; rest ignored")
            return
        if len(payload) > self.limits.max_vcard_bytes:
            self.out.warnings.append("vCard attachment too large; ignored")
            return
        charset = _param(part, "charset") or "utf-8"
        self.out.vcards.append(decode_bytes(payload, charset, self.out.warnings, "vCard"))

    def _image(self, payload: bytes) -> None:
        if len(self.out.images) >= self.limits.max_images:
            self.out.warnings.append(f"more than {self.limits.max_images} images; rest ignored")
        elif len(payload) > self.limits.max_image_bytes:
            self.out.warnings.append("image attachment too large; ignored")
        elif payload:
            self.out.images.append(payload)

    def _attached(self, part: email.message.Message) -> None:
        inner = part.get_payload()
        if not isinstance(inner, list) or not inner:
            return
        sub = inner[0]
        if not isinstance(sub, email.message.Message):
            return
        if not self._room_for_message():
            return
        loaded = LoadedMessage()
        try:
            raw_fields = [(str(n), _surrogate_bytes(str(v))) for n, v in sub.items()]
            _fill_headers(loaded, raw_fields, self.limits)
            _Walker(loaded, self.limits, self.depth + 1).walk(sub)
        except RecursionError:
            _hit(loaded, "attached message structure too deep (RecursionError)")
        except Exception as exc:
            loaded.warnings.append(f"attached message could not be read ({type(exc).__name__})")
        self.out.attached_messages.append(loaded)

    def _attached_raw(self, payload: bytes) -> None:
        if payload and self._room_for_message():
            self.out.attached_messages.append(_load_raw(payload, self.limits, self.depth + 1))

    def _room_for_message(self) -> bool:
        if self.depth + 1 > self.limits.max_depth:
            self.out.warnings.append(f"attached messages nested deeper than "
                                     f"{self.limits.max_depth} levels; inner ones ignored")
            return False
        return True

    def _finish_text(self) -> None:
        plain = "\n\n".join(t for t in self.plain if t.strip())
        html = "\n".join(self.html) if self.html else None
        self.out.html = html
        if plain:
            self.out.text = plain
        elif html is not None:
            self.out.text = html_to_text(html, self.limits.max_html_chars, self.out.warnings)


_TEXT_CONTROL_RE = rx.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]+")  # keeps \t and \n
# Outlook and Apple Mail write an inline image (a logo in the signature) into the plain text as
# "[cid:image001.png@01DCB5A3.7E2F9C10]" or "<cid:...>": a part's Content-ID, which looks like
# an email address but is nobody's
_CID_PLACEHOLDER_RE = rx.compile(r"[\[<]cid:[^\]>\s]{1,300}[\]>]", re.IGNORECASE)
_NOT_BASE64_RE = rx.compile(r"\S[ \t]+\S")  # base64 lines never hold inner spaces


def _payload_bytes(part: email.message.Message, ctype: str, warnings: list[str]) -> bytes:
    """The decoded body of a leaf part; text mislabelled as base64 is kept as written."""
    cte = str(part.get("Content-Transfer-Encoding") or "").strip().lower()
    if cte == "base64" and ctype.startswith("text/"):
        body = part.get_payload()
        if isinstance(body, str) and _NOT_BASE64_RE.search(body):
            warnings.append(f"{ctype} part labelled base64 is not base64; read as written")
            return body.encode("ascii", "surrogateescape")
    data = part.get_payload(decode=True)
    return data if isinstance(data, bytes) else b""


def _surrogate_bytes(value: str) -> bytes:
    return value.replace("\r", "").replace("\n", "").encode("utf-8", "surrogateescape")


_CTYPE_RE = rx.compile(r"[a-z0-9!#$&^_.+-]{1,64}/[a-z0-9!#$&^_.+-]{1,64}")


def _content_type(part: email.message.Message) -> str:
    try:
        ctype = part.get_content_type().lower()
    except Exception:
        ctype = ""
    # RFC 2045 section 5.2: an invalid Content-Type is read as text/plain.
    return ctype if _CTYPE_RE.fullmatch(ctype) else "text/plain"


def _param(part: email.message.Message, name: str) -> str | None:
    try:
        value = part.get_param(name)
    except Exception:
        return None
    if isinstance(value, tuple):
        value = email.utils.collapse_rfc2231_value(value)
    return value if isinstance(value, str) else None


def _filename(part: email.message.Message, warnings: list[str]) -> str | None:
    try:
        name = part.get_filename()
    except Exception:
        warnings.append("unreadable attachment filename")
        return None
    if name is None:
        return None
    name = _surrogate_bytes(name).decode("utf-8", "replace")
    return clean_text(decode_words(name, warnings, "attachment filename"), 255) or None


def header_subject(header: bytes) -> str | None:
    """The decoded, one-line Subject of a header block (for listings and logs of mail that
    is not parsed as a note: a stranger's, or one over the size limit)."""
    scan = scan_headers(header)
    subjects = header_values(scan.fields, "Subject")
    if not subjects:
        return None
    warnings: list[str] = []
    text = decode_words(raw_header_text(subjects[0][:998], warnings, "Subject"), warnings,
                        "Subject")
    return clean_text(text, 200) or None

"""Finding a forwarded (or quoted) message inside a note's text, in many clients and languages."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from followup.parsing import forward_labels as fl
from followup.parsing import rx
from followup.parsing.forward_dates import parse_header_date


@dataclass(frozen=True)
class ForwardSplit:
    """A note's text cut at the outermost forwarded block."""

    above: str  # the owner's own words above the block
    from_name: str | None
    from_addr: str | None
    subject: str | None
    date: str | None  # ISO 8601 with the header's offset (or the outer Date's when none printed)
    to: tuple[tuple[str, str], ...] = ()
    cc: tuple[tuple[str, str], ...] = ()
    body: str = ""  # the forwarded message's own text, below its header block
    is_reply: bool = False  # a quoted reply ("On ... wrote:"), not a forward


@dataclass
class _Block:
    """Header fields read from a forwarded header block, and where the block ends."""

    fields: dict[str, str]
    end: int  # index of the first line after the block


_MD_ESCAPE_RE = rx.compile(r"^([ \t>]*)\\(?=[-_=*])", re.MULTILINE)
_TABLE_RULE_RE = rx.compile(r"^[\s|:-]*\|[\s|:-]*$")
_QUOTE_RE = rx.compile(r"^[ \t]*((?:>[ \t]?)+)")
_SEP_STRIP = " \t-_=*>:：\\|"
_YAHOO_SEP_RE = rx.compile(r"^\s*-{2,}\s*(?P<phrase>[^-\s][^-]{0,80})-{2,}\s*(?P<rest>\S.*)$")
_DASHED_RE = rx.compile(r"^\s*-{2,}\s*(?P<phrase>[^-\s][^-]{2,59}?)\s*-{2,}\s*$")
_MAX_MAILBOX_CHARS = 2000  # longer From/To values are not real headers; bounds regex work
_MAX_LINE_CHARS = 4000
_UNDERSCORE_RE = rx.compile(r"^\s*_{8,}\s*$")
_ADDR = r"[^\s<>()\[\]@,;:\"]+@[^\s<>()\[\]@,;:\"]+\.[^\s<>()\[\]@,;:\"]+"
_ANGLE_ADDR_RE = rx.compile(rf"<\s*(?:mailto:)?({_ADDR})\s*>", re.IGNORECASE)
_PAREN_ADDR_RE = rx.compile(rf"\(\s*<?\s*(?:mailto:)?({_ADDR})\s*>?\s*\)", re.IGNORECASE)
_BRACKET_ADDR_RE = rx.compile(rf"\[\s*mailto:\s*({_ADDR})\s*\]", re.IGNORECASE)
_BARE_ADDR_RE = rx.compile(rf"(?<![\w.+-])({_ADDR})")
_MD_LINK_RE = rx.compile(r"\[([^\]]*)\]\((?:mailto:)?([^)\s]*)\)")
_MAILTO_TAIL_RE = rx.compile(r"<mailto:[^>]*>", re.IGNORECASE)
_ON_BEHALF_RE = rx.compile(
    r"\s+(?:on behalf of|im auftrag von|au nom de|en nombre de|per conto di|namens|em nome de)"
    r"\b.*$",
    re.IGNORECASE,
)
_NAME_QUOTES = "\"'«»„“”‘’‚ \t*,;:()"
_DIGIT_TOKEN_RE = rx.compile(r"^.*\d\S*\s+", re.DOTALL)
# An attribution line names an address, a time of day or a year ("On 5/12 she wrote:" in the
# owner's own words has none of them).
_TIME_OR_YEAR_RE = rx.compile(r"\d{1,2}[:.]\d{2}|(?<!\d)(?:19|20)\d{2}(?!\d)")
# Tags a mail gateway puts before the prefix: "[EXTERNAL] FW: ..."
_SUBJECT_TAGS_RE = rx.compile(r"^\s*(?:\[[^\]]{1,30}\]\s*)+(?=\S+\s*[:：])")
_CONTROL_RE = rx.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_FORWARDING_WORDS = rx.compile(
    r"(?<!\w)(?:forwarding|fwd(?:ing)?|passing on|weitergeleitet|leite\w* (?:dir |ihnen )?"
    r"\w* ?weiter|je (?:te |vous )?transf[eè]re|transf[eé]r[ée]|reenv[ií]o|reenvío|"
    r"reencaminh\w*|encaminh\w*|inoltr\w*|doorgestuurd|stuur\w* (?:je |u )?\w* ?door|"
    r"videresend\w*|vidarebefordra\w*|przesyłam|przekazuję|reenvi[oa]\w*)(?!\w)",
    re.IGNORECASE,
)
_HR_MARKERS = ("šalje", "prima:", "proslijeđ", "započni", "naslov:")


def split_forward(
    text: str, outer_date: dt.datetime | None, outer_subject: str | None = None
) -> ForwardSplit | None:
    """Find the outermost forwarded block in `text`, or None when there is none.

    `outer_subject` (the note's own Subject) settles what the text alone cannot: Outlook
    prints the same header block above a reply as above a forward, and Outlook 2019 for Mac
    forwards with a reply-style "On <date>, <who> wrote:" line.
    """
    lines = _normalise(text).split("\n")
    action = _subject_action(outer_subject)
    offset = outer_date.utcoffset() if outer_date is not None else None
    for i, line in enumerate(lines):
        depth, core = _unquote(line)
        if not core.strip() or len(core) > _MAX_LINE_CHARS:
            continue
        found = _separator_at(lines, i, depth, core, action, offset)
        if found is not None:
            return found
        if _header_line(line) is not None:
            # A header block with no separator (Outlook): it may start with any label, but
            # it must name a sender and two of date, subject and recipient.
            block = _read_block(lines, i)
            known = sum(1 for f in (fl.DATE, fl.SUBJECT, fl.TO) if f in block.fields)
            if fl.FROM in block.fields and known >= 2:
                return _build(lines, i, block, depth, offset, is_reply=action == "reply")
        reply = _reply_at(lines, i)
        if reply is not None:
            return _from_attribution(lines, i, reply, depth, action, outer_subject, offset)
    return None


def quoted_message_by(first: ForwardSplit | None, ref: dt.datetime | None, addr: str,
                      limit: int = 4) -> ForwardSplit | None:
    """sig10: the first message quoted in a thread (replies and forwards, up to `limit` deep)
    that `addr` wrote: her earlier message, whose signature a short reply from her phone
    ("Tash / Sent from my iPhone") leaves out. `first` is the thread's first step, the
    caller's `split_forward(text, ref)` of the text above it (not split again here)."""
    found = first
    for step in range(1, limit + 1):
        if found is None or (found.from_addr or "").lower() == addr.lower():
            return found
        if step < limit:  # (the next step down, only while one is still looked at)
            found = split_forward(found.body, ref)
    return None


def _from_attribution(
    lines: list[str], i: int, reply: tuple[int, str], depth: int, action: str | None,
    outer_subject: str | None, offset: dt.timedelta | None,
) -> ForwardSplit:
    """A reply ("On <date>, <who> wrote:" at line `i`), or, under a forward subject, the
    forward Outlook 2019 for Mac writes that way: sender and date from the line, subject
    from the note's own subject."""
    end, attribution = reply
    above = "\n".join(lines[:i]).rstrip()
    body = _dequote("\n".join(lines[end:]), depth)
    name, addr = parse_mailbox(attribution)
    name = _name_from_attribution(name, addr)
    if action != "forward":
        # sig10: the quoted message's writer and her text, so that a thread can be followed
        # to her: Gmail quotes the text one level deeper than its "On ... wrote:" line
        inner = next((d for d, core in map(_unquote, lines[end:]) if core.strip()), depth)
        return ForwardSplit(above=above, from_name=clean_field(name) if addr else None,
                            from_addr=clean_field(addr), subject=None, date=None,
                            body=_dequote("\n".join(lines[end:]), max(depth, inner)),
                            is_reply=True)
    without = _ANGLE_ADDR_RE.sub(" ", _PAREN_ADDR_RE.sub(" ", attribution))
    return ForwardSplit(
        above=above, from_name=clean_field(name), from_addr=clean_field(addr),
        subject=clean_field(_strip_subject_prefix(outer_subject)),
        date=parse_header_date(without, (), offset), body=body,
    )


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    # Markdown-style HTML conversion escapes a leading dash ("\\---- Forwarded ...")
    return _MD_ESCAPE_RE.sub(r"\1", text)


def _unquote(line: str) -> tuple[int, str]:
    """(quote depth, the line without its '>' markers)."""
    m = _QUOTE_RE.match(line)
    if not m:
        return 0, line
    return m.group(1).count(">"), line[m.end():]


def _dequote(text: str, depth: int) -> str:
    if depth <= 0:
        return text
    out = []
    for line in text.split("\n"):
        d, core = _unquote(line)
        out.append(core if d <= depth else ">" * (d - depth) + " " + core)
    return "\n".join(out)


def _subject_action(subject: str | None) -> str | None:
    """"forward" / "reply" from the first prefix of the note's subject, else None."""
    if not subject:
        return None
    m = fl.SUBJECT_PREFIX_RE.match(_SUBJECT_TAGS_RE.sub("", subject))
    if not m:
        return None
    prefix = m.group(1).casefold().rstrip(".")
    if prefix in fl.FORWARD_PREFIXES:
        return "forward"
    if prefix in fl.REPLY_PREFIXES:
        return "reply"
    return None


def _strip_subject_prefix(subject: str | None) -> str | None:
    if not subject:
        return None
    untagged = _SUBJECT_TAGS_RE.sub("", subject)
    m = fl.SUBJECT_PREFIX_RE.match(untagged)
    if m and m.group(1).casefold().rstrip(".") in fl.FORWARD_PREFIXES:
        subject = untagged[m.end():]
    return subject.strip() or None


def _separator_at(
    lines: list[str], i: int, depth: int, core: str, action: str | None,
    offset: dt.timedelta | None,
) -> ForwardSplit | None:
    """A forward separator line at `i` ("---- Forwarded message ----", "Begin forwarded...")."""
    phrase = fl.fold(core.strip(_SEP_STRIP))
    inline = ""
    known = phrase in fl.SEPARATOR_PHRASES
    if not known:
        m = _YAHOO_SEP_RE.match(core)
        if m and fl.fold(m.group("phrase")) in fl.SEPARATOR_PHRASES:
            phrase, inline, known = fl.fold(m.group("phrase")), m.group("rest"), True
    if not known and not (_UNDERSCORE_RE.match(core) or _DASHED_RE.match(core)):
        return None
    if inline:
        # Yahoo runs every field into the separator's line; an HTML table turned to text
        # puts only the first one there and the others below.
        block = _read_block(lines, i + 1)
        block.fields = {**block.fields, **_read_inline(inline)}
        if not block.fields.keys() - {fl.OTHER}:
            block.end = i + 1
    else:
        block = _read_block(lines, i + 1)
    if not known and fl.FROM not in block.fields:
        return None
    if known and not block.fields and fl.is_original_phrase(phrase):
        return None
    replyish = not known or fl.is_original_phrase(phrase)
    return _build(lines, i, block, depth, offset, is_reply=replyish and action == "reply")


def _build(
    lines: list[str], start: int, block: _Block, depth: int, offset: dt.timedelta | None,
    *, is_reply: bool,
) -> ForwardSplit:
    fields = block.fields
    above = "\n".join(lines[:start]).rstrip()
    # the owner's own words above a header block saying she passes the mail on make it a
    # forward, whatever prefix her client put on the subject ("RE:" over "Reencaminho ...")
    is_reply = is_reply and not _FORWARDING_WORDS.search(above[-400:])
    if block.fields and block.end > start:
        # Apple Mail and MailMate quote the header block under an unquoted separator
        depth = _unquote(lines[block.end - 1])[0]
    body = _dequote("\n".join(lines[block.end:]), depth).strip("\n")
    name, addr = parse_mailbox(fields.get(fl.FROM, ""))
    subject = fields.get(fl.SUBJECT, "").strip() or None
    date = None
    if fields.get(fl.DATE):
        block_text = fl.fold("\n".join(lines[start:block.end]))
        langs = ("hr",) if any(m in block_text for m in _HR_MARKERS) else ()
        date = parse_header_date(fields[fl.DATE], langs, offset)
    return ForwardSplit(
        above=above, from_name=clean_field(name), from_addr=clean_field(addr),
        subject=clean_field(subject), date=date,
        to=_mailbox_list(fields.get(fl.TO, "")), cc=_mailbox_list(fields.get(fl.CC, "")),
        body=body, is_reply=is_reply,
    )


def _has_label_colon(core: str) -> bool:
    """Cheap test before the label regex: labels are short, so a colon comes early."""
    head = core[:40]
    return ":" in head or "：" in head


def _header_line(line: str) -> tuple[str, str] | None:
    """(field, value) when `line` is one header line of a forwarded block."""
    _, core = _unquote(line)
    if not _has_label_colon(core):
        return None
    m = fl.HEADER_LINE_RE.match(core)
    if not m:
        return None
    field = fl.LABEL_FIELD.get(fl.fold(m.group("label")))
    if field is None:
        return None
    return field, _unemphasise(m.group("value").strip())


def opens_quoted_header(lines: list[str], i: int) -> bool:
    """sig9: "De : Julien <j@x> / Envoyé : ... / À : ...": an Outlook reply quotes the message
    it answers under a header block of its own, without ">"; its From line followed by a
    date, To or Subject line ends the reply (and its writer's signature) above it."""
    head = _header_line(lines[i]) if i < len(lines) else None
    if head is None or head[0] != fl.FROM or "@" not in head[1]:
        return False
    for line in lines[i + 1:i + 3]:
        nxt = _header_line(line)
        if nxt is not None:
            return nxt[0] in (fl.DATE, fl.TO, fl.SUBJECT)
    return False


def _unemphasise(value: str) -> str:
    """"**Foo Bar**" -> "Foo Bar" (Markdown bold from HTML); "***URGENT*** x" is kept."""
    m = re.fullmatch(r"(\*\*|__)(.+?)\1", value)
    if m and "**" not in m.group(2) and "__" not in m.group(2):
        return m.group(2).strip()
    return value


def _is_blank(line: str) -> bool:
    core = _unquote(line)[1]
    return not core.strip() or bool(_TABLE_RULE_RE.match(core))


def _read_block(lines: list[str], start: int) -> _Block:
    """Read consecutive header lines from `start` (after up to a few blank lines)."""
    n = len(lines)
    i = start
    skipped = 0
    while i < n and _is_blank(lines[i]) and skipped < 4:
        i += 1
        skipped += 1
    fields: dict[str, str] = {}
    last: str | None = None
    while i < n:
        hdr = _header_line(lines[i])
        if hdr is not None:
            field, value = hdr
            if field in fields and field != fl.OTHER:
                break
            i += 1
            if not value and i < n and not _is_blank(lines[i]) and _header_line(lines[i]) is None:
                # HTML tables turned to text put the value on the line after its label
                after = i + 1
                if after >= n or _is_blank(lines[after]) or _header_line(lines[after]) is not None:
                    value = _unquote(lines[i])[1].strip()
                    i += 1
            fields[field] = value
            last = field
            continue
        if not fields:
            break
        resume = _next_header(lines, i, fields)
        if resume is None:
            break
        if last is not None and not all(_is_blank(lines[k]) for k in range(i, resume)):
            extra = " ".join(_unquote(lines[k])[1].strip() for k in range(i, resume))
            fields[last] = (fields[last] + " " + extra.strip()).strip()
        i = resume
    if not fields:
        return _Block(fields={}, end=start)
    return _Block(fields=fields, end=i)


def _next_header(lines: list[str], i: int, seen: dict[str, str]) -> int | None:
    """Index of the next header line within 3 lines of `i` that continues the block."""
    for k in range(i, min(i + 4, len(lines))):
        hdr = _header_line(lines[k])
        if hdr is not None:
            return k if hdr[0] not in seen else None
    return None


def _read_inline(text: str) -> dict[str, str]:
    """Yahoo's run-together header fields: "From: a <x>To: b <y>Sent: ...Subject: ..."."""
    marks = [(m.start(), m.end(), fl.LABEL_FIELD.get(fl.fold(m.group("label"))))
             for m in fl.INLINE_LABEL_RE.finditer(text)]
    fields: dict[str, str] = {}
    for k, (_, end, field) in enumerate(marks):
        stop = marks[k + 1][0] if k + 1 < len(marks) else len(text)
        if field and field not in fields:
            fields[field] = text[end:stop].strip(" \t|")
    if fl.SUBJECT not in fields and fl.DATE in fields:
        # a label printed without its colon ("CETAssunto Integer ...")
        date = fields[fl.DATE]
        found = list(fl.INLINE_SUBJECT_RE.finditer(date))
        if found:
            sm = found[-1]
            fields[fl.DATE] = date[:sm.start()].strip()
            fields[fl.SUBJECT] = date[sm.end():].strip()
    return fields


def _reply_at(lines: list[str], i: int) -> tuple[int, str] | None:
    """(index after the attribution line(s), their text) for "On ..., X wrote:" at `i`."""
    first = _unquote(lines[i])[1].strip()
    if len(first) > 300:
        return None
    if not first.endswith((":", "：")) and not fl.REPLY_OPENER_RE.match(first):
        return None
    window = first
    for size in (1, 2, 3):
        if size > 1:
            if i + size - 1 >= len(lines) or not fl.REPLY_OPENER_RE.match(first):
                return None
            window = window + " " + _unquote(lines[i + size - 1])[1].strip()
        if (window.endswith((":", "：")) and fl.REPLY_VERB_RE.search(window)
                and ("@" in window or _TIME_OR_YEAR_RE.search(window))):
            return i + size, window
    return None


def parse_mailbox(value: str) -> tuple[str, str | None]:
    """(display name as written, addr-spec or None) from a printed From value."""
    value = value[:_MAX_MAILBOX_CHARS]
    v = _MD_LINK_RE.sub(lambda m: m.group(1) if "@" in m.group(1) else m.group(2), value)
    v = _MAILTO_TAIL_RE.sub("", v) if "<mailto:" in v.lower() and v.count("<") > 1 else v
    v = _ON_BEHALF_RE.sub("", v).strip()
    v = v.replace("**", "")
    for addr_re in (_ANGLE_ADDR_RE, _BRACKET_ADDR_RE, _PAREN_ADDR_RE):
        m = addr_re.search(v)
        if m:
            addr = m.group(1)
            name = v[:m.start()].strip(_NAME_QUOTES + "<([")
            if not name:
                name = v[m.end():].strip(_NAME_QUOTES)
            return _clean_name(name, addr), addr.lower()
    m = _BARE_ADDR_RE.search(v)
    if m:
        addr = m.group(1)
        name = (v[:m.start()] + v[m.end():]).strip(_NAME_QUOTES + "<>[]")
        return _clean_name(name, addr), addr.lower()
    return v.strip(_NAME_QUOTES), None


def clean_field(value: str | None) -> str | None:
    """A header value safe to show or copy: C0/C1 controls and line separators become
    spaces and runs of whitespace collapse (a name must never carry a line break)."""
    if value is None:
        return None
    return " ".join(_CONTROL_RE.sub(" ", value).split()) or None


def _clean_name(name: str, addr: str) -> str:
    name = name.strip(_NAME_QUOTES)
    if "@" in name and name.strip("<>'\" ").casefold() == addr.casefold():
        return ""
    return name


def _name_from_attribution(name: str, addr: str | None) -> str:
    """The sender's name in a reply line, without the date and the joining words before it."""
    if addr is None:
        return name
    stripped = _DIGIT_TOKEN_RE.sub("", name) if re.search(r"\d", name) else name
    words = stripped.split()
    while words and fl.fold(words[0]) in fl.REPLY_CONNECTORS:
        words.pop(0)
    if words and re.match(r"^(On|Am|Le|El|Il|Op|Em|Den|Dne|Dnia)$", words[0]):
        words.pop(0)
    return " ".join(words).strip(_NAME_QUOTES)


def _mailbox_list(value: str) -> tuple[tuple[str, str], ...]:
    """Recipients of a To/Cc value; commas and semicolons inside <...> or quotes kept."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    quoted = False
    for ch in value[:_MAX_MAILBOX_CHARS]:
        if ch == '"':
            quoted = not quoted
        elif ch == "<" and not quoted:
            depth += 1
        elif ch == ">" and not quoted and depth:
            depth -= 1
        elif ch in ",;" and not quoted and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    out: list[tuple[str, str]] = []
    for part in parts:
        name, addr = parse_mailbox(part)
        if addr:
            out.append((name, addr))
    return tuple(out)

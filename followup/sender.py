"""Who sent a message, as far as we may trust it: the owner check and automatic-mail detection.

Pure functions over raw header bytes. Identity rests on exactly one From mailbox, parsed by
the strict RFC 5322 parser in `followup.parsing.addresses` (never `email.utils.parseaddr` or
`getaddresses`: Python 3.11.7 mis-splits crafted fields, CVE-2023-27043), compared as an
exact addr-spec, and, when an authserv-id is configured, on the verdict our own MX wrote in
the topmost Authentication-Results field carrying that id (RFC 8601 section 5).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from followup.parsing.addresses import AddressError, Mailbox, parse_mailbox_list
from followup.parsing.charsets import clean_text
from followup.parsing.headers import HeaderScan, header_values, scan_headers

# Generous for real mail (Received chains, ARC sets) yet bounded for hostile mail.
_MAX_FIELDS = 1000
_MAX_HEADER_BYTES = 256 * 1024
_CONTROL_RE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


@dataclass(frozen=True)
class Verdict:
    """Whether a message is the owner's, and why (the reason is shown to the owner)."""

    accepted: bool
    reason: str
    address: str | None = None  # the single From addr-spec, lower-cased, when readable

    def __bool__(self) -> bool:
        return self.accepted


def owner_verdict(header_bytes: bytes, owner_addresses: Sequence[str],
                  authserv_id: str | None) -> Verdict:
    """Accept only a message with one From mailbox that is an owner address (and, with an
    authserv-id, that our MX authenticated).

    Addresses are compared whole and lower-cased, local part included: mail providers
    treat local parts case-insensitively in practice, and a differently-cased copy of the
    owner's address is no more an attacker's than the original. A quoted local part
    (`"olivia"@...`) is compared with its quotes, so it never matches.
    """
    return _verdict(scan_headers(header_bytes, _MAX_FIELDS, _MAX_HEADER_BYTES),
                    owner_addresses, authserv_id)


def not_a_note(header_bytes: bytes, owner_addresses: Sequence[str],
               authserv_id: str | None) -> str | None:
    """Why a message is not to be read as a note (`owner_verdict`, then `is_automatic`
    without owner addresses), or None; the header is scanned once for both."""
    scan = scan_headers(header_bytes, _MAX_FIELDS, _MAX_HEADER_BYTES)
    verdict = _verdict(scan, owner_addresses, authserv_id)
    if not verdict.accepted:
        return verdict.reason
    return _automatic(scan, ())


def _verdict(scan: HeaderScan, owner_addresses: Sequence[str],
             authserv_id: str | None) -> Verdict:
    if scan.problem:
        return Verdict(False, f"header section not readable: {scan.problem}")
    mailbox = _single_from(scan)
    if isinstance(mailbox, str):
        return Verdict(False, mailbox)
    address = mailbox.addr_spec.lower()
    if address not in _owner_set(owner_addresses):
        return Verdict(False, f"not from an owner address: {clean_text(address, 200)}", address)
    if authserv_id is None:
        return Verdict(True, f"from owner address {address}", address)
    problem = _authentication_problem(scan, authserv_id, mailbox.domain.lower())
    if problem:
        return Verdict(False, problem, address)
    return Verdict(True, f"from owner address {address}, authenticated by {authserv_id}",
                   address)


def _owner_set(owner_addresses: Sequence[str]) -> set[str]:
    # Lower-cased whole: see owner_verdict for why the local part is folded too.
    return {a.strip().lower() for a in owner_addresses if a.strip()}


def _single_from(scan: HeaderScan) -> Mailbox | str:
    """The one From mailbox, or the reason there is not exactly one valid one."""
    values = header_values(scan.fields, "From")
    if not values:
        return "no From field"
    if len(values) > 1:
        return f"{len(values)} From fields"
    try:
        text = values[0].decode("utf-8")
    except UnicodeDecodeError:
        return "From field is not valid UTF-8"
    if _CONTROL_RE.search(text):
        return "control characters in the From field"
    try:
        boxes = parse_mailbox_list(text, strict=True, max_count=2)
    except AddressError as exc:
        return f"malformed From field: {exc}"
    if len(boxes) != 1:
        return "two From mailboxes" if len(boxes) == 2 else "no mailbox in the From field"
    return boxes[0]


# --------------------------------------------------------------------------------------
# Authentication-Results (RFC 8601)
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Result:
    method: str
    result: str
    props: dict[str, str]


def _authentication_problem(scan: HeaderScan, authserv_id: str,
                            from_domain: str) -> str | None:
    """None when our MX's topmost result shows DMARC pass or an aligned DKIM pass.

    Only the topmost field with our authserv-id counts: our MX adds its own above
    everything the sender wrote, and fields with other ids (or ARC-Authentication-Results,
    which are a different field) are claims by whoever relayed the message.
    """
    wanted = authserv_id.strip().lower()
    for value in header_values(scan.fields, "Authentication-Results"):
        parsed = parse_authentication_results(value)
        if parsed is None or parsed[0] != wanted:
            continue
        return _judge(parsed[1], authserv_id, from_domain)
    return f"no Authentication-Results from {authserv_id}"


def _judge(results: list[_Result], server: str, from_domain: str) -> str | None:
    dmarc = [r for r in results if r.method == "dmarc"]
    for r in dmarc:
        header_from = r.props.get("header.from", from_domain).lower()
        if r.result == "pass" and header_from == from_domain:
            return None
    failing = [r.result for r in dmarc if r.result not in ("none", "pass")]
    if failing:
        return f"Authentication-Results from {server} says dmarc={failing[0]}"
    for r in results:
        if r.method == "dkim" and r.result == "pass" and _dkim_aligned(r, from_domain):
            return None
    return (f"Authentication-Results from {server} shows neither dmarc=pass nor a dkim=pass "
            f"aligned with {from_domain}")


def _dkim_aligned(result: _Result, from_domain: str) -> bool:
    signer = result.props.get("header.d") or result.props.get("header.i", "").rpartition("@")[2]
    return aligned(signer, from_domain)


def aligned(signer: str, from_domain: str) -> bool:
    """DMARC-style relaxed alignment approximated without a public-suffix list: equal
    domains, or one a subdomain of the other, and the signer has at least two labels (so
    a bare TLD never aligns). A public suffix such as co.uk as signer would still align.
    """
    d, f = signer.strip().lower().rstrip("."), from_domain.strip().lower().rstrip(".")
    if not d or not f or "." not in d:
        return False
    return d == f or f.endswith("." + d) or d.endswith("." + f)


def parse_authentication_results(value: bytes) -> tuple[str, list[_Result]] | None:
    """(authserv-id lower-cased, results) of one field, or None when it is malformed."""
    try:
        text = _strip_comments(value.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    segments = _split_outside_quotes(text, ";")
    head = segments[0].split()
    if not head:
        return None
    results: list[_Result] = []
    for seg in segments[1:]:
        words = _split_outside_quotes(re.sub(r"\s*=\s*", "=", seg.strip()), " ")
        words = [w for w in words if w]
        if not words or "=" not in words[0]:
            continue  # "none", or garbage we cannot use
        method, _, result = words[0].partition("=")
        props: dict[str, str] = {}
        for w in words[1:]:
            key, sep, val = w.partition("=")
            if sep and "." in key:
                props.setdefault(key.lower(), val.strip('"'))
        results.append(_Result(method.split("/", 1)[0].lower(), result.lower(), props))
    return head[0].strip('"').lower(), results


def _strip_comments(text: str) -> str:
    out: list[str] = []
    depth, quoted, i = 0, False, 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and (quoted or depth):
            if not depth:
                out.append(text[i:i + 2])
            i += 2
            continue
        if depth:
            depth += {"(": 1, ")": -1}.get(ch, 0)
        elif ch == '"':
            quoted = not quoted
            out.append(ch)
        elif ch == "(" and not quoted:
            depth = 1
            out.append(" ")
        else:
            out.append(ch)
        i += 1
    if depth or quoted:
        raise ValueError("unbalanced comment or quote")
    return "".join(out)


def _split_outside_quotes(text: str, sep: str) -> list[str]:
    parts: list[str] = []
    cur: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == sep and not quoted:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


# --------------------------------------------------------------------------------------
# Automatic mail
# --------------------------------------------------------------------------------------

_MAILER_DAEMONS = {"mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"}


def is_automatic(header_bytes: bytes, owner_addresses: Sequence[str] = ()) -> str | None:
    """Why the message is a bounce, an auto-reply, list mail or our own draft; None for
    mail a person may have written (RFC 3834, RFC 2369/2919, RFC 6522).

    List-Id counts only when the From is not an owner address (with no owner addresses
    given, every list message counts).
    """
    return _automatic(scan_headers(header_bytes, _MAX_FIELDS, _MAX_HEADER_BYTES),
                      owner_addresses)


def _automatic(scan: HeaderScan, owner_addresses: Sequence[str]) -> str | None:
    fields = scan.fields

    def first(name: str) -> str | None:
        values = header_values(fields, name)
        return values[0].decode("utf-8", "replace").strip() if values else None

    if first("X-Followup-Id") is not None:
        return "one of our own drafts (X-Followup-Id)"
    checks = (_auto_submitted(first("Auto-Submitted")), _precedence(first("Precedence")),
              _report(first("Content-Type")), _bounce(first("Return-Path"), first("From")),
              _autoreply_flags(fields), _list_mail(fields, first("From"), owner_addresses))
    return next((c for c in checks if c), None)


def _auto_submitted(value: str | None) -> str | None:
    if value is None:
        return None
    kind = value.split(";", 1)[0].strip().lower()
    return None if kind == "no" else f"Auto-Submitted: {clean_text(kind, 40) or '(empty)'}"


def _precedence(value: str | None) -> str | None:
    token = (value or "").strip().lower()
    return f"Precedence: {token}" if token in ("bulk", "list", "junk", "auto_reply") else None


def _report(value: str | None) -> str | None:
    ctype = (value or "").split(";", 1)[0].strip().lower()
    if ctype == "multipart/report":
        return "a delivery or feedback report (multipart/report)"
    if ctype in ("message/delivery-status", "message/disposition-notification"):
        return f"a delivery or read report ({ctype})"
    return None


def _bounce(return_path: str | None, from_value: str | None) -> str | None:
    if return_path is not None and re.fullmatch(r"<\s*>|", return_path.strip()):
        return "null Return-Path (a bounce or auto-reply)"
    local = _from_local_part(from_value)
    if local in _MAILER_DAEMONS:
        return f"from a mail system ({local})"
    return None


def _from_local_part(from_value: str | None) -> str | None:
    if not from_value:
        return None
    m = re.search(r"([A-Za-z0-9._+-]+)@", from_value)
    if m:
        return m.group(1).lower()
    bare = from_value.strip().lower()
    return bare if bare in _MAILER_DAEMONS else None


def _autoreply_flags(fields: list[tuple[str, bytes]]) -> str | None:
    for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Reply", "X-Failed-Recipients"):
        if header_values(fields, name):
            return f"{name} field present"
    return None


def _list_mail(fields: list[tuple[str, bytes]], from_value: str | None,
               owner_addresses: Sequence[str]) -> str | None:
    if not header_values(fields, "List-Id"):
        return None
    try:
        boxes = parse_mailbox_list(from_value or "", strict=True, max_count=2)
    except AddressError:
        boxes = []
    if len(boxes) == 1 and boxes[0].addr_spec.lower() in _owner_set(owner_addresses):
        return None
    return "mailing-list mail (List-Id) not from the owner"

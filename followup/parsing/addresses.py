"""A small RFC 5322 mailbox-list parser, strict or lenient (never email.utils, CVE-2023-27043).

Strict mode is what identity checks use (`followup.sender`): any defect raises AddressError.
Lenient mode is what reading a message uses: one hostile entry never hides the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from followup.parsing import rx
from followup.parsing.charsets import CONTROL_RE, clean_text, decode_words

_ADDR_TOKEN_RE = rx.compile(
    r"""(?P<ws>[ \t\r\n]+)
      | (?P<q>"(?:[^"\\]|\\.)*")
      | (?P<lit>\[(?:[^\[\]\\]|\\.)*\])
      | (?P<atom>[^\s()<>\[\]:;@\\,".]+|\.)
      | (?P<sp>[<>:;@,])
      | (?P<open>\()""",
    re.X | re.S,
)
_ATEXT_RE = rx.compile(r"[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\U0010ffff]+")


class AddressError(ValueError):
    """An address field that does not follow RFC 5322."""


@dataclass(frozen=True)
class Mailbox:
    """One mailbox: the decoded display name and the addr-spec as written."""

    name: str
    local: str
    domain: str

    @property
    def addr_spec(self) -> str:
        return f"{self.local}@{self.domain}"


def _tokenize_address(value: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos, end = 0, len(value)
    while pos < end:
        if value[pos] == "(":
            pos = _skip_comment(value, pos)
            tokens.append(("c", ""))
            continue
        m = _ADDR_TOKEN_RE.match(value, pos)
        if m is None:
            raise AddressError(f"unexpected {value[pos]!r} at {pos}")
        kind = m.lastgroup or ""
        if kind != "ws":
            text = m.group(0)
            if kind == "q":
                text = re.sub(r"\\(.)", r"\1", text[1:-1], flags=re.S)
            tokens.append((kind, text))
        pos = m.end()
    return tokens


def _skip_comment(value: str, pos: int) -> int:
    depth, i, end = 0, pos, len(value)
    while i < end:
        ch = value[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        elif ch == '"' and depth == 0:  # pragma: no cover - depth >= 1 inside
            break
        i += 1
    raise AddressError("unbalanced parenthesis in comment")


def parse_mailbox_list(value: str, strict: bool, warnings: list[str] | None = None,
                       what: str = "address", max_count: int = 100) -> list[Mailbox]:
    """Parse an address field into mailboxes.

    strict: any defect (group syntax, several angle addresses, encoded-word in the
    addr-spec, unbalanced quotes or brackets, routes, domain literals) raises
    AddressError. Lenient: groups are flattened and bad mailboxes are skipped with a
    warning, so one hostile entry does not hide the rest of a Cc list.
    """
    sink: list[str] = [] if warnings is None else warnings
    tokens = [t for t in _tokenize_address(value) if t[0] != "c"]
    out: list[Mailbox] = []
    for segment in _split_segments(tokens, strict):
        if not segment:
            continue
        if len(out) >= max_count:
            sink.append(f"{what}: more than {max_count} addresses; the rest ignored")
            break
        try:
            out.append(_parse_mailbox(segment, sink, what))
        except AddressError as exc:
            if strict:
                raise
            sink.append(f"{what}: skipped a malformed address ({exc})")
    return out


def _split_segments(tokens: list[tuple[str, str]],
                    strict: bool) -> Iterator[list[tuple[str, str]]]:
    segment: list[tuple[str, str]] = []
    angle = 0
    for tok in tokens:
        kind, text = tok
        if kind == "sp" and text == "<":
            angle += 1
        elif kind == "sp" and text == ">":
            angle -= 1
            if angle < 0:
                raise AddressError("unbalanced '>'")
        if angle == 0 and kind == "sp" and text in ",;":
            if text == ";" and strict:
                raise AddressError("group syntax is not allowed here")
            yield segment
            segment = []
        elif angle == 0 and kind == "sp" and text == ":":
            if strict:
                raise AddressError("group syntax is not allowed here")
            segment = []  # lenient: drop the group's display name
        else:
            segment.append(tok)
    if angle != 0:
        raise AddressError("unbalanced '<'")
    yield segment


def _parse_mailbox(segment: list[tuple[str, str]], warnings: list[str], what: str) -> Mailbox:
    opens = [i for i, (k, t) in enumerate(segment) if k == "sp" and t == "<"]
    if len(opens) > 1:
        raise AddressError("several <...> in one mailbox")
    if not opens:
        local, domain = _parse_addr_spec(segment)
        return Mailbox("", local, domain)
    i = opens[0]
    close = next((j for j in range(i, len(segment)) if segment[j] == ("sp", ">")), -1)
    if close != len(segment) - 1:
        raise AddressError("text after '>'")
    name_tokens = segment[:i]
    if any(k not in ("atom", "q") for k, _ in name_tokens):
        raise AddressError("special character in display name")
    local, domain = _parse_addr_spec(segment[i + 1:close])
    # Encoded-words inside quotes are not RFC 2047, but common MUAs write them: decode both.
    name = " ".join(decode_words(t, warnings, what) for _, t in name_tokens)
    return Mailbox(clean_text(name, 300), local, domain)


def _parse_addr_spec(tokens: list[tuple[str, str]]) -> tuple[str, str]:
    ats = [i for i, tok in enumerate(tokens) if tok == ("sp", "@")]
    if len(ats) != 1:
        raise AddressError("an address needs exactly one '@'")
    local_t, domain_t = tokens[:ats[0]], tokens[ats[0] + 1:]
    if not local_t or not domain_t:
        raise AddressError("empty local part or domain")
    if len(local_t) == 1 and local_t[0][0] == "q":
        local = local_t[0][1]
        if CONTROL_RE.search(local):
            raise AddressError("control character in quoted local part")
        local = '"' + local.replace("\\", "\\\\").replace('"', '\\"') + '"'
    else:
        local = _dot_atom(local_t)
    if len(domain_t) == 1 and domain_t[0][0] == "lit":
        raise AddressError("domain literals are not accepted")
    domain = _dot_atom(domain_t)
    if "=?" in local or "=?" in domain:
        raise AddressError("encoded-word inside an addr-spec")
    return local, domain


def _dot_atom(tokens: list[tuple[str, str]]) -> str:
    if any(k != "atom" for k, _ in tokens):
        raise AddressError("quoted or special text inside an addr-spec part")
    text = "".join(t for _, t in tokens)
    parts = text.split(".")
    if any(not p or not _ATEXT_RE.fullmatch(p) for p in parts):
        raise AddressError(f"malformed dot-atom {clean_text(text, 80)!r}")
    return text

"""Charset decoding of untrusted bytes (also a cut piece of a transfer-encoded part), RFC 2047
encoded-words, and one-line display text.

Nothing here raises on hostile input: every guess (unknown or unsafe charset, 8-bit bytes
where ASCII was declared, UTF-16 without a byte-order mark) is reported as a warning.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import functools
import quopri
import re

from followup.parsing import rx

_CHARSET_NAME_RE = rx.compile(r"[A-Za-z0-9._:+-]{1,40}")
_ENCODED_WORD_RE = rx.compile(r"=\?([^?\s]{1,60})\?([bBqQ])\?([^?\s]*)\?=")
_EW_GAP_RE = rx.compile(r"(\?=)[ \t\r\n]+(=\?)")
CONTROL_RE = rx.compile(r"[\x00-\x1f\x7f-\x9f]+")
_SPACES_RE = rx.compile(r"  +")


@functools.lru_cache(maxsize=256)
def _codec_for(charset: str) -> str | None:
    """The Python codec for a MIME charset name, or None when unknown or unsafe.

    UTF-7 is refused: it turns innocent-looking ASCII into '<script>' (H14), and
    non-text codecs (base64, rot13, zlib) are not charsets.
    """
    name = charset.strip().strip('"').split("*", 1)[0].lower()
    if not _CHARSET_NAME_RE.fullmatch(name):
        return None
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in ("utf-7", "utf_7"):
        return None
    return info.name


def decode_bytes(data: bytes, charset: str | None, warnings: list[str], what: str) -> str:
    """Decode `data` declared as `charset`; never raises, warns on every guess."""
    label = (charset or "us-ascii").strip().strip('"') or "us-ascii"
    codec = _codec_for(label)
    if codec is None:
        warnings.append(f"{what}: unknown or unsafe charset {_printable(label)!r}; read as UTF-8")
        return _guess_decode(data)
    if codec == "ascii":
        try:
            return data.decode("ascii")
        except UnicodeDecodeError:
            warnings.append(f"{what}: 8-bit bytes in a us-ascii part; read as UTF-8")
            return _guess_decode(data)
    if codec == "utf-16" and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = _utf16_order(data)
        warnings.append(f"{what}: UTF-16 without byte-order mark; guessed {codec}")
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        warnings.append(f"{what}: bytes invalid in {label}; replaced")
        return data.decode(codec, "replace")
    except Exception:  # some codecs raise odd errors on odd input
        warnings.append(f"{what}: cannot decode as {label}; read as UTF-8")
        return _guess_decode(data)


def _guess_decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _utf16_order(data: bytes) -> str:
    # ASCII-heavy text has its zero bytes at odd offsets in little-endian order.
    sample = data[:2000]
    return "utf-16-be" if sample[0::2].count(0) > sample[1::2].count(0) else "utf-16-le"


def _printable(s: str) -> str:
    return CONTROL_RE.sub("?", s)[:60]


def clean_text(s: str, limit: int | None = None) -> str:
    """One-line display text: control characters (CR, LF, NUL, ESC...) become spaces."""
    s = _SPACES_RE.sub(" ", CONTROL_RE.sub(" ", s.replace("\x00", ""))).strip()
    return s if limit is None else s[:limit]


def raw_header_text(value: bytes, warnings: list[str], what: str) -> str:
    """Header bytes to str: UTF-8 (RFC 6532) else Windows-1252, with a warning."""
    try:
        return value.decode("ascii")
    except UnicodeDecodeError:
        pass
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        warnings.append(f"{what}: raw 8-bit bytes that are not UTF-8; read as Windows-1252")
        return value.decode("cp1252", "replace")
    return text


def decode_words(text: str, warnings: list[str], what: str) -> str:
    """Decode RFC 2047 encoded-words; a bad one is left as written, with a warning."""
    if "=?" not in text:
        return text
    text = _EW_GAP_RE.sub(r"\1\2", text)  # whitespace between adjacent words is not text

    def one(m: re.Match[str]) -> str:
        charset, enc, payload = m.group(1), m.group(2).lower(), m.group(3)
        try:
            if enc == "b":
                data = codecs.decode((payload + "=" * (-len(payload) % 4)).encode("ascii"),
                                     "base64")
            else:
                data = _q_decode(payload)
        except Exception:
            warnings.append(f"{what}: malformed encoded-word kept as written")
            return m.group(0)
        return decode_bytes(data, charset, warnings, what)

    return _ENCODED_WORD_RE.sub(one, text)


def _q_decode(payload: str) -> bytes:
    raw = payload.replace("_", " ").encode("ascii", "replace")
    return re.sub(rb"=([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)


def decoded_text(data: bytes, transfer_encoding: str, charset: str | None) -> str:
    """A piece of a text part as a person reads it: its transfer encoding undone (a piece cut
    short may end inside a base64 group or a soft line break: that tail is dropped), then
    its charset. Never raises."""
    encoding = transfer_encoding.strip().lower()
    if encoding == "base64":
        compact = re.sub(rb"[^A-Za-z0-9+/=]", b"", data)
        try:
            data = base64.b64decode(compact[:len(compact) - len(compact) % 4])
        except (binascii.Error, ValueError):
            data = b""
    elif encoding == "quoted-printable":
        data = quopri.decodestring(data)
    return decode_bytes(data, charset, [], "auto-reply text")
